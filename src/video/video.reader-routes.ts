import type { FastifyInstance } from 'fastify';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { paths, VIDEO_WORDS } from '../content/paths.ts';
import { key, SITE_KEY } from '../cdn/keys.ts';
import { videoKeys } from '../cdn/page-keys.ts';
import { NotFound } from '../errors.ts';
import type { EditionContext } from '../render/context.ts';
import type { PageDeps, PageResult } from '../site/pages.ts';
import type { ServePage } from '../site/reader.routes.ts';
import type { SiteState } from '../site/site-state.ts';
import { MAX_PAGE, plainWhole } from '../store/ids.ts';
import { VideoEmbedView, VideoListingView, VideoPageView } from './video-pages.tsx';
import { articlesLeadingWith, findPublishedVideo, listVideoIds, loadVideoViews, type VideoView } from './video-view.ts';

export interface VideoReaderDeps extends PageDeps {
  site: SiteState;
  /** The reader pages' cached serving (site/reader.routes.ts). */
  serve: ServePage;
  /** The reader pages' Content-Security-Policy, whose frame-ancestors the embed page replaces. */
  csp: string;
}

const PER_PAGE = 20;

function doc(vnode: VNode<any>): string {
  return '<!DOCTYPE html>' + renderToString(vnode);
}

const viewOptions = (ctx: EditionContext, now: string) => ({ link: ctx.media, now });

/** A published video of this edition by its slug, as readers may see it; NotFound otherwise. */
async function publishedVideo(deps: PageDeps, ctx: EditionContext, slug: string, now: string): Promise<VideoView> {
  const id = await findPublishedVideo(deps.db, ctx.edition.code, slug, now);
  const video = id === undefined ? undefined : (await loadVideoViews(deps.db, [id], viewOptions(ctx, now))).get(id);
  if (!video || !video.published) throw new NotFound('no such video');
  return video;
}

/** A video page's keys: the video (and its poster), the edition's videos, and the articles it links to. */
function videoPageKeys(video: VideoView, articles: Array<{ id: number }>) {
  return {
    own: [key.video(video.id), key.videos(video.edition), key.edition(video.edition), SITE_KEY],
    listed: [...videoKeys([video]), ...articles.map((a) => key.article(a.id))],
    fallback: key.anyArticle(video.edition),
  };
}

export async function videoPage(deps: PageDeps, ctx: EditionContext, slug: string): Promise<PageResult> {
  const now = deps.now().toISOString();
  const video = await publishedVideo(deps, ctx, slug, now);
  const articles = await articlesLeadingWith(deps.db, video.id, now);
  return { html: doc(h(VideoPageView, { ctx, video, articles })), keys: videoPageKeys(video, articles) };
}

/** The embeddable player: any site may frame it, so it sends the reader policy with `frame-ancestors *`. */
export async function videoEmbedPage(deps: PageDeps & { csp: string }, ctx: EditionContext, slug: string): Promise<PageResult> {
  const now = deps.now().toISOString();
  const video = await publishedVideo(deps, ctx, slug, now);
  const csp = deps.csp.replace(/frame-ancestors [^;]*/, 'frame-ancestors *');
  return { html: doc(h(VideoEmbedView, { ctx, video })), keys: videoPageKeys(video, []), headers: { 'content-security-policy': csp } };
}

export async function videoListingPage(deps: PageDeps, ctx: EditionContext, sectionSlug: string | undefined, page: number): Promise<PageResult> {
  const now = deps.now().toISOString();
  const section = sectionSlug === undefined ? undefined : ctx.catalog.section(ctx.edition.code, sectionSlug);
  if (sectionSlug !== undefined && !section) throw new NotFound('no such section');
  const { ids, hasOlder } = await listVideoIds(deps.db, ctx.edition.code, now, { sectionId: section?.id, page, perPage: PER_PAGE });
  if (page > 1 && ids.length === 0) throw new NotFound('no such page');
  const views = await loadVideoViews(deps.db, ids, viewOptions(ctx, now));
  const videos = ids.flatMap((id) => views.get(id) ?? []);
  return {
    html: doc(h(VideoListingView, { ctx, videos, page, hasOlder, section })),
    keys: { own: [key.videos(ctx.edition.code), ...(section ? [key.section(section.id)] : []), key.edition(ctx.edition.code), SITE_KEY], listed: videoKeys(videos), fallback: key.videos(ctx.edition.code) },
  };
}

/**
 * `/fr/videos` (`?section=`, `?page=`), `/fr/videos/<slug>` and its `/embed`,
 * under each edition's word for videos. Static path words win over the
 * reader routes' `/:edition/:section/…` whatever the order of registration.
 */
export function videoReaderRoutes(app: FastifyInstance, deps: VideoReaderDeps): void {
  const { site, serve } = deps;
  for (const word of VIDEO_WORDS) {
    app.get<{ Params: { edition: string }; Querystring: Record<string, string | undefined> }>(`/:edition/${word}`, (req, reply) => {
      const { edition } = req.params;
      const raw = req.query.page;
      const page = raw === undefined ? 1 : plainWhole(raw, 1, MAX_PAGE);
      const section = req.query.section;
      if (page === null || ownWord(edition) !== word || (section !== undefined && (typeof section !== 'string' || section === ''))) return reply.callNotFound();
      return serve(req, reply, site.context(edition), (ctx) => videoListingPage(deps, ctx, section, page));
    });
    app.get<{ Params: { edition: string; slug: string } }>(`/:edition/${word}/:slug`, (req, reply) => {
      if (ownWord(req.params.edition) !== word) return reply.callNotFound();
      return serve(req, reply, site.context(req.params.edition), (ctx) => videoPage(deps, ctx, req.params.slug));
    });
    app.get<{ Params: { edition: string; slug: string } }>(`/:edition/${word}/:slug/embed`, (req, reply) => {
      if (ownWord(req.params.edition) !== word) return reply.callNotFound();
      return serve(req, reply, site.context(req.params.edition), (ctx) => videoEmbedPage(deps, ctx, req.params.slug));
    });
  }
}

/** The edition's own word for videos: another edition's word is no page of this one (an unknown edition is left to the 404). */
function ownWord(edition: string): string {
  return paths.words(edition).videos;
}
