import fs from 'node:fs/promises';
import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../bench/cluster.ts';
import { firstAdmin, type AdminClient } from './admin-client.ts';
import { makeDraft, makeImage } from './harness.ts';

/**
 * The whole deployment on one machine (bench/cluster.ts): PostgreSQL, a
 * redis-server, s3rver, two web nodes (ROLES=web), a worker (ROLES=worker)
 * and Varnish with the reference VCL over both nodes, each a process of its
 * own, with MEDIA_STORAGE=s3, REDIS_URL and CDN_PURGE=varnish. Pages keep the
 * contract's long s-maxage (a day): what changes through Varnish was purged.
 */

const PASSWORD = 'correct horse battery';
const WAIT = { timeout: 30_000, interval: 100 };

async function get(url: string) {
  const r = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: r.status, cache: r.headers.get('x-cache'), type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
}
const text = async (url: string) => (await get(url)).body.toString('utf8');

/** Lines of a node's JSON log whose message matches. */
async function logged(file: string, msg: RegExp): Promise<Array<Record<string, any>>> {
  const lines = (await fs.readFile(file, 'utf8')).split('\n').filter((l) => l.startsWith('{'));
  return lines.map((l) => JSON.parse(l)).filter((l) => msg.test(String(l.msg)));
}

/** A webhook subscriber on loopback: counts what it receives and answers 204. */
function startReceiver(): Promise<{ url: string; received: Array<{ event: string; body: any }>; close(): Promise<void> }> {
  const received: Array<{ event: string; body: any }> = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const body = JSON.parse(data || 'null');
      received.push({ event: String(body?.event ?? req.headers['x-depeche-event'] ?? ''), body });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

describe('a cluster: two web nodes, a worker, Redis, S3 and Varnish', () => {
  let cluster: Cluster;
  let a: string;
  let b: string;
  let varnish: string;
  let editor: AdminClient;
  let db: pg.Client;

  /** Publishes a new article on node A. */
  async function publish(fields: Record<string, unknown>): Promise<{ id: number }> {
    const { article } = await editor.json('POST', '/api/admin/articles', makeDraft(fields));
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    return article;
  }

  /** Waits until the page shows `what` through Varnish and on both nodes directly. */
  async function everywhere(path: string, what: string) {
    for (const base of [varnish, a, b]) await expect.poll(() => text(base + path), { ...WAIT, message: `${base}${path}` }).toContain(what);
  }

  const pendingPurges = async () => Number((await db.query('select count(*) as n from cdn_purges')).rows[0].n);

  beforeAll(async () => {
    cluster = await startCluster({
      database: `depeche_cluster_test_${process.pid}`,
      dropDatabaseOnStop: true,
      demo: false,
      startTimeoutMs: 120_000,
      // Media rows and purges are checked directly; one line per request in each log is fine.
      env: { LOG_LEVEL: 'info' },
    });
    [a, b] = cluster.web.map((n) => n.url!);
    varnish = cluster.url;
    db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    editor = await firstAdmin(a, PASSWORD);
  }, 180_000);
  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
  }, 120_000);

  it('passes every node the shared services: S3 media, Redis, Varnish purges', () => {
    expect(cluster.env).toMatchObject({ MEDIA_STORAGE: 's3', REDIS_URL: cluster.redisUrl, CDN_PURGE: 'varnish', CDN_PURGE_URLS: cluster.url });
  });

  it('serves a picture uploaded on node A from node B and through Varnish: the original and a variant', async () => {
    const jpeg = await makeImage(1000, 600, 'jpeg', '#2266aa');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'port.jpg');
    const r = await editor.call('POST', '/api/admin/media', form);
    expect(r.status).toBe(201);
    const m = await r.json();
    const { original } = (await db.query('select original from images where id = $1', [m.id])).rows[0];
    const variant = m.variants.find((v: any) => v.format === 'webp')?.url ?? m.url;
    expect(variant).toMatch(/^\/media\//);
    for (const base of [b, varnish]) {
      const o = await get(`${base}/media/${original}`);
      expect(o.status, base).toBe(200);
      expect(o.body.equals(jpeg), base).toBe(true);
      const v = await get(base + variant);
      expect(v.status, base).toBe(200);
      expect(v.type).toMatch(/^image\//);
      expect(v.body.length).toBeGreaterThan(100);
    }
    // Nothing went to either web node's disk.
    for (const n of cluster.web) {
      const files = await fs.readdir(`${n.dataDir}/media`, { recursive: true, withFileTypes: true }).catch(() => []);
      expect(files.filter((f) => f.isFile()).map((f) => f.name), n.name).toEqual([]);
    }
  });

  it('shows a publish on node A through Varnish and on both nodes, and an edit of it through Varnish (purged, not expired)', async () => {
    await text(`${varnish}/fr/`);
    const article = await publish({ section: 'monde', slug: 'accord-du-port', headline: 'Accord du port' });
    await everywhere('/fr/monde/accord-du-port', 'Accord du port');
    await everywhere('/fr/', 'Accord du port');
    // Cached in Varnish for a day: only a purge brings the edit.
    await text(`${varnish}/fr/monde/accord-du-port`);
    expect((await get(`${varnish}/fr/monde/accord-du-port`)).cache).toBe('HIT');
    const { article: current } = await editor.json('GET', `/api/admin/articles/${article.id}`);
    const put = await editor.call('PUT', `/api/admin/articles/${article.id}`, { ...current, headline: 'Accord du port signé' }, { headers: { 'if-match': `"${current.version}"` } });
    expect(put.status).toBe(200);
    await everywhere('/fr/monde/accord-du-port', 'Accord du port signé');
  });

  it('publishes a scheduled article exactly once with two workers: one audit row, one revision, one webhook delivery', async () => {
    const receiver = await startReceiver();
    try {
      const second = await cluster.addWorker('worker-2');
      const { webhook } = await editor.json('POST', '/api/admin/webhooks', { url: receiver.url, events: ['article.published'] });
      const { article } = await editor.json('POST', '/api/admin/articles', makeDraft({ section: 'monde', slug: 'a-l-heure-dite', headline: 'À l’heure dite' }));
      const at = new Date(Date.now() + 3000).toISOString();
      await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'scheduled', at });
      const revisionsBefore = Number((await db.query('select count(*) as n from article_revisions where article_id = $1', [article.id])).rows[0].n);

      await everywhere('/fr/monde/a-l-heure-dite', 'À l’heure dite');
      await expect.poll(() => receiver.received.length, WAIT).toBe(1);
      await expect.poll(async () => (await editor.json('GET', `/api/admin/webhooks/${webhook.id}/deliveries`)).deliveries.map((d: any) => d.status), WAIT).toEqual(['delivered']);

      const audits = await db.query("select actor from audit_log where action = 'article.published' and subject = $1", [`article:${article.id}`]);
      expect(audits.rows).toHaveLength(1);
      const revisionsAfter = Number((await db.query('select count(*) as n from article_revisions where article_id = $1', [article.id])).rows[0].n);
      expect(revisionsAfter - revisionsBefore).toBe(1);
      expect(receiver.received.map((x) => x.body?.article?.id ?? x.body?.data?.id)).toEqual([article.id]);
      // Exactly one of the two workers says it published it.
      const said = [...(await logged(cluster.worker.logFile, /published scheduled articles/)), ...(await logged(second.logFile, /published scheduled articles/))];
      expect(said.filter((l) => (l.ids as number[]).includes(article.id))).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('keeps both nodes answering with Redis stopped: a publish reaches both (by the poll) and Varnish, and each node says once that Redis is down', async () => {
    await cluster.redis.stop();
    for (const n of cluster.web) {
      await expect.poll(async () => (await logged(n.logFile, /Redis is unreachable/)).length, { ...WAIT, message: n.name }).toBeGreaterThan(0);
    }
    for (const base of [a, b]) expect((await get(`${base}/fr/`)).status).toBe(200);
    await publish({ section: 'monde', slug: 'sans-redis', headline: 'Publié sans Redis' });
    await everywhere('/fr/monde/', 'Publié sans Redis');
    await everywhere('/fr/', 'Publié sans Redis');
    for (const n of cluster.web) expect(await logged(n.logFile, /Redis is unreachable/), n.name).toHaveLength(1);

    await cluster.redis.start();
    for (const n of cluster.web) {
      await expect.poll(async () => (await logged(n.logFile, /Redis is back/)).length, { ...WAIT, message: n.name }).toBe(1);
    }
  });

  it('serves the cached page through Varnish while both web nodes are stopped', async () => {
    const path = '/fr/monde/accord-du-port';
    // Every purge sent first, so that none drops the copy looked at here.
    await expect.poll(pendingPurges, WAIT).toBe(0);
    await expect.poll(async () => (await get(varnish + path)).cache, WAIT).toMatch(/^HIT/);
    for (const n of cluster.web) await n.stop();
    const r = await get(varnish + path);
    expect(r.status).toBe(200);
    expect(r.cache).toMatch(/^HIT/);
    expect(r.body.toString('utf8')).toContain('Accord du port signé');
    // A page Varnish never had cannot be made up.
    expect((await get(`${varnish}/fr/monde/jamais-vue`)).status).toBe(503);
  });
});
