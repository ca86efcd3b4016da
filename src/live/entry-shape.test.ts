import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors.ts';
import { apiBlocks, entryText, firstWords, parseEntry, storedBlocks } from './entry-shape.ts';

describe('entry shape', () => {
  it('sets read-only fields aside and reads null as none, so that what GET answers can be sent back', () => {
    const { entry, gaveStatus } = parseEntry({
      id: 3,
      articleId: 9,
      version: 2,
      postedBy: 'Eve',
      createdAt: '2026-12-07T08:00:00Z',
      updatedAt: null,
      articleDraftId: null,
      ingestItemId: null,
      title: null,
      author: null,
      source: null,
      correction: null,
      body: [{ type: 'paragraph', text: 'Texte.' }],
    });
    expect(entry).toEqual({ status: 'published', body: [{ type: 'paragraph', text: 'Texte.' }] });
    expect(gaveStatus).toBe(false);
    expect(parseEntry({ status: 'draft', body: [{ type: 'paragraph', text: 'x' }] }).gaveStatus).toBe(true);
  });

  it('answers 422 naming the field, for an unknown field too', () => {
    const issues = (v: unknown) => {
      try {
        parseEntry(v);
      } catch (e) {
        return (e as ValidationFailed).issues.map((i) => i.field);
      }
      return [];
    };
    expect(issues({ body: [{ type: 'quote', text: 'Oui', speaker: {} }] })).toEqual(['body[0].speaker.name']);
    expect(issues({ body: [{ type: 'paragraph', text: 'x' }], sticky: true })).toEqual(['sticky']);
    expect(new Set(issues({ body: [{ type: 'paragraph', text: 'x' }], source: { name: 'AFP', url: 'javascript:alert(1)' } }))).toEqual(new Set(['source.url']));
    expect(issues([1])).toEqual(['body']);
  });

  it('turns figures between the API form (image) and the stored one (imageId)', () => {
    const stored = storedBlocks([{ type: 'figure', image: 12, alt: 'Le port', caption: 'À l’aube' }]);
    expect(stored).toEqual([{ type: 'figure', imageId: 12, alt: 'Le port', caption: 'À l’aube' }]);
    expect(apiBlocks(stored)).toEqual([{ type: 'figure', image: 12, alt: 'Le port', caption: 'À l’aube' }]);
  });

  it('gives the words of an entry as plain text, markup-looking text left as it is', () => {
    const text = entryText([
      { type: 'paragraph', content: [{ text: 'Les ' }, { text: 'vents', bold: true }, { text: ' forcissent.' }] },
      { type: 'quote', text: '<b>Restez chez vous</b>', speaker: { name: 'Hélène Quéré', role: 'maire' } },
      { type: 'list', items: ['un', 'deux'] },
      { type: 'figure', imageId: 1, alt: 'x', caption: 'La digue.' },
    ]);
    expect(text).toBe('Les vents forcissent.\n<b>Restez chez vous</b> — Hélène Quéré, maire\nun\ndeux\nLa digue.');
  });

  it('cuts first words at a word boundary', () => {
    expect(firstWords('Court.')).toBe('Court.');
    expect(firstWords('Une phrase bien plus longue que la limite donnée ici', 20)).toBe('Une phrase bien…');
  });
});
