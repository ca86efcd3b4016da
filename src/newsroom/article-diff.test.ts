import { describe, expect, it } from 'vitest';
import { changesWhatReadersSee, diffArticles } from './article-diff.ts';

describe('diffArticles', () => {
  it('lists changed fields and blocks, nothing else', () => {
    const before = { headline: 'A', tags: ['x'], body: [{ type: 'paragraph', text: 'un' }, { type: 'heading', text: 'h' }] };
    const after = { headline: 'B', tags: ['x'], body: [{ type: 'paragraph', text: 'un' }, { type: 'heading', text: 'H' }, { type: 'list', items: ['i'] }] };
    expect(diffArticles(before, after)).toEqual([
      { field: 'headline', before: 'A', after: 'B' },
      { field: 'body[1]', before: { type: 'heading', text: 'h' }, after: { type: 'heading', text: 'H' } },
      { field: 'body[2]', before: null, after: { type: 'list', items: ['i'] } },
    ]);
  });
});

describe('changesWhatReadersSee', () => {
  const base = { headline: 'A', standfirst: 's', section: 'tv', slug: 'a', tags: ['x'], authors: [], seo: { title: 't' }, lead: null, body: [{ type: 'paragraph', text: 'un' }] };

  it('is true for a change to the headline, standfirst, section, tags, authors, source, lead or a body block', () => {
    for (const change of [{ headline: 'B' }, { standfirst: 'z' }, { section: 'monde' }, { tags: ['y'] }, { authors: ['P'] }, { source: { name: 'AMP' } }, { lead: { image: 3, alt: 'x' } }, { body: [{ type: 'paragraph', text: 'deux' }] }]) {
      expect(changesWhatReadersSee(base, { ...base, ...change }), JSON.stringify(change)).toBe(true);
    }
  });

  it('is false for the same content, or a change to the slug, SEO fields or canonical URL only', () => {
    expect(changesWhatReadersSee(base, { ...base })).toBe(false);
    expect(changesWhatReadersSee(base, { ...base, slug: 'b', seo: { title: 'u' }, canonicalUrl: 'https://origin.example/a' })).toBe(false);
  });
});
