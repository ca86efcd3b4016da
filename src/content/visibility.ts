import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { param, preparedQuery } from '../store/prepared.ts';
import type { Db } from '../store/db.ts';
import type { Database } from '../store/schema.ts';

/**
 * The one rule for what a name (tag, author, quoted person) shows readers: it is
 * public while at least one article a reader can see now uses it. An article is
 * visible when it is published and its publication time has passed; drafts,
 * articles in review, scheduled, embargoed (published with a later time) and
 * withdrawn (unpublished) articles are not, so a name they alone use answers as
 * one that does not exist. Reader pages, feeds and the Content API all ask here.
 */

export type NamedKind = 'tag' | 'author' | 'person';

const LINKS = {
  tag: { table: 'article_tags', column: 'tag_id', owner: 'tags' },
  author: { table: 'article_authors', column: 'author_id', owner: 'authors' },
  person: { table: 'article_people', column: 'person_id', owner: 'people' },
} as const;

/**
 * `exists (a visible article, of the edition when given, linked to the row aliased
 * `alias`)`: a where-clause for queries over tags, authors or people.
 */
export function usedByVisibleArticle(kind: NamedKind, alias: string, now: string | Expression<string>, edition?: string | Expression<string>) {
  const link = LINKS[kind];
  // The link's listed_at is its article's publication time while published (null otherwise), kept by
  // triggers: the check is one seek in the link's listing index, no article row read.
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.exists(
      eb
        .selectFrom(`${link.table} as vl` as any)
        .select(sql`1`.as('one'))
        .whereRef(`vl.${link.column}` as any, '=', `${alias}.id` as any)
        .$if(edition !== undefined && kind !== 'tag', (q: any) => q.where('vl.edition', '=', edition))
        .where('vl.listed_at' as any, '<=', now as any),
    );
}

type Row<K extends NamedKind> = K extends 'tag' ? Database['tags'] : K extends 'author' ? Database['authors'] : Database['people'];

/**
 * The tag, author or person with this slug, if a visible article of the edition
 * uses it at `now`; undefined otherwise, exactly as for a slug that was never used.
 */
export async function findPublicName<K extends NamedKind>(db: Db, kind: K, edition: string, slug: string, now: string): Promise<{ id: number; slug: string; name: string } | undefined> {
  const owner = LINKS[kind].owner;
  let q = db
    .selectFrom(`${owner} as n` as 'tags as n')
    .select(['n.id', 'n.slug', 'n.name'])
    .where('n.slug', '=', slug)
    .where(usedByVisibleArticle(kind, 'n', now, edition));
  // Tags belong to an edition; authors and people are shared by all.
  if (kind === 'tag') q = q.where('n.edition', '=', edition);
  return q.executeTakeFirst() as Promise<Row<K> & { id: number } | undefined> as any;
}

/** The role of the person's latest visible quote naming one in an edition, from the link's listing index. */
const roleQuery = preparedQuery<{ person: number; now: string; edition: string }, { role: string | null; listed_at: string; article_id: number }>((db) =>
  db
    .selectFrom('article_people as t')
    .select(['t.role', 't.listed_at', 't.article_id'])
    .where('t.person_id', '=', param<number>('person'))
    .where('t.edition', '=', param('edition'))
    .where('t.listed_at', '<=', param('now'))
    .where('t.role', 'is not', null)
    .orderBy('t.listed_at', 'desc')
    .orderBy('t.article_id', 'desc')
    .limit(1)
    .$narrowType<{ listed_at: string }>(),
);

/**
 * A person's public role: the one their quote gives in the latest visible article
 * (of the edition when given) that names a role. A draft's quote changes nothing
 * until the draft is published. Without an edition, each edition's latest is read
 * (one seek each in the listing index) and the newest wins.
 */
export async function publicRole(db: Db, personId: number, now: string, edition?: string, editions?: string[]): Promise<string | null> {
  const codes = edition !== undefined ? [edition] : (editions ?? (await db.selectFrom('editions').select('code').execute()).map((e) => e.code));
  let best: { role: string | null; listed_at: string; article_id: number } | undefined;
  for (const code of codes) {
    const [row] = await roleQuery(db, { person: personId, now, edition: code });
    if (row && (!best || row.listed_at > best.listed_at || (row.listed_at === best.listed_at && row.article_id > best.article_id))) best = row;
  }
  return best?.role ?? null;
}

/** The public role of each of these people (a page of a list: one indexed lookup each, per edition). */
export async function publicRoles(db: Db, personIds: number[], now: string, edition?: string): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const editions = edition !== undefined ? [edition] : (await db.selectFrom('editions').select('code').execute()).map((e) => e.code);
  for (const id of personIds) {
    const role = await publicRole(db, id, now, edition, editions);
    if (role !== null) out.set(id, role);
  }
  return out;
}

/**
 * Sections follow the same rule: one an editor set up (on the site's creation or in
 * an archive) is public from the start; one made by naming it in an article
 * (implicit) is public once a visible article is in it.
 */
export function sectionIsPublic(alias: string, now: string | Expression<string>) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.or([
      eb(`${alias}.implicit`, '=', 0),
      eb.exists(
        eb
          .selectFrom('articles as vs' as any)
          .select(sql`1`.as('one'))
          .whereRef('vs.section_id' as any, '=', `${alias}.id` as any)
          .where('vs.status' as any, '=', 'published')
          .where('vs.published_at' as any, '<=', now as any),
      ),
    ]);
}

/** When an implicit section first had a published article (its first publication time, perhaps still ahead), by section id. */
export async function sectionsFirstPublished(db: Db): Promise<Map<number, string>> {
  // One lookup per section in the (section_id, status, published_at) index, not a scan of the archive.
  const rows = await db
    .selectFrom('sections as s')
    .select((eb) => [
      's.id',
      eb
        .selectFrom('articles as a')
        .select((e) => e.fn.min('a.published_at').as('m'))
        .whereRef('a.section_id', '=', 's.id')
        .where('a.status', '=', 'published')
        .as('first'),
    ])
    .where('s.implicit', '=', 1)
    .execute();
  return new Map(rows.filter((r) => r.first != null).map((r) => [r.id, r.first as string]));
}

/**
 * The publication time of the next embargoed article (published, time still ahead of `now`),
 * or null: one seek per edition in the (edition, status, published_at) index.
 */
export async function nextEmbargoEnd(db: Db, editions: string[], now: string): Promise<string | null> {
  const rows = await Promise.all(
    editions.map((edition) =>
      db
        .selectFrom('articles')
        .select((eb) => eb.fn.min('published_at').as('next'))
        .where('edition', '=', edition)
        .where('status', '=', 'published')
        .where('published_at', '>', now)
        .executeTakeFirst(),
    ),
  );
  const times = rows.map((r) => r?.next as string | null | undefined).filter((t): t is string => !!t).sort();
  return times[0] ?? null;
}
