import { sql, type InferResult } from 'kysely';
import { NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { MAX_ID, plainWhole } from '../store/ids.ts';
import { param, preparedQuery } from '../store/prepared.ts';
import { loadImages } from './article.repository.ts';
import { isVideoLead, type StoredBlock, type StoredFigure, type StoredLead, type VideoBlock } from './blocks.ts';
import { loadVideoMedia, type VideoMedia } from '../video/video-media.ts';
import { paths, mediaHref } from './paths.ts';
import { publishedTranslations } from './translations.ts';
import { slugify } from './slug.ts';
import { sectionIsPublic, usedByVisibleArticle } from './visibility.ts';

/**
 * The public Content API: what readers may see, as plain JSON-ready objects.
 * Only articles that are published and due at `now` ever leave this module;
 * anything else answers exactly as an article that does not exist.
 */

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface ImageRef {
  url: string;
  width: number;
  height: number;
}

export interface ArticleSummary {
  id: number;
  edition: string;
  slug: string;
  url: string;
  path: string;
  section: { slug: string; name: string };
  headline: string;
  standfirst: string | null;
  publishedAt: string;
  updatedAt: string | null;
  authors: Array<{ slug: string; name: string }>;
  tags: Array<{ slug: string; name: string }>;
  source: { name: string; url: string | null } | null;
  /** A picture, or a video of the library (`video`) whose poster is `image` (null while it has none). */
  lead: { image: ImageRef | null; alt: string; caption: string | null; credit: string | null; video?: ApiVideo } | null;
}

/** A video of the library as readers get it: its files as absolute URLs (null until it is transcoded). */
export interface ApiVideo {
  id: number;
  title: string;
  description: string | null;
  credit: string | null;
  language: string;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  hls: string | null;
  mp4: string | null;
  subtitles: Array<{ language: string; label: string | null; url: string }>;
}

export type ApiBlock =
  | Exclude<StoredBlock, StoredFigure | VideoBlock>
  | (StoredFigure & { image: ImageRef | null })
  | (VideoBlock & { media: ApiVideo | null });

/** Videos loaded with their files named from the site root (or on the media host); `apiVideo` makes them absolute. */
async function videosOf(db: Db, ids: number[], mediaUrl?: string): Promise<Map<number, VideoMedia>> {
  return loadVideoMedia(db, ids, '', mediaUrl);
}

function apiVideo(v: VideoMedia, base: string): ApiVideo {
  const abs = (u: string | null) => (u === null ? null : u.startsWith('/') ? base + u : u);
  return {
    id: v.id,
    title: v.title,
    description: v.description,
    credit: v.credit,
    language: v.language,
    durationMs: v.durationMs,
    width: v.width,
    height: v.height,
    hls: abs(v.hls),
    mp4: abs(v.mp4),
    subtitles: v.subtitles.flatMap((t) => (t.url ? [{ language: t.language, label: t.label, url: abs(t.url)! }] : [])),
  };
}

/** The lead videos of a page of summaries. */
function leadVideoIds(rows: Array<{ lead: string | null }>): number[] {
  return rows.flatMap((r) => {
    const lead = r.lead ? (JSON.parse(r.lead) as StoredLead) : null;
    return isVideoLead(lead) ? [lead.video] : [];
  });
}

export interface ArticleFull extends ArticleSummary {
  body: ApiBlock[];
  seo: { title: string | null; description: string | null };
  /** The stored canonical URL, or the article's own. */
  canonicalUrl: string;
  /** The same story in the other editions, published. */
  translations: Array<{ edition: string; slug: string; headline: string; url: string }>;
}

export interface ListQuery {
  edition?: string;
  section?: string;
  tag?: string;
  person?: string;
  author?: string;
  cursor?: string;
  /** A number, or its decimal string as a query string carries it. */
  limit?: number | string;
}

/** Published and due: the only articles this API shows. */
function summaries(db: Db) {
  return db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .innerJoin('editions as e', 'e.code', 'a.edition')
    .leftJoin('images as i', 'i.id', 'a.lead_image_id')
    .select(['a.id', 'a.edition', 'a.slug', 'a.headline', 'a.standfirst', 'a.published_at', 'a.updated_at', 'a.source_name', 'a.source_url', 'a.lead'])
    .select(['s.slug as section_slug', 's.name as section_name', 'e.base_url', 'i.original as img_original', 'i.width as img_width', 'i.height as img_height'])
    .where('a.status', '=', 'published')
    .where('a.published_at', '<=', param('now'))
    .$narrowType<{ published_at: string }>();
}
type SummaryRow = InferResult<ReturnType<typeof summaries>>[number];

/** Optional filters of a listing; the set present is the query's shape, so each combination compiles once. */
const FILTERS = ['edition', 'section', 'tag', 'person', 'author', 'cursor'] as const;
type Filter = (typeof FILTERS)[number];
const shapeOf = (present: Filter[]) => present.reduce((s, f) => s | (1 << FILTERS.indexOf(f)), 0);

/** The filters that name articles through a link table, and the table. */
const LINKED = {
  tag: { table: 'article_tags', column: 'tag_id', named: 'tags' },
  person: { table: 'article_people', column: 'person_id', named: 'people' },
  author: { table: 'article_authors', column: 'author_id', named: 'authors' },
} as const;
type LinkedFilter = keyof typeof LINKED;

/**
 * One part of a page: the ids and times of the newest visible articles of one edition
 * (and one section, one tag…, as asked), read in index order. Filtered by a tag,
 * person or author, the part is read from that link's listing index (name, [edition,]
 * listed_at, article_id), whose listed_at is the publication time of a published article;
 * otherwise from (section_id | edition, status, published_at). Parts are merged in code,
 * so no statement sorts more than a page.
 */
const partQuery = preparedQuery<Record<string, unknown>, { id: number; at: string }>((db, shape) => {
  const has = (f: Filter) => (shape & (1 << FILTERS.indexOf(f))) !== 0;
  const driver = (['tag', 'person', 'author'] as const).find(has);
  const others = (['tag', 'person', 'author'] as const).filter((f) => has(f) && f !== driver);
  if (driver) {
    const l = LINKED[driver];
    let q = db
      .selectFrom(`${l.table} as l` as 'article_tags as l')
      .innerJoin('articles as a', 'a.id', 'l.article_id')
      .select(['l.article_id as id', 'l.listed_at as at'])
      .where(`l.${l.column}` as 'l.tag_id', '=', param<number>(driver))
      .where('l.listed_at', '<=', param('now'))
      .where('a.edition', '=', param('edition'))
      .where('a.status', '=', 'published');
    if (driver !== 'tag') q = q.where('l.edition', '=', param('edition'));
    if (has('section')) q = q.where('a.section_id', '=', param<number>('section'));
    for (const f of others) {
      const o = LINKED[f];
      q = q.where('a.id', 'in', (eb) => eb.selectFrom(`${o.table} as o` as 'article_tags as o').select('o.article_id').where(`o.${o.column}` as 'o.tag_id', '=', param<number>(f)));
    }
    if (has('cursor')) q = q.where((eb) => eb.or([eb('l.listed_at', '<', param('at')), eb.and([eb('l.listed_at', '=', param('at')), eb('l.article_id', '<', param('id'))])]));
    return q.orderBy('l.listed_at', 'desc').orderBy('l.article_id', 'desc').limit(param('limit')).$narrowType<{ at: string }>();
  }
  let q = db
    .selectFrom('articles as a')
    .select(['a.id', 'a.published_at as at'])
    .where(has('section') ? 'a.section_id' : 'a.edition', '=', param(has('section') ? 'section' : 'edition'))
    .where('a.status', '=', 'published')
    .where('a.published_at', '<=', param('now'));
  if (has('cursor')) q = q.where((eb) => eb.or([eb('a.published_at', '<', param('at')), eb.and([eb('a.published_at', '=', param('at')), eb('a.id', '<', param('id'))])]));
  return q.orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(param('limit')).$narrowType<{ at: string }>();
});

/** The page's articles by id, with what a summary shows. */
const summariesById = preparedQuery<Record<string, unknown>, SummaryRow>((db, n) =>
  summaries(db).where('a.id', 'in', Array.from({ length: n }, (_, i) => param<number>(`id${i}`))),
);

const fullQuery = (db: Db) =>
  summaries(db).select(['a.body', 'a.canonical_url', 'a.seo_title', 'a.seo_description']).where('a.edition', '=', param('edition')).where('a.slug', '=', param('slug'));
const articleQuery = preparedQuery<{ edition: string; slug: string; now: string }, InferResult<ReturnType<typeof fullQuery>>[number]>(fullQuery);

export function encodeCursor(publishedAt: string, id: number): string {
  return Buffer.from(`${publishedAt}|${id}`).toString('base64url');
}

/** The cursor's position, or null; re-encoding must give the same text, so no lenient base64 reading slips through. */
function decodeCursor(raw: string): { at: string; id: number } | null {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)\|(\d+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  const id = m && plainWhole(m[2], 1, MAX_ID);
  return m && id !== null && encodeCursor(m[1], id) === raw ? { at: m[1], id } : null;
}


/** A query-string value must be one short token; `?tag=a&tag=b` arrives as an array and is refused. */
const TOKEN = /^[A-Za-z0-9-]{1,200}$/;

async function checkEdition(db: Db, code: string, issues: FieldIssue[]): Promise<void> {
  const codes = (await db.selectFrom('editions').select('code').orderBy('position').execute()).map((e) => e.code);
  if (!codes.includes(code)) issues.push({ field: 'edition', message: `unknown edition ${code}; expected one of ${codes.join(', ')}` });
}

/** The search text `q` as a slug fragment: slugs are folded names, so "hervé" finds "Hervé Lantier". */
function searchPattern(q: unknown, issues: FieldIssue[]): string | null {
  if (q === undefined || q === '') return null;
  if (typeof q !== 'string' || q.length > 100) {
    issues.push({ field: 'q', message: 'expected one search text of at most 100 characters' });
    return null;
  }
  // Slugs hold only a-z, 0-9 and hyphens, so the fragment has no LIKE wildcard to escape;
  // a text without a letter or digit becomes "~", which no slug contains.
  return `%${/[\p{L}\p{N}]/u.test(q) ? slugify(q, 100) : '~'}%`;
}

const baseOf = (baseUrl: string, publicUrl: string) => (baseUrl || publicUrl).replace(/\/+$/, '');

type Named = Array<{ slug: string; name: string }>;

/** Tags and authors of every article on a page, in two queries whatever the page's length. */
async function namedRelations(db: Db, ids: number[]): Promise<{ tags: Map<number, Named>; authors: Map<number, Named> }> {
  if (ids.length === 0) return { tags: new Map(), authors: new Map() };
  const [tags, authors] = await Promise.all([
    db.selectFrom('article_tags as t').innerJoin('tags as g', 'g.id', 't.tag_id').select(['t.article_id', 'g.slug', 'g.name'])
      .where('t.article_id', 'in', ids).orderBy('t.article_id').orderBy('t.position').execute(),
    db.selectFrom('article_authors as t').innerJoin('authors as u', 'u.id', 't.author_id').select(['t.article_id', 'u.slug', 'u.name'])
      .where('t.article_id', 'in', ids).orderBy('t.article_id').orderBy('t.position').execute(),
  ]);
  const group = (rows: Array<{ article_id: number; slug: string; name: string }>) => {
    const by = new Map<number, Named>();
    for (const r of rows) by.set(r.article_id, [...(by.get(r.article_id) ?? []), { slug: r.slug, name: r.name }]);
    return by;
  };
  return { tags: group(tags), authors: group(authors) };
}

function toSummary(r: SummaryRow, rel: { tags: Map<number, Named>; authors: Map<number, Named>; videos?: Map<number, VideoMedia> }, publicUrl: string, mediaUrl?: string): ArticleSummary {
  const base = baseOf(r.base_url, publicUrl);
  const path = paths.article(r.edition, r.section_slug, r.slug);
  const lead = r.lead ? (JSON.parse(r.lead) as StoredLead) : null;
  return {
    id: r.id,
    edition: r.edition,
    slug: r.slug,
    url: base + path,
    path,
    section: { slug: r.section_slug, name: r.section_name },
    headline: r.headline,
    standfirst: r.standfirst,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    authors: rel.authors.get(r.id) ?? [],
    tags: rel.tags.get(r.id) ?? [],
    source: r.source_name ? { name: r.source_name, url: r.source_url } : null,
    lead: leadOf(),
  };
  function leadOf(): ArticleSummary['lead'] {
    if (!lead) return null;
    const image = r.img_original ? { url: mediaHref(r.img_original, base, mediaUrl), width: r.img_width!, height: r.img_height! } : null;
    const words = { alt: lead.alt, caption: lead.caption ?? null, credit: lead.credit ?? null };
    if (isVideoLead(lead)) {
      const v = rel.videos?.get(lead.video);
      return v ? { image, ...words, video: apiVideo(v, base) } : null;
    }
    return image ? { image, ...words } : null;
  }
}

/**
 * The ids of the page, newest first: names are resolved to ids first, then one
 * part per edition (and per section, when a slug names one in several editions)
 * is read in index order and the parts are merged.
 */
async function newestIds(db: Db, values: Record<string, unknown>, present: Filter[], limit: number): Promise<Array<{ id: number; at: string }>> {
  const editions = typeof values.edition === 'string' ? [values.edition] : (await db.selectFrom('editions').select('code').execute()).map((e) => e.code);
  const idsOf = async (f: LinkedFilter, edition: string): Promise<number[]> => {
    const l = LINKED[f];
    let q = db.selectFrom(l.named as 'tags').select('id').where('slug', '=', String(values[f]));
    if (f === 'tag') q = q.where('edition', '=', edition);
    return (await q.execute()).map((r) => r.id);
  };
  const parts: Array<Record<string, unknown>> = [];
  for (const edition of editions) {
    let part: Record<string, unknown> = { ...values, edition, limit };
    let missing = false;
    for (const f of ['tag', 'person', 'author'] as const) {
      if (!present.includes(f)) continue;
      const [id] = await idsOf(f, edition);
      if (id === undefined) missing = true;
      part = { ...part, [f]: id };
    }
    if (missing) continue;
    if (present.includes('section')) {
      const sections = await db.selectFrom('sections').select('id').where('edition', '=', edition).where('slug', '=', String(values.section)).execute();
      for (const s of sections) parts.push({ ...part, section: s.id });
    } else parts.push(part);
  }
  const shape = shapeOf(present);
  const rows = (await Promise.all(parts.map((p) => partQuery(db, p, shape)))).flat();
  rows.sort((x, y) => (x.at === y.at ? y.id - x.id : x.at < y.at ? 1 : -1));
  return rows.slice(0, limit);
}

/** Published articles visible at `now`, newest first, one page after the cursor. */
export async function listPublished(db: Db, query: ListQuery, now: Date, publicUrl: string, mediaUrl?: string): Promise<{ articles: ArticleSummary[]; nextCursor: string | null }> {
  const issues: FieldIssue[] = [];
  const values: Record<string, unknown> = { now: now.toISOString() };
  const present: Filter[] = [];
  for (const f of ['edition', 'section', 'tag', 'person', 'author'] as const) {
    const v: unknown = query[f];
    if (v === undefined) continue;
    if (typeof v === 'string' && TOKEN.test(v)) {
      values[f] = v;
      present.push(f);
    } else issues.push({ field: f, message: 'expected one slug (letters, digits and hyphens)' });
  }
  if (query.cursor !== undefined) {
    const c = typeof query.cursor === 'string' ? decodeCursor(query.cursor) : null;
    if (c) {
      Object.assign(values, c);
      present.push('cursor');
    } else issues.push({ field: 'cursor', message: 'not a cursor this API gave; start again without one' });
  }
  // A number from our own callers (feeds), text from an address: the same bounds for both.
  const limit = query.limit === undefined ? DEFAULT_LIMIT : plainWhole(typeof query.limit === 'number' ? String(query.limit) : query.limit, 1, MAX_LIMIT);
  if (limit === null) issues.push({ field: 'limit', message: `expected a whole number from 1 to ${MAX_LIMIT}` });
  if (typeof values.edition === 'string') await checkEdition(db, values.edition, issues);
  if (issues.length) throw new ValidationFailed(issues);

  // One row more than the page says whether an older page exists.
  const rows = await newestIds(db, values, present, limit! + 1);
  const byId = new Map((rows.length ? await summariesById(db, { now: values.now, ...Object.fromEntries(rows.map((r, i) => [`id${i}`, r.id])) }, rows.length) : []).map((r) => [r.id, r]));
  const ordered = rows.map((r) => byId.get(r.id)).filter((r): r is SummaryRow => r !== undefined);
  const page = ordered.slice(0, limit!);
  const rel = { ...(await namedRelations(db, page.map((r) => r.id))), videos: await videosOf(db, leadVideoIds(page), mediaUrl) };
  const last = page[page.length - 1];
  return {
    articles: page.map((r) => toSummary(r, rel, publicUrl, mediaUrl)),
    nextCursor: rows.length > limit! ? encodeCursor(last.published_at, last.id) : null,
  };
}

/** Summaries of published articles visible at `now`, by id, in the order of `ids` (a search's hits). */
export async function summariesOf(db: Db, ids: number[], now: Date, publicUrl: string, mediaUrl?: string): Promise<ArticleSummary[]> {
  if (ids.length === 0) return [];
  const rows = await summariesById(db, { now: now.toISOString(), ...Object.fromEntries(ids.map((id, i) => [`id${i}`, id])) }, ids.length);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const rel = { ...(await namedRelations(db, ids)), videos: await videosOf(db, leadVideoIds(rows), mediaUrl) };
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toSummary(r, rel, publicUrl, mediaUrl)] : [];
  });
}

