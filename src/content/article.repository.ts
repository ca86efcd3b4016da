import { sql } from 'kysely';
import type { Db } from '../store/db.ts';
import { param, preparedQuery } from '../store/prepared.ts';
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
  /** The lead picture, joined in the same query. */
  image: PictureRow | null;
  /** A live still running: its card says so. */
  live?: boolean;
  /** It leads with a library video: its card shows a play mark. */
  video?: boolean;
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
  /** The picture for social cards (seo.image); the lead's when null. */
  social_image_id: number | null;
  /** Shared with its translations in other editions; null when it has none. */
  translation_group: number | null;
  lead: StoredLead | null;
  body: StoredBlock[];
  /** Set on a live article (its coverage start); null on any other. */
  live_started_at: string | null;
  live_ended_at: string | null;
  /** 1 when the newsroom sends the live's key points by web push (readers may follow it). */
  live_push: number;
}

export interface ArticleRelations {
  tags: Array<{ slug: string; name: string }>;
  /** With the author's library photo when there is one (the byline shows it). */
  authors: Array<{ slug: string; name: string; photo?: PictureRow | null }>;
  /** The article's pictures, with the alt text kept in the media library. */
  images: Map<number, PictureRow & { alt: string }>;
  related: ArticleCard[];
  /** The same story in other editions, published and due. */
  translations: Array<{ edition: string; sectionId: number; slug: string; headline: string }>;
}

/** Cards: the article columns a list shows, and its lead picture through a join. */
function selectCards(db: Db) {
  return db
    .selectFrom('articles as a')
    .leftJoin('images as i', 'i.id', 'a.lead_image_id')
    .select(['a.id', 'a.edition', 'a.section_id', 'a.slug', 'a.headline', 'a.standfirst', 'a.published_at', 'a.live_started_at', 'a.live_ended_at', 'a.lead_video_id'])
    .select(['i.id as img_id', 'i.original as img_original', 'i.variants as img_variants', 'i.width as img_width', 'i.height as img_height', 'i.focal_x as img_fx', 'i.focal_y as img_fy']);
}

function toCard(r: any): ArticleCard {
  return {
    id: r.id,
    edition: r.edition,
    section_id: r.section_id,
    slug: r.slug,
    headline: r.headline,
    standfirst: r.standfirst,
    published_at: r.published_at,
    image: r.img_id == null ? null : { id: r.img_id, original: r.img_original, variants: r.img_variants, width: r.img_width, height: r.img_height, focal_x: r.img_fx ?? null, focal_y: r.img_fy ?? null },
    ...(r.live_started_at && !r.live_ended_at ? { live: true } : {}),
    ...(r.lead_video_id != null ? { video: true } : {}),
  };
}

/** Published and due: what readers may see at `now`. */
function visible(now: unknown) {
  return (eb: any) => eb.and([eb('a.status', '=', 'published'), eb('a.published_at', '<=', now)]);
}

/** The columns an article page reads. */
const PAGE_COLUMNS = [
  'a.id', 'a.edition', 'a.section_id', 'a.slug', 'a.headline', 'a.standfirst', 'a.status', 'a.published_at',
  'a.updated_at', 'a.source_name', 'a.source_url', 'a.canonical_url', 'a.seo_title', 'a.seo_description', 'a.social_image_id', 'a.translation_group', 'a.lead', 'a.body',
  'a.live_started_at', 'a.live_ended_at', 'a.live_push',
] as const;

const articleBySlug = preparedQuery<{ edition: string; slug: string }, any>((db) =>
  db
    .selectFrom('articles as a')
    .select(PAGE_COLUMNS)
    .where('a.edition', '=', param('edition'))
    .where('a.slug', '=', param('slug')),
);

export async function findArticle(db: Db, edition: string, slug: string): Promise<ArticlePage | undefined> {
  const [row] = await articleBySlug(db, { edition, slug });
  if (!row) return undefined;
  return { ...row, lead: row.lead ? JSON.parse(row.lead) : null, body: JSON.parse(row.body) };
}

/** Any article by id, whatever its state: for the newsroom's preview. */
export async function findArticleById(db: Db, id: number): Promise<ArticlePage | undefined> {
  const row = await db
    .selectFrom('articles as a')
    .select(PAGE_COLUMNS)
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, lead: row.lead ? JSON.parse(row.lead) : null, body: JSON.parse(row.body) } : undefined;
}

