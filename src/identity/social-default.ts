import type { EditionContext } from '../render/context.ts';
import type { ImageRef } from '../render/social-image.ts';

/** The edition's default social picture (chosen in its identity), for link previews of a page without its own. */
export function defaultSocialImage(ctx: EditionContext): (ImageRef & { alt?: string }) | undefined {
  const p = ctx.identity.socialImage;
  return p && { url: ctx.abs(ctx.media(p.key)), width: p.width, height: p.height, alt: p.alt };
}
