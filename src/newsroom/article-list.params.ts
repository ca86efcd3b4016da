import { ValidationFailed, type FieldIssue } from '../errors.ts';
import { SLUG_RE } from '../content/slug.ts';
import { readSharedFilters, type SharedFilters } from '../search/search-filters.ts';
import { queryId } from '../store/ids.ts';

/**
 * The article list's query string, read once: every value it cannot use is a
 * 422 naming the parameter, all of them at once.
 */

const STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'];
const SLUG = { test: (s: string) => s.length <= 200 && SLUG_RE.test(s) };
/** The query parser cuts a pasted page; past this the text is not even read. */
const MAX_RAW_QUERY = 2000;

export interface ListParams extends SharedFilters {
  q?: string;
  status?: string;
  edition?: string;
  /** A slug. */
  author?: string;
  /** A user's id. */
  owner?: number;
  sort?: string;
  page?: number;
  cursor?: string;
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
  const author = text('author');
  if (author !== undefined) {
    if (SLUG.test(author)) out.author = author;
    else issues.push({ field: 'author', message: 'expected a slug (lower-case letters, digits and hyphens)' });
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
  Object.assign(out, readSharedFilters(text, issues));
  out.sort = text('sort');
  out.cursor = text('cursor');
  if (issues.length) throw new ValidationFailed(issues);
  return out;
}
