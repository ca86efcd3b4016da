import { PassWorker } from '../jobs/pass-worker.ts';
import type { Db } from '../store/db.ts';
import { SITE_KEY } from './keys.ts';
import type { PurgeAdapter } from './purge-adapters.ts';

export interface PurgeWorkerDeps {
  db: Db;
  now: () => Date;
  adapter: PurgeAdapter;
  log: { warn(o: object, m: string): void; error(o: object, m: string): void };
}

export interface PurgeWorkerOptions {
  /**
   * The wait before the second round of a purge: longer than the nodes' content
   * poll, so that a page a lagging node served again from its own cache after the
   * first round is purged once more.
   */
  echoMs: number;
  /** The wait after the first failure; it doubles with each further one, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** After this many failed attempts a purge is kept as 'failed' and no longer sent. */
  maxAttempts: number;
  /** Outbox rows one pass claims (their keys go out together). */
  batch: number;
  /** How long one send may take. */
  timeoutMs: number;
}

export const PURGE_DEFAULTS: PurgeWorkerOptions = { echoMs: 700, backoffMs: 1000, maxBackoffMs: 300_000, maxAttempts: 15, batch: 100, timeoutMs: 10_000 };

/** The wait before the next attempt once `attempts` have failed: 1 s, 2 s, 4 s… up to five minutes. */
export function purgeBackoff(attempts: number, o: Pick<PurgeWorkerOptions, 'backoffMs' | 'maxBackoffMs'> = PURGE_DEFAULTS): number {
  return Math.min(o.maxBackoffMs, o.backoffMs * 2 ** Math.max(0, attempts - 1));
}

interface Claimed {
  id: number;
  keys: string;
  rounds: number;
  attempts: number;
}

/**
 * Sends the cdn_purges outbox through the purge adapter. Rows are claimed by
 * one conditional update (a lease: a row whose sender died is taken over once
 * `locked_until` passes), so with several processes each purge is sent by one.
 * A failed send is retried with backoff and logged; publishing never waits on it.
 */
export class PurgeWorker extends PassWorker {
  private readonly opts: PurgeWorkerOptions;

  constructor(
    private readonly deps: PurgeWorkerDeps,
    opts: Partial<PurgeWorkerOptions> = {},
  ) {
    super('CDN purge', (o, m) => deps.log.error(o, m));
    this.opts = { ...PURGE_DEFAULTS, ...opts };
  }

  protected async pass(): Promise<number> {
    const claimed = await this.claim();
    if (!claimed.length) return 0;
    const all = new Set(claimed.flatMap((c) => c.keys.split(' ').filter(Boolean)));
    // The site key drops everything: the other keys would add nothing.
    const keys = all.has(SITE_KEY) ? [SITE_KEY] : [...all].sort();
    let error: string | null = null;
    try {
      await this.deps.adapter.purge(keys, AbortSignal.any([AbortSignal.timeout(this.opts.timeoutMs), this.stopping.signal]));
    } catch (e) {
      const err = e as Error;
      error = err.name === 'TimeoutError' ? `no answer within ${this.opts.timeoutMs} ms` : err.message;
    }
    await this.record(claimed, keys, error);
    return claimed.length;
  }

  private async claim(): Promise<Claimed[]> {
    const now = this.deps.now();
    const at = now.toISOString();
    const due = (eb: any) => eb.or([eb.and([eb('status', '=', 'pending'), eb('due_at', '<=', at)]), eb.and([eb('status', '=', 'sending'), eb('locked_until', '<=', at)])]);
    // The cheap look first (the index on status, due_at), so an empty outbox costs one indexed read.
    const ids = await this.deps.db.selectFrom('cdn_purges').select('id').where(due).orderBy('due_at').limit(this.opts.batch).execute();
    if (!ids.length) return [];
    const lease = new Date(now.getTime() + this.opts.timeoutMs + 30_000).toISOString();
    // The condition is checked again as each row is updated: a row another process claimed meanwhile is left out.
    return this.deps.db
      .updateTable('cdn_purges')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), locked_until: lease }))
      .where('id', 'in', ids.map((r) => r.id))
      .where(due)
      .returning(['id', 'keys', 'rounds', 'attempts'])
      .execute();
  }

  private async record(claimed: Claimed[], keys: string[], error: string | null): Promise<void> {
    const db = this.deps.db;
    const now = this.deps.now().getTime();
    const mine = (ids: number[]) => db.updateTable('cdn_purges').where('id', 'in', ids).where('status', '=', 'sending');
    try {
      if (error === null) {
        const again = claimed.filter((c) => c.rounds > 1).map((c) => c.id);
        const done = claimed.filter((c) => c.rounds <= 1).map((c) => c.id);
        const echo = new Date(now + this.opts.echoMs).toISOString();
        if (again.length) await mine(again).set((eb) => ({ status: 'pending', rounds: eb('rounds', '-', 1), attempts: 0, due_at: echo, locked_until: null, last_error: null })).execute();
        if (done.length) await db.deleteFrom('cdn_purges').where('id', 'in', done).where('status', '=', 'sending').execute();
        return;
      }
      for (const c of claimed) {
        const givenUp = c.attempts >= this.opts.maxAttempts;
        await mine([c.id])
          .set({ status: givenUp ? 'failed' : 'pending', last_error: error, locked_until: null, ...(givenUp ? {} : { due_at: new Date(now + purgeBackoff(c.attempts, this.opts)).toISOString() }) })
          .execute();
      }
      const attempts = Math.max(...claimed.map((c) => c.attempts));
      this.deps.log.warn({ adapter: this.deps.adapter.name, keys: keys.length, rows: claimed.length, attempts, error }, attempts >= this.opts.maxAttempts ? 'CDN purge failed for good' : 'CDN purge failed; will retry');
    } catch (err) {
      this.deps.log.error({ err, rows: claimed.map((c) => c.id) }, 'could not record a CDN purge');
    }
  }
}
