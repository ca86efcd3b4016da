import { PassWorker } from '../jobs/pass-worker.ts';
import type { Actor } from '../newsroom/roles.ts';
import { SYSTEM } from '../newsroom/roles.ts';
import type { Db } from '../store/db.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import { fetchXmltv, importXmltv, type ImportResult } from './xmltv-import.ts';
import { XMLTV_LIMITS, XmltvRefused, type XmltvLimits } from './xmltv.ts';

export interface SchedulePollDeps {
  db: Db;
  now: () => Date;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
}

export interface SchedulePollOptions {
  /** How long a worker holds a channel while it fetches and imports (schedule_locked_until). */
  leaseMs: number;
  fetchTimeoutMs: number;
  limits: XmltvLimits;
}

export const SCHEDULE_POLL_DEFAULTS: SchedulePollOptions = { leaseMs: 5 * 60_000, fetchTimeoutMs: 20_000, limits: XMLTV_LIMITS };

export type PollOutcome = { edition: string } & ({ ok: true; result: ImportResult } | { ok: false; error: string });

/**
 * Fetches the edition's schedule URL and imports it, then records when and
 * with what error (null when it went well) on the channel. A file that cannot
 * be fetched or read changes nothing else: the schedule keeps what it had.
 */
export async function pollChannel(deps: SchedulePollDeps, edition: string, opts: Partial<SchedulePollOptions> = {}, actor: Actor = SYSTEM): Promise<PollOutcome> {
  const o = { ...SCHEDULE_POLL_DEFAULTS, ...opts };
  const ch = await deps.db.selectFrom('channels').select(['edition', 'schedule_url', 'schedule_channel']).where('edition', '=', edition).executeTakeFirst();
  if (!ch) throw new NotFound(`the ${edition} edition has no channel settings`);
  if (!ch.schedule_url) throw new ValidationFailed([{ field: 'scheduleUrl', message: 'the channel has no XMLTV schedule URL to import from' }]);
  const started = deps.now().toISOString();
  let outcome: PollOutcome;
  try {
    const bytes = await fetchXmltv(ch.schedule_url, o.limits, o.fetchTimeoutMs);
    const result = await importXmltv(deps, { edition, bytes, channel: ch.schedule_channel, actor, origin: ch.schedule_url }, o.limits);
    outcome = { edition, ok: true, result };
    deps.log.info({ edition, imported: result.imported, replaced: result.replaced, skipped: result.skipped.length }, 'schedule imported');
  } catch (e) {
    if (!(e instanceof XmltvRefused)) {
      await release(deps.db, edition, { schedule_polled_at: started, schedule_error: `failed: ${(e as Error).message}`.slice(0, 500) });
      throw e;
    }
    outcome = { edition, ok: false, error: e.message.slice(0, 500) };
    deps.log.warn({ edition, url: ch.schedule_url, error: e.message }, 'schedule poll failed');
  }
  await release(deps.db, edition, { schedule_polled_at: started, schedule_error: outcome.ok ? null : outcome.error });
  return outcome;
}

function release(db: Db, edition: string, set: { schedule_polled_at: string; schedule_error: string | null }) {
  return db.updateTable('channels').set({ ...set, schedule_locked_until: null }).where('edition', '=', edition).execute();
}

/**
 * Polls each channel whose schedule URL is due (its last poll older than its
 * poll interval). Several workers may run: a conditional update of
 * `schedule_locked_until` gives each due channel to one of them, and a
 * worker that dies mid-poll leaves the channel to the others once the lease lapses.
 */
export async function pollDueChannels(deps: SchedulePollDeps, opts: Partial<SchedulePollOptions> = {}): Promise<PollOutcome[]> {
  const o = { ...SCHEDULE_POLL_DEFAULTS, ...opts };
  const now = deps.now();
  const at = now.toISOString();
  const rows = await deps.db
    .selectFrom('channels')
    .select(['edition', 'schedule_poll_minutes', 'schedule_polled_at', 'schedule_locked_until'])
    .where('schedule_url', 'is not', null)
    .orderBy('edition')
    .execute();
  const out: PollOutcome[] = [];
  for (const r of rows) {
    const due = !r.schedule_polled_at || Date.parse(r.schedule_polled_at) + r.schedule_poll_minutes * 60_000 <= now.getTime();
    if (!due || (r.schedule_locked_until !== null && r.schedule_locked_until > at)) continue;
    const lease = new Date(now.getTime() + o.leaseMs).toISOString();
    const claimed = await deps.db
      .updateTable('channels')
      .set({ schedule_locked_until: lease })
      .where('edition', '=', r.edition)
      .where((eb) => (r.schedule_locked_until === null ? eb('schedule_locked_until', 'is', null) : eb('schedule_locked_until', '=', r.schedule_locked_until)))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    out.push(await pollChannel(deps, r.edition, o));
  }
  return out;
}

/** The worker role's schedule pass, every config.scheduleMs; tests drive it with runOnce(). */
export class SchedulePoller extends PassWorker {
  lastOutcomes: PollOutcome[] = [];
  constructor(
    private readonly deps: SchedulePollDeps,
    private readonly opts: Partial<SchedulePollOptions> = {},
  ) {
    super('schedule poll', (o, m) => deps.log.error(o, m));
  }

  protected async pass(): Promise<number> {
    this.lastOutcomes = await pollDueChannels(this.deps, this.opts);
    return this.lastOutcomes.length;
  }
}
