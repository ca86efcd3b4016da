import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect, it } from 'vitest';
import { migrate, openStore } from '../../src/store/db.ts';
import { freshDatabase, TEST_POSTGRES_URL } from '../harness.ts';

it('migrates a PostgreSQL schema while other schemas of the same database are dropped', async () => {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  const others = Array.from({ length: 40 }, () => `drop_${randomBytes(6).toString('hex')}`);
  try {
    for (const name of others) {
      await admin.query(`create schema ${name}`);
      for (let t = 0; t < 10; t++) await admin.query(`create table ${name}.t${t} (id serial primary key, a text, b integer)`);
    }
    const db = await freshDatabase('postgres');
    const store = openStore(db.database);
    try {
      // Another site's schemas (or another test run's) go while this one migrates.
      let dropping = true;
      const drops = (async () => {
        for (const name of others) {
          if (!dropping) break;
          await admin.query(`drop schema ${name} cascade`);
        }
      })();
      const done = await migrate(store);
      dropping = false;
      await drops;
      expect(done.length).toBeGreaterThan(5);
    } finally {
      await store.close();
      await db.drop();
    }
  } finally {
    for (const name of others) await admin.query(`drop schema if exists ${name} cascade`);
    await admin.end();
  }
});
