import { describe, expect, it } from 'vitest';
import { slugify } from './slug.ts';

describe('slugify', () => {
  it('folds accents and punctuation', () => {
    expect(slugify('Faut-il encore croire aux négociations ?')).toBe('faut-il-encore-croire-aux-negociations');
    expect(slugify('Œuvre & cœur : l’été')).toBe('oeuvre-coeur-l-ete');
  });
  it('cuts long titles at a word boundary', () => {
    expect(slugify('un deux trois quatre cinq', 12)).toBe('un-deux');
  });
  it('never returns an empty slug', () => {
    expect(slugify('???')).toBe('sans-titre');
  });
});
