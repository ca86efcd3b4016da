import { describe, expect, it } from 'vitest';
import { analyserFor } from './analyse.ts';
import { fts5Match, isEmptyQuery, MAX_QUERY_LENGTH, parseQuery, tsQueryText, tsVectorText } from './query.ts';

const fr = analyserFor('fr');

describe('query parsing', () => {
  it('makes each word a requirement, a quoted phrase one, and -word an exclusion', () => {
    const q = parseQuery('Syrie "accord de paix" -Alep', fr);
    expect(q.must).toEqual([{ terms: ['syr'] }, { terms: ['accord', 'paix'] }]);
    expect(q.not).toEqual([{ terms: ['alep'] }]);
  });

  it('answers stop words only as an empty query, and cuts a pasted page', () => {
    expect(isEmptyQuery(parseQuery("de la l'", fr))).toBe(true);
    const long = parseQuery('négociation '.repeat(100), fr);
    expect(long.cut).toBe(true);
    expect(long.text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(long.must).toHaveLength(1);
  });

  it('reads nothing typed as engine syntax', () => {
    const q = parseQuery('a" OR NEAR(x) * {headline} : ^', fr);
    expect(fts5Match(q)).not.toMatch(/NEAR\(|\{headline\}/);
    expect(tsQueryText(parseQuery("o'brien \\ 'x & !y", analyserFor('en')))).toBe("('o' <-> 'brien') & 'x' & 'y'");
  });

  it('reads a word made of words as a phrase, so that excluding it excludes only it', () => {
    expect(parseQuery('Jean-Jaurès -week-end', fr)).toMatchObject({ must: [{ terms: ['jean', 'jaur'] }], not: [{ terms: ['week', 'end'] }] });
    expect(parseQuery("O’Neill", analyserFor('en')).must).toEqual([{ terms: ['o', 'neill'] }]);
    // Stop words inside take no place, as in the text: "Villeneuve-sur-Lande" is villeneuv then land.
    expect(parseQuery('Villeneuve-sur-Lande', fr).must).toEqual([{ terms: ['villeneuv', 'land'] }]);
    // Being typed, its last part is a prefix.
    expect(parseQuery('Jean-Jau', fr, { prefix: true }).must).toEqual([{ terms: ['jean'] }, { terms: ['jau'], prefix: true }]);
  });

  it('makes the last word a prefix when asked', () => {
    const q = parseQuery('accord négo', fr, { prefix: true });
    expect(q.must[1]).toMatchObject({ prefix: true });
    expect('negoci'.startsWith(q.must[1]!.terms[0]!)).toBe(true);
  });

  it('finds a word from every start of it typed, though its term may be shorter than what was typed', () => {
    const words = {
      fr: ['négociations', 'inondations', 'élections', 'manifestants', 'commerçants', 'énergétique', 'abstention', 'gargouille', 'Martine', 'tramway'],
      en: ['negotiations', 'flooding', 'striking', 'evacuated', 'regulator', 'happiness', 'generously', 'running', 'penalties'],
    };
    for (const [edition, list] of Object.entries(words)) {
      const analyser = analyserFor(edition);
      for (const word of list) {
        const term = analyser.term(word)!;
        for (let n = 3; n <= word.length; n++) {
          const typed = word.slice(0, n);
          const prefix = parseQuery(typed, analyser, { prefix: true }).must[0]!.terms[0]!;
          expect(term.startsWith(prefix), `${typed} → ${prefix}, for ${word} (${term})`).toBe(true);
          // Never much shorter than what was typed.
          expect(prefix.length).toBeGreaterThanOrEqual(Math.min(3, n, n - 5));
        }
      }
    }
    expect(parseQuery('négociati', fr, { prefix: true }).must[0]!.terms[0]).toBe('negoci');
  });

  it('writes FTS5 and tsquery expressions', () => {
    const q = parseQuery('"accord de paix" syrie -alep', fr);
    expect(fts5Match(q, ['title', 'body'], ['facets : "xedfr"'])).toBe('({title body} : ("accord paix" AND "syr") AND facets : "xedfr") NOT {title body} : ("alep")');
    expect(tsQueryText(q, ['xedfr'])).toBe("('accord' <-> 'paix') & 'syr' & 'xedfr' & !'alep'");
  });

  it('writes a tsvector with weights and no phrase across fields', () => {
    const title = fr.terms('Accord de paix');
    const body = fr.terms('La paix');
    expect(tsVectorText([{ weight: 'A', terms: title }, { weight: 'C', terms: body }])).toBe("'accord':1A 'paix':2A,13C");
  });
});
