import { sql } from 'kysely';
import type { Db } from '../store/db.ts';
import type { ImageRow } from '../store/schema.ts';
import type { StoredBlock, StoredLead } from './blocks.ts';

/** What a list of articles (home, section, tag…) shows of each. */
export interface ArticleCard {
  id: number;
  edition: string;
  section_id: number;
  slug: string;
  headline: string;
  standfirst: string | null;
  published_at: string;
  lead: StoredLead | null;
}

export interface ArticlePage {
  id: number;
  edition: string;
  section_id: number;
  slug: string;
  headline: string;
  standfirst: string | null;
  status: string;
  published_at: string | null;
  updated_at: string | null;
  source_name: string | null;
  source_url: string | null;
  canonical_url: string | null;
  seo_title: string | null;
  seo_description: string | null;
  lead: StoredLead | null;
  body: StoredBlock[];
}

export interface ArticleRelations {
  tags: Array<{ slug: string; name: string }>;
  authors: Array<{ slug: string; name: string }>;
  images: Map<number, ImageRow>;
  related: ArticleCard[];
}

const cardColumns = ['a.id', 'a.edition', 'a.section_id', 'a.slug', 'a.headline', 'a.standfirst', 'a.published_at', 'a.lead'] as const;

function toCard(r: any): ArticleCard {
  return { ...r, lead: r.lead ? JSON.parse(r.lead) : null };
}

/** Published and due: what readers may see at `now`. */
function visible(now: string) {
  return (eb: any) => eb.and([eb('a.status', '=', 'published'), eb('a.published_at', '<=', now)]);
}

export async function findArticle(db: Db, edition: string, slug: string): Promise<ArticlePage | undefined> {
  const row = await db
    .selectFrom('articles as a')
    .select([
      'a.id', 'a.edition', 'a.section_id', 'a.slug', 'a.headline', 'a.standfirst', 'a.status', 'a.published_at',
      'a.updated_at', 'a.source_name', 'a.source_url', 'a.canonical_url', 'a.seo_title', 'a.seo_description', 'a.lead', 'a.body',
    ])
    .where('a.edition', '=', edition)
    .where('a.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, lead: row.lead ? JSON.parse(row.lead) : null, body: JSON.parse(row.body) };
}

/** Image ids an article shows: its lead and its figures. */
export function imageIdsOf(a: { lead: StoredLead | null; body?: StoredBlock[] }): number[] {
  const ids = new Set<number>();
  if (a.lead) ids.add(a.lead.imageId);
  for (const b of a.body ?? []) if (b.type === 'figure') ids.add(b.imageId);
  return [...ids];
}

/**
 * Everything an article page shows besides the article row, in one round trip:
 * tags, authors, images and related articles as rows of one UNION ALL.
 */
export async function loadRelations(db: Db, article: ArticlePage, now: string, relatedCount = 4): Promise<ArticleRelations> {
  const ids = imageIdsOf(article);
  const imageIds = ids.length ? ids : [-1];
  const { rows } = await sql<{ kind: string; k: number; a: string | null; b: string | null; c: string | null; d: string | null }>`
    select 'tag' as kind, t.position as k, g.slug as a, g.name as b, null as c, null as d
      from article_tags t join tags g on g.id = t.tag_id where t.article_id = ${article.id}
    union all
    select 'author', t.position, u.slug, u.name, null, null
      from article_authors t join authors u on u.id = t.author_id where t.article_id = ${article.id}
    union all
    select 'image', i.id, i.original, i.variants, i.alt, ${sql.raw(`cast(i.width as text) || 'x' || cast(i.height as text)`)}
      from images i where i.id in (${sql.join(imageIds)})
    union all
    select * from (
      select 'related', r.id, r.slug, r.headline, r.published_at, cast(r.section_id as text)
        from articles r
       where r.edition = ${article.edition} and r.section_id = ${article.section_id} and r.id <> ${article.id}
         and r.status = 'published' and r.published_at <= ${now}
       order by r.published_at desc limit ${relatedCount}
    ) rel
  `.execute(db);
  // UNION ALL keeps no order across branches: tags and authors are sorted by their position here.
  const byPosition = (x: { k: number }, y: { k: number }) => x.k - y.k;
  const named = (kind: string) =>
    rows.filter((r) => r.kind === kind).sort(byPosition).map((r) => ({ slug: r.a!, name: r.b! }));
  const rel: ArticleRelations = { tags: named('tag'), authors: named('author'), images: new Map(), related: [] };
  for (const r of rows) {
    if (r.kind === 'tag' || r.kind === 'author') continue;
    else if (r.kind === 'image') {
      const [w, h] = r.d!.split('x').map(Number);
      rel.images.set(Number(r.k), { id: Number(r.k), original: r.a!, variants: r.b!, alt: r.c ?? '', width: w, height: h } as ImageRow);
    } else {
      rel.related.push({
        id: Number(r.k), edition: article.edition, section_id: Number(r.d), slug: r.a!, headline: r.b!, standfirst: null, published_at: r.c!, lead: null,
      });
    }
  }
  rel.related.sort((x, y) => (x.published_at < y.published_at ? 1 : -1));
  return rel;
}

export async function loadImages(db: Db, ids: number[]): Promise<Map<number, ImageRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('images').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The home page's articles in one query: the newest `latest` of the edition,
 * plus the newest `perSection` of every section.
 */
export async function homeCards(db: Db, edition: string, now: string, latest = 13, perSection = 4): Promise<ArticleCard[]> {
  const rows = await db
    .selectFrom((qb) =>
      qb
        .selectFrom('articles as a')
        .select([
          ...cardColumns,
          sql<number>`row_number() over (order by a.published_at desc, a.id desc)`.as('overall'),
          sql<number>`row_number() over (partition by a.section_id order by a.published_at desc, a.id desc)`.as('in_section'),
        ])
        .where('a.edition', '=', edition)
        .where(visible(now))
        .as('ranked'),
    )
    .selectAll()
    .where((eb) => eb.or([eb('overall', '<=', latest), eb('in_section', '<=', perSection)]))
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toCard);
}

export type Listing =
  | { kind: 'section'; sectionId: number }
  | { kind: 'tag'; tagId: number }
  | { kind: 'author'; authorId: number }
  | { kind: 'person'; personId: number };

/** One page of a listing, newest first; one row more than asked tells whether an older page exists. */
export async function listCards(db: Db, edition: string, listing: Listing, now: string, page: number, perPage: number) {
  let q = db.selectFrom('articles as a').select([...cardColumns]).where('a.edition', '=', edition).where(visible(now));
  if (listing.kind === 'section') q = q.where('a.section_id', '=', listing.sectionId);
  if (listing.kind === 'tag')
    q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', listing.tagId));
  if (listing.kind === 'author')
    q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_id').where('author_id', '=', listing.authorId));
  if (listing.kind === 'person')
    q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_people').select('article_id').where('person_id', '=', listing.personId));
  const rows = await q
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
  return { cards: rows.slice(0, perPage).map(toCard), hasOlder: rows.length > perPage };
}

export function findTag(db: Db, edition: string, slug: string) {
  return db.selectFrom('tags').selectAll().where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst();
}
export function findAuthor(db: Db, slug: string) {
  return db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
}
export function findPerson(db: Db, slug: string) {
  return db.selectFrom('people').selectAll().where('slug', '=', slug).executeTakeFirst();
}