/** One published article in full; anything not visible at `now` is NotFound, alike, so nothing about it leaks. */
export async function getPublished(db: Db, edition: string, slug: string, now: Date, publicUrl: string, mediaUrl?: string): Promise<ArticleFull> {
  const [row] = await articleQuery(db, { edition, slug, now: now.toISOString() });
  if (!row) throw new NotFound(`no published article ${edition}/${slug}`);
  const body = JSON.parse(row.body) as StoredBlock[];
  const [named, images, translations, videos] = await Promise.all([
    namedRelations(db, [row.id]),
    loadImages(db, body.flatMap((b) => (b.type === 'figure' ? [b.imageId] : []))),
    publishedTranslations(db, row.id, now.toISOString()),
    videosOf(db, [...leadVideoIds([row]), ...body.flatMap((b) => (b.type === 'video' ? [b.video] : []))], mediaUrl),
  ]);
  const summary = toSummary(row, { ...named, videos }, publicUrl, mediaUrl);
  const base = baseOf(row.base_url, publicUrl);
  const image = (id: number): ImageRef | null => {
    const i = images.get(id);
    return i ? { url: mediaHref(i.original, base, mediaUrl), width: i.width, height: i.height } : null;
  };
  return {
    ...summary,
    body: body.map((b): ApiBlock => {
      if (b.type === 'figure') return { ...b, image: image(b.imageId) };
      if (b.type === 'video') return { ...b, media: videos.has(b.video) ? apiVideo(videos.get(b.video)!, base) : null };
      return b;
    }),
    seo: { title: row.seo_title, description: row.seo_description },
    canonicalUrl: row.canonical_url ?? summary.url,
    translations: translations.map((tr) => ({
      edition: tr.edition,
      slug: tr.slug,
      headline: tr.headline,
      url: baseOf(tr.base_url, publicUrl) + paths.article(tr.edition, tr.section, tr.slug),
    })),
  };
}

