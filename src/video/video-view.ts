import type { PictureRow } from '../content/article.repository.ts';
import { paths } from '../content/paths.ts';
import { languageName } from '../render/i18n.ts';
import type { Db } from '../store/db.ts';
import { transcriptText } from './subtitles.ts';

/**
 * What a reader page needs of a library video (docs/video-player.md): the
 * player's files, its poster, its subtitles and transcript, its words and
 * chapters. Only videos the worker finished (`state = ready`, a master
 * playlist made) have a view: a page never offers a player with nothing to play.
 */
export interface VideoView {
  id: number;
  slug: string;
  edition: string;
  sectionId: number | null;
  title: string;
  description: string | null;
  credit: string | null;
  copyright: string | null;
  licence: string | null;
  /** The language spoken (BCP 47). */
  language: string;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  /**
   * As the page links them (`VideoViewOptions.link`): on the media host when there is one, else
   * under /media/ on the page's own site; structured data, social tags and sitemaps make them absolute.
   */
  hlsUrl: string;
  mp4Url: string | null;
  spriteUrl: string | null;
  spriteVttUrl: string | null;
  /** The poster's image row, for `<Picture>`, with its alt text from the library. */
  posterImage: (PictureRow & { alt: string }) | null;
  subtitles: VideoSubtitleLink[];
  /** The words spoken, from the subtitles in the video's own language (else the first). */
  transcript: { language: string; text: string } | null;
  chapters: VideoChapter[];
  /** Whether its own page is public now. */
  published: boolean;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Its own page on this site while published (a path, `/fr/videos/<slug>`, as links on pages are); null otherwise. */
  pageUrl: string | null;
}

export interface VideoSubtitleLink {
  language: string;
  /** The name readers choose it by: the editor's label, else the language's own name. */
  label: string;
  url: string;
}

export interface VideoChapter {
  startMs: number;
  title: string;
}

export interface VideoViewOptions {
  /**
   * The address of a media key as pages link it (EditionContext's `media`, through mediaHref: the media
   * host when MEDIA_PUBLIC_URL is set, else /media/<key>); what leaves the page (structured data, oEmbed,
   * sitemaps) passes `abs(media(key))` or makes them absolute.
   */
  link: (key: string) => string;
  /** Now, as ISO 8601: a video whose publication time is still to come is not published yet. */
  now: string;
}

/** A ready video's own row, the columns a view is made from. */
const VIEW_COLUMNS = [
  'v.id', 'v.edition', 'v.slug', 'v.section_id', 'v.status', 'v.published_at', 'v.title', 'v.description', 'v.credit', 'v.copyright', 'v.licence',
  'v.language', 'v.chapters', 'v.width', 'v.height', 'v.duration_ms', 'v.hls_key', 'v.mp4_key', 'v.sprite_key', 'v.sprite_vtt_key', 'v.poster_image_id',
  'v.created_at', 'v.updated_at',
] as const;

/**
 * The views of the ready videos among `ids`, by id, in three queries whatever
 * their number (videos, their subtitles, their posters). Ids of videos that
 * are missing, not ready or have no playlist are simply absent from the map.
 */
export async function loadVideoViews(db: Db, ids: Iterable<number>, opts: VideoViewOptions): Promise<Map<number, VideoView>> {
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  const out = new Map<number, VideoView>();
  if (wanted.length === 0) return out;
  const rows = await db.selectFrom('videos as v').select(VIEW_COLUMNS).where('v.id', 'in', wanted).where('v.state', '=', 'ready').where('v.hls_key', 'is not', null).execute();
  if (rows.length === 0) return out;
  const found = rows.map((r) => r.id);
  const posterIds = rows.flatMap((r) => (r.poster_image_id == null ? [] : [r.poster_image_id]));
  const [subtitles, posters] = await Promise.all([
    db
      .selectFrom('video_subtitles')
      .select(['video_id', 'language', 'label', 'vtt', 'key'])
      .where('video_id', 'in', found)
      .where('key', 'is not', null)
      .orderBy('video_id')
      .orderBy('language')
      .execute(),
    posterIds.length
      ? db.selectFrom('images').select(['id', 'original', 'variants', 'width', 'height', 'alt']).where('id', 'in', posterIds).execute()
      : Promise.resolve([]),
  ]);
  const posterById = new Map(posters.map((p) => [p.id, { ...p, alt: p.alt ?? '' }]));
  for (const r of rows) {
    // The language spoken first (the one most readers want), then the others by code.
    const subs = subtitles.filter((s) => s.video_id === r.id).sort((x, y) => Number(sameLanguage(y.language, r.language)) - Number(sameLanguage(x.language, r.language)));
    const spoken = subs.find((s) => sameLanguage(s.language, r.language)) ?? subs[0];
    const published = r.status === 'published' && r.published_at !== null && r.published_at <= opts.now;
    out.set(r.id, {
      id: r.id,
      slug: r.slug,
      edition: r.edition,
      sectionId: r.section_id,
      title: r.title,
      description: r.description,
      credit: r.credit,
      copyright: r.copyright,
      licence: r.licence,
      language: r.language,
      durationMs: r.duration_ms,
      width: r.width,
      height: r.height,
      hlsUrl: opts.link(r.hls_key!),
      mp4Url: r.mp4_key ? opts.link(r.mp4_key) : null,
      spriteUrl: r.sprite_key ? opts.link(r.sprite_key) : null,
      spriteVttUrl: r.sprite_vtt_key ? opts.link(r.sprite_vtt_key) : null,
      posterImage: r.poster_image_id == null ? null : (posterById.get(r.poster_image_id) ?? null),
      subtitles: subs.map((s) => ({ language: s.language, label: s.label?.trim() || languageName(s.language), url: opts.link(s.key!) })),
      transcript: spoken ? { language: spoken.language, text: transcriptText(spoken.vtt) } : null,
      chapters: parseChapters(r.chapters),
      published,
      publishedAt: r.published_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      pageUrl: published ? paths.video(r.edition, r.slug) : null,
    });
  }
  return out;
}

