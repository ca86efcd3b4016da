import { resolveSlug } from '../people/naming.ts';
import type { Db } from '../store/db.ts';
import type { ArticleInput } from './article.schema.ts';
import { isVideoLeadInput, type BlockInputT, type ImageLeadInputT, type StoredBlock, type StoredImageLead, type StoredLead, type StoredVideoLead, type VideoLeadInputT } from './blocks.ts';
import type { VideoRef } from '../video/video-refs.ts';
import { inBatches } from '../store/batches.ts';
import { slugify } from './slug.ts';
import { indexNames } from '../search/names-index.ts';

/** The writing steps an import and the Admin API share. */

export function toStoredFigure(f: ImageLeadInputT | Extract<BlockInputT, { type: 'figure' }>, imageId: number): StoredImageLead {
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
  const find = () => trx.selectFrom('sections').select(['id', 'slug']).where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst();
  const found = await find();
  if (found) return found;
  const max = await trx.selectFrom('sections').select((eb) => eb.fn.max('position').as('m')).where('edition', '=', edition).executeTakeFirst();
  const name = slug.length <= 3 ? slug.toUpperCase() : slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, ' ');
  // Two writers may name the same new section at once: the second waits for the first
  // (PostgreSQL), adds nothing, and takes the row the first made.
  const made = await trx
    .insertInto('sections')
    .values({ edition, slug, name, position: Number(max?.m ?? 0) + 1, in_nav: 1, implicit: 1 })
    .onConflict((oc) => oc.columns(['edition', 'slug']).doNothing())
    .returning(['id', 'slug'])
    .executeTakeFirst();
  return made ?? (await find())!;
}

type NamedTable = 'tags' | 'authors' | 'people';
const NAME_KINDS = { tags: 'tag', authors: 'author', people: 'person' } as const;

/** The names an article was linked to, by id, as the input spelled them. */
export interface LinkedNames {
  tags: Array<{ id: number; name: string }>;
  people: Array<{ id: number; name: string }>;
  authors: Array<{ id: number; name: string }>;
}

/**
 * Links articles to their tags, authors and quoted people, creating those by
 * name (slug) when new. One import links thousands of articles: names are
 * looked up once, and the link rows are written in batches by `flush()`.
 */
export class RelationWriter {
  private ids = new Map<string, { id: number; name: string }>();
  private roles = new Map<number, string>();
  /** Names made by this writer, for the search index. */
  private created: Record<NamedTable, number[]> = { tags: [], authors: [], people: [] };
  private rows = { article_tags: [] as Array<{ article_id: number; tag_id: number; position: number }>, article_authors: [] as Array<{ article_id: number; author_id: number; position: number }>, article_people: [] as Array<{ article_id: number; person_id: number; role: string | null }> };

  constructor(private trx: Db) {}

