import { SITE_KEY } from '../cdn/keys.ts';
import { NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { tvKey } from './tv-keys.ts';

export interface TvDeps {
  db: Db;
  now: () => Date;
}

/** An edition's live channel as the Admin API shows it. */
export interface ApiChannel {
  edition: string;
  name: string;
  /** HLS playlists (https), the first preferred. */
  streams: string[];
  enabled: boolean;
  /** Enabled with at least one stream: the site shows "DIRECT" in its header. */
  onAir: boolean;
  scheduleUrl: string | null;
  scheduleChannel: string | null;
  schedulePollMinutes: number;
  schedulePolledAt: string | null;
  scheduleError: string | null;
  /** The edition's time zone, in which the schedule is shown. */
  timeZone: string;
  updatedAt: string | null;
}

export const MAX_STREAMS = 5;
export const POLL_MINUTES = { min: 5, max: 7 * 24 * 60, fallback: 60 };

type ChannelRow = {
  edition: string;
  name: string;
  streams: string;
  enabled: number;
  schedule_url: string | null;
  schedule_channel: string | null;
  schedule_poll_minutes: number;
  schedule_polled_at: string | null;
  schedule_error: string | null;
  updated_at: string;
};

export function parseStreams(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether a channel row is on air: enabled, with a stream to play. */
export function isOnAir(row: { enabled: number; streams: string } | undefined): boolean {
  return !!row && row.enabled === 1 && parseStreams(row.streams).length > 0;
}

async function editionRow(db: Db, edition: string) {
  const e = await db.selectFrom('editions').select(['code', 'name', 'time_zone']).where('code', '=', edition).executeTakeFirst();
  if (!e) throw new NotFound(`no edition ${edition}`);
  return e;
}

function present(e: { code: string; name: string; time_zone: string }, r: ChannelRow | undefined): ApiChannel {
  return {
    edition: e.code,
    name: r?.name ?? e.name,
    streams: r ? parseStreams(r.streams) : [],
    enabled: r?.enabled === 1,
    onAir: isOnAir(r),
    scheduleUrl: r?.schedule_url ?? null,
    scheduleChannel: r?.schedule_channel ?? null,
    schedulePollMinutes: r?.schedule_poll_minutes ?? POLL_MINUTES.fallback,
    schedulePolledAt: r?.schedule_polled_at ?? null,
    scheduleError: r?.schedule_error ?? null,
    timeZone: e.time_zone,
    updatedAt: r?.updated_at ?? null,
  };
}

const COLS = ['edition', 'name', 'streams', 'enabled', 'schedule_url', 'schedule_channel', 'schedule_poll_minutes', 'schedule_polled_at', 'schedule_error', 'updated_at'] as const;

/** The edition's channel; an edition without a row has a channel that is off air, named after it. */
export async function getChannel(deps: TvDeps, edition: string): Promise<ApiChannel> {
  const e = await editionRow(deps.db, edition);
  const r = await deps.db.selectFrom('channels').select(COLS).where('edition', '=', edition).executeTakeFirst();
  return present(e, r);
}

/** An HLS stream address: https, and a playlist (`.m3u8`). */
function streamIssue(v: unknown, i: number): FieldIssue | null {
  const field = `streams[${i}]`;
  if (typeof v !== 'string' || !v.trim()) return { field, message: 'expected an https URL of an HLS playlist (.m3u8)' };
  let u: URL;
  try {
    u = new URL(v.trim());
  } catch {
    return { field, message: 'not an absolute URL: expected https://…/playlist.m3u8' };
  }
  if (u.protocol !== 'https:') return { field, message: 'expected an https URL (readers’ browsers refuse a stream over plain http on an https page)' };
  if (u.username || u.password) return { field, message: 'a stream URL must not carry a user name or password: readers would all see it' };
  if (!/\.m3u8$/i.test(u.pathname)) return { field, message: 'expected an HLS playlist, whose path ends in .m3u8' };
  if (v.length > 2000) return { field, message: 'at most 2000 characters' };
  return null;
}

interface ChannelInput {
  name?: string;
  streams?: string[];
  enabled?: boolean;
  scheduleUrl?: string | null;
  scheduleChannel?: string | null;
  schedulePollMinutes?: number;
}

/** The fields given; each one absent keeps its current value. */
export function parseChannelInput(value: unknown): ChannelInput {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ValidationFailed([{ field: 'body', message: 'expected a JSON object' }]);
  const v = value as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const out: ChannelInput = {};
  if (v.name !== undefined) {
    if (typeof v.name !== 'string' || !v.name.trim() || v.name.length > 200) issues.push({ field: 'name', message: 'expected the channel’s name, 1 to 200 characters' });
    else out.name = v.name.trim();
  }
  if (v.streams !== undefined) {
    if (!Array.isArray(v.streams)) issues.push({ field: 'streams', message: 'expected a list of https URLs of HLS playlists' });
    else if (v.streams.length > MAX_STREAMS) issues.push({ field: 'streams', message: `at most ${MAX_STREAMS} streams` });
    else {
      const bad = v.streams.map(streamIssue).filter((x): x is FieldIssue => x !== null);
      issues.push(...bad);
      if (!bad.length) out.streams = [...new Set((v.streams as string[]).map((s) => new URL(s.trim()).toString()))];
    }
  }
  if (v.enabled !== undefined) {
    if (typeof v.enabled !== 'boolean') issues.push({ field: 'enabled', message: 'expected true or false' });
    else out.enabled = v.enabled;
  }
  if (v.scheduleUrl !== undefined) {
    if (v.scheduleUrl === null || v.scheduleUrl === '') out.scheduleUrl = null;
    else if (typeof v.scheduleUrl !== 'string') issues.push({ field: 'scheduleUrl', message: 'expected an http(s) URL of an XMLTV file, or null' });
    else {
      try {
        const u = new URL(v.scheduleUrl.trim());
        if (u.protocol !== 'http:' && u.protocol !== 'https:') issues.push({ field: 'scheduleUrl', message: 'expected an http or https URL' });
        else if (v.scheduleUrl.length > 2000) issues.push({ field: 'scheduleUrl', message: 'at most 2000 characters' });
        else out.scheduleUrl = u.toString();
      } catch {
        issues.push({ field: 'scheduleUrl', message: 'not an absolute URL: expected https://…/guide.xml' });
      }
    }
  }
  if (v.scheduleChannel !== undefined) {
    if (v.scheduleChannel === null || v.scheduleChannel === '') out.scheduleChannel = null;
    else if (typeof v.scheduleChannel !== 'string' || v.scheduleChannel.trim().length > 200) issues.push({ field: 'scheduleChannel', message: 'expected the XMLTV channel id (its <channel id="…">), up to 200 characters' });
    else out.scheduleChannel = v.scheduleChannel.trim();
  }
  if (v.schedulePollMinutes !== undefined) {
    const n = v.schedulePollMinutes;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < POLL_MINUTES.min || n > POLL_MINUTES.max)
      issues.push({ field: 'schedulePollMinutes', message: `expected a whole number of minutes from ${POLL_MINUTES.min} to ${POLL_MINUTES.max}` });
    else out.schedulePollMinutes = n;
  }
  const known = new Set(['name', 'streams', 'enabled', 'scheduleUrl', 'scheduleChannel', 'schedulePollMinutes']);
  for (const k of Object.keys(v)) if (!known.has(k)) issues.push({ field: k, message: 'unknown field' });
  if (issues.length) throw new ValidationFailed(issues);
  return out;
}

/**
 * Changes the edition's channel (admins). Whether it is on air shows in every
 * page's header ("DIRECT"), so a change of that purges the whole site; any
 * other change purges the live page and the schedule.
 */
export async function putChannel(deps: TvDeps, edition: string, value: unknown, actor: Actor): Promise<ApiChannel> {
  const e = await editionRow(deps.db, edition);
  const input = parseChannelInput(value);
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('channels').select(COLS).where('edition', '=', edition).executeTakeFirst();
    const cur = present(e, before);
    const next = {
      name: input.name ?? cur.name,
      streams: JSON.stringify(input.streams ?? cur.streams),
      enabled: (input.enabled ?? cur.enabled) ? 1 : 0,
      schedule_url: input.scheduleUrl !== undefined ? input.scheduleUrl : cur.scheduleUrl,
      schedule_channel: input.scheduleChannel !== undefined ? input.scheduleChannel : cur.scheduleChannel,
      schedule_poll_minutes: input.schedulePollMinutes ?? cur.schedulePollMinutes,
      updated_at: at,
    };
    // A new source is polled at the next pass, and its former error goes with it.
    const sourceChanged = next.schedule_url !== cur.scheduleUrl || next.schedule_channel !== cur.scheduleChannel;
    const polled = sourceChanged ? { schedule_polled_at: null, schedule_error: null } : {};
    if (before) await trx.updateTable('channels').set({ ...next, ...polled }).where('edition', '=', edition).execute();
    else await trx.insertInto('channels').values({ edition, ...next }).execute();
    const after = await trx.selectFrom('channels').select(COLS).where('edition', '=', edition).executeTakeFirstOrThrow();
    await audit(trx, deps.now(), actor, 'channel.update', `channel:${edition}`, { input });
    const flipped = isOnAir(before) !== isOnAir(after);
    await bumpContentVersion(trx, flipped ? [SITE_KEY] : [tvKey.schedule(edition)]);
    return present(e, after);
  });
}
