import type { FieldIssue } from '../errors.ts';

/** One article converted from another system, in our import format. */
export interface MigratePlan {
  /** Where it came from, for the report: `export.xml: post 12 "Title"`. */
  name: string;
  /** `post`, `page`. */
  kind: string;
  article: Record<string, unknown>;
  /** What was not imported or was changed on the way. */
  notes: FieldIssue[];
  /** The addresses it had on the old site (permalink, shortlink), each redirected to the new path. */
  oldUrls?: string[];
}

export interface MigrateResult {
  plans: MigratePlan[];
  /** File-level notes: items skipped, things the export holds that we do not map. */
  notes: FieldIssue[];
}

export interface MigrateContext {
  edition: string;
  /** The site's time zone: WordPress's local `post_date` is read in it when `post_date_gmt` is missing or broken. */
  timeZone: string;
  /** Relative path (to the export file) → true when the file is there. */
  exists: (relative: string) => boolean;
}

/** The years an imported date may fall in, as for WordPress dates and feed items: anything else is a broken or hostile value. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

/** An instant as ISO 8601 UTC when it is one and falls between MIN_YEAR and MAX_YEAR; never throws (new Date(Infinity).toISOString() would). */
export function boundedIso(d: Date): string | undefined {
  if (Number.isNaN(d.getTime())) return undefined;
  const y = d.getUTCFullYear();
  return y >= MIN_YEAR && y <= MAX_YEAR ? d.toISOString() : undefined;
}

/** A date-time written the ISO way (`2024-05-03T10:00:00Z`, `2024-05-03 10:00:00`): not "1", which Date reads as 2001. */
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/**
 * `2024-05-03 10:00:00` (UTC, WordPress), an ISO string, or (Ghost 0.x
 * exports) a whole number of milliseconds since 1970 → ISO 8601 UTC, between
 * MIN_YEAR and MAX_YEAR; undefined for WordPress's zero date and for anything
 * else (1e309, -1e20, "NaN", "1", a year 275760).
 */
export function isoUtc(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? boundedIso(new Date(v)) : undefined;
  if (typeof v !== 'string' || !v.trim() || v.startsWith('0000-00-00') || !ISO_LIKE.test(v.trim())) return undefined;
  const s = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v.trim()) ? v.trim().replace(' ', 'T') + 'Z' : v.trim();
  return boundedIso(new Date(s));
}

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** WordPress's `YYYY-MM-DD hh:mm:ss` as its parts, when it is a real date between 1900 and 2999 (not the zero date, not 2024-02-31). */
function wpParts(v: string): number[] | undefined {
  const m = WP_DATE.exec(v.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1).map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  if (y < 1900 || y > 2999 || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return undefined;
  return [y, mo, d, h, mi, sec];
}

/** A WordPress UTC date (`post_date_gmt`) → ISO 8601, or undefined when it is missing, the zero date or broken. */
export function wpUtc(v: string): string | undefined {
  const p = wpParts(v);
  return p ? new Date(Date.UTC(p[0], p[1] - 1, p[2], p[3], p[4], p[5])).toISOString() : undefined;
}

/** A WordPress local date (`post_date`) read as wall-clock time in `timeZone` → ISO 8601 UTC. */
export function wpInZone(v: string, timeZone: string): string | undefined {
  const p = wpParts(v);
  if (!p) return undefined;
  const wall = Date.UTC(p[0], p[1] - 1, p[2], p[3], p[4], p[5]);
  // The zone's offset at the guessed instant, then once more at the corrected one (a DST change in between).
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  return new Date(t).toISOString();
}

/** Milliseconds the zone is ahead of UTC at instant `t`. */
function offsetAt(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((x) => x.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(t / 1000) * 1000;
}

/** A WordPress or Ghost slug is usable as ours when it is lowercase ASCII and hyphens. */
export function usableSlug(s: unknown): string | undefined {
  return typeof s === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) && s.length <= 80 ? s : undefined;
}

export function clip(s: string, max: number, field: string, notes: FieldIssue[]): string {
  if (s.length <= max) return s;
  notes.push({ field, message: `longer than ${max} characters; cut` });
  return s.slice(0, max - 1).trimEnd() + '…';
}