/** Sections readers see: one only a draft, a scheduled or an embargoed article is in is left out. */
export async function listSections(db: Db, edition: string | undefined, now: Date) {
  if (edition !== undefined) {
    const issues: FieldIssue[] = [];
    await checkEdition(db, String(edition), issues);
    if (issues.length) throw new ValidationFailed(issues);
  }
  let q = db
    .selectFrom('sections as s')
    .innerJoin('editions as e', 'e.code', 's.edition')
    .select(['s.edition', 's.slug', 's.name'])
    .where(sectionIsPublic('s', now.toISOString()))
    .orderBy('e.position')
    .orderBy('s.position')
    .orderBy('s.name');
  if (edition !== undefined) q = q.where('s.edition', '=', edition);
  return { sections: (await q.execute()).map((s) => ({ ...s, path: paths.section(s.edition, s.slug) })) };
}

/** Names are listed a page at a time, by slug: the cursor is the last slug seen. */
export const NAMES_DEFAULT_LIMIT = 100;

function encodeSlugCursor(slug: string): string {
  return Buffer.from(slug).toString('base64url');
}

/** The page size and the slug to continue after, or issues naming `limit` / `cursor`. */
function namesPage(page: NamesPage, issues: FieldIssue[]): { limit: number; after: string | null } {
  const limit = page.limit === undefined ? NAMES_DEFAULT_LIMIT : plainWhole(String(page.limit), 1, MAX_LIMIT);
  if (limit === null) issues.push({ field: 'limit', message: `expected a whole number from 1 to ${MAX_LIMIT}` });
  let after: string | null = null;
  if (page.cursor !== undefined) {
    const slug = typeof page.cursor === 'string' ? Buffer.from(page.cursor, 'base64url').toString('utf8') : '';
    if (typeof page.cursor === 'string' && /^[a-z0-9-]{1,200}$/.test(slug) && encodeSlugCursor(slug) === page.cursor) after = slug;
    else issues.push({ field: 'cursor', message: 'not a cursor this API gave; start again without one' });
  }
  return { limit: limit ?? NAMES_DEFAULT_LIMIT, after };
}

