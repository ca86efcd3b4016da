import { paths } from '../content/paths.ts';
import type { EditionContext } from '../render/context.ts';
import { largestJpeg } from '../render/social-image.ts';
import type { SocialTag } from '../render/social-meta.ts';
import { isoDuration, type VideoView } from './video-view.ts';

/** The embeddable player page of a published video: structured data's embedUrl, oEmbed's iframe, X's player card. */
export function embedPath(v: Pick<VideoView, 'edition' | 'slug'>): string {
  return `${paths.video(v.edition, v.slug)}/embed`;
}

/** A video page's address at a time, as chapter clips name it: `?t=` seconds, which the player starts from. */
export function atTime(pageUrl: string, ms: number): string {
  return `${pageUrl}?t=${Math.floor(ms / 1000)}`;
}

/**
 * schema.org `VideoObject` for a library video, wherever it is shown (its own
 * page, an article). `@id` hangs from the page that describes it; a published
 * video's own page and embed page are its `url` and `embedUrl`. Chapters
 * become `hasPart` clips, each ending where the next begins (the last at the
 * end of the video). Fields without a value are left out (JSON drops `undefined`).
 */
export function videoObject(ctx: EditionContext, v: VideoView, id: string): Record<string, unknown> {
  const t = ctx.t;
  const page = v.pageUrl ? ctx.abs(v.pageUrl) : undefined;
  const thumb = v.posterImage ? largestJpeg(ctx, v.posterImage) : undefined;
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const clips = v.chapters.map((c, i) => {
    const end = v.chapters[i + 1]?.startMs ?? v.durationMs ?? undefined;
    return {
      '@type': 'Clip',
      name: t(c.title),
      startOffset: seconds(c.startMs),
      endOffset: end === undefined ? undefined : seconds(end),
      url: page ? atTime(page, c.startMs) : undefined,
    };
  });
  return {
    '@context': 'https://schema.org',
    '@type': 'VideoObject',
    '@id': id,
    name: t(v.title),
    // Search engines want a description: the title stands in for a video without one.
    description: t(v.description ?? v.title),
    thumbnailUrl: thumb ? [thumb.url] : undefined,
    uploadDate: v.publishedAt ?? v.createdAt,
    duration: v.durationMs ? isoDuration(v.durationMs) : undefined,
    contentUrl: ctx.abs(v.mp4Url ?? v.hlsUrl),
    embedUrl: v.pageUrl ? ctx.abs(embedPath(v)) : undefined,
    url: page,
    width: v.width ?? undefined,
    height: v.height ?? undefined,
    inLanguage: v.language,
    transcript: v.transcript?.text || undefined,
    creditText: v.credit ?? undefined,
    copyrightNotice: v.copyright ?? undefined,
    license: v.licence ?? undefined,
    hasPart: clips.length ? clips : undefined,
  };
}

/** Open Graph's video tags (the MP4, which every preview can play) and, for a video with an embed page, X's player card. */
export function videoSocialTags(ctx: EditionContext, v: VideoView): SocialTag[] {
  const tags: SocialTag[] = [];
  const mp4 = v.mp4Url ? ctx.abs(v.mp4Url) : null;
  if (mp4) {
    tags.push({ property: 'og:video', content: mp4 });
    if (mp4.startsWith('https:')) tags.push({ property: 'og:video:secure_url', content: mp4 });
    tags.push({ property: 'og:video:type', content: 'video/mp4' });
    if (v.width && v.height) tags.push({ property: 'og:video:width', content: String(v.width) }, { property: 'og:video:height', content: String(v.height) });
  }
  const embed = v.pageUrl ? ctx.abs(embedPath(v)) : undefined;
  // X shows a player card only for an HTTPS player page.
  if (embed?.startsWith('https:')) {
    const { width, height } = embedSize(v);
    tags.push({ name: 'twitter:player', content: embed }, { name: 'twitter:player:width', content: String(width) }, { name: 'twitter:player:height', content: String(height) });
    if (mp4) tags.push({ name: 'twitter:player:stream', content: mp4 }, { name: 'twitter:player:stream:content_type', content: 'video/mp4' });
  }
  return tags;
}

/** The embed's size: the video's shape at 640 pixels wide, within what a consumer allows. */
export function embedSize(v: Pick<VideoView, 'width' | 'height'>, maxWidth?: number, maxHeight?: number): { width: number; height: number } {
  const ratio = v.width && v.height ? v.height / v.width : 9 / 16;
  let width = Math.min(640, maxWidth ?? Infinity);
  let height = Math.round(width * ratio);
  if (maxHeight !== undefined && height > maxHeight) {
    height = maxHeight;
    width = Math.round(height / ratio);
  }
  return { width: Math.max(1, width), height: Math.max(1, height) };
}

/**
 * Adds the video tags to an article's or a video page's social tags: `og:video…`
 * after the image tags, and the card type turned into `player` when there is one.
 */
export function withVideoTags(tags: SocialTag[], extra: SocialTag[]): SocialTag[] {
  if (extra.length === 0) return tags;
  const player = extra.some((t) => 'name' in t && t.name === 'twitter:player');
  const og = extra.filter((t) => 'property' in t);
  const tw = extra.filter((t) => 'name' in t);
  const firstTwitter = tags.findIndex((t) => 'name' in t);
  const head = firstTwitter < 0 ? tags : tags.slice(0, firstTwitter);
  const tail = firstTwitter < 0 ? [] : tags.slice(firstTwitter).map((t) => ('name' in t && t.name === 'twitter:card' && player ? { name: 'twitter:card', content: 'player' } : t));
  return [...head, ...og, ...tail, ...tw];
}
