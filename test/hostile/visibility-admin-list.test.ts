import { afterAll, beforeAll, expect, it } from 'vitest';
import { firstAdmin, type AdminClient } from '../admin-client.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from '../harness.ts';

/** Hostile audit, item 19: the newsroom's list is in the order of the date it shows, and sorts by its columns. */

const PASSWORD = 'correct horse battery';

forEachDialect('admin article list order', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-11-25T10:00:00Z');
  let editor: AdminClient;
  const ids: Record<string, number> = {};

  const draft = (o: Record<string, unknown>) => ({ ...makeArticle(o), status: undefined, publishedAt: undefined });
  const at = (iso: string) => (clock = new Date(iso));
  // The site holds these articles only: the list unsearched (a search is ordered by relevance, docs/search.md).
  const list = async (query = '') => (await editor.json('GET', `/api/admin/articles?${query.replace(/^&/, '')}`)).articles as Array<{ id: number; headline: string; changedAt: string }>;
  const order = async (query = '') => (await list(query)).map((a) => a.headline);

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => clock);
    editor = await firstAdmin(site.url, PASSWORD);
    // Created in this order (ids ascending), on different days; B and C in the same second.
    for (const [name, when, section] of [
      ['tri A', '2026-11-20T08:00:00Z', 'tv'],
      ['tri D', '2026-11-21T08:00:00Z', 'monde'],
      ['tri B', '2026-11-22T08:00:00Z', 'sport'],
      ['tri C', '2026-11-22T08:00:00Z', 'economie'],
    ]) {
      at(when);
      ids[name] = (await editor.json('POST', '/api/admin/articles', draft({ headline: name, section }))).article.id;
    }
    // Publish D, then edit A last: A is the latest change although it was created first.
    at('2026-11-23T08:00:00Z');
    await editor.json('POST', `/api/admin/articles/${ids['tri D']}/transitions`, { to: 'published' });
    at('2026-11-24T08:00:00Z');
    const r = await editor.call('GET', `/api/admin/articles/${ids['tri A']}`);
    const { article } = await r.json();
    await editor.json('PUT', `/api/admin/articles/${ids['tri A']}`, { ...article, headline: 'tri A' , standfirst: 'Retouché.' }, { headers: { 'if-match': r.headers.get('etag')! } });
  });
  afterAll(() => site.close());

  it('lists by last change, newest first, by default, with the id breaking ties, and answers each article’s changedAt', async () => {
    const rows = await list();
    expect(rows.map((a) => a.headline)).toEqual(['tri A', 'tri D', 'tri C', 'tri B']);
    expect(rows.map((a) => a.changedAt)).toEqual(['2026-11-24T08:00:00.000Z', '2026-11-23T08:00:00.000Z', '2026-11-22T08:00:00.000Z', '2026-11-22T08:00:00.000Z']);
    expect(await order('&sort=-changed')).toEqual(['tri A', 'tri D', 'tri C', 'tri B']);
    expect(await order('&sort=changed')).toEqual(['tri B', 'tri C', 'tri D', 'tri A']);
  });

  it('sorts by headline, status, section, edition and publication, both ways, never-published articles last', async () => {
    expect(await order('&sort=headline')).toEqual(['tri A', 'tri B', 'tri C', 'tri D']);
    expect(await order('&sort=-headline')).toEqual(['tri D', 'tri C', 'tri B', 'tri A']);
    // draft < published; ties by id in the same direction.
    expect(await order('&sort=status')).toEqual(['tri A', 'tri B', 'tri C', 'tri D']);
    expect(await order('&sort=-status')).toEqual(['tri D', 'tri C', 'tri B', 'tri A']);
    // Sections made from their slugs: Economie, Monde, Sport, TV.
    expect(await order('&sort=section')).toEqual(['tri C', 'tri D', 'tri B', 'tri A']);
    expect(await order('&sort=edition')).toEqual(['tri A', 'tri D', 'tri B', 'tri C']);
    expect((await order('&sort=published'))[0]).toBe('tri D');
    expect((await order('&sort=-published'))[0]).toBe('tri D');
  });

  it('answers 422 naming sort for a column it does not sort by', async () => {
    for (const bad of ['id', 'created_at', '-', 'headline,status', 'a.id desc']) {
      const r = await editor.call('GET', `/api/admin/articles?sort=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(422);
      expect((await r.json()).issues.map((i: { field: string }) => i.field)).toEqual(['sort']);
    }
  });

  it('keeps pages stable: every article once across pages in the default order, even with equal times', async () => {
    at('2026-11-28T08:00:00Z');
    for (let i = 0; i < 30; i++) await editor.json('POST', '/api/admin/articles', draft({ headline: `tri page ${i}` }));
    const seen: number[] = [];
    for (let page = 1; ; page++) {
      const r = await editor.json('GET', `/api/admin/articles?page=${page}`);
      seen.push(...r.articles.map((a: { id: number }) => a.id));
      if (!r.hasMore) break;
    }
    expect(seen).toHaveLength(34);
    expect(new Set(seen).size).toBe(34);
    // The 30 of the same second come newest id first.
    const same = seen.slice(0, 30);
    expect(same).toEqual([...same].sort((a, b) => b - a));
  });
});
