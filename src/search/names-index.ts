import { sql } from 'kysely';
import type { Db, Dialect } from '../store/db.ts';
import { slices } from '../store/batches.ts';
import { analyserFor } from './analyse.ts';
import { tsVectorText } from './query.ts';
import type { NameKind } from './search.types.ts';
import { dialectOf, INDEX_BATCH } from './index-writer.ts';

/**
 * Tags, quoted people and authors by name, for the names that match a query
 * (shown above the articles). A name is not in one language (a person quoted in
 * every edition), so it is folded, not stemmed; a query finds it by prefixes of
 * its words (see names-query.ts). Kept when a name is created (RelationWriter)
 * and by a rebuild.
 */

const CODE: Record<NameKind, number> = { tag: 1, person: 2, author: 3 };

/** The index row of a name: one per (kind, id), the same on every database. */
export function nameKey(kind: NameKind, id: number): number {
  return id * 4 + CODE[kind];
}

/** Names are folded whole words: no stemmer, no stop words. */
export const nameAnalyser = () => analyserFor('und');

export async function indexNames(trx: Db, kind: NameKind, ids: Iterable<number>): Promise<void> {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const dialect = dialectOf(trx);
  for (const slice of slices(unique, INDEX_BATCH)) {
    const rows =
      kind === 'tag'
        ? await trx.selectFrom('tags').select(['id', 'name', 'edition']).where('id', 'in', slice).where('merged_into', 'is', null).execute()
        : kind === 'person'
          ? // A person is found by the other names they go by as well (aliases, docs/people-and-topics.md).
            (await trx.selectFrom('people').select(['id', 'name', 'aliases']).where('id', 'in', slice).where('merged_into', 'is', null).execute()).map((r) => ({ id: r.id, name: [r.name, ...aliasList(r.aliases)].join(' '), edition: null }))
          : (await trx.selectFrom('authors').select(['id', 'name']).where('id', 'in', slice).where('merged_into', 'is', null).execute()).map((r) => ({ ...r, edition: null }));
    const keys = slice.map((id) => nameKey(kind, id));
    await removeNames(trx, dialect, keys);
    if (rows.length) await insertNames(trx, dialect, kind, rows);
  }
}

function aliasList(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}

/** Takes names out of the index (a topic or person merged into another). */
export async function dropNames(trx: Db, kind: NameKind, ids: Iterable<number>): Promise<void> {
  const keys = [...new Set(ids)].map((id) => nameKey(kind, id));
  if (keys.length) await removeNames(trx, dialectOf(trx), keys);
}

async function removeNames(trx: Db, dialect: Dialect, keys: number[]): Promise<void> {
  const list = sql.join(keys);
  if (dialect === 'sqlite') await sql`delete from search_names_fts where rowid in (${list})`.execute(trx);
  else await sql`delete from search_names_fts where id in (${list})`.execute(trx);
  await sql`delete from search_names where id in (${list})`.execute(trx);
}

async function insertNames(trx: Db, dialect: Dialect, kind: NameKind, rows: Array<{ id: number; name: string; edition: string | null }>): Promise<void> {
  const analyser = nameAnalyser();
  await trx
    .insertInto('search_names')
    .values(rows.map((r) => ({ id: nameKey(kind, r.id), kind, ref_id: r.id, edition: r.edition })))
    .execute();
  const terms = (name: string) => analyser.terms(name).map((t) => ({ term: t.term, position: t.position }));
  if (dialect === 'sqlite') {
    const values = rows.map((r) => sql`(${nameKey(kind, r.id)}, ${terms(r.name).map((t) => t.term).join(' ')})`);
    await sql`insert into search_names_fts (rowid, name) values ${sql.join(values)}`.execute(trx);
  } else {
    const values = rows.map((r) => sql`(${nameKey(kind, r.id)}, ${tsVectorText([{ weight: 'A', terms: terms(r.name) }])}::tsvector)`);
    await sql`insert into search_names_fts (id, doc) values ${sql.join(values)}`.execute(trx);
  }
}
