import { describe, expect, it } from 'vitest';
import { analyserFor } from './analyse.ts';
import { highlight, snippet } from './highlight.ts';
import { parseQuery } from './query.ts';

const fr = analyserFor('fr');

describe('highlighting', () => {
  it('marks every form of the words asked for, as written', () => {
    const h = highlight("Les négociations de l'armée reprennent", parseQuery('negociation armee', fr), fr);
    expect(h.segments).toEqual([{ text: 'Les ' }, { text: 'négociations', mark: true }, { text: " de l'" }, { text: 'armée', mark: true }, { text: ' reprennent' }]);
    expect(h.marks).toBe(2);
  });

  it('keeps hostile text as plain segments, for the page to escape', () => {
    const h = highlight('<script>alert(1)</script> paix', parseQuery('paix script', fr), fr);
    expect(h.segments.map((s) => s.text).join('')).toBe('<script>alert(1)</script> paix');
    expect(h.segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['script', 'script', 'paix']);
  });

  it('cuts a passage around the matches, with ellipses', () => {
    const text = `${'mot '.repeat(100)}la paix est signée ${'fin '.repeat(100)}`.trim();
    const s = snippet(text, parseQuery('paix', fr), fr, 10);
    const joined = s.segments.map((x) => x.text).join('');
    expect(joined.startsWith('… ')).toBe(true);
    expect(joined.endsWith(' …')).toBe(true);
    expect(joined).toContain('paix');
    expect(joined.split(' ').length).toBeLessThanOrEqual(14);
  });

  it('gives the start of a text that does not match, with no mark', () => {
    const s = snippet('Un texte sans rapport', parseQuery('paix', fr), fr, 3);
    expect(s.marks).toBe(0);
    expect(s.segments[0]!.text).toBe('Un texte sans');
  });
});
