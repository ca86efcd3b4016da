import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliStore, withStore } from '../src/cli/main.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { freshDatabase } from './harness.ts';

// SQLite only: its wait is the connection's busy_timeout, which the connection itself reports. On PostgreSQL the
// same option of openStore sets the pool's connection timeout, which nothing outside the pool can read; the
// outage tests (test/hostile/database-outages.test.ts) show that option at work for the server.
describe('the command line waits for the database as long as DATABASE_WAIT_SECONDS says', () => {
  let config: Config;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await freshDatabase('sqlite');
    drop = db.drop;
    config = { ...loadConfig({ DATA_DIR: db.dataDir, DATABASE_WAIT_SECONDS: '42.5', LOG_LEVEL: 'silent' }), database: db.database };
  });
  afterAll(() => drop());

  const busyTimeout = async (store: ReturnType<typeof openCliStore>) =>
    (await sql<{ timeout: number }>`pragma busy_timeout`.execute(store.db)).rows[0].timeout;

  it('in the commands that run in withStore (import, export, users, tokens)', async () => {
    expect(await withStore(config, busyTimeout)).toBe(42_500);
  });

  it('in depeche migrate', async () => {
    const store = openCliStore(config);
    try {
      expect(await busyTimeout(store)).toBe(42_500);
    } finally {
      await store.close();
    }
  });
});
