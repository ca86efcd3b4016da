import { afterAll, beforeAll, expect, it } from 'vitest';
import { firstAdmin, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';
import { listAdminArticles } from '../src/newsroom/newsroom.queries.ts';
import { spyStore } from './support/query-plans.ts';

/** The newsroom's article list at depth: pages by cursor in every order, searched or not, and the search through the engine. */

const PASSWORD = 'correct horse battery';

forEachDialect('admin article list by cursor and word search', (dialect) => {
  let site: TestSite;
  let editor: AdminClient;
  let clock = new Date('2026-11-25T10:00:00Z');
  const ids: number[] = [];

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => clock);
    editor = await firstAdmin(site.url, PASSWORD);
    // 60 articles "liste …": some published (at a few shared times), some drafts, in three sections, several in the same second.
    for (let i = 0; i < 60; i++) {
      clock = new Date(Date.parse('2026-11-25T10:00:00Z') + Math.floor(i / 4) * 60_000);
      const published = i % 3 === 0;
      const o = makeArticle({ headline: `liste ${String(i % 7)} ${i}`, section: ['monde', 'sport', 'tv'][i % 3] });
      const body = published ? { ...o, publishedAt: new Date(Date.parse('2026-10-01T00:00:00Z') + (i % 5) * 3_600_000).toISOString() } : { ...o, status: undefined, publishedAt: undefined };
      ids.push((await editor.json('POST', '/api/admin/articles', body)).article.id);
    }
  });
  afterAll(() => site.close());

  const get = (query: string) => editor.json('GET', `/api/admin/articles?q=liste&${query}`);

  it('walks every order both ways by cursor: each article once, the same pages as by number, and back again by prevCursor', async () => {
    for (const sort of ['-changed', 'changed', 'headline', '-headline', 'status', '-status', 'section', '-section', 'edition', 'published', '-published']) {
      const byNumber: number[][] = [];
      for (let page = 1; ; page++) {
        const r = await get(`sort=${sort}&page=${page}`);
        byNumber.push(r.articles.map((a: { id: number }) => a.id));
        if (!r.hasMore) break;
      }
      const byCursor: number[][] = [];
      const cursors: Array<string | null> = [];
      let r = await get(`sort=${sort}`);
      expect(r.prevCursor, sort).toBeNull();
      for (;;) {
        byCursor.push(r.articles.map((a: { id: number }) => a.id));
        cursors.push(r.prevCursor);
        if (!r.nextCursor) break;
        r = await get(`sort=${sort}&cursor=${r.nextCursor}`);
      }
      expect(byCursor, sort).toEqual(byNumber);
      expect(new Set(byCursor.flat()).size, sort).toBe(60);
      // From the last page back to the first by prevCursor.
      const back: number[][] = [byCursor[byCursor.length - 1]];
      let prev = cursors[cursors.length - 1];
      while (prev) {
        const p = await get(`sort=${sort}&cursor=${prev}`);
        back.unshift(p.articles.map((a: { id: number }) => a.id));
        prev = p.prevCursor;
      }
      expect(back, sort).toEqual(byNumber);
    }
  });

  it('pages a search by relevance, by number and by cursor alike, with its total', async () => {
    const first = await editor.json('GET', '/api/admin/articles?q=liste');
    expect(first).toMatchObject({ sort: 'relevance', total: 60, totalIsEstimate: false, page: 1, hasMore: true, prevCursor: null });
    const byCursor: number[][] = [];
    let r = first;
    for (;;) {
      byCursor.push(r.articles.map((a: { id: number }) => a.id));
      if (!r.nextCursor) break;
      r = await editor.json('GET', `/api/admin/articles?q=liste&cursor=${r.nextCursor}`);
    }
    expect(byCursor.map((p) => p.length)).toEqual([25, 25, 10]);
    expect(new Set(byCursor.flat()).size).toBe(60);
    const third = await editor.json('GET', '/api/admin/articles?q=liste&page=3');
    expect(third.articles.map((a: { id: number }) => a.id)).toEqual(byCursor[2]);
    const back = await editor.json('GET', `/api/admin/articles?q=liste&cursor=${third.prevCursor}`);
    expect(back.articles.map((a: { id: number }) => a.id)).toEqual(byCursor[1]);
    // A cursor of relevance is no cursor of a column's order.
    expect((await editor.call('GET', `/api/admin/articles?q=liste&sort=headline&cursor=${third.prevCursor}`)).status).toBe(422);
  });

  it('reads the order of publication from its index a page at a time, both ways and past the published articles, never sorting the archive', async () => {
    const spy = spyStore(site.config.database);
    try {
      for (const sort of ['-published', 'published']) {
        let r = await listAdminArticles(spy.db, { sort });
        while (r.nextCursor) r = await listAdminArticles(spy.db, { sort, cursor: r.nextCursor });
        while (r.prevCursor) r = await listAdminArticles(spy.db, { sort, cursor: r.prevCursor });
        await listAdminArticles(spy.db, { sort, page: 3 });
      }
      const list = spy.captured.filter((q) => /from "articles" as "a"/.test(q.sql));
      expect(list.length).toBeGreaterThan(8);
      for (const q of list) {
        const lines = await spy.explain(q);
        const wrong = dialect === 'sqlite' ? lines.filter((l) => /TEMP B-TREE FOR ORDER BY|^SCAN a$/.test(l)) : lines.filter((l) => /^Sort\b|^Seq Scan on articles/.test(l));
        expect(wrong, q.sql).toEqual([]);
        // Those never published are read by id (the planner may take the primary key for it); the others by the (time, id) index.
        if (!/is null (and a\.id [<>] \$\d+ )?order by "a"\."id"/.test(q.sql)) expect(lines.some((l) => l.includes('articles_list_published')), `${q.sql}\n${lines.join('\n')}`).toBe(true);
      }
    } finally {
      await spy.close();
    }
  });

  it('answers 422 naming page past the numbered pages, and naming cursor for a foreign or damaged cursor', async () => {
    const deep = await editor.call('GET', '/api/admin/articles?page=41');
    expect(deep.status).toBe(422);
    expect((await deep.json()).issues[0]).toMatchObject({ field: 'page', message: expect.stringContaining('cursor=') });
    const first = await get('sort=headline');
    for (const bad of [first.nextCursor, 'not-a-cursor', Buffer.from('[1,2,3,4]').toString('base64url')]) {
      const r = await editor.call('GET', `/api/admin/articles?sort=-changed&cursor=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(422);
      expect((await r.json()).issues.map((i: { field: string }) => i.field)).toEqual(['cursor']);
    }
  });

  it('searches through the search engine: words stemmed and folded, the last one also the start of a word, following renames and deletions', async () => {
    const make = async (headline: string) => (await editor.json('POST', '/api/admin/articles', { edition: 'fr', section: 'monde', headline })).article.id as number;
    const nego = await make('Négociations salariales à l’Élysée');
    const other = await make('Renégocier la dette');
    const found = async (q: string) => (await editor.json('GET', `/api/admin/articles?q=${encodeURIComponent(q)}`)).articles.map((a: { id: number }) => a.id);
    expect(await found('negoc')).toEqual([nego]);
    expect(await found('NÉGOCIATION SAL')).toEqual([nego]);
    expect(await found('Elysée salariale')).toEqual([nego]);
    expect(await found("l'élysée")).toEqual([nego]);
    expect(await found('renego')).toEqual([other]);
    expect(await found('ciations')).toEqual([]);
    // Words the search engines read as syntax are searched as words.
    for (const q of ['"negoc', 'negoc*', 'NEAR(negoc salar)', 'headline:negoc', 'negoc & !x', 'négoc | x', '(', '*', '%']) {
      const r = await editor.call('GET', `/api/admin/articles?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
    }
    const r = await editor.call('GET', `/api/admin/articles/${nego}`);
    const { article } = await r.json();
    await editor.json('PUT', `/api/admin/articles/${nego}`, { ...article, headline: 'Accord trouvé' }, { headers: { 'if-match': r.headers.get('etag')! } });
    expect(await found('negoc')).toEqual([]);
    expect(await found('accord trou')).toEqual([nego]);
    await editor.call('DELETE', `/api/admin/articles/${other}`);
    expect(await found('renego')).toEqual([]);
  });
});