export interface NamesPage {
  cursor?: unknown;
  limit?: unknown;
}

/**
 * Tags of an edition that label at least one visible article: a tag used only
 * by a draft or an embargoed article would tell what is coming. A page at a time
 * (at most 100), in slug order; `nextCursor` continues after the last one.
 */
export async function listTags(db: Db, edition: string | undefined, q: string | undefined, now: Date, page: NamesPage = {}) {
  const issues: FieldIssue[] = [];
  if (edition === undefined) issues.push({ field: 'edition', message: 'required' });
  else await checkEdition(db, String(edition), issues);
  const pattern = searchPattern(q, issues);
  const { limit, after } = namesPage(page, issues);
  if (issues.length) throw new ValidationFailed(issues);
  let query = db
    .selectFrom('tags as g')
    .select(['g.slug', 'g.name'])
    .where('g.edition', '=', edition!)
    .where(usedByVisibleArticle('tag', 'g', now.toISOString()))
    // By slug, the folded name: "Débats" before "Diplomatie" in both databases, whatever their collation.
    .orderBy('g.slug')
    .limit(limit + 1);
  if (pattern) query = query.where('g.slug', 'like', pattern);
  if (after !== null) query = query.where('g.slug', '>', after);
  const rows = await query.execute();
  const tags = rows.slice(0, limit);
  return {
    tags: tags.map((t) => ({ ...t, path: paths.tag(edition!, t.slug) })),
    nextCursor: rows.length > limit ? encodeSlugCursor(tags[tags.length - 1].slug) : null,
  };
}

