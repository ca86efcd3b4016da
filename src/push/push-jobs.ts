import type { Db } from '../store/db.ts';

/** What a reader's device shows: the service worker (public/sw.js) makes the notification from it. */
export interface PushMessage {
  title: string;
  body: string;
  /** Where a tap leads: an absolute URL on the site. */
  url: string;
  /** Notifications with the same tag replace each other on the device (an alert updated, a live's latest key point). */
  tag: string;
}

/**
 * Queues a notification for every subscription of the edition that wants this
 * kind (alerts: breaking news; entry: key points of lives sent by push). Call it
 * in the transaction of the change; the push worker sends it afterwards.
 */
export async function enqueuePush(
  trx: Db,
  job: {
    kind: 'alert' | 'entry';
    edition: string;
    message: PushMessage;
    now: Date;
    /** Not sent before this time (an alert that starts later); at once when absent or past. */
    dueAt?: string | null;
    /** The alert announced: the job is dropped unsent if the alert ended or expired before it fell due. */
    alertId?: number | null;
  },
): Promise<void> {
  const at = job.now.toISOString();
  const dueAt = job.dueAt && job.dueAt > at ? job.dueAt : null;
  await trx
    .insertInto('push_jobs')
    .values({
      kind: job.kind,
      edition: job.edition,
      payload: JSON.stringify(job.message),
      status: 'pending',
      locked_until: null,
      created_at: at,
      finished_at: null,
      due_at: dueAt,
      alert_id: job.alertId ?? null,
    })
    .execute();
}
