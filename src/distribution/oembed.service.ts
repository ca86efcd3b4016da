import { findArticle, loadRelations } from '../content/article.repository.ts';
import { decodeSegment, paths } from '../content/paths.ts';
import { articlePageKeys } from '../cdn/page-keys.ts';
import type { ResponseKeys } from '../cdn/keys.ts';
import { NotFound } from '../errors.ts';
import { socialImageOf } from '../render/article-meta.ts';
import type { EditionContext } from '../render/context.ts';
import { fittingJpeg, socialCard, type ImageRef, type ImageSource } from '../render/social-image.ts';
import { isVideoLead } from '../content/blocks.ts';
import { key, SITE_KEY } from '../cdn/keys.ts';
import { videoKeys } from '../cdn/page-keys.ts';
import { embedPath, embedSize } from '../video/video-structured-data.ts';
import { findPublishedVideo, loadVideoViews, type VideoView } from '../video/video-view.ts';
import type { SiteState } from '../site/site-state.ts';
import type { Db } from '../store/db.ts';

export interface OEmbedDeps {
  db: Db;
  now: () => Date;
  site: Pick<SiteState, 'catalog' | 'context'>;
}

export interface OEmbedRequest {
  /** An absolute article URL on one of the site's editions. */
  url: URL;
  maxWidth?: number;
  maxHeight?: number;
}

/** An oEmbed 1.0 answer of type `link`: a description of the article, no markup to paste. */
export interface OEmbedLink {
  version: '1.0';
  type: 'link';
  title: string;
  author_name?: string;
  author_url?: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  thumbnail_url?: string;
  thumbnail_width?: number;
  thumbnail_height?: number;
}

/**
 * An oEmbed 1.0 answer of type `video`: a published library video's own page,
 * or an article that leads with one. `html` is an iframe of the video's
 * embeddable player page (`/fr/videos/<slug>/embed`).
 */
export interface OEmbedVideo extends Omit<OEmbedLink, 'type'> {
  type: 'video';
  html: string;
  width: number;
  height: number;
}

/** How long consumers may keep an answer, in seconds. */
const CACHE_AGE = 3600;

/** The editions whose base URL has this URL's host: empty when the URL is another site's. */
export function editionsAt(site: OEmbedDeps['site'], url: URL): EditionContext[] {
  return site.catalog.editions
    .map((e) => site.context(e.code))
    .filter((c): c is EditionContext => !!c && new URL(c.abs('/')).host === url.host);
}

/** The edition, section slug and slug an article URL names (or a video page's: its section is the edition's word for videos), if it names one. */
function articleAddress(contexts: EditionContext[], url: URL) {
  for (const ctx of contexts) {
    const prefix = new URL(ctx.abs(paths.edition(ctx.edition.code))).pathname;
    if (!url.pathname.startsWith(prefix)) continue;
    const parts = url.pathname.slice(prefix.length).split('/');
    if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
    const [section, slug] = parts.map(decodeSegment);
    return section !== null && slug !== null ? { ctx, section, slug } : undefined;
  }
  return undefined;
}

/** The iframe other sites paste: the embed page, titled for assistive technology, at the size asked. */
function videoEmbed(ctx: EditionContext, video: VideoView, req: OEmbedRequest): { html: string; width: number; height: number } {
  const { width, height } = embedSize(video, req.maxWidth, req.maxHeight);
  const src = ctx.abs(embedPath(video));
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = `<iframe src="${attr(src)}" width="${width}" height="${height}" title="${attr(ctx.t(video.title))}" allow="fullscreen; picture-in-picture" allowfullscreen loading="lazy" style="border:0"></iframe>`;
  return { html, width, height };
}

