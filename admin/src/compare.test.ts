import { describe, expect, it } from 'vitest';
import { changeRows, defaultPair } from './compare.ts';

describe('comparing two versions', () => {
  it('labels the fields in French and shows blocks by their text', () => {
    const rows = changeRows([
      { field: 'headline', before: 'Ancien titre', after: 'Nouveau titre' },
      { field: 'body[1]', before: { type: 'paragraph', text: 'Avant.' }, after: null },
      { field: 'body[2]', before: null, after: { type: 'quote', text: 'Bonjour', speaker: { name: 'Ada' } } },
      { field: 'status', before: 'draft', after: 'in_review' },
      { field: 'seo', before: null, after: { title: 'T', image: 4 } },
      { field: 'tags', before: ['a', 'b'], after: [] },
    ]);
    expect(rows).toEqual([
      { field: 'headline', label: 'Titre', before: 'Ancien titre', after: 'Nouveau titre' },
      { field: 'body[1]', label: 'Bloc 2', before: 'Avant.', after: '(vide)' },
      { field: 'body[2]', label: 'Bloc 3', before: '(vide)', after: '« Bonjour » — Ada' },
      { field: 'status', label: 'Statut', before: 'Brouillon', after: 'En relecture' },
      { field: 'seo', label: 'Référencement', before: '(vide)', after: 'titre : T / image de partage : Image n° 4' },
      { field: 'tags', label: 'Sujets', before: 'a, b', after: '(vide)' },
    ]);
  });

  it('starts with the last two versions', () => {
    expect(defaultPair([3, 1, 2])).toEqual({ from: 2, to: 3 });
    expect(defaultPair([1])).toBeNull();
  });
});
