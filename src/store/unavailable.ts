import type { DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { Unavailable } from '../errors.ts';

/** What a client is told to wait before trying again while the store is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/** Socket errors that mean the server could not be reached or the connection died. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is there but will not serve: admin or crash
 * shutdown (57P01, 57P02), still starting (57P03), no connection slot (53300).
 * Class 08 (connection exceptions) is matched by prefix.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Errors node-pg and pg-pool raise without a code when a connection fails or times out. */
const PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^Postgres connection has been discarded/,
];

/**
 * Whether an error from the database driver means "the store is unreachable
 * for now" rather than "this statement is wrong". The one list of such errors.
 */
export function isConnectionFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    // better-sqlite3: the write lock stayed taken for the whole busy timeout.
    if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) return true;
  }
  if (PG_MESSAGES.some((m) => m.test(err.message))) return true;
  // Node reports a failed connection to every address of a name as one AggregateError.
  if (err instanceof AggregateError) return err.errors.some(isConnectionFailure);
  return false;
}

/** The error to throw in place of a driver error: Unavailable for connection failures, the error itself otherwise. */
export function mapStoreError(err: unknown): unknown {
  if (err instanceof Unavailable || !isConnectionFailure(err)) return err;
  return new Unavailable('the database is unreachable; try again shortly', RETRY_AFTER_SECONDS, { cause: err });
}

async function mapped<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw mapStoreError(err);
  }
}

/** A connection whose failures reach Kysely already mapped. */
class MappedConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: Parameters<DatabaseConnection['executeQuery']>[0]): Promise<QueryResult<R>> {
    return mapped(() => this.inner.executeQuery<R>(query));
  }

  async *streamQuery<R>(query: Parameters<DatabaseConnection['streamQuery']>[0], chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (err) {
      throw mapStoreError(err);
    }
  }
}

const innerOf = (c: DatabaseConnection) => (c instanceof MappedConnection ? c.inner : c);

class MappedDriver implements Driver {
  constructor(private readonly inner: Driver) {
    // Savepoints are optional in Kysely's Driver: offer them only when the dialect does.
    const savepoints = ['savepoint', 'rollbackToSavepoint', 'releaseSavepoint'] as const;
    for (const name of savepoints) {
      const f = inner[name];
      if (f) (this as Driver)[name] = (c, savepointName, compile) => mapped(() => f.call(inner, innerOf(c), savepointName, compile));
    }
  }
  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  init(): Promise<void> {
    return mapped(() => this.inner.init());
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new MappedConnection(await mapped(() => this.inner.acquireConnection()));
  }
  beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return mapped(() => this.inner.beginTransaction(innerOf(c), settings));
  }
  commitTransaction(c: DatabaseConnection): Promise<void> {
    return mapped(() => this.inner.commitTransaction(innerOf(c)));
  }
  rollbackTransaction(c: DatabaseConnection): Promise<void> {
    return mapped(() => this.inner.rollbackTransaction(innerOf(c)));
  }
  releaseConnection(c: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(innerOf(c));
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * The dialect, with every connection-level failure turned into `Unavailable`
 * where the driver raises it: domain code, jobs and the error handler see one
 * typed error whichever database and whichever way the connection failed.
 */
export function mapUnavailable(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new MappedDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
