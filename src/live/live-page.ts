import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { loadImages, type ArticlePage, type ArticleRelations } from '../content/article.repository.ts';
import { NotFound } from '../errors.ts';
import type { EditionContext } from '../render/context.ts';
import { ArticleView } from '../render/pages/article.tsx';
import { loadVideoViews, type VideoView } from '../video/video-view.ts';
import { blockVideoIds } from '../video/video-refs.ts';
import type { PictureImage } from '../render/picture.tsx';
import type { SectionRow } from '../store/schema.ts';
import type { Db } from '../store/db.ts';
import { entriesById, entriesPage, flaggedEntries, lastEventId, pageOfEntry, type EntryOrder, type PublicEntry } from './live-entries.repository.ts';
import { JSON_LD_UPDATES, liveMeta } from './live-meta.ts';
import { LiveLabel, LiveSections, type LivePlace } from './live-view.tsx';

/** What the reader asked of a live page: the order and page of the entries, or one entry (its permalink). */
export interface LiveRequest {
  order: EntryOrder;
  page: number;
  entryId?: number;
}

/** The figures' pictures of some entries, by id, besides those the article already loaded. */
export async function entryImages(db: Db, entries: PublicEntry[], known?: Map<number, PictureImage>): Promise<Map<number, PictureImage>> {
  const ids = new Set<number>();
  for (const e of entries) for (const b of e.body) if (b.type === 'figure' && !known?.has(b.imageId)) ids.add(b.imageId);
  const loaded = await loadImages(db, [...ids]);
  const all = new Map<number, PictureImage>(known ?? []);
  for (const [id, img] of loaded) all.set(id, img);
  return all;
}

/** The video ids the video blocks of some entries name. */
export function entryVideoIds(entries: PublicEntry[]): number[] {
  return [...new Set(entries.flatMap((e) => blockVideoIds(e.body)))];
}

/**
 * The ready library videos of some entries' video blocks, by id, besides those
 * already loaded (the article's own); none costs no query.
 */
export async function entryVideos(db: Db, ctx: EditionContext, entries: PublicEntry[], now: string, known?: Map<number, VideoView>): Promise<Map<number, VideoView>> {
  const all = new Map<number, VideoView>(known ?? []);
  const ids = entryVideoIds(entries).filter((id) => !all.has(id));
  if (ids.length) for (const [id, v] of await loadVideoViews(db, ids, { link: ctx.media, now })) all.set(id, v);
  return all;
}

/**
 * A live page's HTML, the ids of every picture it shows (the article's and its
 * entries'), and the library videos its entries name, for its CDN keys.
 */
export interface RenderedLive {
  html: string;
  imageIds: number[];
  /**
   * The videos of the entries' video blocks: the ready ones as loaded, the
   * others by id alone, so that the page carries their key and is purged when
   * the worker makes them ready.
   */
  entryVideos: Array<{ id: number; posterImage?: { id: number } | null }>;
}

/**
 * The page of a live article: the article with its label, key points, pinned
 * entries and one page of entries; for a permalink, the page holding the
 * entry, marked, with the entry's own sharing card.
 */
export async function renderLivePage(db: Db, ctx: EditionContext, article: ArticlePage, section: SectionRow, rel: ArticleRelations, req: LiveRequest, now: string, preview = false, videos?: Map<number, VideoView>): Promise<RenderedLive> {
  const place: LivePlace = { edition: ctx.edition.code, section: section.slug, slug: article.slug };
  let { order, page } = req;
  let target: PublicEntry | undefined;
  if (req.entryId !== undefined) {
    [target] = await entriesById(db, article.id, [req.entryId]);
    if (!target) throw new NotFound('no such entry');
    order = 'newest';
    page = await pageOfEntry(db, article.id, target, order);
  }
  const [list, flagged, eventId, latest] = await Promise.all([
    entriesPage(db, article.id, order, page),
    flaggedEntries(db, article.id),
    lastEventId(db, article.id),
    order === 'newest' && page === 1 ? null : entriesPage(db, article.id, 'newest', 1, JSON_LD_UPDATES),
  ]);
  if (page > 1 && list.entries.length === 0) throw new NotFound('no such page');
  const newest = latest ? latest.entries : list.entries.slice(0, JSON_LD_UPDATES);
  const shownEntries = [...list.entries, ...flagged];
  const [images, allVideos] = await Promise.all([entryImages(db, shownEntries, rel.images), entryVideos(db, ctx, shownEntries, now, videos)]);
  const mentioned = entryVideoIds(shownEntries);
  // The player's script and stylesheet: on a page whose entries show a player, and on a running live, whose
  // stream may bring an entry with a video at any moment (its player is built on the reader's first play).
  const player = mentioned.some((id) => allVideos.has(id)) || (!article.live_ended_at && !preview);
  const extras = {
    beforeHeadline: h(LiveLabel, { ctx, article }),
    afterBody: h(LiveSections, { ctx, article, place, images, videos: allVideos, flagged, entries: list.entries, order, page, hasMore: list.hasMore, lastEventId: eventId, target: target?.id }),
    // A newsroom preview follows no stream: the live may not be public yet.
    meta: (m: Parameters<typeof liveMeta>[5]) => {
      const own = liveMeta(ctx, article, place, newest, target, m);
      return { ...own, ...(player ? { player: true } : {}), ...(preview ? { extraAssets: { css: ctx.assets.live?.css } } : {}) };
    },
  };
  return {
    html: '<!DOCTYPE html>' + renderToString(h(ArticleView, { ctx, article, section, rel, extras, preview, videos })),
    imageIds: [...images.keys()],
    entryVideos: mentioned.map((id) => allVideos.get(id) ?? { id }),
  };
}
