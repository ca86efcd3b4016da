import { setMaxListeners } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import { PassWorker } from '../jobs/pass-worker.ts';
import type { Db } from '../store/db.ts';
import type { PushMessage } from './push-jobs.ts';
import { PushSender, type SendOutcome } from './push-sender.ts';
import type { VapidKeys } from './vapid.ts';

export interface PushWorkerDeps {
  db: Db;
  now: () => Date;
  log: FastifyBaseLogger;
  vapid: () => Promise<VapidKeys>;
}

export interface PushWorkerOptions {
  leaseMs: number;
  concurrency: number;
  timeoutMs: number;
  batch: number;
}

/** Failed sends in a row (not 404/410) after which a subscription is dropped: a push service that keeps refusing it. */
export const MAX_FAILURES = 5;

/** How long a push service keeps a message for a device that is offline. */
const TTL = { alert: 6 * 3600, entry: 3600 } as const;

/**
 * Sends queued web push jobs (push_jobs) on the worker role. A pass claims the
 * oldest pending job with a lease, then sends it to the edition's matching
 * subscriptions a batch at a time, `concurrency` messages in flight, each with
 * its own timeout. After each batch one transaction moves the job's cursor,
 * removes subscriptions the push service says are gone (404/410), counts
 * failures, and renews the lease — only while this worker still holds it. A
 * worker that dies mid-job leaves the cursor at its last finished batch:
 * another takes the job over when the lease ends and goes on from there (the
 * unfinished batch may be sent twice, never skipped).
 */
export class PushWorker extends PassWorker {
  constructor(
    private readonly deps: PushWorkerDeps,
    private readonly opts: PushWorkerOptions,
  ) {
    super('web push', (o, m) => deps.log.error(o, m));
    // Every message in flight listens for stop(): as many listeners as the concurrency.
    setMaxListeners(opts.concurrency + 10, this.stopping.signal);
  }

  private lease(): string {
    return new Date(this.deps.now().getTime() + this.opts.leaseMs).toISOString();
  }

