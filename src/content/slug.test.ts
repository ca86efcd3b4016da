import { describe, expect, it } from 'vitest';
import { SLUG_RE, slugify } from './slug.ts';

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

describe('slugify in other scripts', () => {
  it('keeps Arabic letters and drops the vowel marks and the elongation stroke', () => {
    expect(slugify('بيروت: الحكومة تُقرّ الموازنة')).toBe('بيروت-الحكومة-تقر-الموازنة');
    expect(slugify('ســلام')).toBe('سلام');
  });
  it('keeps Arabic-Indic digits and mixes scripts with single hyphens', () => {
    expect(slugify('قمة G20 في ٢٠٢٦')).toBe('قمة-g20-في-٢٠٢٦');
  });
  it('keeps Greek and Cyrillic, lowercased', () => {
    expect(slugify('Αθήνα Москва')).toBe('αθηνα-москва');
  });
  it('cuts by characters, not bytes', () => {
    expect([...slugify('كلمة '.repeat(40), 20)].length).toBeLessThanOrEqual(20);
  });
  it('gives a slug the pattern accepts', () => {
    for (const t of ['بيروت: الحكومة', 'Été 2026', '東京 オリンピック']) expect(SLUG_RE.test(slugify(t))).toBe(true);
    expect(SLUG_RE.test('Abc')).toBe(false);
    expect(SLUG_RE.test('a--b')).toBe(false);
    expect(SLUG_RE.test('a/b')).toBe(false);
  });
});
