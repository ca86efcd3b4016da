import type { Db } from '../store/db.ts';
import { signBody } from './signature.ts';
import { PassWorker } from '../jobs/pass-worker.ts';

export interface WebhookWorkerDeps {
  db: Db;
  now: () => Date;
  log: { error(o: object, m: string): void; warn(o: object, m: string): void };
}

export interface WebhookWorkerOptions {
  /** How long a receiver may take to answer. */
  timeoutMs: number;
  /** The wait after the first failure; it doubles with each further one. */
  backoffMs: number;
  /** After this many attempts a delivery is given up as 'failed'. */
  maxAttempts: number;
  /** How many deliveries one pass claims. */
  batch: number;
  /** How long a claim lasts before another worker may take the delivery over; more than timeoutMs. */
  leaseMs?: number;
}

export const WEBHOOK_DEFAULTS: WebhookWorkerOptions = { timeoutMs: 5000, backoffMs: 30_000, maxAttempts: 8, batch: 20, leaseMs: 35_000 };

/** The wait before the next attempt once `attempts` have failed: 30 s, 1 min, 2 min, … */
export function backoffDelay(attempts: number, backoffMs = WEBHOOK_DEFAULTS.backoffMs): number {
  return backoffMs * 2 ** Math.max(0, attempts - 1);
}

interface Claimed {
  id: number;
  payload: string;
  event: string;
  url: string;
  secret: string;
  attempts: number;
}

/**
 * Sends the outbox. Every app process runs one; a delivery is claimed with a
 * conditional update (status and attempt count as read), so two processes never
 * send the same delivery at once. A claim is a lease: if its process dies, the
 * row is taken over once `locked_until` has passed.
 */
export class WebhookWorker extends PassWorker {
  private readonly opts: WebhookWorkerOptions;

  constructor(
    private readonly deps: WebhookWorkerDeps,
    opts: Partial<WebhookWorkerOptions> = {},
  ) {
    super('webhook delivery', (o, m) => deps.log.error(o, m));
    this.opts = { ...WEBHOOK_DEFAULTS, ...opts };
  }

  protected async pass(): Promise<number> {
    const claimed = await this.claim();
    await Promise.all(claimed.map((d) => this.send(d)));
    return claimed.length;
  }

  private async claim(): Promise<Claimed[]> {
    const now = this.deps.now();
    const at = now.toISOString();
    const due = await this.deps.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscribers as s', 's.id', 'd.subscriber_id')
      .select(['d.id', 'd.status', 'd.attempts', 'd.payload', 'd.event', 's.url', 's.secret'])
      .where((eb) => eb.or([eb.and([eb('d.status', '=', 'pending'), eb('d.next_attempt_at', '<=', at)]), eb.and([eb('d.status', '=', 'delivering'), eb('d.locked_until', '<=', at)])]))
      .orderBy('d.id')
      .limit(this.opts.batch)
      .execute();
    const lease = new Date(now.getTime() + Math.max(this.opts.leaseMs ?? 0, this.opts.timeoutMs + 1000)).toISOString();
    const mine: Claimed[] = [];
    for (const d of due) {
      const r = await this.deps.db
        .updateTable('webhook_deliveries')
        .set({ status: 'delivering', attempts: d.attempts + 1, locked_until: lease })
        .where('id', '=', d.id)
        .where('status', '=', d.status)
        .where('attempts', '=', d.attempts)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) mine.push({ id: d.id, payload: d.payload, event: d.event, url: d.url, secret: d.secret, attempts: d.attempts + 1 });
    }
    return mine;
  }

  private async send(d: Claimed): Promise<void> {
    const body = JSON.stringify({ ...JSON.parse(d.payload), deliveryId: d.id });
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const r = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Depeche-Webhooks/1',
          'x-depeche-event': d.event,
          'x-depeche-delivery': String(d.id),
          'x-depeche-signature': signBody(d.secret, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.opts.timeoutMs), this.stopping.signal]),
      });
      statusCode = r.status;
      await r.body?.cancel().catch(() => {});
      if (r.status < 200 || r.status > 299) error = `the receiver answered ${r.status}`;
    } catch (e) {
      const err = e as Error;
      error =
        err.name === 'TimeoutError'
          ? `no answer within ${this.opts.timeoutMs} ms`
          : this.stopping.signal.aborted
            ? 'interrupted: the worker stopped'
            : `${err.message}${(err as any).cause?.code ? ` (${(err as any).cause.code})` : ''}`;
    }
    const now = this.deps.now();
    const done = error === null;
    const givenUp = !done && d.attempts >= this.opts.maxAttempts;
    try {
      await this.deps.db
        .updateTable('webhook_deliveries')
        .set({
          status: done ? 'delivered' : givenUp ? 'failed' : 'pending',
          last_status_code: statusCode,
          last_error: error,
          locked_until: null,
          ...(done ? { delivered_at: now.toISOString() } : {}),
          ...(!done && !givenUp ? { next_attempt_at: new Date(now.getTime() + backoffDelay(d.attempts, this.opts.backoffMs)).toISOString() } : {}),
        })
        // Only the holder of the claim records the result.
        .where('id', '=', d.id)
        .where('status', '=', 'delivering')
        .where('attempts', '=', d.attempts)
        .execute();
    } catch (err) {
      this.deps.log.error({ err, delivery: d.id }, 'could not record a webhook delivery');
    }
    if (!done) this.deps.log.warn({ delivery: d.id, url: d.url, attempts: d.attempts, error }, givenUp ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry');
  }
}
