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

/** `2024-05-03 10:00:00` (UTC, WordPress) or an ISO string → ISO 8601 UTC; undefined for WordPress's zero date. */
export function isoUtc(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v.trim() || v.startsWith('0000-00-00')) return undefined;
  const s = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v.trim()) ? v.trim().replace(' ', 'T') + 'Z' : v.trim();
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
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
