import { sql } from 'kysely';
import { ValidationFailed } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { lowerContains } from '../store/like.ts';
import { ADMIN_SORTS, DEFAULT_ADMIN_SORT, type AdminSortKey } from './api-shapes.ts';

const SORT_COLUMNS: Record<AdminSortKey, string> = {
  headline: 'lower(a.headline)',
  status: 'a.status',
  section: 's.name',
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

/** The newsroom's article list: filters, headline search, pages of 25, sorted by a shown column (last change, newest first, by default), ties by id. */
export async function listAdminArticles(
  db: Db,
  f: { status?: string; section?: string; author?: string; edition?: string; q?: string; page?: number; sort?: unknown },
) {
  const sort = parseAdminSort(f.sort);
  const perPage = 25;
  const page = Math.max(1, f.page ?? 1);
  let q = db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.id', 'a.edition', 'a.slug', 'a.headline', 'a.status', 'a.version', 'a.published_at', 'a.updated_at', 'a.scheduled_at', 'a.created_at', 'a.changed_at', 'a.owner_id', 's.slug as section']);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.edition) q = q.where('a.edition', '=', f.edition);
  if (f.section) q = q.where('s.slug', '=', f.section);
  if (f.author)
    q = q.where('a.id', 'in', (eb) =>
      eb.selectFrom('article_authors as x').innerJoin('authors as u', 'u.id', 'x.author_id').select('x.article_id').where('u.slug', '=', f.author!),
    );
  if (f.q) q = q.where(lowerContains(sql.ref('a.headline'), f.q));
  const dir = sort.desc ? 'desc' : 'asc';
  const column = sql.raw(SORT_COLUMNS[sort.key]);
  // Empty values (never published) come last either way, in both databases; the id keeps pages stable.
  // changed_at is never empty (every write sets it), and the default order then reads the (changed_at, id) index.
  if (sort.key === 'published') q = q.orderBy(sql`case when ${column} is null then 1 else 0 end`);
  const rows = await q
    .orderBy(sql`${column} ${sql.raw(dir)}`)
    .orderBy('a.id', dir)
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
  const ids = rows.map((r) => r.id);
  const authors = ids.length
    ? await db.selectFrom('article_authors as x').innerJoin('authors as u', 'u.id', 'x.author_id').select(['x.article_id', 'u.name']).where('x.article_id', 'in', ids).orderBy('x.position').execute()
    : [];
  return {
    page,
    hasMore: rows.length > perPage,
    articles: rows.slice(0, perPage).map((r) => ({
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
    })),
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
