import { PostgresAdapter, sql } from 'kysely';
import type { EntryInput } from '../content/article.schema.ts';
import type { StoredBlock, StoredImageLead } from '../content/blocks.ts';
import { toStoredFigure } from '../content/article.write.ts';
import { rowsPerStatement, slices } from '../store/batches.ts';
import type { Db } from '../store/db.ts';
import { authorIdOf } from './entry-authors.ts';

/**
 * Entries in the import format: `depeche import` and `depeche export`, and site
 * archives, carry a live's entries with the article (docs/import-format.md).
 */

/** The stored entries of these articles, oldest first, with their author's name. */
export async function storedEntriesOf(db: Db, articleIds: number[]) {
  if (!articleIds.length) return [];
  const out = [];
  for (const ids of slices(articleIds, 500)) {
    const rows = await db
      .selectFrom('live_entries as e')
      .leftJoin('authors as au', 'au.id', 'e.author_id')
      .selectAll('e')
      .select('au.name as author_name')
      .where('e.article_id', 'in', ids)
      .orderBy('e.article_id')
      .orderBy('e.posted_at')
      .orderBy('e.id')
      .execute();
    out.push(...rows);
  }
  return out;
}
export type StoredEntryRow = Awaited<ReturnType<typeof storedEntriesOf>>[number];

/** The pictures entries show (their media ids). */
export function entryImageIds(rows: StoredEntryRow[]): number[] {
  const ids: number[] = [];
  for (const r of rows) for (const b of JSON.parse(r.body) as StoredBlock[]) if (b.type === 'figure') ids.push(b.imageId);
  return ids;
}

/** An entry row in the import format; `figure` writes a stored picture as the export names it. */
export function exportedEntry(r: StoredEntryRow, figure: (f: StoredImageLead) => Record<string, unknown>): EntryInput {
  const body = (JSON.parse(r.body) as StoredBlock[]).map((b) => (b.type === 'figure' ? { type: 'figure' as const, ...figure(b) } : b));
  return {
    id: r.id,
    status: r.status,
    postedAt: r.posted_at,
    ...(r.title ? { title: r.title } : {}),
    ...(r.author_name ? { author: r.author_name } : {}),
    ...(r.source_name ? { source: { name: r.source_name, ...(r.source_url ? { url: r.source_url } : {}) } } : {}),
    body: body as EntryInput['body'],
    ...(r.pinned ? { pinned: true } : {}),
    ...(r.key_point ? { keyPoint: true } : {}),
    ...(r.correction ? { correction: r.correction } : {}),
  };
}

/** Bound values in one live_entries row written by an import. */
const ENTRY_VALUES = 18;

/**
 * Writes an imported live's entries in batches, in the import's transaction.
 * Entries get new ids, except in a site restore (`keepIds`: an empty site, so
 * that entry permalinks shared before the move still lead to their entry);
 * times, flags and authors (by name) are kept; no live event is recorded (an
 * import purges the whole site). `authors` caches names across the lives of one
 * import.
 */
export async function writeImportedEntries(
  trx: Db,
  articleId: number,
  entries: EntryInput[],
  imageId: (ref: string | number) => number,
  nowIso: string,
  authors: Map<string, number>,
  keepIds = false,
): Promise<void> {
  const rows = [];
  for (const e of entries) {
    rows.push({
      ...(keepIds && e.id !== undefined ? { id: e.id } : {}),
      article_id: articleId,
      status: e.status,
      posted_at: e.postedAt ? new Date(e.postedAt).toISOString() : nowIso,
      title: e.title || null,
      author_id: e.author ? await authorIdOf(trx, e.author, authors) : null,
      source_name: e.source?.name ?? null,
      source_url: e.source?.url ?? null,
      body: JSON.stringify(e.body.map((b) => (b.type === 'figure' ? { type: 'figure', ...toStoredFigure(b, imageId(b.image)) } : b))),
      pinned: e.pinned ? 1 : 0,
      key_point: e.keyPoint ? 1 : 0,
      correction: e.correction ?? null,
      version: 1,
      owner_id: null,
      owner_token_id: null,
      ingest_item_id: null,
      article_draft_id: null,
      created_at: nowIso,
      updated_at: null,
    });
  }
  // Rows with and without an id are not mixed in one statement.
  for (const group of [rows.filter((r) => 'id' in r), rows.filter((r) => !('id' in r))]) {
    for (const slice of slices(group, rowsPerStatement(ENTRY_VALUES + 1))) await trx.insertInto('live_entries').values(slice).execute();
  }
}

/** After entries were written with their own ids, PostgreSQL's id sequence moves past them (SQLite's follows by itself). */
export async function afterKeptIds(trx: Db): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select setval(pg_get_serial_sequence('live_entries', 'id'), greatest((select coalesce(max(id), 0) from live_entries), 1))`.execute(trx);
}

/** The picture references of an article's entries, as `entries[i].body[j].image`. */
export function entryPictureRefs(art: { entries?: unknown }): Array<[string, unknown]> {
  if (!Array.isArray(art.entries)) return [];
  return art.entries.flatMap((e: any, i: number) =>
    Array.isArray(e?.body) ? e.body.map((b: any, j: number): [string, unknown] => [`entries[${i}].body[${j}].image`, b?.type === 'figure' ? b.image : undefined]) : [],
  );
}
