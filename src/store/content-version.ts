import { sql } from 'kysely';
import { joinKeys, MISS_KEY, SITE_KEY } from '../cdn/keys.ts';
import type { Db } from './db.ts';

/** The due time of a purge to send at once: before any clock's now, whatever clock the app runs on. */
export const PURGE_AT_ONCE = '0000-01-01T00:00:00.000Z';

/** A purge to send when a time comes (an embargo's end), rather than at once. */
export interface LaterPurge {
  at: string;
  keys: Iterable<string>;
}

/**
 * A counter every content change bumps inside its own transaction. Each app
 * process polls it, so a change made by the CLI or another node reaches every
 * page cache within one poll interval. The same transaction records the
 * version's keys in content_changes, so that each node drops just the pages
 * that show what changed (readChanges).
 *
 * The same transaction queues the CDN purge of `keys` (src/cdn/keys.ts: what
 * the change affects) in the cdn_purges outbox, and of each `later` purge at
 * its time; the purge worker sends them after the commit. Without keys the
 * whole site is purged. 404 pages and redirects are purged on every change.
 */
export async function bumpContentVersion(trx: Db, keys: Iterable<string> = [SITE_KEY], later: LaterPurge[] = []): Promise<void> {
  keys = [...keys];
  await sql`update site_state set value = value + 1 where key = 'content_version'`.execute(trx);
  // The version's keys, for the page caches of every node (readChanges). The row lock on
  // site_state orders the bumps, so versions commit in order, each with its keys.
  const version = await readContentVersion(trx);
  // Pruned in the same write; rows at or past this version (a counter restored from a copy) go too.
  await trx.deleteFrom('content_changes').where((eb) => eb.or([eb('version', '<=', version - KEPT_CHANGES), eb('version', '>=', version)])).execute();
  await trx.insertInto('content_changes').values({ version, keys: joinKeys([...keys, MISS_KEY]) }).execute();
  const created = new Date().toISOString();
  const row = (k: Iterable<string>, due: string) => ({ keys: joinKeys(k), status: 'pending' as const, due_at: due, rounds: 2, attempts: 0, locked_until: null, last_error: null, created_at: created });
  await trx
    .insertInto('cdn_purges')
    .values([row([...keys, MISS_KEY], PURGE_AT_ONCE), ...later.map((l) => row([...l.keys, MISS_KEY], l.at))])
    .execute();
}

/**
 * Queues a purge of `keys` (and of 404s and redirects) for the CDN alone, due at once:
 * for a change no write marks and every node sees by itself (an edition's midnight).
 */
export async function queueCdnPurge(trx: Db, keys: Iterable<string>): Promise<void> {
  await trx
    .insertInto('cdn_purges')
    .values({ keys: joinKeys([...keys, MISS_KEY]), status: 'pending', due_at: PURGE_AT_ONCE, rounds: 2, attempts: 0, locked_until: null, last_error: null, created_at: new Date().toISOString() })
    .execute();
}

/** How many versions' keys are kept: a node further behind empties its whole page cache. */
export const KEPT_CHANGES = 1000;

/**
 * The surrogate keys that changed after version `from` up to `to`, or null when
 * they are not all known (a version's row pruned or missing) or when one of the
 * changes was to the whole site: then every page must go.
 */
export async function readChanges(db: Db, from: number, to: number): Promise<Set<string> | null> {
  if (from < 0 || to < from || to - from > KEPT_CHANGES) return null;
  const rows = await db.selectFrom('content_changes').select(['version', 'keys']).where('version', '>', from).where('version', '<=', to).execute();
  if (rows.length !== to - from) return null;
  const keys = new Set<string>();
  for (const r of rows) for (const k of r.keys.split(' ')) if (k) keys.add(k);
  return keys.has(SITE_KEY) ? null : keys;
}

export async function readContentVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('site_state').select('value').where('key', '=', 'content_version').executeTakeFirst();
  return Number(row?.value ?? 0);
}
