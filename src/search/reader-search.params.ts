import type { FieldIssue } from '../errors.ts';
import { MAX_PAGE, plainWhole } from '../store/ids.ts';
import type { SearchSort } from './search.types.ts';
import { readSharedFilters, type SharedFilters } from './search-filters.ts';

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

export interface SearchFilters extends SharedFilters {
  sort: SearchSort;
}

export interface ReadParams {
  q: string;
  filters: SearchFilters;
  page: number;
  issues: FieldIssue[];
}

export const SORTS: SearchSort[] = ['relevance', 'date'];
/** A pasted page is cut by the query parser; beyond this the text is not even read. */
const MAX_RAW_QUERY = 2000;

export function readSearchParams(p: SearchParams): ReadParams {
  const issues: FieldIssue[] = [];
  // A parameter given twice arrives as an array: named as an issue rather than guessed.
  const text = (name: string): string | undefined => {
    const v = (p as Record<string, unknown>)[name];
    if (v === undefined || typeof v === 'string') return v;
    issues.push({ field: name, message: name === 'q' ? 'expected one search text' : 'expected one value' });
    return undefined;
  };
  const q = (text('q') ?? '').slice(0, MAX_RAW_QUERY);
  const filters: SearchFilters = { sort: 'relevance' };
  const sort = text('sort');
  if (sort) {
    if ((SORTS as string[]).includes(sort)) filters.sort = sort as SearchSort;
    else issues.push({ field: 'sort', message: `expected one of ${SORTS.join(', ')}` });
  }
  Object.assign(filters, readSharedFilters(text, issues));
  let page = 1;
  if (p.page !== undefined) {
    const n = plainWhole(p.page, 1, MAX_PAGE);
    if (n === null) issues.push({ field: 'page', message: `expected a whole number from 1 to ${MAX_PAGE}` });
    else page = n;
  }
  return { q, filters, page, issues };
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
