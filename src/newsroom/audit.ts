import type { Db } from '../store/db.ts';
import { actorLabel, type Actor } from './roles.ts';

/** Records who did what, when; written in the same transaction as the change. */
export async function audit(trx: Db, at: Date, actor: Actor, action: string, subject: string | null, details?: unknown): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({ at: at.toISOString(), actor: actorLabel(actor), action, subject, details: details === undefined ? null : JSON.stringify(details) })
    .execute();
}

export function listAudit(db: Db, opts: { subject?: string; limit?: number } = {}) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(Math.min(opts.limit ?? 100, 500));
  if (opts.subject) q = q.where('subject', '=', opts.subject);
  return q.execute();
}
