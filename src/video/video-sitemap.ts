import { rfc3339 } from '../feeds/feed.render.ts';
import { SITEMAP_NS } from '../feeds/sitemap.render.ts';
import { el, xmlDocument } from '../feeds/xml.ts';
import type { EditionContext } from '../render/context.ts';
import { largestJpeg } from '../render/social-image.ts';
import { embedPath } from './video-structured-data.ts';
import type { VideoView } from './video-view.ts';

/** Google's video sitemap extension. */
export const VIDEO_NS = 'http://www.google.com/schemas/sitemap-video/1.1';
/** Google reads at most this many characters of a description, and a duration within 1 s – 8 h. */
const MAX_DESCRIPTION = 2048;
const MAX_DURATION_S = 28_800;

/**
 * A video sitemap: each published video's own page, with what the extension
 * asks of it (thumbnail, title, description, the MP4 or the playlist, the
 * embeddable player, duration, publication date). A video without a poster
 * is left out: the thumbnail is required.
 */
export function renderVideoSitemap(ctx: EditionContext, videos: VideoView[]): string {
  const entries = videos.filter((v) => v.pageUrl && v.posterImage);
  return xmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:video': VIDEO_NS },
      entries.map((v) => {
        const seconds = v.durationMs ? Math.min(MAX_DURATION_S, Math.max(1, Math.round(v.durationMs / 1000))) : null;
        const description = ctx.t(v.description ?? v.title);
        return el('url', {}, [
          el('loc', {}, ctx.abs(v.pageUrl!)),
          el('video:video', {}, [
            el('video:thumbnail_loc', {}, largestJpeg(ctx, v.posterImage!).url),
            el('video:title', {}, ctx.t(v.title)),
            el('video:description', {}, description.length > MAX_DESCRIPTION ? `${description.slice(0, MAX_DESCRIPTION - 1)}…` : description),
            el('video:content_loc', {}, ctx.abs(v.mp4Url ?? v.hlsUrl)),
            el('video:player_loc', {}, ctx.abs(embedPath(v))),
            seconds === null ? null : el('video:duration', {}, String(seconds)),
            v.publishedAt ? el('video:publication_date', {}, rfc3339(v.publishedAt)) : null,
          ]),
        ]);
      }),
    ),
  );
}
