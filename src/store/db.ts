import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type LogEvent, type SqliteDatabase as SqliteKyselyDatabase } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Db;
  dialect: Dialect;

  /** Counts the statements run, for tests that check how many queries a page costs. */
  queries: { count: number };
  close(): Promise<void>;
}

export function openStore(database: Config['database']): Store {
  const queries = { count: 0 };
  const log = (_e: LogEvent) => {
    queries.count++;
  };
  if (database.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(database.file), { recursive: true });
    const sqlite = new SqliteDatabase(database.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log });
    return { db, dialect: 'sqlite', queries, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: database.url,
    // node-pg returns int8 (count(*)) as a string; our counts fit in a JS number.
    types: {
      getTypeParser: ((oid: number, format?: any) =>
        oid === 20 ? (v: string) => Number.parseInt(v, 10) : pg.types.getTypeParser(oid, format)) as any,
    },
    max: 10,
    ...(database.schema ? { options: `-c search_path=${database.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  return { db, dialect: 'postgres', queries, close: () => db.destroy() };
}

/**
 * Kysely prepares every statement anew; preparing costs as much as running a
 * page's queries. Reader pages repeat the same few statements, so prepared
 * statements are kept by SQL text (bounded; SQLite re-prepares them itself
 * after a schema change).
 */
function withStatementCache(sqlite: SqliteDatabase.Database, max = 500): SqliteKyselyDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(sql: string) {
      // Write transactions take the lock when they begin: a deferred BEGIN that
      // later writes fails at once with SQLITE_BUSY when another process writes.
      if (sql === 'begin') sql = 'begin immediate';
      let stmt = cache.get(sql);
      if (stmt) {
        // Most recently used last, so the oldest goes first when full.
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
    close: () => sqlite.close(),
  };
}

/** Brings the schema up to date. Kysely's migrator takes a lock, so several processes may call this at once. */
export async function migrate(store: Pick<Store, 'db' | 'dialect'>): Promise<string[]> {
  // On PostgreSQL the migration tables are named in the schema the connection
  // works in (search_path), so that Kysely does not take another schema's for ours.
  const schema =
    store.dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0].s : undefined;
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
