import { sql, type SelectQueryBuilder } from 'kysely';
import { slugify } from '../content/slug.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import { lowerContains } from '../store/like.ts';
import { moveSlug, NAME_TABLES, type NameKind } from './naming.ts';

/**
 * The newsroom's side of quoted people, authors and topics, where the three are
 * kept alike: a page of live rows by name, one row by id, a rename's slug change
 * (the former slug answering 301, another row's slug refused) and what a merge
 * requires. Each service keeps what is its own (roles, bylines, editions, menus).
 */

/** Rows on one page of a newsroom list. */
export const PER_PAGE = 50;

/** The columns every named row has. */
export interface NamedRow {
  id: number;
  slug: string;
  name: string;
  merged_into: number | null;
  /** Topics only: slugs are unique within an edition. */
  edition?: string;
}

/** How each kind is called in messages, and what a clash of addresses advises. */
const WORDS: Record<NameKind, { noun: string; one: string; self: string; clash: string }> = {
  person: { noun: 'person', one: 'a person', self: 'themselves', clash: 'merge them, or choose another slug' },
  author: { noun: 'author', one: 'an author', self: 'themselves', clash: 'choose another' },
  tag: { noun: 'topic', one: 'a topic', self: 'itself', clash: 'merge them, or choose another slug' },
};

/**
 * One page (from 1) of the live rows of `base` by name, `q` looked for in the
 * `search` columns; `featuredFirst` puts featured rows (topics) ahead.
 */
export async function pageByName<R extends NamedRow>(
  // The table varies by kind; the caller's query carries its own filters.
  base: SelectQueryBuilder<Database, any, {}>,
  columns: readonly string[],
  input: { q?: string; page: number; search: readonly string[]; featuredFirst?: boolean },
): Promise<{ page: number; perPage: number; total: number; hasMore: boolean; rows: R[] }> {
  const q = (input.q ?? '').trim();
  let live = base.where('merged_into', 'is', null);
  if (q) live = live.where((eb) => eb.or(input.search.map((c) => lowerContains(eb.ref(c), q))));
  let ordered = live.select(columns as any);
  if (input.featuredFirst) ordered = ordered.orderBy('featured', 'desc');
  const [rows, count] = await Promise.all([
    ordered
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .limit(PER_PAGE + 1)
      .offset((input.page - 1) * PER_PAGE)
      .execute(),
    live.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { page: input.page, perPage: PER_PAGE, total: Number(count.n), hasMore: rows.length > PER_PAGE, rows: rows.slice(0, PER_PAGE) as unknown as R[] };
}

/** One row by id, merged or not; NotFound names the kind. */
export async function namedRow<R extends NamedRow>(db: Db, kind: NameKind, columns: readonly string[], id: number): Promise<R> {
  const r = await db
    .selectFrom(NAME_TABLES[kind].table as 'tags')
    .select(columns as any)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new NotFound(`no ${WORDS[kind].noun} ${id}`);
  return r as unknown as R;
}

/** The row an update starts from, in its transaction: a merged one is refused (its kept row is the one to change). */
export async function rowToUpdate<R extends NamedRow>(trx: Db, kind: NameKind, columns: readonly string[], id: number): Promise<R> {
  const before = await namedRow<R>(trx, kind, columns, id);
  if (before.merged_into !== null) throw new Conflict(`${WORDS[kind].noun} ${id} was merged into ${before.merged_into}: change that one`);
  return before;
}

/**
 * The slug after an update: the one given, else a new name's, else the same.
 * A new one that another row holds is refused (naming the field that led to
 * it); otherwise it is moved in place and the former one answers 301.
 */
export async function updateSlug(trx: Db, kind: NameKind, before: NamedRow, patch: { name?: string; slug?: string }, at: string): Promise<string> {
  const renamed = patch.name !== undefined && patch.name !== before.name ? patch.name : undefined;
  const slug = patch.slug ?? (renamed ? slugify(renamed) : before.slug);
  if (slug === before.slug) return slug;
  let holder = trx
    .selectFrom(NAME_TABLES[kind].table as 'tags')
    .select('id')
    .where('slug', '=', slug)
    .where('id', '!=', before.id);
  if (kind === 'tag') holder = holder.where('edition', '=', before.edition ?? '');
  const taken = await holder.executeTakeFirst();
  if (taken) {
    const words = WORDS[kind];
    throw new ValidationFailed([{ field: patch.slug !== undefined ? 'slug' : 'name', message: `the address ${slug} is another ${words.noun}'s (#${taken.id}): ${words.clash}` }]);
  }
  await moveSlug(trx, kind, before.edition ?? '', before.id, before.slug, slug, at);
  return slug;
}

/**
 * The two rows of a merge of `id` into `into`, in its transaction, once what a
 * merge requires holds: two rows, both live, the kept one existing.
 */
export async function rowsToMerge<R extends NamedRow>(trx: Db, kind: NameKind, columns: readonly string[], id: number, into: number): Promise<{ from: R; kept: R }> {
  const words = WORDS[kind];
  if (into === id) throw new ValidationFailed([{ field: 'into', message: `${words.one} cannot be merged into ${words.self}` }]);
  const from = await namedRow<R>(trx, kind, columns, id);
  const kept = await namedRow<R>(trx, kind, columns, into).catch(() => {
    throw new ValidationFailed([{ field: 'into', message: `no ${words.noun} ${into}` }]);
  });
  if (from.merged_into !== null) throw new Conflict(`${words.noun} ${id} was already merged into ${from.merged_into}`);
  if (kept.merged_into !== null) throw new ValidationFailed([{ field: 'into', message: `${words.noun} ${into} was merged into ${kept.merged_into}: merge into that one` }]);
  return { from, kept };
}

/** The merged row's own slug answers 301 to the kept row too, though the merged row keeps it (resolveSlug follows merged_into first). */
export async function aliasMergedSlug(trx: Db, kind: NameKind, from: NamedRow, into: number, at: string): Promise<void> {
  const edition = kind === 'tag' ? (from.edition ?? '') : '';
  await trx.deleteFrom('slug_aliases').where('kind', '=', kind).where('edition', '=', edition).where('slug', '=', from.slug).execute();
  await trx.insertInto('slug_aliases').values({ kind, edition, slug: from.slug, target_id: into, created_at: at }).execute();
}