/** `fr` and `fr-FR` are the same language for choosing a transcript. */
function sameLanguage(a: string, b: string): boolean {
  return a.toLowerCase().split('-')[0] === b.toLowerCase().split('-')[0];
}

/** Chapters as stored (JSON), sorted by time; anything malformed is left out rather than failing the page. */
export function parseChapters(json: string | null | undefined): VideoChapter[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((c): c is VideoChapter => c != null && Number.isFinite(c.startMs) && c.startMs >= 0 && typeof c.title === 'string' && c.title.trim() !== '')
    .map((c) => ({ startMs: Math.round(c.startMs), title: c.title.trim() }))
    .sort((x, y) => x.startMs - y.startMs);
}


/** ISO 8601 duration, as schema.org and the video sitemap want it: PT1H2M3S, PT4S, PT0S. */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

/** A duration as a reader reads it: 4:05, 1:02:03. */
export function clockDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A published video named by its page's slug, or undefined. */
export async function findPublishedVideo(db: Db, edition: string, slug: string, now: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('videos')
    .select('id')
    .where('edition', '=', edition)
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .where('state', '=', 'ready')
    .executeTakeFirst();
  return row?.id;
}

/**
 * One page of an edition's published videos, newest first (optionally one
 * section's), through the (edition, status, published_at, id) index.
 */
export async function listVideoIds(db: Db, edition: string, now: string, opts: { sectionId?: number; page: number; perPage: number }): Promise<{ ids: number[]; hasOlder: boolean }> {
  let q = db
    .selectFrom('videos')
    .select('id')
    .where('edition', '=', edition)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .where('state', '=', 'ready');
  if (opts.sectionId !== undefined) q = q.where('section_id', '=', opts.sectionId);
  const rows = await q
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.perPage + 1)
    .offset((opts.page - 1) * opts.perPage)
    .execute();
  return { ids: rows.slice(0, opts.perPage).map((r) => r.id), hasOlder: rows.length > opts.perPage };
}

/** The published articles that lead with a video (the indexed lead_video_id), newest first. */
export async function articlesLeadingWith(db: Db, videoId: number, now: string, limit = 20): Promise<Array<{ id: number; edition: string; section_id: number; slug: string; headline: string; published_at: string }>> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'edition', 'section_id', 'slug', 'headline', 'published_at'])
    .where('lead_video_id', '=', videoId)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, published_at: r.published_at! }));
}

/** Every published video of an edition for its video sitemap, newest first, at most `limit`. */
export async function sitemapVideoIds(db: Db, edition: string, now: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('videos')
    .select('id')
    .where('edition', '=', edition)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .where('state', '=', 'ready')
    .where('poster_image_id', 'is not', null)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The editions with at least one published video: the sitemap index lists their video sitemaps. */
export async function editionsWithVideos(db: Db, now: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('videos')
    .select('edition')
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .where('state', '=', 'ready')
    // The video sitemap requires a thumbnail: a video without a poster is not in it.
    .where('poster_image_id', 'is not', null)
    .groupBy('edition')
    .execute();
  return new Set(rows.map((r) => r.edition));
}

/** The library videos an article shows: its lead's and its video blocks', in page order. */
export function videoIdsOf(a: { lead: unknown; body?: ReadonlyArray<{ type: string }> }): number[] {
  const ids: number[] = [];
  const lead = a.lead as { video?: unknown } | null;
  if (lead && typeof lead.video === 'number') ids.push(lead.video);
  for (const b of (a.body ?? []) as ReadonlyArray<{ type: string; video?: unknown }>) if (b.type === 'video' && typeof b.video === 'number') ids.push(b.video);
  return [...new Set(ids)];
}
