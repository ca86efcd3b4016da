import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { freshDatabase, makeDraft, NO_BACKGROUND_PASSES, testConfig, uniqueRedisPrefix, waitFor } from './harness.ts';
import { freePort } from './support/free-port.ts';
import { startRedis } from './support/redis-server.ts';

const PASSWORD = 'correct horse battery';

describe('Redis stopped while two nodes run', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let port: number;
  const nodes: Array<{ app: App; url: string; log: Array<Record<string, any>> }> = [];
  let editor: AdminClient;

  const said = (i: number, msg: RegExp) => nodes[i].log.filter((l) => msg.test(String(l.msg)));

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    database = await freshDatabase('postgres');
    const config = testConfig(database.dataDir, database.database, {
      ...NO_BACKGROUND_PASSES,
      redisUrl: redis.url,
      redisPrefix: uniqueRedisPrefix(),
      contentPollMs: 200,
      contentApiRateLimit: 1000,
      logLevel: 'info',
    });
    for (let i = 0; i < 2; i++) {
      const log: Array<Record<string, any>> = [];
      const app = await buildApp(config, { logStream: { write: (line) => void log.push(JSON.parse(line)) } });
      await app.server.listen({ host: '127.0.0.1', port: 0 });
      nodes.push({ app, log, url: `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}` });
    }
    await waitFor('both nodes connected to Redis', () => nodes.every((n) => n.app.bus.shared));
    await adminClient(nodes[0].url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD });
    editor = await adminClient(nodes[0].url).login('admin@example.org', PASSWORD);
  });
  afterAll(async () => {
    for (const n of nodes) await n.app.close();
    await redis?.kill();
    await database?.drop();
  });

  it('keeps answering, carries publishes by the poll, says once that Redis is down, and uses the bus again once it is back', async () => {
    await redis.kill();
    await waitFor('both nodes to log that Redis is unreachable', () => nodes.every((_, i) => said(i, /Redis is unreachable/).length > 0));

    // Readers, the Content API (counted per node meanwhile) and sign-in (counted in the database meanwhile) still answer.
    for (const n of nodes) {
      expect((await fetch(`${n.url}/fr/`)).status).toBe(200);
      expect((await fetch(`${n.url}/api/content/articles`)).status).toBe(200);
      expect((await fetch(`${n.url}/healthz`)).status).toBe(200);
    }
    const wrong = await adminClient(nodes[1].url).call('POST', '/api/admin/session', { email: 'admin@example.org', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(await nodes[0].app.store.db.selectFrom('login_attempts').select('key').where('key', '=', 'email:admin@example.org').execute()).toHaveLength(1);

    // A publish on one node reaches the other by the database poll.
    const home = () => fetch(`${nodes[1].url}/fr/`).then((r) => r.text());
    await home();
    const { article } = await editor.json('POST', '/api/admin/articles', makeDraft({ section: 'monde', headline: 'Publié pendant la panne' }));
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    await expect.poll(home, { timeout: 20_000, interval: 50 }).toContain('Publié pendant la panne');
    await nodes[0].app.bus.publish('live:1', { lost: true });
    // One line per outage, however many reconnection attempts failed meanwhile.
    for (let i = 0; i < 2; i++) expect(said(i, /Redis is unreachable/)).toHaveLength(1);
    for (const n of nodes) expect(n.log.filter((l) => l.level >= 50)).toEqual([]);

    redis = await startRedis(port);
    await waitFor('both nodes to log that Redis is back', () => nodes.every((_, i) => said(i, /Redis is back/).length === 1), 30_000);
    await waitFor('both nodes connected again', () => nodes.every((n) => n.app.bus.shared));
    const got: unknown[] = [];
    const off = nodes[1].app.bus.subscribe('live:2', (p) => got.push(p));
    try {
      await waitFor('a bus message from one node to the other', async () => {
        await nodes[0].app.bus.publish('live:2', { back: true });
        return got.length > 0;
      });
      expect(got[0]).toEqual({ back: true });
    } finally {
      off();
    }
    // The content topic, subscribed before the outage, is heard again: with the poll stopped, only the bus can bring this one.
    nodes[1].app.site.stop();
    await home();
    const { article: after } = await editor.json('POST', '/api/admin/articles', makeDraft({ section: 'monde', headline: 'Publié après le retour de Redis' }));
    await editor.json('POST', `/api/admin/articles/${after.id}/transitions`, { to: 'published' });
    await expect.poll(home, { timeout: 20_000, interval: 50 }).toContain('Publié après le retour de Redis');
  });
});
