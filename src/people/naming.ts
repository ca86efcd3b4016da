import { sql } from 'kysely';
import { key, SITE_KEY } from '../cdn/keys.ts';
import { dropNames, indexNames } from '../search/names-index.ts';
import type { Db } from '../store/db.ts';

/**
 * What topics, quoted people and authors share: a slug that may change (the old
 * one kept in slug_aliases, answering 301), and merging one into another (its
 * article links moved, its page answering 301 to the kept one). Each kind names
 * its table, its link table and its purge key.
 */
export type NameKind = 'tag' | 'person' | 'author';

export const NAME_TABLES = {
  tag: { table: 'tags', links: 'article_tags', column: 'tag_id', key: key.tag },
  person: { table: 'people', links: 'article_people', column: 'person_id', key: key.person },
  author: { table: 'authors', links: 'article_authors', column: 'author_id', key: key.author },
} as const;

/** More articles than this changed by one merge: the whole site is purged rather than each article. */
const MAX_ARTICLE_KEYS = 500;

/** A path for a Location header: letters outside ASCII (an Arabic slug) percent-encoded, what is already encoded kept. */
export function asciiPath(path: string): string {
  return path.replace(/[^\x21-\x7e]+/g, (c) => encodeURIComponent(c));
}

/** The row a slug leads to now: the one holding it, followed through merges, or the one a former slug points to. */
export async function resolveSlug(db: Db, kind: NameKind, edition: string, slug: string): Promise<{ id: number; slug: string } | undefined> {
  const { table } = NAME_TABLES[kind];
  let q = db.selectFrom(table as 'tags').select('id').where('slug', '=', slug);
  if (kind === 'tag') q = q.where('edition', '=', edition);
  const row = await q.executeTakeFirst();
  let id: number | undefined = row?.id;
  if (id === undefined) {
    const alias = await db
      .selectFrom('slug_aliases')
      .select('target_id')
      .where('kind', '=', kind)
      .where('edition', '=', kind === 'tag' ? edition : '')
      .where('slug', '=', slug)
      .executeTakeFirst();
    id = alias?.target_id;
  }
  if (id === undefined) return undefined;
  return followMerges(db, kind, id);
}

/** The row that `id` ended in once every merge is followed (a chain of merges is short; a loop stops). */
export async function followMerges(db: Db, kind: NameKind, id: number): Promise<{ id: number; slug: string } | undefined> {
  const { table } = NAME_TABLES[kind];
  const seen = new Set<number>();
  for (;;) {
    if (seen.has(id)) return undefined;
    seen.add(id);
    const row = (await db
      .selectFrom(table as 'people')
      .select(['id', 'slug', 'merged_into'])
      .where('id', '=', id)
      .executeTakeFirst()) as { id: number; slug: string; merged_into: number | null } | undefined;
    if (!row) return undefined;
    if (row.merged_into === null) return { id: row.id, slug: row.slug };
    id = row.merged_into;
  }
}

/**
 * Gives a row a new slug: the former one goes to slug_aliases (its address answers 301),
 * and an alias holding the new slug is dropped (the live row answers it).
 */
export async function moveSlug(trx: Db, kind: NameKind, edition: string, id: number, from: string, to: string, at: string): Promise<void> {
  const aliasEdition = kind === 'tag' ? edition : '';
  await trx.updateTable(NAME_TABLES[kind].table as 'tags').set({ slug: to }).where('id', '=', id).execute();
  await trx.deleteFrom('slug_aliases').where('kind', '=', kind).where('edition', '=', aliasEdition).where('slug', 'in', [from, to]).execute();
  await trx.insertInto('slug_aliases').values({ kind, edition: aliasEdition, slug: from, target_id: id, created_at: at }).execute();
}

/**
 * Moves every article link of `from` to `into` in one transaction (an article naming
 * both keeps one link), points `from`'s former slugs at `into`, marks `from` merged
 * and drops it from the search names. Answers the purge keys: both names and every
 * article that changed.
 */
export async function mergeLinks(trx: Db, kind: NameKind, from: number, into: number): Promise<string[]> {
  const { table, links, column, key: keyOf } = NAME_TABLES[kind];
  const l = links as 'article_tags';
  const c = column as 'tag_id';
  const articles = (await trx.selectFrom(l).select('article_id').where(c, '=', from).execute()).map((r) => r.article_id);
  // An article linked to both keeps the kept one's link.
  await trx
    .deleteFrom(l)
    .where(c, '=', from)
    .where('article_id', 'in', (eb) => (eb as any).selectFrom(`${links} as both`).select('both.article_id').where(`both.${column}`, '=', into))
    .execute();
  await trx.updateTable(l).set({ [c]: into } as any).where(c, '=', from).execute();
  await trx.updateTable('slug_aliases').set({ target_id: into }).where('kind', '=', kind).where('target_id', '=', from).execute();
  await trx
    .updateTable(table as 'tags')
    .set({ merged_into: into } as any)
    .where('id', '=', from)
    .execute();
  // Rows merged earlier into `from` now lead straight to `into`.
  await trx.updateTable(table as 'tags').set({ merged_into: into } as any).where('merged_into' as any, '=', from).execute();
  await dropNames(trx, kind, [from]);
  await indexNames(trx, kind, [into]);
  if (articles.length > MAX_ARTICLE_KEYS) return [SITE_KEY];
  return [keyOf(from), keyOf(into), ...articles.map((a) => key.article(a))];
}

/** How many articles link each of these rows (drafts included): what the newsroom sees in lists. */
export async function articleCounts(db: Db, kind: NameKind, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const { links, column } = NAME_TABLES[kind];
  const rows = await db
    .selectFrom(links as 'article_tags')
    .select([sql.ref<number>(column).as('ref'), sql<number>`count(*)`.as('n')])
    .where(column as 'tag_id', 'in', ids)
    .groupBy(column as 'tag_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.ref), Number(r.n)]));
}
