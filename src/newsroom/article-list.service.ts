import { ValidationFailed } from '../errors.ts';
import type { ArticleSearch, SearchEngine } from '../search/search.types.ts';
import type { Db } from '../store/db.ts';
import type { ListParams } from './article-list.params.ts';
import { dayRange } from '../search/search-filters.ts';
import { foundIn, type FoundIn } from './found-in.ts';
import { decodeCursor, encodeCursor, filteredArticles, listAdminArticles, MAX_LIST_PAGE, PER_PAGE, presentRows, type AdminListFilters } from './newsroom.queries.ts';

/**
 * The newsroom's article list, searched or not.
 *
 * Without `q`: the list as it always was (filters, a shown column's order,
 * numbered pages then cursors), read from the articles table.
 *
 * With `q`: the search engine answers, audience 'newsroom' (every status,
 * every field: headline, standfirst, body, quotes and speakers, captions and
 * credits, tags, people, authors, SEO fields, source), with the same filters.
 * - Ordered by relevance (the default with `q`, or `sort=relevance`): pages of
 *   the engine's ranking, by number or by cursor.
 * - Ordered by a column (`sort=headline`, `-published`…): the most recent
 *   MATCH_LIMIT matches are listed in that order, with cursors as without `q`;
 *   `total` says how many match, so the answer says when it is a part.
 * Each article carries `found`: the fields the words are in, with a passage.
 */

export interface ListDeps {
  db: Db;
  search: SearchEngine;
  now: () => Date;
}

/** How many matches a search lists in a column's order: the most recent ones. */
export const MATCH_LIMIT = 1000;

type Summary = Awaited<ReturnType<typeof presentRows>>[number];
export type ListedArticle = Summary & { found?: FoundIn[] };

export interface ArticleListAnswer {
  page: number;
  hasMore: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
  articles: ListedArticle[];
  /** With q only: how many articles match, a lower bound when totalIsEstimate. */
  total?: number;
  totalIsEstimate?: boolean;
  /** With q only: the order the list is in ('relevance' or the column's sort). */
  sort?: string;
}

/** The engine's filters, from the list's slugs: null when a slug names nothing (nothing can match). */
async function engineFilters(db: Db, p: ListParams): Promise<Partial<ArticleSearch> | null> {
  const out: Partial<ArticleSearch> = {};
  const one = async (table: 'sections' | 'tags' | 'people' | 'authors', slug: string | undefined, byEdition: boolean) => {
    if (!slug) return undefined;
    let q = db.selectFrom(table).select('id').where('slug', '=', slug);
    if (byEdition && p.edition) q = q.where('edition' as never, '=', p.edition as never);
    const rows = await q.limit(2).execute();
    // A section or a topic of several editions: the engine is not told, the list's own filter keeps the right ones.
    return rows.length === 0 ? null : rows.length === 1 ? rows[0]!.id : undefined;
  };
  const [sectionId, tagId, personId, authorId] = await Promise.all([
    one('sections', p.section, true),
    one('tags', p.topic, true),
    one('people', p.person, false),
    one('authors', p.author, false),
  ]);
  if ([sectionId, tagId, personId, authorId].includes(null)) return null;
  Object.assign(out, { sectionId, tagId, personId, authorId });
  for (const k of Object.keys(out) as Array<keyof typeof out>) if (out[k] === undefined) delete out[k];
  return out;
}

async function timeZoneOf(db: Db, edition: string | undefined): Promise<string> {
  if (!edition) return 'UTC';
  const row = await db.selectFrom('editions').select('time_zone').where('code', '=', edition).executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}

/** The engine's hits for a search, across its pages, up to `limit`. */
async function collectHits(deps: ListDeps, input: ArticleSearch, limit: number) {
  const ids: number[] = [];
  let total = 0;
  let totalIsEstimate = false;
  for (let page = 1; ids.length < limit; page++) {
    const a = await deps.search.searchArticles(deps.db, { ...input, page, perPage: limit });
    ids.push(...a.hits.map((h) => h.articleId));
    total = a.total;
    totalIsEstimate = a.totalIsEstimate;
    // The engine may give fewer per page than asked for: go on while its pages are full.
    if (a.hits.length < a.perPage || a.hits.length === 0) break;
  }
  return { ids: ids.slice(0, limit), total, totalIsEstimate };
}

