import { describe, expect, it } from 'vitest';
import type { Db } from '../store/db.ts';
import { articleChangeKeys, type ArticleState } from './article-change.ts';

const NOW = '2026-12-01T12:00:00.000Z';
// Explicit sections: no navigation check, so no query.
const noDb = {} as Db;

function state(over: Partial<ArticleState> = {}): ArticleState {
  return { id: 10, edition: 'fr', sectionId: 4, sectionImplicit: false, status: 'published', publishedAt: '2026-11-30T08:00:00.000Z', group: null, tags: [56], authors: [2], people: new Map([[7, 'ministre']]), ...over };
}

const keysOf = async (before: ArticleState | null, after: ArticleState | null) => (await articleChangeKeys(noDb, before, after, NOW)).keys.sort();

describe('the keys an article change purges', () => {
  it('publishing purges the article and every list it enters: section, edition home, tags, authors, people, sitemaps, API lists', async () => {
    expect(await keysOf(state({ status: 'draft', publishedAt: null }), state())).toEqual(['a10', 'api', 'ea-fr', 'g10', 'home-fr', 'p7', 's4', 'sm', 't56', 'u2'].sort());
  });

  it('an edit that changes no list purges only the article (lists carry its key) and the sitemaps', async () => {
    expect(await keysOf(state(), state())).toEqual(['a10', 'ea-fr', 'g10', 'sm']);
  });

  it('moving an article between sections purges both sections', async () => {
    const keys = await keysOf(state(), state({ sectionId: 5 }));
    expect(keys).toEqual(expect.arrayContaining(['s4', 's5', 'api']));
    expect(keys).not.toContain('home-fr');
  });

  it('removing a tag purges that tag’s list, and not the tags it keeps', async () => {
    const keys = await keysOf(state({ tags: [56, 57] }), state({ tags: [57] }));
    expect(keys).toContain('t56');
    expect(keys).not.toContain('t57');
  });

  it('a new publication time reorders every list it is in', async () => {
    const keys = await keysOf(state(), state({ publishedAt: '2026-12-01T09:00:00.000Z' }));
    expect(keys).toEqual(expect.arrayContaining(['s4', 'home-fr', 't56', 'u2', 'p7']));
  });

  it('a new role in a quote purges the person’s page', async () => {
    expect(await keysOf(state(), state({ people: new Map([[7, 'ancien ministre']]) }))).toContain('p7');
  });

  it('unpublishing and deleting purge every list it left', async () => {
    expect(await keysOf(state(), state({ status: 'unpublished' }))).toEqual(expect.arrayContaining(['s4', 'home-fr', 't56', 'u2', 'p7']));
    expect(await keysOf(state(), null)).toEqual(expect.arrayContaining(['a10', 's4', 'home-fr']));
  });

  it('a draft edit purges only the article’s own keys', async () => {
    const draft = state({ status: 'draft', publishedAt: null });
    expect(await keysOf(draft, { ...draft, tags: [99] })).toEqual(['a10', 'g10']);
  });

  it('a translation purges its group', async () => {
    expect(await keysOf(state(), state({ group: 3 }))).toEqual(expect.arrayContaining(['g10', 'g3']));
  });

  it('an embargoed publication is purged again when its time comes', async () => {
    const at = '2026-12-02T06:00:00.000Z';
    const r = await articleChangeKeys(noDb, state({ status: 'draft', publishedAt: null }), state({ publishedAt: at }), NOW);
    expect(r.keys.sort()).toEqual(['a10', 'g10']);
    expect(r.later).toHaveLength(1);
    expect(r.later[0].at).toBe(at);
    expect([...r.later[0].keys]).toEqual(expect.arrayContaining(['a10', 's4', 'home-fr', 't56', 'sm', 'api']));
  });
});
