import fs from 'node:fs/promises';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { importArticles } from '../../src/content/import.service.ts';
import { Unavailable } from '../../src/errors.ts';
import { AvifWorker } from '../../src/media/avif.worker.ts';
import { firstAdmin, type AdminClient } from '../admin-client.ts';
import { writeImportFolder } from '../fixtures.ts';
import type { Config } from '../../src/config.ts';
import { makeArticle, scratchDir, startTestSite, TEST_POSTGRES_URL, testConfig, type TestSite } from '../harness.ts';
import { ownDatabase, TcpProxy } from '../support/pg-outage.ts';

const PASSWORD = 'correct horse battery';
const quiet = { warn() {}, info() {}, error() {} } as any;

/** Polls until `f` is true; the test's own time limit bounds the wait. */
async function until(f: () => Promise<boolean> | boolean, everyMs = 25): Promise<void> {
  while (!(await f())) await new Promise((r) => setTimeout(r, everyMs));
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

describe('database outages [postgres]', () => {
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  let proxy: TcpProxy;
  let app: App;
  let config: Config;
  let base: string;
  let admin: AdminClient;
  const articles = [makeArticle({ section: 'tv' }), makeArticle({ section: 'tv' }), makeArticle({ section: 'tv' })];
  const path = (a: Record<string, any>) => `/fr/tv/${a.slug}`;

  beforeAll(async () => {
    database = await ownDatabase();
    const target = new URL(TEST_POSTGRES_URL);
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).listen();
    const dataDir = await scratchDir('outage-');
    // The scheduler runs often, so that a pass fails during each outage and must go on after it.
    config = testConfig(dataDir, { kind: 'postgres', url: proxy.url(database.url) }, { databaseWaitMs: 1000, schedulerMs: 50, webhooksMs: 50 });
    app = await buildApp(config);
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;
    await importArticles({ db: app.store.db, media: app.media, config, now: () => new Date() }, [{ name: 'a.json', baseDir: dataDir, text: JSON.stringify(articles) }]);
    await app.site.refresh();
    admin = await firstAdmin(base, PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('keeps running when the site’s idle connections are terminated, and answers again by itself', async () => {
    // Several connections open in the pool, then idle.
    await Promise.all(articles.map((a) => fetch(base + `/api/content/articles/fr/${a.slug}`).then((r) => r.text())));
    expect(await database.terminate()).toBeGreaterThan(0);
    await until(async () => (await status(base + '/healthz')) === 200);
    const r = await fetch(base + `/api/content/articles/fr/${articles[0].slug}`);
    expect(r.status).toBe(200);
  });

  it('survives a connection that dies while checked out, between two statements of a transaction', async () => {
    const pid = await app.store.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      await database.query('select pg_terminate_backend($1)', [rows[0].pid]);
      // The termination reaches the checked-out client while no statement runs on it: an 'error' event.
      await until(async () => (await database.query('select 1 from pg_stat_activity where pid = $1', [rows[0].pid])).length === 0);
      await new Promise((r) => setTimeout(r, 50));
      await expect(trx.selectFrom('site_state').select('value').execute()).rejects.toBeInstanceOf(Unavailable);
      return rows[0].pid;
    }).catch((err) => {
      expect(err).toBeInstanceOf(Unavailable);
      return -1;
    });
    expect(pid).toBe(-1);
    await until(async () => (await status(base + '/healthz')) === 200);
    expect((await fetch(base + path(articles[0]))).status).toBe(200);
  });

  it('answers 503 while the database is unreachable (JSON for APIs, a French page for readers, cached pages still served) and recovers', async () => {
    const cached = await fetch(base + path(articles[0]));
    expect(cached.status).toBe(200);
    const etag = cached.headers.get('etag');
    await cached.text();
    const cachedPages = app.cache.size;
    const version = app.site.version;

    proxy.cut();
    try {
      await until(async () => (await status(base + '/healthz')) === 503);
      const health = await fetch(base + '/healthz');
      expect(health.status).toBe(503);
      expect(health.headers.get('cache-control')).toBe('no-store');
      expect(await health.json()).toMatchObject({ ok: false, code: 'unavailable' });

      const api = await fetch(base + `/api/content/articles/fr/${articles[1].slug}`);
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await api.json()).toMatchObject({ code: 'unavailable' });

      const write = await admin.call('POST', '/api/admin/articles', { ...makeArticle(), status: undefined, publishedAt: undefined });
      expect(write.status).toBe(503);
      expect((await write.json()).code).toBe('unavailable');

      const page = await fetch(base + path(articles[2]));
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const text = await page.text();
      expect(text).toContain('<html lang="fr"');
      expect(text).toContain('Site momentanément indisponible');

      // The content-version poll fails over and over (each try is a refused connection): it must not empty the cache.
      const tries = proxy.refused;
      await until(() => proxy.refused >= tries + 10);
      expect(app.cache.size).toBe(cachedPages);
      expect(app.site.version).toBe(version);
      const again = await fetch(base + path(articles[0]));
      expect(again.status).toBe(200);
      expect(again.headers.get('etag')).toBe(etag);
      await again.text();

      // Past its lifetime the page cannot be made again: the kept copy is still better than an error.
      (app.cache as unknown as { pages: Map<string, { expires: number }> }).pages.get(path(articles[0]))!.expires = 0;
      const expired = await fetch(base + path(articles[0]));
      expect(expired.status).toBe(200);
      expect(expired.headers.get('etag')).toBe(etag);
      await expired.text();
    } finally {
      proxy.restore();
    }

    // Back by itself: the spec asks for it within 5 s of the database returning.
    const restored = Date.now();
    await until(async () => (await status(base + '/healthz')) === 200);
    expect(Date.now() - restored).toBeLessThan(5000);
    const created = await admin.call('POST', '/api/admin/articles', { ...makeArticle(), status: undefined, publishedAt: undefined });
    expect(created.status).toBe(201);
    expect((await fetch(base + path(articles[2]))).status).toBe(200);
  });

  it('gives an image the AVIF worker had claimed back to the queue when the database went away mid-encode', async () => {
    const { dir } = await writeImportFolder([]);
    const store = app.store;
    await importArticles({ db: store.db, media: app.media, config, now: () => new Date() }, [
      { name: 'p.json', baseDir: dir, text: JSON.stringify(makeArticle({ lead: { image: 'photos/lead.jpg', alt: 'Un port', credit: 'AMP' } })) },
    ]);
    const image = await store.db.selectFrom('images').select(['id', 'avif_state']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(image.avif_state).toBe('pending');
    const worker = new AvifWorker({ db: store.db, media: app.media, images: app.images, log: quiet, now: () => new Date() });
    const pass = worker.runOnce();
    pass.catch(() => {});
    await until(async () => (await database.query<{ avif_state: string }>('select avif_state from images where id = $1', [image.id]))[0].avif_state === 'working', 5);
    proxy.cut();
    await expect(pass).rejects.toBeInstanceOf(Unavailable);
    proxy.restore();
    await until(async () => (await status(base + '/healthz')) === 200);
    expect(await worker.runOnce()).toBe(true);
    const [row] = await database.query<{ avif_state: string }>('select avif_state from images where id = $1', [image.id]);
    expect(row.avif_state).toBe('done');
  }, 120_000);
});

describe('database outages [sqlite]', () => {
  let site: TestSite;
  let admin: AdminClient;
  beforeAll(async () => {
    site = await startTestSite('sqlite', { databaseWaitMs: 300 });
    admin = await firstAdmin(site.url, PASSWORD);
  });
  afterAll(() => site?.close());

  it('answers a write 503 with Retry-After when another process holds the write lock past the wait, and writes once it is free', async () => {
    const file = (site.config.database as { file: string }).file;
    await fs.access(file);
    const other = new SqliteDatabase(file);
    try {
      other.prepare('begin immediate').run();
      const r = await admin.call('POST', '/api/admin/articles', { ...makeArticle(), status: undefined, publishedAt: undefined });
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await r.json()).code).toBe('unavailable');
      other.prepare('rollback').run();
    } finally {
      other.close();
    }
    const ok = await admin.call('POST', '/api/admin/articles', { ...makeArticle(), status: undefined, publishedAt: undefined });
    expect(ok.status).toBe(201);
  });
});
