import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { cliEnv, depeche } from './cli-runner.ts';
import { freshDatabase, makeArticle, makeDraft, NO_BACKGROUND_PASSES, testConfig, TEST_REDIS_URL, uniqueRedisPrefix, waitFor } from './harness.ts';

const PASSWORD = 'correct horse battery';

async function listen(app: App): Promise<string> {
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;
}

describe('two nodes over one PostgreSQL database and the machine’s Redis', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let config: Config;
  let a: App, b: App;
  let urlA: string, urlB: string;
  let editor: AdminClient;

  beforeAll(async () => {
    database = await freshDatabase('postgres');
    // The poll is an hour: whatever reaches the other node quickly came over Redis.
    config = testConfig(database.dataDir, database.database, {
      ...NO_BACKGROUND_PASSES,
      redisUrl: TEST_REDIS_URL,
      redisPrefix: uniqueRedisPrefix(),
      contentPollMs: 3_600_000,
      contentApiRateLimit: 4,
    });
    a = await buildApp(config);
    b = await buildApp(config);
    [urlA, urlB] = [await listen(a), await listen(b)];
    await waitFor('both nodes connected to Redis', () => a.bus.shared && b.bus.shared);
    await adminClient(urlA).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD });
    editor = await adminClient(urlA).login('admin@example.org', PASSWORD);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('empties the other node’s page cache when an article is published on one', async () => {
    const home = () => fetch(`${urlB}/fr/`).then((r) => r.text());
    await home();
    expect(b.cache.size).toBeGreaterThan(0);
    const { article } = await editor.json('POST', '/api/admin/articles', makeDraft({ section: 'monde', headline: 'Publié sur le nœud A' }));
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    await expect.poll(home, { timeout: 15_000, interval: 20 }).toContain('Publié sur le nœud A');
  });

  it('carries a message published on one node to the subscribers of its topic on the other', async () => {
    const got: unknown[] = [];
    const off = b.bus.subscribe('live:42', (p) => got.push(p));
    try {
      // The subscription reaches Redis asynchronously: publish until it is heard.
      await expect
        .poll(
          async () => {
            await a.bus.publish('live:42', { text: 'But à la 90e' });
            return got.length > 0;
          },
          { timeout: 15_000, interval: 100 },
        )
        .toBe(true);
      expect(got[0]).toEqual({ text: 'But à la 90e' });
    } finally {
      off();
    }
  });

  it('counts Content API calls of one address across both nodes and answers 429 with Retry-After and a JSON error past the limit', async () => {
    const statuses: number[] = [];
    for (const url of [urlA, urlB, urlA, urlB]) statuses.push((await fetch(`${url}/api/content/articles`)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const r = await fetch(`${urlB}/api/content/articles`);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await r.json()).toMatchObject({ code: 'too_many_requests' });
  });

  it('throttles sign-in failures of one account across both nodes, counted in Redis rather than the database', async () => {
    const attempt = (url: string) => adminClient(url).call('POST', '/api/admin/session', { email: 'admin@example.org', password: 'wrong password!' });
    const statuses: number[] = [];
    for (const url of [urlA, urlB, urlA, urlB, urlA]) statuses.push((await attempt(url)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const refused = await attempt(urlB);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await a.store.db.selectFrom('login_attempts').selectAll().execute()).toEqual([]);
  });

  it('hears of an import made by the depeche command (which publishes on Redis too)', async () => {
    const file = path.join(database.dataDir, 'one.json');
    await fs.writeFile(file, JSON.stringify([makeArticle({ section: 'monde', headline: 'Importé en ligne de commande' })]));
    const home = () => fetch(`${urlB}/fr/`).then((r) => r.text());
    expect(await home()).not.toContain('Importé en ligne de commande');
    const env = { ...cliEnv(database.dataDir, database.database), REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: config.redisPrefix, DEMO_CONTENT: 'false' };
    const r = await depeche(env, ['import', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect.poll(home, { timeout: 15_000, interval: 20 }).toContain('Importé en ligne de commande');
  });
});
