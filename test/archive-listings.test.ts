import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../bench/archive-data.ts';
import { listCards } from '../src/content/article.repository.ts';
import { localMediaStorage } from '../src/media/storage.ts';
import { migrate, openStore, type Db, type Store } from '../src/store/db.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, freshDatabase, makeArticle, startTestSite, type TestSite } from './harness.ts';
import { archivePlans, archiveSubjects, planProblems, spyStore, type Plan } from './support/query-plans.ts';

const PASSWORD = 'correct horse battery';
const NOW = new Date('2026-12-07T12:00:00Z');
const ARTICLES = 4000;
/**
 * Rows of one of the archive's tables any listing statement may read on the generated archive:
 * a page with its offset (deep tag pages skip a few hundred links), a month of a section.
 * Reading a whole table or index of the archive is many times that.
 */
const READ_BUDGET = ARTICLES / 8;

/** The columns and counts kept by triggers, recomputed from the articles: they must agree. */
async function derivedDrift(db: Db): Promise<{ links: unknown[]; months: unknown[] }> {
  const links: unknown[] = [];
  for (const table of ['article_tags', 'article_authors', 'article_people'] as const) {
    const { rows } = await sql<{ article_id: number }>`
      select l.article_id, l.edition, l.listed_at, a.edition as want_edition,
             case when a.status = 'published' then a.published_at end as want_listed
        from ${sql.table(table)} l join articles a on a.id = l.article_id
       where l.edition is distinct from a.edition
          or l.listed_at is distinct from (case when a.status = 'published' then a.published_at end)`.execute(db);
    links.push(...rows.map((r) => ({ table, ...r })));
  }
  const kept = await db.selectFrom('archive_months').select(['section_id', 'edition', 'month', 'articles', 'listed']).where('articles', '<>', 0).orderBy('section_id').orderBy('month').execute();
  const { rows: want } = await sql<{ section_id: number; edition: string; month: string; articles: number; listed: number }>`
    select section_id, edition, substr(published_at, 1, 7) as month, count(*) as articles,
           sum(case when canonical_url is null then 1 else 0 end) as listed
      from articles where status = 'published' and published_at is not null
     group by section_id, edition, substr(published_at, 1, 7)
     order by section_id, month`.execute(db);
  const norm = (rs: Array<Record<string, unknown>>) => rs.map((r) => ({ ...r, articles: Number(r.articles), listed: Number(r.listed) }));
  const a = JSON.stringify(norm(kept));
  const b = JSON.stringify(norm(want));
  return { links, months: a === b ? [] : [{ kept: norm(kept), want: norm(want) }] };
}

