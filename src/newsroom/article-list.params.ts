import { ValidationFailed, type FieldIssue } from '../errors.ts';
import type { ArticleKind } from '../search/search.types.ts';
import { queryId } from '../store/ids.ts';

/**
 * The article list's query string, read once: every value it cannot use is a
 * 422 naming the parameter, all of them at once.
 */

export const ARTICLE_KINDS: readonly ArticleKind[] = ['article', 'video', 'wire'];
const STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'];
const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The query parser cuts a pasted page; past this the text is not even read. */
const MAX_RAW_QUERY = 2000;

export interface ListParams {
  q?: string;
  status?: string;
  edition?: string;
  /** Slugs. */
  section?: string;
  author?: string;
  topic?: string;
  person?: string;
  /** A user's id. */
  owner?: number;
  type?: ArticleKind;
  /** Days, YYYY-MM-DD, both inclusive, in the chosen edition's time zone (UTC when none is chosen). */
  from?: string;
  to?: string;
  sort?: string;
  page?: number;
  cursor?: string;
}

/** Whether a YYYY-MM-DD text names a real day. */
function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

export function readListParams(raw: Record<string, unknown>, page: number | undefined): ListParams {
  const issues: FieldIssue[] = [];
  const out: ListParams = { page };
  // A parameter given twice arrives as an array: named in a 422 rather than guessed.
  const text = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v === 'string') return v;
    issues.push({ field: name, message: 'expected one value' });
    return undefined;
  };
  const q = text('q');
  if (q !== undefined && q.trim()) out.q = q.slice(0, MAX_RAW_QUERY);
  const status = text('status');
  if (status !== undefined) {
    if (STATUSES.includes(status)) out.status = status;
    else issues.push({ field: 'status', message: `expected one of ${STATUSES.join(', ')}` });
  }
  out.edition = text('edition');
  for (const f of ['section', 'author', 'topic', 'person'] as const) {
    const v = text(f);
    if (v === undefined) continue;
    if (SLUG.test(v)) out[f] = v;
    else issues.push({ field: f, message: 'expected a slug (lower-case letters, digits and hyphens)' });
  }
  // An id, as every id of the Admin API's query strings: empty or given twice is a 422 too.
  if (raw.owner !== undefined) {
    try {
      out.owner = queryId(raw.owner, 'owner');
    } catch (e) {
      if (!(e instanceof ValidationFailed)) throw e;
      issues.push(...e.issues);
    }
  }
  const type = text('type');
  if (type !== undefined) {
    if ((ARTICLE_KINDS as readonly string[]).includes(type)) out.type = type as ArticleKind;
    else issues.push({ field: 'type', message: `expected one of ${ARTICLE_KINDS.join(', ')}` });
  }
  for (const f of ['from', 'to'] as const) {
    const v = text(f);
    if (v === undefined) continue;
    if (isDay(v)) out[f] = v;
    else issues.push({ field: f, message: 'expected a day as YYYY-MM-DD' });
  }
  if (out.from && out.to && out.from > out.to) issues.push({ field: 'to', message: 'expected a day on or after from' });
  out.sort = text('sort');
  out.cursor = text('cursor');
  if (issues.length) throw new ValidationFailed(issues);
  return out;
}

/** How far `timeZone`'s clocks are ahead of UTC at the instant `at` (ms). */
function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(
    new Date(at),
  );
  const n = (type: string) => Number(parts.find((x) => x.type === type)!.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at / 1000) * 1000;
}

/** The instant a day starts in a time zone (a DST change that day included). */
export function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - offsetMs(wall, timeZone);
  t = wall - offsetMs(t, timeZone);
  return new Date(t);
}

/** `from` and `to` as ISO instants: from the first day's start to the last millisecond of the last day. */
export function dayRange(from: string | undefined, to: string | undefined, timeZone: string): { from?: string; to?: string } {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    ...(from ? { from: dayStart(from, timeZone).toISOString() } : {}),
    ...(to ? { to: new Date(dayStart(next(to), timeZone).getTime() - 1).toISOString() } : {}),
  };
}