  /** The name's row, found by slug or made: its id and its name as stored (which an earlier spelling may have set). */
  private async idOf(table: NamedTable, name: string, edition?: string): Promise<{ id: number; name: string }> {
    const slug = slugify(name);
    const key = `${table}\u0000${edition ?? ''}\u0000${slug}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const find = (): Promise<{ id: number; name: string; merged_into?: number | null } | undefined> => {
      let q = this.trx.selectFrom(table as 'tags').select(['id', 'name', 'merged_into']).where('slug', '=', slug);
      if (edition !== undefined) q = q.where('edition', '=', edition);
      return q.executeTakeFirst();
    };
    // A name another writer adds at the same moment is taken, not a unique-key failure.
    let row = await find();
    // A merged name, or a former slug, leads to the name it became (docs/people-and-topics.md).
    if (row === undefined || row.merged_into != null) {
      const moved = await resolveSlug(this.trx, NAME_KINDS[table], edition ?? '', slug);
      if (moved) row = await this.trx.selectFrom(table as 'tags').select(['id', 'name']).where('id', '=', moved.id).executeTakeFirst();
    }
    if (row === undefined) {
      const made = await this.trx
        .insertInto(table as 'tags')
        .values({ slug, name, ...(edition !== undefined ? { edition } : {}) } as any)
        .onConflict((oc) => oc.columns(edition !== undefined ? ['edition', 'slug'] : ['slug']).doNothing())
        .returning(['id', 'name'])
        .executeTakeFirst();
      if (made) this.created[table].push(made.id);
      row = made ?? (await find())!;
    }
    const found = { id: row.id, name: row.name };
    this.ids.set(key, found);
    return found;
  }

  /** Queues the article's links; answers its names as linked (for its search document). */
  async add(articleId: number, a: ArticleInput): Promise<LinkedNames> {
    const tags = new Map<number, string>();
    for (const t of a.tags) {
      const { id, name } = await this.idOf('tags', t, a.edition);
      if (!tags.has(id)) tags.set(id, name);
    }
    [...tags.keys()].forEach((tag_id, position) => this.rows.article_tags.push({ article_id: articleId, tag_id, position }));
    const authors = new Map<number, string>();
    for (const n of a.authors) {
      const { id, name } = await this.idOf('authors', n);
      if (!authors.has(id)) authors.set(id, name);
    }
    [...authors.keys()].forEach((author_id, position) => this.rows.article_authors.push({ article_id: articleId, author_id, position }));
    // The role belongs to the quote: it is kept per article (the first one the article gives),
    // and readers see the one of the latest visible article. people.role is only the
    // newsroom's suggestion for the next quote (the last role given).
    const people = new Map<number, string | null>();
    const names = new Map<number, string>();
    for (const b of a.body) {
      if (b.type !== 'quote') continue;
      const { id, name } = await this.idOf('people', b.speaker.name);
      if (b.speaker.role) this.roles.set(id, b.speaker.role);
      if (!people.get(id)) people.set(id, b.speaker.role || null);
      if (!names.has(id)) names.set(id, name);
    }
    for (const [person_id, role] of people) this.rows.article_people.push({ article_id: articleId, person_id, role });
    const refs = (m: Map<number, string>) => [...m].map(([id, name]) => ({ id, name }));
    return { tags: refs(tags), people: refs(names), authors: refs(authors) };
  }

  /** Writes the links added so far, the people's roles, and indexes the names made. */
  async flush(): Promise<void> {
    const { article_tags, article_authors, article_people } = this.rows;
    this.rows = { article_tags: [], article_authors: [], article_people: [] };
    await inBatches(article_tags, 3, (rows) => this.trx.insertInto('article_tags').values(rows).execute());
    await inBatches(article_authors, 3, (rows) => this.trx.insertInto('article_authors').values(rows).execute());
    await inBatches(article_people, 3, (rows) => this.trx.insertInto('article_people').values(rows).execute());
    for (const [id, role] of this.roles) await this.trx.updateTable('people').set({ role }).where('id', '=', id).execute();
    this.roles.clear();
    const { tags, people, authors } = this.created;
    this.created = { tags: [], authors: [], people: [] };
    await indexNames(this.trx, 'tag', tags);
    await indexNames(this.trx, 'person', people);
    await indexNames(this.trx, 'author', authors);
  }
}

export async function linkRelations(trx: Db, articleId: number, a: ArticleInput): Promise<void> {
  const w = new RelationWriter(trx);
  await w.add(articleId, a);
  await w.flush();
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

/**
 * A lead video as stored: the video's poster stands for it wherever a picture
 * is shown (cards, social cards, feeds), described by the video's title and
 * credited as the video is. The video service rewrites it when the poster changes.
 */
export function toStoredVideoLead(l: VideoLeadInputT, v: Pick<VideoRef, 'title' | 'credit' | 'posterImageId'>): StoredVideoLead {
  return {
    video: l.video,
    ...(v.posterImageId !== null ? { imageId: v.posterImageId } : {}),
    alt: v.title,
    ...(l.caption ? { caption: l.caption } : {}),
    ...(v.credit ? { credit: v.credit } : {}),
  };
}

/** Lead and body in their stored form, images given by id. */
export interface StoredContent {
  lead: StoredLead | null;
  body: StoredBlock[];
  socialImageId: number | null;
}

/**
 * `videos` holds every video the input names (the caller checked them with
 * checkVideoMentions); video blocks are stored as given.
 */
export function storedContent(a: ArticleInput, imageId: (ref: string | number) => number, videos: ReadonlyMap<number, VideoRef>): StoredContent {
  let lead: StoredLead | null = null;
  if (a.lead && isVideoLeadInput(a.lead)) {
    const v = videos.get(a.lead.video);
    if (!v) throw new Error(`storedContent: video ${a.lead.video} was not checked`);
    lead = toStoredVideoLead(a.lead, v);
  } else if (a.lead) lead = toStoredFigure(a.lead, imageId(a.lead.image));
  return {
    socialImageId: a.seo?.image !== undefined ? imageId(a.seo.image) : null,
    lead,
    body: a.body.map((b) => (b.type === 'figure' ? { type: 'figure', ...toStoredFigure(b, imageId(b.image)) } : (b as StoredBlock))),
  };
}

/** When a scheduled article of an import or archive is to be published (null for any other status). */
export function scheduledColumn(a: ArticleInput): string | null {
  return a.status === 'scheduled' && a.scheduledAt ? new Date(a.scheduledAt).toISOString() : null;
}

/** The article columns that come from the input (not the status: the Admin API keeps it apart). */
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
    lead_video_id: content.lead && 'video' in content.lead ? content.lead.video : null,
    social_image_id: content.socialImageId,
    body: JSON.stringify(content.body),
    ...liveColumns(a.live ?? null),
  };
}

/** The columns that make an article a live (docs/live.md); null: not a live. */
export function liveColumns(live: ArticleInput['live'] | null) {
  return {
    live_started_at: live ? new Date(live.startedAt).toISOString() : null,
    live_ended_at: live?.endedAt ? new Date(live.endedAt).toISOString() : null,
    live_open_posting: live?.openPosting ? 1 : 0,
    live_push: live?.push ? 1 : 0,
  };
}
