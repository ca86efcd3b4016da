import { sql } from 'kysely';
import type { StoredBlock } from '../content/blocks.ts';
import type { Db } from '../store/db.ts';

/** A published entry as readers see it. */
export interface PublicEntry {
  id: number;
  articleId: number;
  postedAt: string;
  updatedAt: string | null;
  title: string | null;
  /** The author's name, or null (a wire entry names its source instead). */
  author: string | null;
  source: { name: string; url: string | null } | null;
  body: StoredBlock[];
  pinned: boolean;
  keyPoint: boolean;
  correction: string | null;
}

export type EntryOrder = 'newest' | 'oldest';

export const ENTRIES_PER_PAGE = 20;

function entries(db: Db, articleId: number) {
  return db
    .selectFrom('live_entries as e')
    .leftJoin('authors as au', 'au.id', 'e.author_id')
    .select(['e.id', 'e.article_id', 'e.posted_at', 'e.updated_at', 'e.title', 'e.source_name', 'e.source_url', 'e.body', 'e.pinned', 'e.key_point', 'e.correction', 'au.name as author'])
    .where('e.article_id', '=', articleId)
    .where('e.status', '=', 'published');
}

function toEntry(r: any): PublicEntry {
  return {
    id: Number(r.id),
    articleId: Number(r.article_id),
    postedAt: r.posted_at,
    updatedAt: r.updated_at,
    title: r.title,
    author: r.author ?? null,
    source: r.source_name ? { name: r.source_name, url: r.source_url } : null,
    body: JSON.parse(r.body),
    pinned: Number(r.pinned) === 1,
    keyPoint: Number(r.key_point) === 1,
    correction: r.correction,
  };
}

/**
 * One page of a live's published entries (`perPage` of them, newest or oldest
 * first, ties broken by id), and whether more follow. Served by the index
 * (article_id, status, posted_at, id): the cost does not grow with the live.
 */
export async function entriesPage(db: Db, articleId: number, order: EntryOrder, page: number, perPage = ENTRIES_PER_PAGE): Promise<{ entries: PublicEntry[]; hasMore: boolean }> {
  const dir = order === 'newest' ? 'desc' : 'asc';
  const rows = await entries(db, articleId)
    .orderBy('e.posted_at', dir)
    .orderBy('e.id', dir)
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
  return { entries: rows.slice(0, perPage).map(toEntry), hasMore: rows.length > perPage };
}

/** The live's pinned entries and key points (few by nature), newest first. */
export async function flaggedEntries(db: Db, articleId: number, limit = 50): Promise<PublicEntry[]> {
  const rows = await entries(db, articleId)
    .where((eb) => eb.or([eb('e.pinned', '=', 1), eb('e.key_point', '=', 1)]))
    .orderBy('e.posted_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

/** Published entries by id (those not published are left out). */
export async function entriesById(db: Db, articleId: number, ids: number[]): Promise<PublicEntry[]> {
  if (ids.length === 0) return [];
  const rows = await entries(db, articleId).where('e.id', 'in', ids).execute();
  return rows.map(toEntry);
}

/** Which page holds the entry in the given order: how many published entries come before it, over the page size. */
export async function pageOfEntry(db: Db, articleId: number, entry: PublicEntry, order: EntryOrder, perPage = ENTRIES_PER_PAGE): Promise<number> {
  const cmp = order === 'newest' ? '>' : '<';
  const row = await db
    .selectFrom('live_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('article_id', '=', articleId)
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('posted_at', cmp, entry.postedAt), eb.and([eb('posted_at', '=', entry.postedAt), eb('id', cmp, entry.id)])]))
    .executeTakeFirstOrThrow();
  return Math.floor(Number(row.n) / perPage) + 1;
}

/** The live's newest event id (0 before any): what a page rendered now has seen. */
export async function lastEventId(db: Db, articleId: number): Promise<number> {
  const row = await db
    .selectFrom('live_events')
    .select(sql<number>`max(id)`.as('id'))
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** A live's events after `after`, oldest first, at most `limit`. */
export function eventsAfter(db: Db, articleId: number, after: number, limit = 500) {
  return db
    .selectFrom('live_events')
    .select(['id', 'entry_id', 'kind'])
    .where('article_id', '=', articleId)
    .where('id', '>', after)
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
}

/** The live's latest published entries, for structured data and the feed. */
export async function latestEntries(db: Db, articleId: number, limit: number): Promise<PublicEntry[]> {
  return (await entriesPage(db, articleId, 'newest', 1, limit)).entries;
}
