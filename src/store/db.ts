import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type LogEvent,
  type SchemaMetadata,
  type SqliteDatabase as SqliteKyselyDatabase,
  type TableMetadata,
} from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { Unavailable } from '../errors.ts';
import { mapUnavailable, RETRY_AFTER_SECONDS } from './unavailable.ts';

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  /** Writes, the admin, and whatever must read its own writes: the primary (DATABASE_URL). */
  db: Db;
  /**
   * Reader queries (pages, feeds, sitemaps, Content API): the read replica
   * (DATABASE_READ_URL) when there is one, else the same as `db`.
   */
  read: Db;
  dialect: Dialect;

  /** Counts the statements run, for tests that check how many queries a page costs. */
  queries: { count: number };
  /** Counts the statements run on `read`: the same counter as `queries` without a replica. */
  readQueries: { count: number };
  close(): Promise<void>;
}

export interface StoreOptions {
  /**
   * How long a statement waits for a PostgreSQL connection (a free one in the
   * pool, or a new one) or for SQLite's write lock before failing as `Unavailable`.
   */
  waitMs?: number;
  /** Told when an open connection fails; the pool replaces it and the process goes on. */
  log?: { warn(obj: object, msg: string): void };
}

const stderrLog = {
  warn: (obj: { err?: Error }, msg: string) => process.stderr.write(`depeche: ${msg}: ${obj.err?.message ?? ''}\n`),
};

export function openStore(database: Config['database'], opts: StoreOptions = {}): Store {
  const waitMs = opts.waitMs ?? 5000;
  const log = opts.log ?? stderrLog;
  const queries = { count: 0 };
  const count = (_e: LogEvent) => {
    queries.count++;
  };
  if (database.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(database.file), { recursive: true });
    const sqlite = new SqliteDatabase(database.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${Math.round(waitMs)}`);
    const db = new Kysely<Database>({ dialect: mapUnavailable(new SqliteDialect({ database: withStatementCache(sqlite) })), log: count });
    const close = async () => {
      // Statistics for the planner, gathered where the work of this connection suggests (bounded, see migrate()).
      try {
        sqlite.pragma('optimize');
      } catch {
        // A closed or busy database keeps its old statistics.
      }
      await db.destroy();
    };
    return { db, read: db, dialect: 'sqlite', queries, readQueries: queries, close };
  }
  const db = postgresDb(database.url, database.schema, waitMs, log, count);
  if (!database.readUrl) return { db, read: db, dialect: 'postgres', queries, readQueries: queries, close: () => db.destroy() };
  const readQueries = { count: 0 };
  const read = postgresDb(database.readUrl, database.schema, waitMs, log, () => {
    readQueries.count++;
  });
  return {
    db,
    read,
    dialect: 'postgres',
    queries,
    readQueries,
    close: async () => {
      await Promise.all([db.destroy(), read.destroy()]);
    },
  };
}

/** One pool of PostgreSQL connections behind Kysely, with its failures reported and mapped to Unavailable. */
function postgresDb(url: string, schema: string | undefined, waitMs: number, log: NonNullable<StoreOptions['log']>, count: (e: LogEvent) => void): Db {
  const pool = new pg.Pool({
    connectionString: url,
    // node-pg returns int8 (count(*)) as a string; our counts fit in a JS number.
    types: {
      getTypeParser: ((oid: number, format?: any) =>
        oid === 20 ? (v: string) => Number.parseInt(v, 10) : pg.types.getTypeParser(oid, format)) as any,
    },
    max: 10,
    // A request waits this long for a connection, then answers 503 instead of hanging through an outage.
    connectionTimeoutMillis: waitMs,
    // Lets the kernel notice a peer that vanished without closing (failover, cut network).
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A connection that dies while idle in the pool (failover, PgBouncer restart,
  // pg_terminate_backend) is reported here; without a listener the 'error'
  // event would end the process. The pool drops the client and opens another when needed.
  pool.on('error', (err) => log.warn({ err }, 'database connection lost while idle'));
  // A connection that dies while checked out emits 'error' on the client, where the
  // pool listens only while it is idle. The statement running on it fails (and
  // becomes Unavailable); the pool discards the client when it is released.
  const inUse = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => inUse.add(client));
  pool.on('release', (_err, client) => inUse.delete(client));
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      // Idle clients are reported by the pool's listener above: each failure is logged once.
      if (inUse.has(client)) log.warn({ err }, 'database connection lost while in use');
    });
  });
  return new Kysely<Database>({ dialect: mapUnavailable(new OwnSchemaPostgresDialect({ pool })), log: count });
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

/**
 * One small read, bounded in time: the health check. A connection lost
 * without a reset (a cut network) could otherwise keep it waiting for minutes.
 */
export async function storeAnswers(store: Pick<Store, 'db'>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Unavailable('the database did not answer in time', RETRY_AFTER_SECONDS)), timeoutMs);
  });
  try {
    await Promise.race([store.db.selectFrom('site_state').select('value').limit(1).execute(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Brings the schema up to date. Kysely's migrator takes a lock, so several processes may call this at once.
 *
 * A schema that a newer release has already migrated is left as it is: during
 * a rolling upgrade (docs/deploy.md) the old release keeps running, and may
 * restart, on the schema the new one expanded, which its migrations are
 * written to allow. Kysely itself would refuse to start ("previously executed
 * migration … is missing").
 */
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
  const applied = await appliedMigrations(store.db);
  const newer = applied.filter((name) => !(name in migrations));
  if (newer.length) {
    const missing = Object.keys(migrations).filter((name) => !applied.includes(name));
    if (missing.length) {
      throw new Error(`the database has migrations this release does not know (${newer.join(', ')}) but lacks some it needs (${missing.join(', ')}): run the newer release's migrations`);
    }
    return [];
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  if (store.dialect === 'sqlite') await sqliteStatistics(store.db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations already run on this database (none on an empty one). */
async function appliedMigrations(db: Db): Promise<string[]> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return rows.map((r) => r.name);
  } catch (e) {
    // No migration table yet: an empty database. Anything else (the database is down) is the caller's to report.
    if (/no such table|does not exist/.test(String((e as Error).message))) return [];
    throw e;
  }
}

