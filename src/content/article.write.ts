import type { Db } from '../store/db.ts';
import type { ArticleInput } from './article.schema.ts';
import type { BlockInputT, LeadInputT, StoredBlock, StoredLead } from './blocks.ts';
import { slugify } from './slug.ts';

/** The writing steps an import and the Admin API share. */

export function toStoredFigure(f: LeadInputT | Extract<BlockInputT, { type: 'figure' }>, imageId: number): StoredLead {
  return {
    imageId,
    alt: f.alt,
    ...(f.decorative ? { decorative: true } : {}),
    ...(f.caption ? { caption: f.caption } : {}),
    ...(f.credit ? { credit: f.credit } : {}),
    ...(f.archive ? { archive: true } : {}),
  };
}

/**
 * A section named but not present is created from its slug ("tv" → "TV", "economie" → "Economie").
 * It is marked implicit: readers see it only once a visible article is in it, so a
 * section typed in a draft does not reach the navigation.
 */
export async function ensureSection(trx: Db, edition: string, slug: string) {
  const found = await trx.selectFrom('sections').select(['id', 'slug']).where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst();
  if (found) return found;
  const max = await trx.selectFrom('sections').select((eb) => eb.fn.max('position').as('m')).where('edition', '=', edition).executeTakeFirst();
  const name = slug.length <= 3 ? slug.toUpperCase() : slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, ' ');
  return trx
    .insertInto('sections')
    .values({ edition, slug, name, position: Number(max?.m ?? 0) + 1, in_nav: 1, implicit: 1 })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
}

async function upsertByName<T extends 'tags' | 'authors' | 'people'>(
  trx: Db,
  table: T,
  name: string,
  extra: Record<string, unknown>,
  scope?: { edition: string },
): Promise<number> {
  const slug = slugify(name);
  let q = trx.selectFrom(table as 'tags').select('id').where('slug', '=', slug);
  if (scope) q = q.where('edition', '=', scope.edition);
  const found = await q.executeTakeFirst();
  if (found) {
    if (Object.keys(extra).length) await trx.updateTable(table as 'people').set(extra).where('id', '=', found.id).execute();
    return found.id;
  }
  const row = await trx
    .insertInto(table as 'tags')
    .values({ slug, name, ...(scope ?? {}), ...extra } as any)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function linkRelations(trx: Db, articleId: number, a: ArticleInput): Promise<void> {
  const tagIds = [...new Set(await serial(a.tags, (t) => upsertByName(trx, 'tags', t, {}, { edition: a.edition })))];
  if (tagIds.length) await trx.insertInto('article_tags').values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position }))).execute();
  const authorIds = [...new Set(await serial(a.authors, (n) => upsertByName(trx, 'authors', n, {})))];
  if (authorIds.length)
    await trx.insertInto('article_authors').values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position }))).execute();
  // The role belongs to the quote: it is kept per article, and readers see the one of the
  // latest visible article (people.role is only the newsroom's suggestion for the next quote).
  const speakers = a.body.flatMap((b) => (b.type === 'quote' ? [b.speaker] : []));
  const roles = new Map<number, string | null>();
  for (const s of speakers) {
    const id = await upsertByName(trx, 'people', s.name, s.role ? { role: s.role } : {});
    if (!roles.get(id)) roles.set(id, s.role || null);
  }
  if (roles.size)
    await trx.insertInto('article_people').values([...roles].map(([person_id, role]) => ({ article_id: articleId, person_id, role }))).execute();
}

async function serial<T, R>(xs: T[], f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const x of xs) out.push(await f(x));
  return out;
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Removes an article's tags, authors and quoted people before they are linked again. */
export async function unlinkRelations(trx: Db, articleId: number): Promise<void> {
  await trx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  await trx.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  await trx.deleteFrom('article_people').where('article_id', '=', articleId).execute();
}

/** Lead and body in their stored form, images given by id. */
export interface StoredContent {
  lead: StoredLead | null;
  body: StoredBlock[];
  socialImageId: number | null;
}

export function storedContent(a: ArticleInput, imageId: (ref: string | number) => number): StoredContent {
  return {
    socialImageId: a.seo?.image !== undefined ? imageId(a.seo.image) : null,
    lead: a.lead ? toStoredFigure(a.lead, imageId(a.lead.image)) : null,
    body: a.body.map((b) => (b.type === 'figure' ? { type: 'figure', ...toStoredFigure(b, imageId(b.image)) } : (b as StoredBlock))),
  };
}

/** The article columns that come from the input. */
export function articleColumns(a: ArticleInput, sectionId: number, slug: string, content: StoredContent) {
  return {
    edition: a.edition,
    section_id: sectionId,
    slug,
    headline: a.headline,
    standfirst: a.standfirst ?? null,
    published_at: a.publishedAt ? new Date(a.publishedAt).toISOString() : null,
    updated_at: a.updatedAt ? new Date(a.updatedAt).toISOString() : null,
    source_name: a.source?.name ?? null,
    source_url: a.source?.url ?? null,
    canonical_url: a.canonicalUrl ?? null,
    seo_title: a.seo?.title ?? null,
    seo_description: a.seo?.description ?? null,
    lead: content.lead ? JSON.stringify(content.lead) : null,
    lead_image_id: content.lead?.imageId ?? null,
    social_image_id: content.socialImageId,
    body: JSON.stringify(content.body),
  };
}
