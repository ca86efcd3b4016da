import { describe, expect, it } from 'vitest';
import { draftFrom, emptyDraft, toInput } from './article-draft.ts';
import type { Article } from './types.ts';

const base: Article = { id: 3, version: 2, status: 'draft', edition: 'fr', section: 'politique', headline: 'Un titre', body: [] };

describe('social image (seo.image) in the draft', () => {
  it('reads seo.image apart from the other SEO fields and sends it back', () => {
    const d = draftFrom({ ...base, seo: { title: 'Titre SEO', image: 12, other: 'kept' } });
    expect(d.seoImage).toBe(12);
    expect(d.seoExtra).toEqual({ other: 'kept' });
    expect(toInput(d).seo).toEqual({ other: 'kept', title: 'Titre SEO', image: 12 });
  });

  it('sends seo with only the image when that is all there is', () => {
    expect(toInput({ ...emptyDraft('fr'), headline: 'x', section: 's', seoImage: 7 }).seo).toEqual({ image: 7 });
  });

  it('leaves seo.image out once removed', () => {
    const d = draftFrom({ ...base, seo: { image: 12 } });
    expect(toInput({ ...d, seoImage: null }).seo).toBeUndefined();
    expect(draftFrom(base).seoImage).toBeNull();
  });
});

describe('translation link (translationOf) in the draft', () => {
  const translated: Article = {
    ...base,
    translationOf: { edition: 'en', slug: 'climate-summit' },
    translations: [{ id: 9, edition: 'en', slug: 'climate-summit', headline: 'Climate summit', status: 'published' }],
  };

  it('leaves an untouched link out of the save, so the server keeps the link as it stands', () => {
    const input = toInput(draftFrom(translated));
    expect('translationOf' in input).toBe(false);
    expect('translationOf' in toInput(draftFrom(base))).toBe(false);
  });

  it('sends the id of the article picked in another edition', () => {
    expect(toInput({ ...draftFrom(base), translationOf: 9 }).translationOf).toBe(9);
  });

  it('sends null when the link is removed, to take the article out of its group', () => {
    const input = toInput({ ...draftFrom(translated), translationOf: null });
    expect(input).toHaveProperty('translationOf', null);
  });

  it('never sends the read-only list of translations back', () => {
    const d = draftFrom(translated);
    expect(d.extra).not.toHaveProperty('translations');
    expect(toInput(d)).not.toHaveProperty('translations');
    expect(toInput({ ...d, translationOf: 9 })).not.toHaveProperty('translations');
  });
});
