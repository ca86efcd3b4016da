import { sql } from 'kysely';
import { ValidationFailed } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { ADMIN_SORTS, DEFAULT_ADMIN_SORT, type AdminSortKey } from './api-shapes.ts';

const SORT_COLUMNS: Record<AdminSortKey, string> = {
  headline: 'lower(a.headline)',
  status: 'a.status',
  // A scalar subquery, not a join: with a join, SQLite may drive the query from sections and sort the whole archive.
  section: '(select s.name from sections s where s.id = a.section_id)',
  edition: 'a.edition',
  changed: 'a.changed_at',
  // A scheduled article is listed at the time it will come out.
  published: 'coalesce(a.published_at, a.scheduled_at)',
};

/** `sort` as the API takes it ("-changed", "headline"); ValidationFailed naming `sort` otherwise. */
export function parseAdminSort(raw: unknown): { key: AdminSortKey; desc: boolean } {
  const text = raw === undefined || raw === '' ? DEFAULT_ADMIN_SORT : raw;
  const m = typeof text === 'string' ? /^(-?)([a-z]+)$/.exec(text) : null;
  if (!m || !(ADMIN_SORTS as readonly string[]).includes(m[2])) {
    throw new ValidationFailed([{ field: 'sort', message: `expected one of ${ADMIN_SORTS.join(', ')}, with - before it for descending order` }]);
  }
  return { key: m[2] as AdminSortKey, desc: m[1] === '-' };
}

/** What the list is narrowed by, besides a search. */
export interface AdminListFilters {
  status?: string;
  edition?: string;
  /** Slugs. */
  section?: string;
  author?: string;
  topic?: string;
  person?: string;
  /** A user's id. */
  owner?: number;
  /** ISO instants, inclusive, on the time an article is dated by. */
  from?: string;
  to?: string;
  /** article, video or wire, as the search index classifies it. */
  kind?: string;
  /** Only these articles (the matches of a search). */
  ids?: number[];
}

/** The list's rows (as `a`), narrowed by the filters. */
export function filteredArticles(db: Db, f: AdminListFilters) {
  let q = db
    .selectFrom('articles as a')
    .select(['a.id', 'a.edition', 'a.slug', 'a.headline', 'a.status', 'a.version', 'a.published_at', 'a.updated_at', 'a.scheduled_at', 'a.created_at', 'a.changed_at', 'a.owner_id'])
    .select(sql<string>`(select s.slug from sections s where s.id = a.section_id)`.as('section'));
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.edition) q = q.where('a.edition', '=', f.edition);
  if (f.section) q = q.where('a.section_id', 'in', (eb) => eb.selectFrom('sections as s').select('s.id').where('s.slug', '=', f.section!));
  if (f.author)
    q = q.where('a.id', 'in', (eb) =>
      eb.selectFrom('article_authors as x').innerJoin('authors as u', 'u.id', 'x.author_id').select('x.article_id').where('u.slug', '=', f.author!),
    );
  if (f.owner !== undefined) q = q.where('a.owner_id', '=', f.owner);
  if (f.topic)
    q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_tags as x').innerJoin('tags as g', 'g.id', 'x.tag_id').select('x.article_id').where('g.slug', '=', f.topic!));
  if (f.person)
    q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_people as x').innerJoin('people as p', 'p.id', 'x.person_id').select('x.article_id').where('p.slug', '=', f.person!));
  // The time an article is dated by wherever it is listed: published, else scheduled, else created (the search index's too).
  if (f.from) q = q.where(sql<boolean>`coalesce(a.published_at, a.scheduled_at, a.created_at) >= ${f.from}`);
  if (f.to) q = q.where(sql<boolean>`coalesce(a.published_at, a.scheduled_at, a.created_at) <= ${f.to}`);
  if (f.kind) q = q.where(sql<boolean>`a.id in (select d.article_id from search_documents d where d.kind = ${f.kind})`);
  if (f.ids) q = f.ids.length ? q.where('a.id', 'in', f.ids) : q.where(sql<boolean>`1 = 0`);
  return q;
}

