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
