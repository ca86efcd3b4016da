import { sql } from 'kysely';
import type { Db } from './db.ts';

/**
 * A counter every content change bumps inside its own transaction. Each app
 * process polls it, so a change made by the CLI or another node empties every
 * page cache within one poll interval.
 */
export async function bumpContentVersion(trx: Db): Promise<void> {
  await sql`update site_state set value = value + 1 where key = 'content_version'`.execute(trx);
}

export async function readContentVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('site_state').select('value').where('key', '=', 'content_version').executeTakeFirst();
  return Number(row?.value ?? 0);
}