/** Pages reached by number (`page=`); past them the list goes on by cursor, which costs the same at any depth. */
export const MAX_LIST_PAGE = 40;
export const PER_PAGE = 25;

/** Where a page starts: after (next) or before (previous) a row, in one order. Opaque to clients (base64url JSON). */
export interface ListCursor {
  sort: string;
  value: string | null;
  id: number;
  dir: 'next' | 'prev';
}

export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.value, c.id, c.dir])).toString('base64url');
}

export function decodeCursor(raw: unknown, sort: string): ListCursor {
  const bad = (message: string) => new ValidationFailed([{ field: 'cursor', message }]);
  let parts: unknown;
  try {
    parts = typeof raw === 'string' && raw.length <= 4000 ? JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) : null;
  } catch {
    parts = null;
  }
  if (!Array.isArray(parts) || parts.length !== 4) throw bad('expected a cursor given by this list (nextCursor or prevCursor)');
  const [s, value, id, dir] = parts as unknown[];
  if (typeof s !== 'string' || (value !== null && typeof value !== 'string') || !Number.isSafeInteger(id) || (dir !== 'next' && dir !== 'prev'))
    throw bad('expected a cursor given by this list (nextCursor or prevCursor)');
  if (s !== sort) throw bad(`this cursor belongs to the order "${s}", not "${sort}": start again from the first page`);
  return { sort: s, value: value as string | null, id: id as number, dir };
}

/**
 * The newsroom's article list without a search (article-list.service.ts searches it): filters, pages of 25, sorted by a shown column (last change, newest first, by default), ties by id.
 * The first pages are reached by number; every answer carries cursors to the next and previous pages, which read an index from
 * where the page starts (keyset), so page 2000 costs what page 2 does.
 */
