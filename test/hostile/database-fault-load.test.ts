import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../admin-client.ts';
import { makeArticle, scratchDir } from '../harness.ts';
import { ownDatabase } from '../support/pg-outage.ts';

const PASSWORD = 'correct horse battery';

async function until(f: () => Promise<boolean> | boolean, everyMs = 25): Promise<void> {
  while (!(await f())) await new Promise((r) => setTimeout(r, everyMs));
}

/**
 * The fault test of issue 8, on PostgreSQL: `depeche serve` in its own process,
 * a few clients reading and writing, the site's backends terminated twice.
 * The process must keep running, answer again by itself, and keep every write
 * it acknowledged.
 */
describe('database faults under load [postgres]', () => {
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  let child: ChildProcess;
  let base: string;
  let output = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  beforeAll(async () => {
    database = await ownDatabase();
    const dataDir = await scratchDir('fault-');
    child = spawn(process.execPath, ['bin/depeche', 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        DEMO_CONTENT: 'false',
        LOG_LEVEL: 'info',
        INGEST_POLL_SECONDS: '0',
        DATABASE_WAIT_SECONDS: '2',
        PUBLIC_URL: 'https://news.example',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code, signal) => (exited = { code, signal }));
    await until(() => /Server listening at http:\/\/127\.0\.0\.1:\d+/.test(output) || exited !== undefined, 50);
    if (exited) throw new Error(`depeche serve exited: ${output}`);
    base = `http://127.0.0.1:${/Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1]}`;
  }, 120_000);

  afterAll(async () => {
    if (child && !exited) {
      child.kill('SIGTERM');
      await until(() => exited !== undefined, 50);
    }
    await database?.drop();
  }, 60_000);

  it('keeps running through two terminations of its backends, answers again within 5 s, and loses no acknowledged write', async () => {
    await adminClient(base).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    const writers: AdminClient[] = [await adminClient(base).login('admin@example.org', PASSWORD), await adminClient(base).login('admin@example.org', PASSWORD)];

    // The section exists before the writers race (two first articles of a new section clash on its creation, a 409 unrelated to outages).
    const first = makeArticle();
    delete first.status;
    delete first.publishedAt;
    const acknowledged: number[] = [(await writers[0].json('POST', '/api/admin/articles', first)).article.id];
    const statuses = new Map<number, number>();
    const seen = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    let running = true;

    const write = async (c: AdminClient) => {
      while (running) {
        const a = makeArticle();
        delete a.status;
        delete a.publishedAt;
        const r = await c.call('POST', '/api/admin/articles', a);
        seen(r.status);
        const body = await r.json();
        if (r.status === 201) acknowledged.push(body.article.id);
      }
    };
    const read = async (path: string) => {
      while (running) {
        const r = await fetch(base + path);
        seen(r.status);
        await r.arrayBuffer();
      }
    };
    const load = Promise.all([...writers.map(write), read('/api/content/articles'), read('/fr/'), read('/healthz')]);

    const recoveries: number[] = [];
    try {
      for (let round = 0; round < 2; round++) {
        const before = acknowledged.length;
        await until(() => acknowledged.length >= before + 10);
        expect(await database.terminate()).toBeGreaterThan(0);
        // The database is back at once: measure until the site answers and writes again.
        const back = Date.now();
        const acked = acknowledged.length;
        await until(async () => (await fetch(base + '/healthz')).status === 200 && acknowledged.length > acked);
        recoveries.push(Date.now() - back);
      }
    } finally {
      running = false;
      await load;
    }

    expect(exited).toBeUndefined();
    expect((await fetch(base + '/healthz')).status).toBe(200);
    // Only successes and 503s: a lost connection is never a 500 nor a hang.
    expect([...statuses.keys()].filter((s) => s !== 200 && s !== 201 && s !== 503)).toEqual([]);
    for (const ms of recoveries) expect(ms).toBeLessThan(5000);
    const stored = await database.query<{ id: number }>('select id from articles where id = any($1::int[])', [acknowledged]);
    expect(stored.length).toBe(acknowledged.length);
    expect(output).not.toMatch(/Unhandled|uncaught/i);
    console.info(`fault test: ${acknowledged.length} writes acknowledged, answers ${JSON.stringify(Object.fromEntries(statuses))}, back after ${recoveries.join(' ms, ')} ms`);
  }, 180_000);
});
