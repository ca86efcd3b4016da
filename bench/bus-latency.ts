// How long after a content change is announced on one node the other node's page cache is empty, over Redis.
// Two app processes' worth of app (in one process) over one PostgreSQL schema and the local Redis.
// Usage: npx tsx bench/bus-latency.ts [rounds]   (TEST_DATABASE_URL, TEST_REDIS_URL as for the tests)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { announceContentChange } from '../src/bus/content-changes.ts';
import { loadConfig } from '../src/config.ts';
import { sql } from 'kysely';

const rounds = Number(process.argv[2] ?? 50);
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = `buslat_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: pgUrl });
await admin.connect();
await admin.query(`create schema ${schema}`);
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-buslat-'));
const base = loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DEMO_CONTENT: 'false', LOG_LEVEL: 'silent' });
// The poll is an hour: only the bus can empty the other node's cache.
const config = { ...base, database: { kind: 'postgres' as const, url: pgUrl, schema }, redisUrl, redisPrefix: `buslat-${schema}:`, contentPollMs: 3_600_000, schedulerMs: 0, webhooksMs: 0, ingestMs: 0, backgroundImages: false };
const a = await buildApp(config);
const b = await buildApp(config);
try {
  while (!(a.bus.shared && b.bus.shared)) await new Promise((r) => setTimeout(r, 20));
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await b.server.inject('/fr/');
    if (b.cache.size === 0) throw new Error('the page was not cached');
    // A content change as any write makes it (the version moves), without what a write does besides.
    await sql`update site_state set value = value + 1 where key = 'content_version'`.execute(a.store.db);
    const t0 = performance.now();
    announceContentChange(a.bus);
    while (b.cache.size > 0) await new Promise((r) => setImmediate(r));
    ms.push(performance.now() - t0);
  }
  ms.sort((x, y) => x - y);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(1);
  console.log(`announce on A → B's page cache empty, ${rounds} rounds: median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${ms.at(-1)!.toFixed(1)} ms`);
} finally {
  await a.close();
  await b.close();
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
  await fs.rm(dataDir, { recursive: true, force: true });
}
