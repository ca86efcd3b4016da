import { describe, expect, it } from 'vitest';
import { fts5Query, searchTerms, tsQuery } from './word-search.ts';

describe('word search terms', () => {
  it('folds case and accents, cuts at anything but letters and digits, and keeps a handful of words', () => {
    expect(searchTerms('Zoë MÜLLER chantier-tram_2026.jpg')).toEqual(['zoe', 'muller', 'chantier', 'tram', '2026', 'jpg']);
    expect(searchTerms('Łódź Ørsted')).toEqual(['lodz', 'orsted']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
    expect(searchTerms('% _ \\')).toEqual([]);
  });

  it('writes every term quoted and as a prefix, so nothing typed is engine syntax', () => {
    expect(fts5Query(searchTerms('NEAR(a b) "x'))).toBe('"near"* AND "a"* AND "b"* AND "x"*');
    expect(tsQuery(searchTerms("o'brien & !x"))).toBe('o:* & brien:* & x:*');
  });
});
