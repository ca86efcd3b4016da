import type { FieldIssue } from '../errors.ts';
import { MAX_PAGE, plainWhole } from '../store/ids.ts';
import type { ArticleKind, SearchSort } from './search.types.ts';

/**
 * The query string of the search page and of its API, read the same way for
 * both: the API answers 422 naming the parameter for a value it cannot use,
 * the page leaves such a value out and answers the rest.
 */

export interface SearchParams {
  q?: unknown;
  sort?: unknown;
  section?: unknown;
  topic?: unknown;
  person?: unknown;
  type?: unknown;
  from?: unknown;
  to?: unknown;
  page?: unknown;
}

export interface SearchFilters {
  sort: SearchSort;
  /** Slugs, as the page's links and the API carry them. */
  section?: string;
  topic?: string;
  person?: string;
  type?: ArticleKind;
  /** Days, YYYY-MM-DD, in the edition's time zone, both inclusive. */
  from?: string;
  to?: string;
}

export interface ReadParams {
  q: string;
  filters: SearchFilters;
  page: number;
  issues: FieldIssue[];
}

export const SORTS: SearchSort[] = ['relevance', 'date'];
export const KINDS: ArticleKind[] = ['article', 'video', 'wire'];
const SLUG = /^[a-z0-9-]{1,200}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A pasted page is cut by the query parser; beyond this the text is not even read. */
const MAX_RAW_QUERY = 2000;

/** The given value when it is one string (a parameter given twice arrives as an array). */
function one(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Whether a YYYY-MM-DD text names a real day. */
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

export function readSearchParams(p: SearchParams): ReadParams {
  const issues: FieldIssue[] = [];
  const filters: SearchFilters = { sort: 'relevance' };
  let q = '';
  if (p.q !== undefined) {
    const v = one(p.q);
    if (v === undefined) issues.push({ field: 'q', message: 'expected one search text' });
    else q = v.slice(0, MAX_RAW_QUERY);
  }
  if (p.sort !== undefined && p.sort !== '') {
    const v = one(p.sort);
    if (v && (SORTS as string[]).includes(v)) filters.sort = v as SearchSort;
    else issues.push({ field: 'sort', message: `expected one of ${SORTS.join(', ')}` });
  }
  for (const f of ['section', 'topic', 'person'] as const) {
    if (p[f] === undefined || p[f] === '') continue;
    const v = one(p[f]);
    if (v && SLUG.test(v)) filters[f] = v;
    else issues.push({ field: f, message: 'expected one slug (lower-case letters, digits and hyphens)' });
  }
  if (p.type !== undefined && p.type !== '') {
    const v = one(p.type);
    if (v && (KINDS as string[]).includes(v)) filters.type = v as ArticleKind;
    else issues.push({ field: 'type', message: `expected one of ${KINDS.join(', ')}` });
  }
  for (const f of ['from', 'to'] as const) {
    if (p[f] === undefined || p[f] === '') continue;
    const v = one(p[f]);
    if (v && isDay(v)) filters[f] = v;
    else issues.push({ field: f, message: 'expected a day as YYYY-MM-DD' });
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    issues.push({ field: 'to', message: 'expected a day on or after from' });
    delete filters.to;
  }
  let page = 1;
  if (p.page !== undefined) {
    const n = plainWhole(p.page, 1, MAX_PAGE);
    if (n === null) issues.push({ field: 'page', message: `expected a whole number from 1 to ${MAX_PAGE}` });
    else page = n;
  }
  return { q, filters, page, issues };
}

/** How far `timeZone`'s clocks are ahead of UTC at the instant `at` (ms). */
function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
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

/** The query string of a search page: only what is set, in a stable order, so equal searches share one cached answer. */
export function searchQueryString(q: string, f: SearchFilters, page = 1): string {
  const u = new URLSearchParams();
  if (q) u.set('q', q);
  if (f.sort !== 'relevance') u.set('sort', f.sort);
  for (const k of ['section', 'topic', 'person', 'type', 'from', 'to'] as const) if (f[k]) u.set(k, f[k]!);
  if (page > 1) u.set('page', String(page));
  const s = u.toString();
  return s ? `?${s}` : '';
}
