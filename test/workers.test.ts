import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { cliEnv, depeche } from './cli-runner.ts';
import { forEachDialect, freshDatabase, makeDraft, testConfig, waitFor } from './harness.ts';
import { startWorker, type WorkerProcess } from './support/worker-process.ts';

const PASSWORD = 'correct horse battery';

/** A webhook receiver on loopback that records each request's delivery id; it may hold requests unanswered. */
async function startReceiver() {
  const r = {
    received: [] as Array<{ delivery: string; event: string }>,
    hold: false,
    held: [] as http.ServerResponse[],
    arrived: [] as Array<() => void>,
    url: '',
    server: undefined as unknown as http.Server,
  };
  r.server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      r.received.push({ delivery: String(req.headers['x-depeche-delivery']), event: String(req.headers['x-depeche-event']) });
      for (const f of r.arrived.splice(0)) f();
      if (r.hold) r.held.push(res);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(r.server.address() as { port: number }).port}/hooks`;
  return r;
}

forEachDialect('two worker processes (depeche worker)', (dialect) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let web: App;
  let url: string;
  let admin: AdminClient;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let env: Record<string, string>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    database = await freshDatabase(dialect);
    receiver = await startReceiver();
    // This process serves the Admin API only; the jobs are the workers'.
    web = await buildApp(testConfig(database.dataDir, database.database, { roles: { web: true, worker: false } }));
    await web.server.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(web.server.server.address() as { port: number }).port}`;
    await adminClient(url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD });
    admin = await adminClient(url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/webhooks', { url: receiver.url, events: ['article.published'] });
    env = { ...cliEnv(database.dataDir, database.database), JOB_LEASE_SECONDS: '2' };
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    for (const res of receiver?.held ?? []) res.destroy();
    receiver?.server.closeAllConnections();
    await new Promise((resolve) => receiver?.server.close(resolve));
    await web?.close();
    await database?.drop();
  });

  it('serves nothing but /healthz on a worker-only node', async () => {
    const w = await startWorker(env);
    workers.push(w);
    const base = `http://127.0.0.1:${w.port()}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, roles: ['worker'] });
    for (const p of ['/fr/', '/api/content/articles', '/api/admin/session', '/sitemap.xml']) expect((await fetch(base + p)).status, p).toBe(404);
    await w.stop();
  });

  it('publishes each scheduled article exactly once with two workers: one audit row, one revision, one webhook delivery', async () => {
    const ids: number[] = [];
    const at = new Date(Date.now() + 3000).toISOString();
    for (let i = 0; i < 3; i++) {
      const { article } = await admin.json('POST', '/api/admin/articles', makeDraft({ section: 'monde', headline: `Programmé ${i}` }));
      await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'scheduled', at });
      ids.push(article.id);
    }
    const pair = [await startWorker(env), await startWorker(env)];
    workers.push(...pair);
    const db = web.store.db;
    await waitFor('the three articles published and their deliveries sent', async () => {
      const rows = await db.selectFrom('articles').select('status').where('id', 'in', ids).execute();
      const sent = await db.selectFrom('webhook_deliveries').select('status').where('status', '=', 'delivered').execute();
      return rows.every((r) => r.status === 'published') && sent.length >= 3;
    }, 60_000);
    // Whatever pass was still running ends before anything is counted.
    await Promise.all(pair.map((w) => w.stop()));
    for (const id of ids) {
      const audits = await db.selectFrom('audit_log').select('id').where('action', '=', 'article.published').where('subject', '=', `article:${id}`).execute();
      expect(audits, `audit rows of article ${id}`).toHaveLength(1);
      const revisions = await db.selectFrom('article_revisions').select('snapshot').where('article_id', '=', id).execute();
      expect(revisions.filter((r) => JSON.parse(r.snapshot).status === 'published'), `published revisions of article ${id}`).toHaveLength(1);
    }
    const deliveries = await db.selectFrom('webhook_deliveries').select(['id', 'status', 'attempts']).where('event', '=', 'article.published').execute();
    expect(deliveries).toHaveLength(3);
    expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    expect(receiver.received.map((r) => r.delivery).sort()).toEqual(deliveries.map((d) => String(d.id)).sort());
    // Both workers ran their passes: the articles went out through one or the other, never both.
    const published = pair.flatMap((w) => w.lines.filter((l) => l.msg === 'published scheduled articles').flatMap((l) => l.ids as number[]));
    expect(published.sort()).toEqual([...ids].sort());
  });

  it('gives a delivery whose worker was killed mid-send to another worker once the lease lapses, and sends it once more only', async () => {
    receiver.received.length = 0;
    receiver.hold = true;
    const first = await startWorker(env);
    workers.push(first);
    const arrived = new Promise<void>((resolve) => receiver.arrived.push(resolve));
    const { article } = await admin.json('POST', '/api/admin/articles', makeDraft({ section: 'monde', headline: 'Envoyé deux fois ?' }));
    await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    await arrived;
    await first.kill();
    const db = web.store.db;
    const row = () => db.selectFrom('webhook_deliveries').select(['id', 'status', 'attempts']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'delivering', attempts: 1 });
    receiver.hold = false;
    for (const res of receiver.held.splice(0)) res.destroy();
    const second = await startWorker(env);
    workers.push(second);
    await waitFor('the delivery sent by the second worker', async () => (await row()).status === 'delivered', 60_000);
    await second.stop();
    const d = await row();
    expect(d.attempts).toBe(2);
    expect(receiver.received.filter((r) => r.delivery === String(d.id))).toHaveLength(2);
    const deliveries = await db.selectFrom('webhook_deliveries').select('id').execute();
    expect(deliveries).toHaveLength(4);
  });
});

it('stops `depeche worker` at start with a message naming REDIS_URL when it is not a Redis URL', async () => {
  const r = await depeche({ REDIS_URL: 'http://cache.internal:6379', DATA_DIR: '/nonexistent-depeche' }, ['worker']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/REDIS_URL: expected redis:\/\//);
});