const EMPTY: ArticleListAnswer = { page: 1, hasMore: false, nextCursor: null, prevCursor: null, articles: [], total: 0, totalIsEstimate: false };

export async function articleList(deps: ListDeps, p: ListParams): Promise<ArticleListAnswer> {
  const filters: AdminListFilters = {
    status: p.status,
    edition: p.edition,
    section: p.section,
    author: p.author,
    topic: p.topic,
    person: p.person,
    owner: p.owner,
    kind: p.type,
    ...dayRange(p.from, p.to, await timeZoneOf(deps.db, p.edition)),
  };
  if (!p.q) {
    if (p.sort === 'relevance') throw new ValidationFailed([{ field: 'sort', message: 'relevance orders a search: give q= too' }]);
    return listAdminArticles(deps.db, { ...filters, page: p.page, sort: p.sort, cursor: p.cursor });
  }
  const exact = await engineFilters(deps.db, p);
  if (!exact) return { ...EMPTY, sort: p.sort || 'relevance' };
  const input: ArticleSearch = {
    q: p.q,
    audience: 'newsroom',
    edition: p.edition,
    status: p.status,
    ownerId: p.owner,
    kind: p.type,
    from: filters.from,
    to: filters.to,
    prefix: true,
    now: deps.now().toISOString(),
    ...exact,
  };
  const withFound = async (articles: Summary[]) => {
    const found = await foundIn(deps.db, articles.map((a) => a.id), p.q!);
    return articles.map((a) => ({ ...a, found: found.get(a.id) ?? [] }));
  };

  if (p.sort && p.sort !== 'relevance') {
    const hits = await collectHits(deps, { ...input, sort: 'date' }, MATCH_LIMIT);
    const list = await listAdminArticles(deps.db, { ...filters, ids: hits.ids, page: p.page, sort: p.sort, cursor: p.cursor });
    return { ...list, articles: await withFound(list.articles), total: hits.total, totalIsEstimate: hits.totalIsEstimate, sort: p.sort };
  }

  // By relevance: a page is a page of the engine's ranking; a cursor only names the page.
  const page = p.cursor ? Number(decodeCursor(p.cursor, 'relevance').value) : Math.max(1, p.page ?? 1);
  if (!Number.isSafeInteger(page) || page < 1 || page > MAX_LIST_PAGE)
    throw new ValidationFailed([{ field: p.cursor ? 'cursor' : 'page', message: `a search lists ${MAX_LIST_PAGE} pages by relevance: narrow it, or sort it by a column` }]);
  // Filters the engine was not told (a slug of several editions) are applied here, over the first matches.
  const allExact = (!p.section || exact.sectionId !== undefined) && (!p.topic || exact.tagId !== undefined);
  const hits = allExact ? await deps.search.searchArticles(deps.db, { ...input, sort: 'relevance', page, perPage: PER_PAGE }) : null;
  const ranked = hits ? hits.hits.map((h) => h.articleId) : (await collectHits(deps, { ...input, sort: 'relevance' }, MATCH_LIMIT)).ids;
  const rows = ranked.length ? await filteredArticles(deps.db, { ...filters, ids: ranked }).execute() : [];
  const rank = new Map(ranked.map((id, i) => [id, i]));
  rows.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  const pageRows = hits ? rows : rows.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const total = hits ? hits.total : rows.length;
  const hasMore = page < MAX_LIST_PAGE && page * PER_PAGE < total;
  const cursorTo = (n: number) => encodeCursor({ sort: 'relevance', value: String(n), id: 0, dir: 'next' });
  return {
    page,
    hasMore,
    nextCursor: hasMore ? cursorTo(page + 1) : null,
    prevCursor: page > 1 ? cursorTo(page - 1) : null,
    articles: await withFound(await presentRows(deps.db, pageRows)),
    total,
    totalIsEstimate: hits ? hits.totalIsEstimate : false,
    sort: 'relevance',
  };
}