/** Where a former slug of a published article lives now. */
export async function findMovedArticle(db: Db, edition: string, slug: string) {
  return db
    .selectFrom('slug_history as h')
    .innerJoin('articles as a', 'a.id', 'h.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.slug', 's.slug as section'])
    .where('h.edition', '=', edition)
    .where('h.slug', '=', slug)
    .executeTakeFirst();
}

/** Image ids an article shows: its lead, its figures and its social card's picture. */
export function imageIdsOf(a: { lead: StoredLead | null; body?: StoredBlock[]; social_image_id?: number | null }): number[] {
  const ids = new Set<number>();
  if (a.lead?.imageId !== undefined) ids.add(a.lead.imageId);
  if (a.social_image_id) ids.add(a.social_image_id);
  for (const b of a.body ?? []) if (b.type === 'figure') ids.add(b.imageId);
  return [...ids];
}

/**
 * One row of the relations query. `a`–`d` are the branch's own columns; `e`–`g`
 * carry a picture joined in (an author's photo, a related article's lead):
 * original, variants, and "id:WxH:fx:fy".
 */
type RelationRow = { kind: string; k: number; a: string | null; b: string | null; c: string | null; d: string | null; e: string | null; f: string | null; g: string | null };

/** The picture columns a relation row joins in, as text so every branch of the union agrees. */
const PICTURE_COLUMNS = (i: string) =>
  sql.raw(
    `${i}.original, ${i}.variants, cast(${i}.id as text) || ':' || cast(${i}.width as text) || 'x' || cast(${i}.height as text) || ':' || coalesce(cast(${i}.focal_x as text), '') || ':' || coalesce(cast(${i}.focal_y as text), '')`,
  );

const relationsQuery = preparedQuery<Record<string, unknown>, RelationRow>((db, imageCount) => {
  const id = param<number>('id');
  const imageIds = imageCount ? Array.from({ length: imageCount }, (_, i) => param<number>(`img${i}`)) : [-1];
  const query = sql<RelationRow>`
    select 'tag' as kind, t.position as k, g.slug as a, g.name as b, null as c, null as d, null as e, null as f, null as g
      from article_tags t join tags g on g.id = t.tag_id where t.article_id = ${id}
    union all
    select 'author', t.position, u.slug, u.name, null, null, ${PICTURE_COLUMNS('p')}
      from article_authors t join authors u on u.id = t.author_id left join images p on p.id = u.photo_image_id where t.article_id = ${id}
    union all
    select 'image', i.id, i.original, i.variants, i.alt, ${sql.raw(`cast(i.width as text) || 'x' || cast(i.height as text)`)}, null, null,
           ${sql.raw(`coalesce(cast(i.focal_x as text), '') || ':' || coalesce(cast(i.focal_y as text), '')`)}
      from images i where i.id in (${sql.join(imageIds)})
    union all
    select 'translation', r.id, r.edition, r.slug, r.headline, cast(r.section_id as text), null, null, null
      from articles r
     where r.translation_group = ${param('group')} and r.id <> ${id}
       and r.status = 'published' and r.published_at <= ${param('now')}
    union all
    select * from (
      select 'related', r.id, r.slug, r.headline, r.published_at, cast(r.section_id as text), ${PICTURE_COLUMNS('p')}
        from articles r left join images p on p.id = r.lead_image_id
       where r.edition = ${param('edition')} and r.section_id = ${param('section')} and r.id <> ${id}
         and r.status = 'published' and r.published_at <= ${param('now')}
       order by r.published_at desc limit ${param('limit')}
    ) rel
  `;
  return { compile: () => query.compile(db) };
});

/** A 0–1 focal coordinate from its text form; null when unset. */
function focal(v: string | undefined): number | null {
  return v === undefined || v === '' ? null : Number(v);
}

/** The picture a relation row joined in, or null when the join found none. */
function joinedPicture(r: RelationRow): PictureRow | null {
  if (r.e === null || r.g === null) return null;
  const [id, size, fx, fy] = r.g.split(':');
  const [w, h] = size.split('x').map(Number);
  return { id: Number(id), original: r.e, variants: r.f ?? '[]', width: w, height: h, focal_x: focal(fx), focal_y: focal(fy) };
}

/**
 * Everything an article page shows besides the article row, in one round trip:
 * tags, authors, images and related articles as rows of one UNION ALL.
 */
