import type { EditionContext } from './context.ts';
import type { ImageRef } from './social-image.ts';
import { defaultSocialImage } from '../identity/social-default.ts';

/** One `<meta>`: Open Graph uses `property`, X (Twitter) uses `name`. */
export type SocialTag = { property: string; content: string } | { name: string; content: string };

/** What a link preview shows of a page. */
export interface SocialCardInput {
  /** `video.other`: a video's own page. */
  type: 'website' | 'article' | 'video.other';
  title: string;
  description?: string;
  /** Absolute: the canonical URL. */
  url: string;
  image?: ImageRef & { alt?: string };
  article?: { published: string; modified: string; section: string; tags: string[] };
}

/** Open Graph and X card tags, in the order crawlers document them. */
export function socialTags(ctx: EditionContext, card: SocialCardInput): SocialTag[] {
  const og = (property: string, content: string | undefined): SocialTag[] => (content ? [{ property, content }] : []);
  const tw = (name: string, content: string | undefined): SocialTag[] => (content ? [{ name, content }] : []);
  // An edition's default social picture (its identity) stands in for a page that has none.
  const { image = defaultSocialImage(ctx), article } = card;
  return [
    ...og('og:type', card.type),
    ...og('og:title', card.title),
    ...og('og:description', card.description),
    ...og('og:url', card.url),
    ...og('og:site_name', ctx.edition.name),
    ...og('og:locale', ctx.ogLocale),
    ...(image
      ? [...og('og:image', image.url), ...og('og:image:width', String(image.width)), ...og('og:image:height', String(image.height)), ...og('og:image:alt', image.alt)]
      : []),
    ...(article
      ? [
          ...og('article:published_time', article.published),
          ...og('article:modified_time', article.modified),
          ...og('article:section', article.section),
          ...article.tags.flatMap((t) => og('article:tag', t)),
        ]
      : []),
    ...tw('twitter:card', image ? 'summary_large_image' : 'summary'),
    ...tw('twitter:title', card.title),
    ...tw('twitter:description', card.description),
    ...tw('twitter:image', image?.url),
    ...tw('twitter:image:alt', image?.alt),
  ];
}
