import { describe, expect, it } from 'vitest';
import { diffArticles } from './article-diff.ts';

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