export async function loadRelations(db: Db, article: ArticlePage, now: string, relatedCount = 4): Promise<ArticleRelations> {
  const ids = imageIdsOf(article);
  // A null group matches nothing (= null is never true): no translations.
  const values: Record<string, unknown> = { id: article.id, edition: article.edition, section: article.section_id, group: article.translation_group, now, limit: relatedCount };
  ids.forEach((v, i) => (values[`img${i}`] = v));
  const rows = await relationsQuery(db, values, ids.length);
  // UNION ALL keeps no order across branches: tags and authors are sorted by their position here.
  const byPosition = (x: { k: number }, y: { k: number }) => x.k - y.k;
  const named = (kind: string) =>
    rows.filter((r: RelationRow) => r.kind === kind).sort(byPosition).map((r) => ({ slug: r.a!, name: r.b! }));
  const authors = rows
    .filter((r: RelationRow) => r.kind === 'author')
    .sort(byPosition)
    .map((r) => ({ slug: r.a!, name: r.b!, photo: joinedPicture(r) }));
  const rel: ArticleRelations = { tags: named('tag'), authors, images: new Map(), related: [], translations: [] };
  for (const r of rows) {
    if (r.kind === 'tag' || r.kind === 'author') continue;
    else if (r.kind === 'image') {
      const [w, h] = r.d!.split('x').map(Number);
      const [fx, fy] = (r.g ?? ':').split(':');
      rel.images.set(Number(r.k), { id: Number(r.k), original: r.a!, variants: r.b!, width: w, height: h, focal_x: focal(fx), focal_y: focal(fy), alt: r.c ?? '' });
    } else if (r.kind === 'translation') {
      rel.translations.push({ edition: r.a!, slug: r.b!, headline: r.c!, sectionId: Number(r.d) });
    } else {
      rel.related.push({
        id: Number(r.k), edition: article.edition, section_id: Number(r.d), slug: r.a!, headline: r.b!, standfirst: null, published_at: r.c!, image: joinedPicture(r),
      });
    }
  }
  rel.related.sort((x, y) => (x.published_at < y.published_at ? 1 : -1));
  rel.translations.sort((x, y) => (x.edition < y.edition ? -1 : 1));
  return rel;
}

/** What a picture needs of each image, by id. */
const imagesById = preparedQuery<Record<string, number>, PictureRow>((db, n) =>
  db
    .selectFrom('images')
    .select(['id', 'original', 'variants', 'width', 'height', 'focal_x', 'focal_y'])
    .where('id', 'in', Array.from({ length: n }, (_, i) => param<number>(`id${i}`))),
);

export async function loadImages(db: Db, ids: number[]): Promise<Map<number, PictureRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await imagesById(db, Object.fromEntries(unique.map((id, i) => [`id${i}`, id])), unique.length);
  return new Map(rows.map((r) => [r.id, r]));
}

export type PictureRow = Pick<ImageRow, 'id' | 'original' | 'variants' | 'width' | 'height'> & Partial<Pick<ImageRow, 'focal_x' | 'focal_y'>>;

/**
 * The home page's articles: the newest `top` of the edition, and for each
 * section its newest `perSection` not already among them.
 *
 * Ids come first, from a window of the newest articles read through the
 * listing index; only a section the window does not fill (a quiet section on
 * a busy site) costs one more indexed query. Then the chosen rows are read
 * once each, with their pictures. The cost does not grow with the archive.
 */
const newestIds = (db: Db) =>
  db
    .selectFrom('articles as a')
    .select(['a.id', 'a.section_id'])
    .where('a.edition', '=', param('edition'))
    .where(visible(param('now')))
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc');

const windowQuery = preparedQuery<Record<string, unknown>, { id: number; section_id: number }>((db) => newestIds(db).limit(param('window')));

const sectionsQuery = preparedQuery<Record<string, unknown>, { id: number; section_id: number }>((db, n) => {
  let q = db.selectFrom(newestIds(db).where('a.section_id', '=', param('s0')).limit(param('limit')).as('s0')).selectAll();
  for (let i = 1; i < n; i++) q = q.unionAll(db.selectFrom(newestIds(db).where('a.section_id', '=', param(`s${i}`)).limit(param('limit')).as(`s${i}`)).selectAll());
  return q;
});

const cardsByIdQuery = preparedQuery<Record<string, unknown>, any>((db, n) =>
  selectCards(db).where('a.id', 'in', Array.from({ length: n }, (_, i) => param<number>(`id${i}`))),
);

const pinnedQuery = preparedQuery<Record<string, unknown>, { id: number; section_id: number }>((db) =>
  db
    .selectFrom('home_slots as h')
    .innerJoin('articles as a', 'a.id', 'h.article_id')
    .select(['a.id', 'a.section_id'])
    .where('h.edition', '=', param('edition'))
    .where(visible(param('now')))
    .orderBy('h.position'),
);