  /**
   * Claims the oldest job that is pending, due (an alert that starts later waits
   * for its start) and not held by a live lease; answers it with the lease taken.
   */
  private async claim() {
    const at = this.deps.now().toISOString();
    const due = await this.deps.db
      .selectFrom('push_jobs')
      .selectAll()
      .where('status', '=', 'pending')
      .where((w) => w.or([w('due_at', 'is', null), w('due_at', '<=', at)]))
      .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', at)]))
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!due) return null;
    const lease = this.lease();
    const taken = await this.deps.db
      .updateTable('push_jobs')
      .set({ locked_until: lease })
      .where('id', '=', due.id)
      .where('status', '=', 'pending')
      .where((w) => (due.locked_until === null ? w('locked_until', 'is', null) : w('locked_until', '=', due.locked_until)))
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1 ? { ...due, locked_until: lease } : null;
  }

  /**
   * Whether an alert job's alert is over (ended or expired) before its first
   * message went out: such a job is closed unsent. A job already under way
   * finishes, so every subscriber of one alert is treated alike.
   */
  private async stale(job: { alert_id: number | null; cursor: number }): Promise<boolean> {
    if (job.alert_id === null || job.cursor > 0) return false;
    const alert = await this.deps.db.selectFrom('alerts').select(['ended_at', 'expires_at']).where('id', '=', job.alert_id).executeTakeFirst();
    if (!alert) return true;
    return alert.ended_at !== null || (alert.expires_at !== null && alert.expires_at <= this.deps.now().toISOString());
  }

  protected async pass(): Promise<number> {
    let job = await this.claim();
    while (job && (await this.stale(job))) {
      await this.deps.db
        .updateTable('push_jobs')
        .set({ status: 'done', locked_until: null, finished_at: this.deps.now().toISOString() })
        .where('id', '=', job.id)
        .where('locked_until', '=', job.locked_until)
        .execute();
      job = await this.claim();
    }
    if (!job) return 0;
    const sender = new PushSender(await this.deps.vapid(), { timeoutMs: this.opts.timeoutMs, stopping: this.stopping.signal });
    const message = JSON.parse(job.payload) as PushMessage;
    const send = { ttlSeconds: TTL[job.kind], urgency: job.kind === 'alert' ? ('high' as const) : ('normal' as const) };
    let lease = job.locked_until;
    let cursor = job.cursor;
    let handled = 0;
    for (;;) {
      if (this.stopping.signal.aborted) return handled;
      let q = this.deps.db
        .selectFrom('push_subscriptions')
        .select(['id', 'endpoint', 'p256dh', 'auth'])
        .where('edition', '=', job.edition)
        .where('id', '>', cursor)
        .orderBy('id')
        .limit(this.opts.batch);
      q = job.kind === 'alert' ? q.where('alerts', '=', 1) : q.where('lives', '=', 1);
      const subs = await q.execute();
      if (!subs.length) {
        await this.deps.db
          .updateTable('push_jobs')
          .set({ status: 'done', locked_until: null, finished_at: this.deps.now().toISOString() })
          .where('id', '=', job.id)
          .where('locked_until', '=', lease)
          .execute();
        return handled;
      }
      // A slow batch (push services timing out) may outlast the lease: it is renewed while the batch runs.
      const held = { lease };
      const renew = setInterval(() => {
        const longer = this.lease();
        void this.deps.db
          .updateTable('push_jobs')
          .set({ locked_until: longer })
          .where('id', '=', job.id)
          .where('locked_until', '=', held.lease)
          .executeTakeFirst()
          .then((r) => {
            if (Number(r.numUpdatedRows) === 1) held.lease = longer;
          })
          .catch(() => {});
      }, Math.max(50, Math.floor(this.opts.leaseMs / 3)));
      let outcomes: SendOutcome[];
      try {
        outcomes = await inParallel(subs, this.opts.concurrency, (s) => sender.send(s, message, send));
      } finally {
        clearInterval(renew);
      }
      lease = held.lease;
      // Stopped in the middle of a batch: the batch is sent again by whoever takes the job next.
      if (this.stopping.signal.aborted) return handled;
      const sent = subs.filter((_, i) => outcomes[i].kind === 'sent').map((s) => s.id);
      const gone = subs.filter((_, i) => outcomes[i].kind === 'gone').map((s) => s.id);
      const failed = subs.filter((_, i) => outcomes[i].kind === 'failed').map((s) => s.id);
      const at = this.deps.now().toISOString();
      const next = this.lease();
      const last = subs[subs.length - 1].id;
      const kept = await this.deps.db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('push_jobs')
          .set((eb) => ({ cursor: last, locked_until: next, sent: eb('sent', '+', sent.length), failed: eb('failed', '+', failed.length), removed: eb('removed', '+', gone.length) }))
          .where('id', '=', job.id)
          .where('locked_until', '=', lease)
          .executeTakeFirst();
        // Another worker took the job over (this one was too slow for its lease): it goes on from the cursor.
        if (Number(moved.numUpdatedRows) !== 1) return false;
        for (const ids of chunks(gone, 500)) await trx.deleteFrom('push_subscriptions').where('id', 'in', ids).execute();
        for (const ids of chunks(failed, 500)) {
          await trx.updateTable('push_subscriptions').set((eb) => ({ failures: eb('failures', '+', 1) })).where('id', 'in', ids).execute();
          await trx.deleteFrom('push_subscriptions').where('id', 'in', ids).where('failures', '>=', MAX_FAILURES).execute();
        }
        for (const ids of chunks(sent, 500)) await trx.updateTable('push_subscriptions').set({ failures: 0, last_sent_at: at }).where('id', 'in', ids).execute();
        return true;
      });
      if (!kept) {
        this.deps.log.warn({ job: job.id }, 'push job taken over by another worker');
        return handled;
      }
      if (failed.length) {
        const reasons = outcomes.flatMap((o: SendOutcome) => (o.kind === 'failed' ? [o.reason] : []));
        this.deps.log.warn({ job: job.id, failed: failed.length, example: reasons[0] }, 'push messages failed');
      }
      lease = next;
      cursor = last;
      handled += subs.length;
    }
  }
}

function* chunks<T>(list: T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** Runs `fn` over every item, at most `limit` at once; answers the results in the items' order. */
async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