/**
 * SQLite's planner chooses between indexes by the statistics ANALYZE leaves in
 * sqlite_stat1; without them it guessed wrong on a large archive (a listing read
 * through the wrong index took seconds instead of milliseconds). They are gathered
 * when missing, and refreshed by `PRAGMA optimize` when tables changed much, each
 * bounded by `analysis_limit` (rows sampled per index), so the cost does not grow
 * with the archive. PostgreSQL's autovacuum does the same by itself.
 */
export async function sqliteStatistics(db: Db): Promise<void> {
  await sql`pragma analysis_limit = 1000`.execute(db);
  const stats = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
  const has = stats.rows[0].n > 0 && (await sql<{ n: number }>`select count(*) as n from sqlite_stat1`.execute(db)).rows[0].n > 0;
  if (!has) await sql`analyze`.execute(db);
  // 0x10002: look at every table, not only those this connection used.
  await sql`pragma optimize = 0x10002`.execute(db);
  // FTS5 keeps its index in shadow tables (…_fts_data, …_fts_idx), written through
  // statements it prepares once per connection. Statistics taken while they were
  // small (an empty index, right after its migration) made the planner scan the
  // whole of …_fts_data for each segment merge, for as long as the connection lived:
  // a large index then built ever slower. They are told large, so that their
  // primary keys are always used; `analyze sqlite_schema` makes this connection read that.
  const told = await sql`update sqlite_stat1 set stat = '1000000' || substr(stat, instr(stat || ' ', ' '))
    where tbl glob '*_fts_*' and stat not like '1000000%'`.execute(db);
  if (Number(told.numAffectedRows ?? 0) > 0) await sql`analyze sqlite_schema`.execute(db);
}

/**
 * PostgreSQL as Kysely speaks it, except that introspection (which the migrator
 * uses to find its own tables) reads only the schema the connection works in.
 * Kysely's own introspector reads the catalog of the whole database, and
 * PostgreSQL fails that read ("schema … does not exist") when any other schema
 * of the database is dropped meanwhile: another site's, or a test run's.
 */
class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db);
  }
}

class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.db);
    return rows;
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const { rows } = await sql<{ schema: string; table: string; kind: string; column: string; type: string; type_schema: string; not_null: boolean; has_default: boolean; serial: string | null; comment: string | null }>`
      select ns.nspname as schema, c.relname as table, c.relkind as kind, a.attname as column,
             t.typname as type, tns.nspname as type_schema, a.attnotnull as not_null, a.atthasdef as has_default,
             pg_get_serial_sequence(quote_ident(ns.nspname) || '.' || quote_ident(c.relname), a.attname) as serial,
             col_description(a.attrelid, a.attnum) as comment
      from pg_catalog.pg_attribute a
      join pg_catalog.pg_class c on c.oid = a.attrelid
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      join pg_catalog.pg_type t on t.oid = a.atttypid
      join pg_catalog.pg_namespace tns on tns.oid = t.typnamespace
      where ns.nspname = current_schema() and c.relkind in ('r', 'v', 'p') and a.attnum >= 0 and not a.attisdropped
      order by c.relname, a.attnum`.execute(this.db);
    const tables = new Map<string, { name: string; schema: string; isView: boolean; columns: ColumnMetadata[] }>();
    for (const r of rows) {
      if (!options.withInternalKyselyTables && (r.table === DEFAULT_MIGRATION_TABLE || r.table === DEFAULT_MIGRATION_LOCK_TABLE)) continue;
      let table = tables.get(r.table);
      if (!table) tables.set(r.table, (table = { name: r.table, schema: r.schema, isView: r.kind === 'v', columns: [] }));
      table.columns.push({
        name: r.column,
        dataType: r.type,
        dataTypeSchema: r.type_schema,
        isNullable: !r.not_null,
        hasDefaultValue: r.has_default,
        isAutoIncrementing: r.serial !== null,
        comment: r.comment ?? undefined,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
