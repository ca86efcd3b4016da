import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Prefix of the PostgreSQL schemas this run creates (test/harness.ts). */
    pgRun: string;
  }
}

const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The schemas of one run are dropped together once every test file is done,
 * under the run's own prefix: a run never drops another run's schemas, and
 * the store's catalog reads stay quiet while files run.
 */
export default function setup(project: TestProject) {
  const run = `t_${randomBytes(4).toString('hex')}`;
  project.provide('pgRun', run);
  return async function teardown() {
    const c = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5000 });
    try {
      await c.connect();
    } catch {
      return; // No PostgreSQL: the store tests have failed and said so.
    }
    try {
      const { rows } = await c.query<{ name: string }>(`select nspname as name from pg_namespace where nspname like $1`, [`${run}\\_%`]);
      for (const { name } of rows) await c.query(`drop schema if exists "${name}" cascade`);
    } finally {
      await c.end();
    }
  };
}