export async function listAdminArticles(
  db: Db,
  f: AdminListFilters & { page?: number; sort?: unknown; cursor?: string },
) {
  const sort = parseAdminSort(f.sort);
  const sortText = `${sort.desc ? '-' : ''}${sort.key}`;
  const page = Math.max(1, f.page ?? 1);
  const cursor = f.cursor ? decodeCursor(f.cursor, sortText) : undefined;
  if (!cursor && page > MAX_LIST_PAGE)
    throw new ValidationFailed([{ field: 'page', message: `pages past ${MAX_LIST_PAGE} are reached with cursor= (the nextCursor of the page before)` }]);
  const column = sql.raw(SORT_COLUMNS[sort.key]);
  let q = filteredArticles(db, f).select(sql<string | null>`${column}`.as('sort_value'));
  // A previous page is read backwards from its cursor, then turned round.
  const backwards = cursor?.dir === 'prev';
  const desc = sort.desc !== backwards;
  const dir = sql.raw(desc ? 'desc' : 'asc');
  const op = sql.raw(desc ? '<' : '>');
  const need = PER_PAGE + 1;
  // Among rows without a value (is null) the id alone orders them: SQLite sorts them otherwise instead of reading the index in order.
  const read = (x: typeof q, offset = 0, byId = false) =>
    (byId ? x : x.orderBy(sql`${column} ${dir}`)).orderBy('a.id', desc ? 'desc' : 'asc').limit(need).offset(offset).execute();
  let rows: Awaited<ReturnType<typeof read>>;
  if (sort.key !== 'published') {
    if (cursor) q = q.where(sql<boolean>`(${column}, a.id) ${op} (${cursor.value}, ${cursor.id})`);
    rows = await read(q, cursor ? 0 : (page - 1) * PER_PAGE);
  } else {
    // Never-published articles come last in either order. Those with a time and those without are read apart, each in
    // the order of the (time, id) index, so a page stops after its rows rather than sorting the archive on a computed key.
    const timed = q.where(sql<boolean>`${column} is not null`);
    const untimed = q.where(sql<boolean>`${column} is null`);
    const andThen = async (got: typeof rows, x: typeof q, offset = 0) => (got.length < need ? got.concat((await read(x, offset, x === untimed)).slice(0, need - got.length)) : got);
    if (!cursor) {
      const offset = (page - 1) * PER_PAGE;
      rows = await read(timed, offset);
      // A page past every timed article: how far into the untimed ones it starts.
      let skip = 0;
      if (rows.length === 0 && offset > 0)
        skip = offset - Number((await timed.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      rows = await andThen(rows, untimed, Math.max(0, skip));
    } else if (cursor.value === null) {
      // The cursor stands among the untimed: forwards only they remain; backwards the timed ones come after them.
      rows = await read(untimed.where(sql<boolean>`a.id ${op} ${cursor.id}`), 0, true);
      if (backwards) rows = await andThen(rows, timed);
    } else {
      // A bound on the time alone, besides the pair: SQLite reads the expression index from there rather than filtering it from its end.
      const bound = sql.raw(desc ? '<=' : '>=');
      rows = await read(timed.where(sql<boolean>`${column} ${bound} ${cursor.value}`).where(sql<boolean>`(${column}, a.id) ${op} (${cursor.value}, ${cursor.id})`));
      if (!backwards) rows = await andThen(rows, untimed);
    }
  }
  const more = rows.length > PER_PAGE;
  rows = rows.slice(0, PER_PAGE);
  if (backwards) rows.reverse();
  const at = (r: (typeof rows)[number] | undefined, d: 'next' | 'prev') =>
    r ? encodeCursor({ sort: sortText, value: r.sort_value === null ? null : String(r.sort_value), id: r.id, dir: d }) : null;
  const hasMore = backwards ? rows.length > 0 : more;
  const hasBefore = backwards ? more : Boolean(cursor) || page > 1;
  return {
    page,
    hasMore,
    /** The page after this one (cursor=…), null on the last page. */
    nextCursor: hasMore ? at(rows[rows.length - 1], 'next') : null,
    /** The page before this one, null on the first page. */
    prevCursor: hasBefore ? at(rows[0], 'prev') : null,
    articles: await presentRows(db, rows),
  };
}

export function listRevisions(db: Db, articleId: number) {
  return db
    .selectFrom('article_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.version', 'r.created_at as createdAt', 'u.name as user'])
    .where('r.article_id', '=', articleId)
    .orderBy('r.version', 'desc')
    .execute();
}

export async function getRevision(db: Db, articleId: number, version: number) {
  const r = await db.selectFrom('article_revisions').select('snapshot').where('article_id', '=', articleId).where('version', '=', version).executeTakeFirst();
  return r ? JSON.parse(r.snapshot) : null;
}

/** Editors pin stories at the top of an edition's home page; the rest fills by recency. */
export async function homeSlots(db: Db, edition: string) {
  return db
    .selectFrom('home_slots as h')
    .innerJoin('articles as a', 'a.id', 'h.article_id')
    .select(['h.position', 'h.article_id as articleId', 'a.headline', 'a.status'])
    .where('h.edition', '=', edition)
    .orderBy('h.position')
    .execute();
}

/** Rows of filteredArticles() as the API shows them. */
export async function presentRows(db: Db, rows: Array<FilteredRow>) {
  const ids = rows.map((r) => r.id);
  const authors = ids.length
    ? await db.selectFrom('article_authors as x').innerJoin('authors as u', 'u.id', 'x.author_id').select(['x.article_id', 'u.name']).where('x.article_id', 'in', ids).orderBy('x.position').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    edition: r.edition,
    slug: r.slug,
    headline: r.headline,
    status: r.status,
    section: r.section,
    version: r.version,
    ownerId: r.owner_id,
    authors: authors.filter((x) => x.article_id === r.id).map((x) => x.name),
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    scheduledAt: r.scheduled_at,
    createdAt: r.created_at,
    /** The last save or transition. */
    changedAt: r.changed_at ?? r.created_at,
  }));
}

type FilteredRow = Awaited<ReturnType<ReturnType<typeof filteredArticles>['execute']>>[number];
