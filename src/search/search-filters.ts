import type { FieldIssue } from '../errors.ts';
import { SLUG_RE } from '../content/slug.ts';
import type { ArticleKind } from './search.types.ts';

/**
 * The filters readers and the newsroom share (section, topic, person, type and a
 * range of days), read from a query string the same way for both: a value that
 * cannot be used is an issue naming its parameter, and is left out.
 */

export const KINDS: readonly ArticleKind[] = ['article', 'video', 'wire'];
const SLUG = { test: (s: string) => s.length <= 200 && SLUG_RE.test(s) };
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface SharedFilters {
  /** Slugs. */
  section?: string;
  topic?: string;
  person?: string;
  type?: ArticleKind;
  /** Days, YYYY-MM-DD, both inclusive, in an edition's time zone. */
  from?: string;
  to?: string;
}

/**
 * Reads the shared filters through `text(name)`, which gives a parameter's one
 * value (or undefined, having noted the issue when it was given twice).
 */
export function readSharedFilters(text: (name: string) => string | undefined, issues: FieldIssue[]): SharedFilters {
  const out: SharedFilters = {};
  for (const f of ['section', 'topic', 'person'] as const) {
    const v = text(f);
    if (v === undefined || v === '') continue;
    if (SLUG.test(v)) out[f] = v;
    else issues.push({ field: f, message: 'expected a slug (lower-case letters, digits and hyphens)' });
  }
  const type = text('type');
  if (type) {
    if ((KINDS as readonly string[]).includes(type)) out.type = type as ArticleKind;
    else issues.push({ field: 'type', message: `expected one of ${KINDS.join(', ')}` });
  }
  for (const f of ['from', 'to'] as const) {
    const v = text(f);
    if (v === undefined || v === '') continue;
    if (isDay(v)) out[f] = v;
    else issues.push({ field: f, message: 'expected a day as YYYY-MM-DD' });
  }
  if (out.from && out.to && out.from > out.to) {
    issues.push({ field: 'to', message: 'expected a day on or after from' });
    delete out.to;
  }
  return out;
}

/** Whether a YYYY-MM-DD text names a real day. */
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/** How far `timeZone`'s clocks are ahead of UTC at the instant `at` (ms). */
export function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(
    new Date(at),
  );
  const n = (type: string) => Number(parts.find((x) => x.type === type)!.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a day (YYYY-MM-DD) starts in a time zone, as an ISO instant. The
 * offset is asked twice, the second time at the first answer, so a day whose
 * midnight falls near a clock change still starts at its own offset.
 */
export function startOfDay(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone)).toISOString();
}

/** The last millisecond of a day in a time zone: date ranges include their last day. */
export function endOfDay(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return new Date(Date.parse(startOfDay(next, timeZone)) - 1).toISOString();
}

/** `from` and `to` days as ISO instants: from the first day's start to the last millisecond of the last day. */
export function dayRange(from: string | undefined, to: string | undefined, timeZone: string): { from?: string; to?: string } {
  return { ...(from ? { from: startOfDay(from, timeZone) } : {}), ...(to ? { to: endOfDay(to, timeZone) } : {}) };
}
