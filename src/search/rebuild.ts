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

/**
 * The version of what documents are made of. Bump it when the analysis
 * (analyse.ts) or document building (document.ts) changes what is indexed: the
 * worker nodes' backfill then indexes every article again by itself.
 */
export const INDEX_VERSION = 1;

/** The backfill's state in site_state: how far it got, for which index version, and whether it redoes every article. */
const KEYS = { after: 'search_backfill_after', version: 'search_index_version', all: 'search_backfill_all' } as const;
type BackfillState = Record<keyof typeof KEYS, number>;

async function readState(db: Db): Promise<BackfillState> {
  const rows = await db.selectFrom('site_state').select(['key', 'value']).where('key', 'in', Object.values(KEYS)).execute();
  const value = (k: string) => Number(rows.find((r) => r.key === k)?.value ?? 0);
  return { after: value(KEYS.after), version: value(KEYS.version), all: value(KEYS.all) };
}

async function writeState(trx: Db, state: Partial<BackfillState>): Promise<void> {
  for (const [k, value] of Object.entries(state) as Array<[keyof BackfillState, number]>) {
    await trx.insertInto('site_state').values({ key: KEYS[k], value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
}

async function idsAfter(db: Db, table: 'articles' | 'tags' | 'people' | 'authors', after: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom(table).select('id').where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

const NAMED: Array<[NameKind, 'tags' | 'people' | 'authors']> = [
  ['tag', 'tags'],
  ['person', 'people'],
  ['author', 'authors'],
];

/** Every tag, person and author indexed again, a batch per transaction. */
async function reindexNames(db: Db): Promise<void> {
  for (const [kind, table] of NAMED) {
    for (let after = 0; ; ) {
      const ids = await idsAfter(db, table, after, INDEX_BATCH);
      if (!ids.length) break;
      await db.transaction().execute((trx) => indexNames(trx, kind, ids));
      after = ids[ids.length - 1]!;
    }
  }
}

/** Reindexes every article and name; `progress(done, total)` after each batch of articles. */
export async function rebuildIndex(db: Db, progress?: (done: number, total: number) => void): Promise<{ articles: number }> {
  const total = Number((await db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let done = 0;
  let after = 0;
  for (;;) {
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
  await reindexNames(db);
  // The backfill has nothing left to do for this version.
  await db.transaction().execute((trx) => writeState(trx, { after, version: INDEX_VERSION, all: 0 }));
  return { articles: done };
}

/**
 * One pass of the backfill (run on worker nodes): the next batch of articles by
 * id is looked at and those missing from the index are indexed, with their names;
 * after a change of INDEX_VERSION, every article is indexed again, from the first.
 * Answers true while more remain, so the next pass runs at once. Articles written
 * since the index exists are indexed by their writes; once the cursor has passed
 * the last article, a pass costs two small queries.
 */
export async function backfillPass(db: Db, batch = INDEX_BATCH): Promise<boolean> {
  let state = await readState(db);
  if (state.version !== INDEX_VERSION) {
    state = { after: 0, version: INDEX_VERSION, all: 1 };
    await db.transaction().execute((trx) => writeState(trx, state));
  }
  const ids = await idsAfter(db, 'articles', state.after, batch);
  if (!ids.length) {
    if (state.all) {
      await reindexNames(db);
      await db.transaction().execute((trx) => writeState(trx, { all: 0 }));
    }
    return false;
  }
  await db.transaction().execute(async (trx) => {
    const indexed = new Set((await trx.selectFrom('search_documents').select('article_id').where('article_id', 'in', ids).execute()).map((r) => r.article_id));
    const todo = state.all ? ids : ids.filter((id) => !indexed.has(id));
    if (todo.length) {
      await indexArticles(trx, todo);
      await indexMissingNames(trx, todo);
    }
    await writeState(trx, { after: ids[ids.length - 1]! });
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
