import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { importArticles } from '../src/content/import.service.ts';
import { adminClient } from './admin-client.ts';
import { freshDatabase, makeArticle, NO_BACKGROUND_PASSES, testConfig, TEST_POSTGRES_URL } from './harness.ts';

// DATABASE_READ_URL names a PostgreSQL replica; SQLite has none (the config refuses it there), so this runs on PostgreSQL only.
describe('DATABASE_READ_URL: reader queries on the read pool, the rest on the primary', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let app: App;
  let url: string;
  const article = makeArticle({ section: 'monde', headline: 'Lu sur le réplica' });

  beforeAll(async () => {
    database = await freshDatabase('postgres');
    if (database.database.kind !== 'postgres') throw new Error('expected PostgreSQL');
    // The "replica" is the same database through a second pool: what matters is which pool each query takes.
    const config = testConfig(database.dataDir, { ...database.database, readUrl: TEST_POSTGRES_URL }, NO_BACKGROUND_PASSES);
    app = await buildApp(config);
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;
    await importArticles({ db: app.store.db, media: app.media, config, now: () => new Date() }, [{ name: 'a.json', baseDir: database.dataDir, text: JSON.stringify([article]) }]);
    // The content version poll reads the primary: paused while counting.
    app.site.stop();
    await app.site.refresh();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const counts = () => ({ primary: app.store.queries.count, read: app.store.readQueries.count });

  it('has a second pool for reads', () => {
    expect(app.store.read).not.toBe(app.store.db);
  });

  for (const path of ['/fr/monde/' + article.slug, '/fr/', '/fr/monde/', '/fr/feed.xml', '/sitemap.xml', '/api/content/articles', `/api/content/articles/fr/${article.slug}`]) {
    it(`answers ${path} from the read pool only`, async () => {
      app.cache.clear();
      const before = counts();
      const r = await fetch(url + path);
      expect(r.status).toBe(200);
      if (path.endsWith(article.slug)) expect(await r.text()).toContain('Lu sur le réplica');
      const after = counts();
      expect(after.read).toBeGreaterThan(before.read);
      expect(after.primary).toBe(before.primary);
    });
  }

  it('sends the Admin API to the primary', async () => {
    const before = counts();
    const r = await adminClient(url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: 'correct horse battery' });
    expect(r.status).toBe(201);
    const after = counts();
    expect(after.primary).toBeGreaterThan(before.primary);
    expect(after.read).toBe(before.read);
  });
});