export async function homeCards(
  db: Db,
  edition: string,
  sectionIds: number[],
  now: string,
  opts: { hasPins?: boolean; top?: number; perSection?: number } = {},
): Promise<ArticleCard[]> {
  const { top = 7, perSection = 4 } = opts;
  const window = 60;
  // Stories the editors pinned come first, in their order; recency fills the rest.
  const pinned = opts.hasPins === false ? [] : (await pinnedQuery(db, { edition, now })).slice(0, top);
  let rows = await windowQuery(db, { edition, now, window });
  const chosen = new Set([...pinned, ...rows].slice(0, top).map((r) => r.id));
  for (const r of rows) if (chosen.size < top) chosen.add(r.id);
  const count = new Map<number, number>();
  /** Adds the section's newest not yet chosen; returns how many it has. */
  const pick = (candidates: Array<{ id: number; section_id: number }>, section: number) => {
    let n = count.get(section) ?? 0;
    for (const r of candidates) {
      if (n >= perSection) break;
      if (r.section_id === section && !chosen.has(r.id)) {
        chosen.add(r.id);
        n++;
      }
    }
    count.set(section, n);
    return n;
  };
  const short = sectionIds.filter((id) => pick(rows, id) < perSection);
  if (rows.length === window && short.length > 0) {
    const values: Record<string, unknown> = { edition, now, limit: perSection + top };
    short.forEach((id, i) => (values[`s${i}`] = id));
    rows = await sectionsQuery(db, values, short.length);
    for (const id of short) pick(rows, id);
  }
  const ids = [...chosen];
  if (ids.length === 0) return [];
  const cards = await cardsByIdQuery(db, Object.fromEntries(ids.map((id, i) => [`id${i}`, id])), ids.length);
  const rank = new Map(pinned.map((p, i) => [p.id, i]));
  return cards
    .sort((x, y) => {
      const px = rank.get(x.id) ?? Infinity;
      const py = rank.get(y.id) ?? Infinity;
      if (px !== py) return px - py;
      return x.published_at === y.published_at ? y.id - x.id : x.published_at < y.published_at ? 1 : -1;
    })
    .map(toCard);
}

export type Listing =
  | { kind: 'section'; sectionId: number }
  | { kind: 'tag'; tagId: number }
  | { kind: 'author'; authorId: number }
  | { kind: 'person'; personId: number };

const LISTING_KINDS = ['section', 'tag', 'author', 'person'] as const;

/** The links that name an article: a tag, author or person page reads one range of its listing index. */
const LINK = {
  tag: { table: 'article_tags', column: 'tag_id' },
  author: { table: 'article_authors', column: 'author_id' },
  person: { table: 'article_people', column: 'person_id' },
} as const;

/**
 * A tag, author or person page: the ids come from the link's listing index
 * (name, [edition,] listed_at, article_id), newest first, without reading an
 * article; only the page's rows are then joined. listed_at is null unless the
 * article is published, so `<= now` is the reader's visibility rule.
 */
const namedListingQuery = preparedQuery<{ edition: string; now: string; id: number; limit: number; offset: number }, any>((db, kind) => {
  const link = LINK[LISTING_KINDS[kind] as 'tag' | 'author' | 'person'];
  const ids = db
    .selectFrom(`${link.table} as l` as 'article_tags as l')
    .select(['l.article_id', 'l.listed_at'])
    .where(`l.${link.column}` as 'l.tag_id', '=', param<number>('id'))
    .$if(link.table !== 'article_tags', (q) => q.where('l.edition', '=', param('edition')))
    .where('l.listed_at', '<=', param('now'))
    .orderBy('l.listed_at', 'desc')
    .orderBy('l.article_id', 'desc')
    .limit(param('limit'))
    .offset(param('offset'))
    .as('p');
  return db
    .selectFrom(ids)
    .innerJoin('articles as a', 'a.id', 'p.article_id')
    .leftJoin('images as i', 'i.id', 'a.lead_image_id')
    .select(['a.id', 'a.edition', 'a.section_id', 'a.slug', 'a.headline', 'a.standfirst', 'a.published_at', 'a.live_started_at', 'a.live_ended_at', 'a.lead_video_id'])
    .select(['i.id as img_id', 'i.original as img_original', 'i.variants as img_variants', 'i.width as img_width', 'i.height as img_height', 'i.focal_x as img_fx', 'i.focal_y as img_fy'])
    .orderBy('p.listed_at', 'desc')
    .orderBy('p.article_id', 'desc');
});

/**
 * A section page: newest first through (section_id, status, published_at), below `before` when
 * the page starts in an older month. The offset is skipped in the index alone (it holds the
 * row id), and only the page's rows are then read.
 */
