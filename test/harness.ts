import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, describe, inject } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';

export type DialectName = 'sqlite' | 'postgres';

let scratchRoot: string | undefined;
// Folders a test file makes for fixtures and exports go away after the file's tests.
afterAll(() => {
  if (scratchRoot) fsSync.rmSync(scratchRoot, { recursive: true, force: true });
  scratchRoot = undefined;
});

/** A new empty folder for fixtures or output, removed after the test file's tests. */
export function scratchDir(prefix: string): Promise<string> {
  scratchRoot ??= fsSync.mkdtempSync(path.join(os.tmpdir(), 'depeche-scratch-'));
  return fs.mkdtemp(path.join(scratchRoot, prefix));
}

/** The PostgreSQL server the suite runs against; started before every session and every CI run. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgReachable: Promise<boolean> | undefined;
function postgresReachable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const c = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      await c.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => {});
    }
  })();
  return pgReachable;
}

/**
 * A fresh, empty database of the given dialect: a temporary SQLite file, or a
 * new PostgreSQL schema. In CI a missing PostgreSQL is a failure, never a skip.
 */
export async function freshDatabase(dialect: DialectName): Promise<{ database: Config['database']; dataDir: string; drop(): Promise<void> }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-test-'));
  if (dialect === 'sqlite') {
    return {
      database: { kind: 'sqlite', file: path.join(dataDir, 'depeche.db') },
      dataDir,
      drop: () => fs.rm(dataDir, { recursive: true, force: true }),
    };
  }
  if (!(await postgresReachable())) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: the store tests need it (set TEST_DATABASE_URL)`);
  }
  // Named after the run, whose global set-up drops its schemas once all files are done (test/global-setup.ts).
  const run = inject('pgRun');
  const schema = `${run ?? 't'}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    database: { kind: 'postgres', url: TEST_POSTGRES_URL, schema },
    dataDir,
    async drop() {
      if (!run) {
        const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      }
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the same suite on SQLite and on PostgreSQL. */
export function forEachDialect(name: string, suite: (dialect: DialectName) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) describe(`${name} [${dialect}]`, () => suite(dialect));
}

/**
 * A config for tests: loopback, port 0, no demo, no background image, video or wire polling work, quiet. No API rate
 * limits (tests send many requests from one address; test/rate-limits.test.ts turns them on).
 */
export function testConfig(dataDir: string, database: Config['database'], overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DEMO_CONTENT: 'false', LOG_LEVEL: 'silent', PUBLIC_URL: 'https://news.example' });
  // No video worker either: tests that transcode drive app.videos.runOnce() (or a VideoWorker of their own).
  return { ...base, database, backgroundImages: false, contentPollMs: 100, ingestMs: 0, statisticsMs: 0, contentApiRateLimit: 0, adminApiRateLimit: 0, cdn: { ...base.cdn, purgeMs: 0 }, video: { ...base.video, jobsMs: 0 }, ...overrides };
}

/** The machine's Redis, for tests that share one; each test names its keys with its own prefix (redisPrefix). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A prefix no other test (or test run) uses, for redisPrefix. */
export function uniqueRedisPrefix(): string {
  return `depeche-test:${randomBytes(6).toString('hex')}:`;
}

/** No scheduler, webhook, wire or search backfill passes: for tests that count the queries a request makes, which a background pass would add to. */
export const NO_BACKGROUND_PASSES: Partial<Config> = { schedulerMs: 0, webhooksMs: 0, ingestMs: 0, searchBackfillMs: 0 };

export interface TestSite {
  app: App;
  config: Config;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Builds the app on a fresh database and listens on a loopback port. */
export async function startTestSite(dialect: DialectName, overrides: Partial<Config> = {}, now?: () => Date): Promise<TestSite> {
  const db = await freshDatabase(dialect);
  const config = testConfig(db.dataDir, db.database, overrides);
  const app = await buildApp(config, { now });
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.server.address() as { port: number };
  return {
    app,
    config,
    url: `http://127.0.0.1:${addr.port}`,
    dataDir: db.dataDir,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** A small generated JPEG (or another format) for fixtures. */
export async function makeImage(width = 1200, height = 800, format: 'jpeg' | 'png' = 'jpeg', color = '#3366aa'): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: color } });
  return format === 'png' ? img.png().toBuffer() : img.jpeg().toBuffer();
}

/** Lists every file under a folder, for checking that nothing was written. */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? (e as any).path, e.name)).sort();
  } catch {
    return [];
  }
}

let seq = 0;
/** An article in the import format with a unique slug; override any field. */
export function makeArticle(overrides: Record<string, unknown> = {}): Record<string, any> {
  seq++;
  return {
    edition: 'fr',
    slug: `article-${process.pid}-${seq}`,
    section: 'tv',
    headline: `Titre numéro ${seq}`,
    standfirst: 'Un chapô.',
    status: 'published',
    publishedAt: '2026-11-20T09:30:00Z',
    authors: [],
    tags: [],
    body: [{ type: 'paragraph', text: 'Premier paragraphe.' }],
    ...overrides,
  };
}

/** makeArticle as the Admin API takes a new one: a draft, with no status or publication time. */
export function makeDraft(overrides: Record<string, unknown> = {}): Record<string, any> {
  const { status: _s, publishedAt: _p, ...draft } = makeArticle(overrides);
  return draft;
}

/** Waits until `condition` holds (checked every `intervalMs`), or fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, intervalMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
