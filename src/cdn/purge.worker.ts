import { PassWorker } from '../jobs/pass-worker.ts';
import type { Db } from '../store/db.ts';
import { localDayStart } from '../content/midnight.ts';
import { queueCdnPurge } from '../store/content-version.ts';
import { key, SITE_KEY } from './keys.ts';
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
    await this.queueMidnights();
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

  private midnightsCheckedAt = -Infinity;

  /**
   * At each edition's local midnight its pages' relative times ("14:05", "hier") change:
   * the edition's pages are purged then. The day purged last is kept in site_state
   * (`midnight:<code>`, in minutes since 1970), and only the worker whose conditional
   * update moves it queues the purge, so with several workers it is queued once; a worker
   * that was down at midnight queues it when it comes back. Looked at once a minute.
   */
  private async queueMidnights(): Promise<void> {
    const now = this.deps.now();
    if (Math.abs(now.getTime() - this.midnightsCheckedAt) < 60_000) return;
    this.midnightsCheckedAt = now.getTime();
    const db = this.deps.db;
    const editions = await db.selectFrom('editions').select(['code', 'time_zone']).execute();
    for (const e of editions) {
      const day = Math.floor(localDayStart(e.time_zone, now, 0).getTime() / 60_000);
      const name = `midnight:${e.code}`;
      const seen = await db.selectFrom('site_state').select('value').where('key', '=', name).executeTakeFirst();
      if (!seen) {
        // A new edition (or a first start): its pages were rendered today, nothing to purge yet.
        await db.insertInto('site_state').values({ key: name, value: day }).onConflict((oc) => oc.column('key').doNothing()).execute();
        continue;
      }
      if (Number(seen.value) >= day) continue;
      await db.transaction().execute(async (trx) => {
        const moved = await trx.updateTable('site_state').set({ value: day }).where('key', '=', name).where('value', '<', day).executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 1) await queueCdnPurge(trx, [key.edition(e.code)]);
      });
    }
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
