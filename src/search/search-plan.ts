import type { Db } from '../store/db.ts';
import { analyserFor } from './analyse.ts';
import { facet } from './document.ts';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './query.ts';
import type { ArticleSearch } from './search.types.ts';
import { firstKeyAt, lastKeyAt, MAX_KEY, MIN_KEY } from './time-key.ts';

/**
 * What an article search asks of the index, the same for every SQL dialect:
 * the parsed query per edition language (a newsroom search over all editions
 * asks each edition in its own language), the facet terms that filter, the
 * range of time keys, and the page.
 */

export interface EngineOptions {
  /** Relevance ranks the most recent this many matches (in key order); pages past them follow in date order. */
  candidates: number;
  /** Totals are counted exactly up to this many, then given as a lower bound (totalIsEstimate). */
  exactTotalUpTo: number;
  /** The age at which the recency factor halves a score. */
  recencyDays: number;
}

/** Relevance ranks this many of the newest matches. */
export const CANDIDATES = 1000;
/** Totals are exact up to this many; past it `totalIsEstimate` and the total is this lower bound. */
export const TOTAL_EXACT_UP_TO = 1000;

/**
 * Relevance over the candidates, the same on every database:
 * (TITLE_WEIGHT · in(title) + LEAD_WEIGHT · in(lead) + 1) × 1 / (1 + age / recencyDays),
 * where in(column) is 1 when every required part of the query is in that column,
 * 1/2 when some are, 0 when none is: "tramway Mart" puts the headline "Tramway…"
 * quoting Martine first. No term statistics: the candidates are already
 * the newest matches, and counting a word's documents means reading all of them.
 */
export const TITLE_WEIGHT = 10;
export const LEAD_WEIGHT = 4;

export const ENGINE_DEFAULTS: EngineOptions = { candidates: CANDIDATES, exactTotalUpTo: TOTAL_EXACT_UP_TO, recencyDays: 365 };

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
/** Pages go this deep at most: a page further answers empty rather than making the index skip a million rows. */
export const MAX_OFFSET = 10_000;

/** One edition's part of a search: its query, analysed in its language, and-ed with its facets. */
export interface Branch {
  query: ParsedQuery;
  facets: string[];
}

export interface SearchPlan {
  branches: Branch[];
  lo: number;
  hi: number;
  offset: number;
  /** Rows wanted: perPage, or 0 past MAX_OFFSET. */
  limit: number;
  perPage: number;
  page: number;
  sort: 'relevance' | 'date';
  nowSeconds: number;
}

/** The facet terms every branch is and-ed with: what the reader may see, and the filters asked for. */
export function filterFacets(input: ArticleSearch): string[] {
  const f: string[] = [];
  if (input.audience === 'readers') f.push(facet('st', 'published'));
  else if (input.status) f.push(facet('st', input.status));
  if (input.audience === 'newsroom' && input.ownerId !== undefined) f.push(facet('own', input.ownerId));
  if (input.sectionId !== undefined) f.push(facet('sec', input.sectionId));
  if (input.tagId !== undefined) f.push(facet('tag', input.tagId));
  if (input.personId !== undefined) f.push(facet('per', input.personId));
  if (input.authorId !== undefined) f.push(facet('aut', input.authorId));
  if (input.kind) f.push(facet('kind', input.kind));
  return f;
}

/** The range of keys: the dates asked for, and for readers nothing published after now (embargoes included). */
export function keyRange(input: Pick<ArticleSearch, 'audience' | 'from' | 'to' | 'now'>): { lo: number; hi: number } {
  const valid = (s?: string) => (s && !Number.isNaN(Date.parse(s)) ? s : undefined);
  const from = valid(input.from);
  const to = valid(input.to);
  let hi = to ? lastKeyAt(to) : MAX_KEY;
  if (input.audience === 'readers') hi = Math.min(hi, lastKeyAt(input.now));
  return { lo: from ? firstKeyAt(from) : MIN_KEY, hi };
}

/** The plan of a search, or null when nothing is left to search for (an empty query, stop words only). */
export async function planSearch(db: Db, input: ArticleSearch): Promise<{ plan: SearchPlan | null; query: ParsedQuery }> {
  const editions = input.edition !== undefined ? [input.edition] : (await db.selectFrom('editions').select('code').orderBy('position').orderBy('code').execute()).map((e) => e.code);
  const common = filterFacets(input);
  const branches = editions.map((edition) => ({ query: parseQuery(input.q, analyserFor(edition), { prefix: input.prefix }), facets: [facet('ed', edition), ...common] }));
  const query = branches[0]?.query ?? parseQuery(input.q, analyserFor('und'));
  const live = branches.filter((b) => !isEmptyQuery(b.query));
  const whole = (n: number | undefined, fallback: number) => (typeof n === 'number' && Number.isFinite(n) ? Math.floor(n) : fallback);
  const perPage = Math.max(1, Math.min(MAX_PER_PAGE, whole(input.perPage, DEFAULT_PER_PAGE)));
  const page = Math.max(1, whole(input.page, 1));
  const offset = (page - 1) * perPage;
  if (!live.length) return { plan: null, query };
  return {
    query,
    plan: {
      branches: live,
      ...keyRange(input),
      offset,
      // Past MAX_OFFSET a page is empty: no index range is skipped that far.
      limit: offset > MAX_OFFSET ? 0 : perPage,
      perPage,
      page,
      sort: input.sort === 'date' ? 'date' : 'relevance',
      nowSeconds: Math.floor(Date.parse(input.now) / 1000),
    },
  };
}
