import { sql } from 'kysely';
import type { Db } from '../store/db.ts';
import { indexArticles, INDEX_BATCH } from './index-writer.ts';
import { indexNames, nameKey } from './names-index.ts';
import type { NameKind } from './search.types.ts';

/**
 * Building the index for what was written before it existed, or again after
 * the analysis changed: in batches of articles by id, each batch in its own
 * transaction, so that writers go on meanwhile and a run stopped half-way
 * leaves a usable index; running it again is always safe.
 */

async function idsAfter(db: Db, table: 'articles' | 'tags' | 'people' | 'authors', after: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom(table).select('id').where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Reindexes every article and name; `progress(done, total)` after each batch of articles. */
export async function rebuildIndex(db: Db, progress?: (done: number, total: number) => void): Promise<{ articles: number }> {
  const total = Number((await db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let done = 0;
  for (let after = 0; ; ) {
    const ids = await idsAfter(db, 'articles', after, INDEX_BATCH);
    if (!ids.length) break;
    await db.transaction().execute((trx) => indexArticles(trx, ids));
    done += ids.length;
    after = ids[ids.length - 1]!;
    progress?.(Math.min(done, total), Math.max(total, done));
  }
  // Documents of articles deleted while no index write ran (none should be): indexing a missing id removes it.
  const orphans = await sql<{ article_id: number }>`select d.article_id from search_documents d where not exists (select 1 from articles a where a.id = d.article_id)`.execute(db);
  if (orphans.rows.length) await db.transaction().execute((trx) => indexArticles(trx, orphans.rows.map((r) => r.article_id)));
  for (const [kind, table] of [['tag', 'tags'], ['person', 'people'], ['author', 'authors']] as Array<[NameKind, 'tags' | 'people' | 'authors']>) {
    for (let after = 0; ; ) {
      const ids = await idsAfter(db, table, after, INDEX_BATCH);
      if (!ids.length) break;
      await db.transaction().execute((trx) => indexNames(trx, kind, ids));
      after = ids[ids.length - 1]!;
    }
  }
  return { articles: done };
}

/** Where the backfill got to: articles with a greater id have not been looked at yet. */
const CURSOR = 'search_backfill_after';

/**
 * One pass of the upgrade backfill (run on worker nodes): the next batch of
 * articles by id is looked at, those missing from the index are indexed, and
 * their names with them. Answers true while more remain, so the next pass runs
 * at once. Articles written since the index exists are indexed by their writes;
 * once the cursor has passed the last article, a pass costs one small query.
 */
export async function backfillPass(db: Db, batch = INDEX_BATCH): Promise<boolean> {
  const cursor = await db.selectFrom('site_state').select('value').where('key', '=', CURSOR).executeTakeFirst();
  const after = Number(cursor?.value ?? 0);
  const ids = await idsAfter(db, 'articles', after, batch);
  if (!ids.length) return false;
  await db.transaction().execute(async (trx) => {
    const indexed = new Set((await trx.selectFrom('search_documents').select('article_id').where('article_id', 'in', ids).execute()).map((r) => r.article_id));
    const missing = ids.filter((id) => !indexed.has(id));
    if (missing.length) {
      await indexArticles(trx, missing);
      await indexMissingNames(trx, missing);
    }
    const last = ids[ids.length - 1]!;
    await trx.insertInto('site_state').values({ key: CURSOR, value: last }).onConflict((oc) => oc.column('key').doUpdateSet({ value: last })).execute();
  });
  return ids.length === batch;
}

/** The names these articles use that the index lacks. */
async function indexMissingNames(trx: Db, articleIds: number[]): Promise<void> {
  const links = [
    ['tag', 'article_tags', 'tag_id'],
    ['person', 'article_people', 'person_id'],
    ['author', 'article_authors', 'author_id'],
  ] as const;
  for (const [kind, table, column] of links) {
    const { rows } = await sql<{ id: number }>`select distinct ${sql.ref(column)} as id from ${sql.table(table)} where article_id in (${sql.join(articleIds)})`.execute(trx);
    if (!rows.length) continue;
    const ids = rows.map((r) => Number(r.id));
    const known = new Set((await trx.selectFrom('search_names').select('id').where('id', 'in', ids.map((id) => nameKey(kind, id))).execute()).map((r) => Number(r.id)));
    await indexNames(trx, kind, ids.filter((id) => !known.has(nameKey(kind, id))));
  }
}
