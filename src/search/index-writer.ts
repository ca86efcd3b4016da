import { sql, SqliteAdapter } from 'kysely';
import type { Db, Dialect } from '../store/db.ts';
import { slices } from '../store/batches.ts';
import { buildDocument, columnText, weightedFields, type ArticleSource, type SearchDocument } from './document.ts';
import { readArticleSources } from './document-source.ts';
import { articleTranscripts } from '../video/transcripts.ts';
import { tsVectorText } from './query.ts';
import { timeKey } from './time-key.ts';

/**
 * Keeps the SQL index in step with the articles, in the caller's transaction:
 * every write path calls indexArticles(trx, ids) after its rows are written. The
 * SQL index is always kept, whatever engine answers searches (docs/search.md).
 * The dialect is read from the transaction itself, so a write path needs
 * nothing more than the transaction it already has.
 */

/** Documents written per statement group: a few statements per batch, whatever its size. */
export const INDEX_BATCH = 500;

export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

/** A key as bound: better-sqlite3 binds a JavaScript number as REAL, FTS5 rowids must be INTEGER. */
export function keyValue(dialect: Dialect, key: number): number | bigint {
  return dialect === 'sqlite' ? BigInt(key) : key;
}

/** (Re)indexes these articles as they are in `trx`; an id no longer in the articles table leaves the index. */
export async function indexArticles(trx: Db, ids: Iterable<number>): Promise<void> {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const dialect = dialectOf(trx);
  for (const slice of slices(unique, INDEX_BATCH)) await writeDocuments(trx, dialect, slice, (await readArticleSources(trx, slice)).map(buildDocument));
}

/**
 * Indexes articles a writer has in hand, as they were just written in `trx`: an
 * import's batch, whose rows need not be read back. The sources must be what the
 * articles table and their links now hold.
 */
export async function indexSources(trx: Db, sources: ArticleSource[]): Promise<void> {
  const dialect = dialectOf(trx);
  // The videos' transcripts are not in the rows a writer has in hand: read here for the sources that show videos.
  const transcripts = await articleTranscripts(trx, sources.filter((s) => s.transcripts === undefined));
  sources = sources.map((s) => (s.transcripts === undefined ? { ...s, transcripts: transcripts.get(s.id) ?? [] } : s));
  for (const slice of slices(sources, INDEX_BATCH)) {
    await writeDocuments(
      trx,
      dialect,
      slice.map((s) => s.id),
      slice.map(buildDocument),
    );
  }
}

/** Replaces the documents of these articles with `docs` (fewer when some articles are gone). */
async function writeDocuments(trx: Db, dialect: Dialect, articleIds: number[], docs: SearchDocument[]): Promise<void> {
  const old = await trx.selectFrom('search_documents').select('id').where('article_id', 'in', articleIds).execute();
  await removeDocuments(trx, dialect, old.map((r) => r.id));
  await insertDocuments(trx, dialect, docs, await freeKeys(trx, dialect, docs));
}

async function removeDocuments(trx: Db, dialect: Dialect, keys: number[]): Promise<void> {
  if (!keys.length) return;
  const list = sql.join(keys.map((k) => keyValue(dialect, k)));
  if (dialect === 'sqlite') await sql`delete from search_documents_fts where rowid in (${list})`.execute(trx);
  else await sql`delete from search_documents_fts where id in (${list})`.execute(trx);
  await sql`delete from search_documents where id in (${list})`.execute(trx);
}

/** Each document's time key, stepped down past keys already taken (same second, ids 2^20 apart). */
async function freeKeys(trx: Db, dialect: Dialect, docs: SearchDocument[]): Promise<number[]> {
  const keys = docs.map((d) => timeKey(d.time, d.articleId));
  let pending = keys.map((_, i) => i);
  const claimed = new Set<number>();
  while (pending.length) {
    const wanted = pending.map((i) => keys[i]!);
    const taken = new Set(
      (await sql<{ id: number }>`select id from search_documents where id in (${sql.join(wanted.map((k) => keyValue(dialect, k)))})`.execute(trx)).rows.map((r) => Number(r.id)),
    );
    const next: number[] = [];
    for (const i of pending) {
      if (taken.has(keys[i]!) || claimed.has(keys[i]!)) {
        keys[i]!--;
        next.push(i);
      } else claimed.add(keys[i]!);
    }
    pending = next;
  }
  return keys;
}

async function insertDocuments(trx: Db, dialect: Dialect, docs: SearchDocument[], keys: number[]): Promise<void> {
  if (!docs.length) return;
  const rows = docs.map((d, i) => sql`(${keyValue(dialect, keys[i]!)}, ${d.articleId}, ${d.edition}, ${d.status}, ${d.sectionId}, ${d.kind})`);
  await sql`insert into search_documents (id, article_id, edition, status, section_id, kind) values ${sql.join(rows)}`.execute(trx);
  if (dialect === 'sqlite') {
    const fts = docs.map((d, i) => sql`(${keyValue(dialect, keys[i]!)}, ${columnText(d, 'title')}, ${columnText(d, 'lead')}, ${columnText(d, 'body')}, ${columnText(d, 'facets')})`);
    await sql`insert into search_documents_fts (rowid, title, lead, body, facets) values ${sql.join(fts)}`.execute(trx);
  } else {
    const fts = docs.map((d, i) => sql`(${keys[i]!}, ${tsVectorText(weightedFields(d))}::tsvector)`);
    await sql`insert into search_documents_fts (id, doc) values ${sql.join(fts)}`.execute(trx);
  }
}
