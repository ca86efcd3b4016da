import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect, it } from 'vitest';
import { migrate, openStore } from '../../src/store/db.ts';
import { TEST_POSTGRES_URL } from '../harness.ts';

/** The test's own database: the schemas it drops must not be other test files' catalog reads. */
function urlOf(database: string): string {
  const u = new URL(TEST_POSTGRES_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

it('migrates a PostgreSQL schema while other schemas of the same database are dropped', async () => {
  const database = `drops_${randomBytes(6).toString('hex')}`;
  const server = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await server.connect();
  await server.query(`create database ${database}`);
  const admin = new pg.Client({ connectionString: urlOf(database) });
  await admin.connect();
  const others = Array.from({ length: 150 }, (_, i) => `other_${i}`);
  try {
    // Enough tables that Kysely's catalog read takes a while.
    for (const name of others) {
      const tables = Array.from({ length: 12 }, (_, t) => `create table ${name}.t${t} (id serial primary key, a text, b integer);`).join('');
      await admin.query(`create schema ${name};${tables}`);
    }
    // Another site's schemas go while ours migrate: Kysely's read of the whole catalog meets them.
    let dropping = true;
    const drops = (async () => {
      for (const name of others) {
        if (!dropping) break;
        await admin.query(`drop schema ${name} cascade`);
      }
    })();
    try {
      for (let i = 0; i < 6; i++) {
        await admin.query(`create schema site_${i}`);
        const store = openStore({ kind: 'postgres', url: urlOf(database), schema: `site_${i}` });
        try {
          expect((await migrate(store)).length).toBeGreaterThan(5);
        } finally {
          await store.close();
        }
      }
    } finally {
      dropping = false;
      await drops;
    }
  } finally {
    await admin.end();
    await server.query(`drop database if exists ${database} with (force)`);
    await server.end();
  }
});