const sectionListingQuery = preparedQuery<{ now: string; before: string; id: number; limit: number; offset: number }, any>((db) => {
  const ids = db
    .selectFrom('articles as s')
    .select(['s.id', 's.published_at'])
    .where('s.section_id', '=', param<number>('id'))
    .where('s.status', '=', 'published')
    .where('s.published_at', '<=', param('now'))
    .where('s.published_at', '<', param('before'))
    .orderBy('s.published_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(param('limit'))
    .offset(param('offset'))
    .as('p');
  return db
    .selectFrom(ids)
    .innerJoin('articles as a', 'a.id', 'p.id')
    .leftJoin('images as i', 'i.id', 'a.lead_image_id')
    .select(['a.id', 'a.edition', 'a.section_id', 'a.slug', 'a.headline', 'a.standfirst', 'a.published_at', 'a.live_started_at', 'a.live_ended_at', 'a.lead_video_id'])
    .select(['i.id as img_id', 'i.original as img_original', 'i.variants as img_variants', 'i.width as img_width', 'i.height as img_height', 'i.focal_x as img_fx', 'i.focal_y as img_fy'])
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc');
});

const liveMonthCount = preparedQuery<{ id: number; from: string; now: string }, { n: number | string }>((db) =>
  db
    .selectFrom('articles as a')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('a.section_id', '=', param<number>('id'))
    .where('a.status', '=', 'published')
    .where('a.published_at', '>=', param('from'))
    .where('a.published_at', '<=', param('now')),
);

const sectionMonths = preparedQuery<{ id: number; month: string }, { month: string; articles: number }>((db) =>
  db
    .selectFrom('archive_months')
    .select(['month', 'articles'])
    .where('section_id', '=', param<number>('id'))
    .where('month', '<', param('month'))
    .where('articles', '>', 0)
    .orderBy('month', 'desc'),
);

/** The month after `yyyy-mm`, as the bound `yyyy-mm` (which sorts before every time of that month). */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Where the `offset`-th newest visible article of a section is, without counting
 * the archive: this month's articles are counted (one month at most), older
 * months are summed from archive_months (one row per month), and the page then
 * starts in the month it falls in, with an offset smaller than that month.
 */
async function sectionWindow(db: Db, sectionId: number, now: string, offset: number): Promise<{ before: string; offset: number }> {
  const open = { before: '\uffff', offset };
  if (offset === 0) return open;
  const month = now.slice(0, 7);
  const [live] = await liveMonthCount(db, { id: sectionId, from: month, now });
  let skipped = Number(live?.n ?? 0);
  if (offset < skipped) return open;
  for (const m of await sectionMonths(db, { id: sectionId, month })) {
    if (skipped + m.articles > offset) return { before: nextMonth(m.month), offset: offset - skipped };
    skipped += m.articles;
  }
  // Past the oldest article: an empty page.
  return { before: '', offset: 0 };
}

/** One page of a listing, newest first; one row more than asked tells whether an older page exists. */
export async function listCards(db: Db, edition: string, listing: Listing, now: string, page: number, perPage: number) {
  const offset = (page - 1) * perPage;
  let rows: any[];
  if (listing.kind === 'section') {
    const w = await sectionWindow(db, listing.sectionId, now, offset);
    rows = await sectionListingQuery(db, { now, before: w.before, id: listing.sectionId, limit: perPage + 1, offset: w.offset });
  } else {
    const id = 'tagId' in listing ? listing.tagId : 'authorId' in listing ? listing.authorId : listing.personId;
    rows = await namedListingQuery(db, { edition, now, id, limit: perPage + 1, offset }, LISTING_KINDS.indexOf(listing.kind));
  }
  return { cards: rows.slice(0, perPage).map(toCard), hasOlder: rows.length > perPage };
}

export function findSection(db: Db, id: number) {
  return db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A search hit's card, with the text its snippet is cut from. */
export interface SearchCard extends ArticleCard {
  body: string;
  lead: string | null;
}

/**
 * The cards of search hits, visible at `now` (checked again here: the page
 * never shows what readers may not see, whatever an engine answered), in the
 * order of `ids`.
 */
export async function searchCards(db: Db, ids: number[], now: string): Promise<SearchCard[]> {
  if (ids.length === 0) return [];
  const rows = await selectCards(db).select(['a.body', 'a.lead']).where('a.id', 'in', ids).where(visible(now)).execute();
  const byId = new Map(rows.map((r) => [r.id, { ...toCard(r), body: r.body, lead: r.lead }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
