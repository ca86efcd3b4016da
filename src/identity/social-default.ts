import type { EditionContext } from '../render/context.ts';
import type { ImageRef } from '../render/social-image.ts';

/** The edition's default social picture (chosen in its identity), for link previews of a page without its own. */
export function defaultSocialImage(ctx: EditionContext): (ImageRef & { alt?: string }) | undefined {
  const p = ctx.identity.socialImage;
  return p && { url: ctx.abs(ctx.media(p.key)), width: p.width, height: p.height, alt: p.alt };
}

/**
 * The publisher's logo in structured data: the edition's own when it is a PNG
 * (search engines take raster logos only), else the theme's.
 */
export function publisherLogo(ctx: EditionContext): { url: string; width: number; height: number } | undefined {
  const own = ctx.identity.logo;
  return own?.mime === 'image/png' ? { url: ctx.media(own.key), width: own.width, height: own.height } : ctx.assets.logo;
}