forEachDialect('archive listings: query plans on a generated archive', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;
  let plans: Plan[];
  let wholeIndex: { lines: string[]; reads: Array<{ node: string; rows: number }> } | undefined;
  let db: Awaited<ReturnType<typeof freshDatabase>>;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    drop = db.drop;
    store = openStore(db.database);
    await generateArchive(store, { articles: ARTICLES, now: NOW, media: localMediaStorage(`${db.dataDir}/media`) });
    const spy = spyStore(db.database);
    try {
      plans = await archivePlans(spy, await archiveSubjects(spy.db, NOW));
      // The shape the sitemap index once had: this month's articles of every edition, counted through
      // (edition, status, published_at) with no edition. Its plan has no sequential scan and no sort.
      if (spy.reads) {
        const q = spy.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'published').where('published_at', '>=', '2000-01').compile();
        wholeIndex = { lines: await spy.explain(q), reads: await spy.reads(q) };
      }
    } finally {
      await spy.close();
    }
  }, 180_000);
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('keeps the listing columns and month counts the app derives, as its own writes would', async () => {
    expect(await derivedDrift(store.db)).toEqual({ links: [], months: [] });
    const people = await store.db.selectFrom('people').select(['role']).where('role', 'is not', null).execute();
    expect(people.length).toBeGreaterThan(0);
  });

  it('reads no table that grows with the archive from end to end, and sorts none of it, for any listing', () => {
    // A page of translation groups (at most 500 ids) is sorted by edition: bounded by the page, not the archive.
    const bounded = new Set(['monthly sitemap translations']);
    const problems = plans.filter((p) => !bounded.has(p.name)).flatMap((p) => planProblems(dialect, p).map((l) => `${p.name}: ${l}\n  ${p.sql}`));
    expect(problems).toEqual([]);
  });

  it('reads, on PostgreSQL, a bounded number of rows of the archive for each listing, not a whole index', () => {
    // Sequential scans and sorts are priced out to find the indexes, so a plan that walks a whole
    // index in order (no condition on its leading column) looks fine there; run, it reads the archive.
    if (dialect !== 'postgres') return; // SQLite's plan says SCAN for a whole index, which the test above catches.
    const total = plans.flatMap((p) => (p.reads ?? []).map((r) => ({ name: p.name, ...r })));
    expect(total.length).toBeGreaterThan(0);
    const over = total.filter((r) => r.rows > READ_BUDGET).map((r) => `${r.name}: ${r.node} read ${r.rows} rows`);
    expect(over).toEqual([]);
    // The check sees what the plan check cannot: a whole index read in order.
    expect(planProblems(dialect, { name: 'whole index', sql: '', lines: wholeIndex!.lines })).toEqual([]);
    expect(Math.max(...wholeIndex!.reads.map((r) => r.rows))).toBeGreaterThan(READ_BUDGET);
  });

  it('skips the offset of a deep section page in the section index alone, in its order', () => {
    const deep = plans.filter((p) => p.name === 'section deep page' && p.sql.includes('limit'));
    expect(deep.length).toBeGreaterThan(0);
    if (dialect === 'postgres') {
      // The index ends with the id: no sort of equal times, no table row read for the rows skipped.
      expect(deep.some((p) => p.lines.includes('Index Only Scan on articles using articles_section_listing'))).toBe(true);
      expect(deep.flatMap((p) => p.lines).filter((l) => /Sort/.test(l))).toEqual([]);
    } else {
      expect(deep.some((p) => p.lines.some((l) => /USING COVERING INDEX articles_section_listing/.test(l)))).toBe(true);
      expect(deep.flatMap((p) => p.lines).filter((l) => /TEMP B-TREE/.test(l))).toEqual([]);
    }
  });

  it('reads tag, author, person and section pages through their listing indexes', () => {
    const uses = (name: string, index: string) => expect(plans.filter((p) => p.name === name).some((p) => p.lines.some((l) => l.includes(index))), `${name} uses ${index}`).toBe(true);
    uses('tag page', 'article_tags_listing');
    uses('tag deep page', 'article_tags_listing');
    uses('author page', 'article_authors_listing');
    uses('person page', 'article_people_listing');
    uses('section page 1', 'articles_section_listing');
    uses('section deep page', 'articles_section_listing');
    uses('section deep page', 'archive_months');
    uses('api articles by tag', 'article_tags_listing');
    uses('api articles by person', 'article_people_listing');
    uses('api articles by author', 'article_authors_listing');
    uses('sitemap index', 'archive_months');
  });

  it('lists deep section pages with the articles an offset over the whole section would give, in order', async () => {
    const now = NOW.toISOString();
    const section = await store.db.selectFrom('sections').select('id').where('edition', '=', 'fr').where('slug', '=', 'monde').executeTakeFirstOrThrow();
    const all = await store.db
      .selectFrom('articles')
      .select('id')
      .where('section_id', '=', section.id)
      .where('status', '=', 'published')
      .where('published_at', '<=', now)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const last = Math.ceil(all.length / 20);
    for (const page of [1, 2, 7, Math.floor(last / 2), last - 1, last]) {
      const { cards, hasOlder } = await listCards(store.db, 'fr', { kind: 'section', sectionId: section.id }, now, page, 20);
      expect(cards.map((c) => c.id), `page ${page}`).toEqual(all.slice((page - 1) * 20, page * 20).map((r) => r.id));
      expect(hasOlder).toBe(page < last);
    }
    expect((await listCards(store.db, 'fr', { kind: 'section', sectionId: section.id }, now, last + 1, 20)).cards).toEqual([]);
  });

  it('gathers SQLite statistics after migrating, so the planner knows the indexes', async () => {
    if (dialect !== 'sqlite') return; // PostgreSQL's autovacuum analyses by itself.
    await migrate(store);
    const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = 'article_tags'`.execute(store.db);
    expect(rows[0].n).toBeGreaterThan(0);
  });
});

describe('SQLite statistics on a worker node', () => {
  it('are refreshed now and then while the node runs, not only when it closes', async () => {
    const site = await startTestSite('sqlite', { statisticsMs: 200 });
    try {
      const db = site.app.store.db;
      await sql`analyze`.execute(db);
      // Statistics left from a far larger table (here the migrations' own, which has rows in a new
      // store): the periodic PRAGMA optimize finds them stale and gathers them again.
      await sql`update sqlite_stat1 set stat = '900000 1' where tbl = 'kysely_migration'`.execute(db);
      await sql`analyze sqlite_schema`.execute(db);
      const stat = async () => (await sql<{ stat: string }>`select stat from sqlite_stat1 where tbl = 'kysely_migration'`.execute(db)).rows[0]?.stat;
      expect(await stat()).toBe('900000 1');
      await expect.poll(stat, { timeout: 30_000, interval: 100 }).not.toBe('900000 1');
    } finally {
      await site.close();
    }
  }, 60_000);
});

forEachDialect('archive listings: kept on every write', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  const clock = new Date('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0 }, () => clock);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
  });
  afterAll(() => site.close());

  const drift = () => derivedDrift(site.app.store.db);
  const month = async (sectionSlug: string, m: string) => {
    const r = await site.app.store.db
      .selectFrom('archive_months as am')
      .innerJoin('sections as s', 's.id', 'am.section_id')
      .select(['am.articles', 'am.listed'])
      .where('s.slug', '=', sectionSlug)
      .where('am.month', '=', m)
      .executeTakeFirst();
    return r ? Number(r.articles) : 0;
  };
  const listedAt = async (articleId: number) =>
    (await site.app.store.db.selectFrom('article_tags').select(['listed_at', 'edition']).where('article_id', '=', articleId).orderBy('position').execute()).map((r) => r.listed_at);

  it('follows publish, re-date, section move, tag removal, unpublish and delete', async () => {
    const draft = makeArticle({ section: 'monde', tags: ['Alpha', 'Beta'], authors: ['Zoé Auteur'], body: [{ type: 'quote', text: 'Oui.', speaker: { name: 'Paul Cité', role: 'maire' } }] });
    delete draft.status;
    delete draft.publishedAt;
    let { article } = await admin.json('POST', '/api/admin/articles', draft);
    expect(await listedAt(article.id)).toEqual([null, null]);
    expect(await drift()).toEqual({ links: [], months: [] });

    ({ article } = await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' }));
    expect(await listedAt(article.id)).toEqual([article.publishedAt, article.publishedAt].map((t: string) => new Date(t).toISOString()));
    expect(await month('monde', '2026-11')).toBe(1);
    expect(await drift()).toEqual({ links: [], months: [] });

    const put = async (change: Record<string, unknown>) => {
      const r = await admin.call('PUT', `/api/admin/articles/${article.id}`, { ...article, ...change }, { headers: { 'if-match': `"${article.version}"` } });
      expect(r.status, await r.clone().text()).toBe(200);
      article = (await r.json()).article;
    };
    // Re-dated into another month.
    await put({ publishedAt: '2019-03-14T08:00:00Z' });
    expect(await month('monde', '2026-11')).toBe(0);
    expect(await month('monde', '2019-03')).toBe(1);
    expect(await listedAt(article.id)).toEqual(['2019-03-14T08:00:00.000Z', '2019-03-14T08:00:00.000Z']);
    expect(await drift()).toEqual({ links: [], months: [] });
    // Moved to another section.
    await put({ section: 'economie' });
    expect(await month('monde', '2019-03')).toBe(0);
    expect(await month('economie', '2019-03')).toBe(1);
    // A tag removed: its link goes, the others keep their columns.
    await put({ tags: ['Beta'] });
    expect(await listedAt(article.id)).toEqual(['2019-03-14T08:00:00.000Z']);
    expect(await drift()).toEqual({ links: [], months: [] });
    // The tag page follows.
    expect((await fetch(`${site.url}/fr/sujet/alpha`)).status).toBe(404);

    ({ article } = await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'unpublished' }));
    expect(await listedAt(article.id)).toEqual([null]);
    expect(await month('economie', '2019-03')).toBe(0);
    expect(await drift()).toEqual({ links: [], months: [] });

    ({ article } = await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' }));
    expect(await month('economie', '2019-03')).toBe(1);
    expect((await admin.call('DELETE', `/api/admin/articles/${article.id}`)).status).toBeLessThan(300);
    expect(await month('economie', '2019-03')).toBe(0);
    expect(await drift()).toEqual({ links: [], months: [] });
  });
});

describe('archive listings migration', () => {
  it('fills the listing columns and month counts of articles written before it', async () => {
    const fresh = await freshDatabase('sqlite');
    const store = openStore(fresh.database);
    try {
      await generateArchive(store, { articles: 300, now: NOW, media: localMediaStorage(`${fresh.dataDir}/media`) });
      // Forget what the triggers kept, then run the data migration again as on an older database.
      await store.db.updateTable('article_tags').set({ listed_at: null, edition: null }).execute();
      await store.db.deleteFrom('archive_months').execute();
      const { up } = await import('../src/store/migrations/2026-12-07-0081-archive-listings-data.ts');
      await up(store.db);
      expect(await derivedDrift(store.db)).toEqual({ links: [], months: [] });
    } finally {
      await store.close();
      await fresh.drop();
    }
  }, 120_000);
});
