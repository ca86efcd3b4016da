import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { localMediaStorage } from '../src/media/storage.ts';
import { backfillPass } from '../src/search/rebuild.ts';
import { createSearchEngine } from '../src/search/sql-engine.ts';
import { dialectOf } from '../src/search/index-writer.ts';
import { migrate, openStore, type Db, type Store } from '../src/store/db.ts';
import { cliEnv, depeche } from './cli-runner.ts';
import { forEachDialect, freshDatabase, makeArticle, testConfig, waitFor, type DialectName } from './harness.ts';

/** A site upgraded with articles and no index fills it by itself (worker backfill) or on demand (depeche search reindex). */

const NOW = new Date('2026-11-25T10:00:00Z');

/** The index as a site had it before search existed: empty, with no backfill done. */
async function forgetIndex(db: Db): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`insert into search_documents_fts(search_documents_fts) values ('delete-all')`.execute(db);
    await sql`insert into search_names_fts(search_names_fts) values ('delete-all')`.execute(db);
  } else {
    await sql`truncate search_documents_fts, search_names_fts`.execute(db);
  }
  await sql`delete from search_documents`.execute(db);
  await sql`delete from search_names`.execute(db);
  await sql`delete from site_state where key = 'search_backfill_after'`.execute(db);
}

forEachDialect('search index on an upgraded site', (dialect: DialectName) => {
  let store: Store;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const articles = Array.from({ length: 25 }, (_, i) => makeArticle({ headline: `Vendanges tardives ${i}`, tags: [`Cépage ${i % 3}`], publishedAt: new Date(Date.parse('2026-11-01T08:00:00Z') + i * 3_600_000).toISOString() }));

  beforeAll(async () => {
    database = await freshDatabase(dialect);
    store = openStore(database.database);
    await migrate(store);
    await ensureEdition(store.db, { code: 'fr', name: 'Dépêche', timeZone: 'Europe/Paris' });
    await importArticles({ db: store.db, media: localMediaStorage(`${database.dataDir}/media`), config: { maxImageBytes: 5_000_000, publicUrl: 'https://news.example' }, now: () => NOW }, [
      { name: 'a.json', baseDir: '.', text: JSON.stringify(articles) },
    ]);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const engine = () => createSearchEngine(store.dialect);
  const total = async () => (await engine().searchArticles(store.db, { q: 'vendanges', audience: 'readers', edition: 'fr', now: NOW.toISOString(), perPage: 100 })).hits.length;
  const names = async () => (await engine().searchNames(store.db, { q: 'cépage', audience: 'readers', edition: 'fr', now: NOW.toISOString(), limit: 10 })).length;

  it('backfills in batches, one pass after another, until every article and name is indexed', async () => {
    await forgetIndex(store.db);
    expect(await total()).toBe(0);
    expect(await backfillPass(store.db, 10)).toBe(true);
    expect(await total()).toBe(10);
    expect(await backfillPass(store.db, 10)).toBe(true);
    expect(await backfillPass(store.db, 10)).toBe(false);
    expect(await total()).toBe(25);
    expect(await names()).toBe(3);
    // Done: a further pass finds nothing to do.
    expect(await backfillPass(store.db, 10)).toBe(false);
  });

  it('is backfilled by a worker node by itself after the upgrade', async () => {
    await forgetIndex(store.db);
    const app = await buildApp(testConfig(database.dataDir, database.database, { searchBackfillMs: 20, schedulerMs: 0, webhooksMs: 0 }), { now: () => NOW, store });
    try {
      await waitFor('the backfill to index every article', async () => (await total()) === 25);
      expect(await names()).toBe(3);
    } finally {
      await app.close();
    }
  });

  it('is rebuilt by depeche search reindex with a progress report, and running it again changes nothing', async () => {
    await forgetIndex(store.db);
    const env = cliEnv(database.dataDir, database.database);
    const first = await depeche(env, ['search', 'reindex']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^indexed 25 articles \((sqlite-fts5|postgres-tsvector)\)\n$/);
    expect(first.stderr).toContain('articles: 25/25');
    expect(await total()).toBe(25);
    expect(await names()).toBe(3);
    const again = await depeche(env, ['search', 'reindex']);
    expect(again.code, again.stderr).toBe(0);
    expect(await total()).toBe(25);
    const rows = await sql<{ n: number }>`select count(*) as n from search_documents`.execute(store.db);
    expect(Number(rows.rows[0]!.n)).toBe(25);
    // Nothing is left for the backfill to do after a rebuild.
    expect(await backfillPass(store.db, 10)).toBe(false);
  });

  it('indexes every article again by itself when the index version changes (a new analysis)', async () => {
    // What an older analysis left: documents that no longer say what the articles do.
    await sql`update articles set headline = 'Okapi des vendanges' where id = (select min(id) from articles)`.execute(store.db);
    const okapi = async () => (await engine().searchArticles(store.db, { q: 'okapi', audience: 'newsroom', now: NOW.toISOString() })).hits.length;
    expect(await okapi()).toBe(0);
    expect(await backfillPass(store.db, 10)).toBe(false);
    expect(await okapi()).toBe(0);
    await sql`update site_state set value = 0 where key = 'search_index_version'`.execute(store.db);
    let passes = 0;
    while (await backfillPass(store.db, 10)) passes++;
    expect(passes).toBe(2);
    expect(await okapi()).toBe(1);
    expect(await total()).toBe(25);
    expect(await backfillPass(store.db, 10)).toBe(false);
    expect(await names()).toBe(3);
  });
});