/**
 * People quoted in at least one visible article (of the edition, when given), for the
 * same reason as tags. Their role is the one their quote gives in the latest visible
 * article that names one: a draft's quote changes nothing until it is published.
 * A page at a time, like tags.
 */
export async function listPeople(db: Db, q: string | undefined, now: Date, edition?: string, page: NamesPage = {}) {
  const issues: FieldIssue[] = [];
  const pattern = searchPattern(q, issues);
  if (edition !== undefined) await checkEdition(db, String(edition), issues);
  const { limit, after } = namesPage(page, issues);
  if (issues.length) throw new ValidationFailed(issues);
  const at = now.toISOString();
  const editions = edition !== undefined ? [edition] : (await db.selectFrom('editions').select('code').orderBy('code').execute()).map((e) => e.code);
  // Each person's latest visible quote naming a role, per edition, as columns of the same statement:
  // one seek each in the link's listing index (person, edition, listed_at).
  const latest = (code: string, column: 'role' | 'listed_at') =>
    sql<string | null>`(select r.${sql.ref(column)} from article_people r
       where r.person_id = p.id and r.edition = ${code} and r.listed_at <= ${at} and r.role is not null
       order by r.listed_at desc, r.article_id desc limit 1)`;
  let query = db
    .selectFrom('people as p')
    .select(['p.id', 'p.slug', 'p.name'])
    .select(editions.flatMap((code, i) => [latest(code, 'role').as(`role${i}`), latest(code, 'listed_at').as(`at${i}`)]))
    .where(usedByVisibleArticle('person', 'p', at, edition))
    .orderBy('p.slug')
    .limit(limit + 1);
  if (pattern) query = query.where('p.slug', 'like', pattern);
  if (after !== null) query = query.where('p.slug', '>', after);
  const rows = (await query.execute()) as Array<{ id: number; slug: string; name: string } & Record<string, string | null>>;
  const people = rows.slice(0, limit);
  const roles = new Map<number, string>();
  for (const p of people) {
    let best: { role: string; at: string } | undefined;
    editions.forEach((_, i) => {
      const role = p[`role${i}`];
      const when = p[`at${i}`];
      if (role && when && (!best || when > best.at)) best = { role, at: when };
    });
    if (best) roles.set(p.id, best.role);
  }
  return {
    people: people.map((p) => ({ slug: p.slug, name: p.name, role: roles.get(p.id) ?? null })),
    nextCursor: rows.length > limit ? encodeSlugCursor(people[people.length - 1].slug) : null,
  };
}