/** A published video's page as oEmbed describes it: type `video`, its poster as the thumbnail. */
async function describeVideo(deps: OEmbedDeps, ctx: EditionContext, slug: string, req: OEmbedRequest): Promise<OEmbedVideo & { keys: ResponseKeys }> {
  const now = deps.now().toISOString();
  const code = ctx.edition.code;
  const id = await findPublishedVideo(deps.db, code, slug, now);
  const video = id === undefined ? undefined : (await loadVideoViews(deps.db, [id], { link: (k) => ctx.abs(ctx.media(k)), now })).get(id);
  if (!video?.published) throw new NotFound('no video at this URL');
  const thumb = video.posterImage && thumbnail(ctx, video.posterImage, req);
  return {
    version: '1.0',
    type: 'video',
    title: ctx.t(video.title),
    ...(video.credit ? { author_name: video.credit } : {}),
    provider_name: ctx.edition.name,
    provider_url: ctx.abs(paths.edition(code)),
    cache_age: CACHE_AGE,
    ...videoEmbed(ctx, video, req),
    keys: { own: [key.video(video.id), key.edition(code), SITE_KEY], listed: videoKeys([video]) },
    ...(thumb ? { thumbnail_url: thumb.url, thumbnail_width: thumb.width, thumbnail_height: thumb.height } : {}),
  };
}

function thumbnail(ctx: EditionContext, img: ImageSource, req: OEmbedRequest): ImageRef | undefined {
  const constrained = req.maxWidth !== undefined || req.maxHeight !== undefined;
  return constrained ? fittingJpeg(ctx, img, req.maxWidth, req.maxHeight) : socialCard(ctx, img);
}

/**
 * What an oEmbed consumer shows for a link to a published article: title,
 * byline (or the agency, for wire copy), the edition, and a thumbnail within
 * maxwidth × maxheight when one fits. Anything readers could not see is NotFound.
 * `keys` name the answer for the CDN (the article's, as its page has them).
 */
export async function describeArticle(deps: OEmbedDeps, req: OEmbedRequest): Promise<(OEmbedLink | OEmbedVideo) & { keys: ResponseKeys }> {
  const found = articleAddress(editionsAt(deps.site, req.url), req.url);
  if (!found) throw new NotFound('no article at this URL');
  const { ctx } = found;
  const code = ctx.edition.code;
  if (found.section === paths.words(code).videos) return describeVideo(deps, ctx, found.slug, req);
  if (!ctx.catalog.section(code, found.section)) throw new NotFound('no article at this URL');
  const now = deps.now().toISOString();
  const article = await findArticle(deps.db, code, found.slug);
  if (!article || article.status !== 'published' || !article.published_at || article.published_at > now) throw new NotFound('no article at this URL');
  const rel = await loadRelations(deps.db, article, now, 0);
  const social = socialImageOf(article, rel);
  const thumb: ImageRef | undefined = social && thumbnail(ctx, social.img, req);
  // An article that leads with a published video is embedded as its player.
  const leadVideo = isVideoLead(article.lead) ? (await loadVideoViews(deps.db, [article.lead.video], { link: (k) => ctx.abs(ctx.media(k)), now })).get(article.lead.video) : undefined;
  const player = leadVideo?.published ? { type: 'video' as const, ...videoEmbed(ctx, leadVideo, req) } : { type: 'link' as const };
  const [first] = rel.authors;
  const byline = first
    ? { author_name: rel.authors.map((a) => a.name).join(', '), author_url: ctx.abs(paths.author(code, first.slug)) }
    : article.source_name
      ? { author_name: article.source_name, author_url: article.source_url ?? undefined }
      : {};
  return {
    version: '1.0',
    ...player,
    title: ctx.t(article.headline),
    ...byline,
    provider_name: ctx.edition.name,
    provider_url: ctx.abs(paths.edition(code)),
    cache_age: CACHE_AGE,
    keys: articlePageKeys(article, rel.images.keys(), [], leadVideo ? [leadVideo] : []),
    ...(thumb ? { thumbnail_url: thumb.url, thumbnail_width: thumb.width, thumbnail_height: thumb.height } : {}),
  };
}
