import type { Db } from '../store/db.ts';
import { isCurrent, publicAlert, type AlertRow, type PublicAlert } from './alert-shape.ts';

/**
 * Alerts not ended whose time has not passed: the current ones and those that
 * start later. Few at any time (an alert lasts hours), so all are read at once.
 */
function liveRows(db: Db, at: string): Promise<AlertRow[]> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('ended_at', 'is', null)
    .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', at)]))
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** What the site keeps in memory with its catalog: each edition's current alerts, and when that changes without a write. */
export interface AlertBoard {
  /** The edition's current alerts, newest first. */
  current(edition: string): PublicAlert[];
  /** The next start or expiry of an alert: the site reloads then. */
  nextChange: string | null;
}

export async function loadAlertBoard(db: Db, now: Date): Promise<AlertBoard> {
  const at = now.toISOString();
  const rows = await liveRows(db, at);
  const byEdition = new Map<string, PublicAlert[]>();
  let next: string | null = null;
  for (const r of rows) {
    const t = r.starts_at > at ? r.starts_at : r.expires_at;
    if (t && (next === null || t < next)) next = t;
    if (!isCurrent(r, at)) continue;
    for (const e of JSON.parse(r.editions) as string[]) byEdition.set(e, [...(byEdition.get(e) ?? []), publicAlert(r)]);
  }
  return { current: (e) => byEdition.get(e) ?? [], nextChange: next };
}

/** The alerts of an edition that have started, ended or not, newest first: its alerts feed. */
export async function editionAlertHistory(db: Db, edition: string, now: Date, limit = 50): Promise<AlertRow[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('starts_at', '<=', now.toISOString())
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit * 4)
    .execute();
  // Editions are a JSON list; an alert names few, and the newest few hundred are enough to fill the feed.
  return rows.filter((r) => (JSON.parse(r.editions) as string[]).includes(edition)).slice(0, limit);
}
