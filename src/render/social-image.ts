import type { ImageVariant } from '../media/images.ts';
import type { EditionContext } from './context.ts';

/** An absolute picture URL with its real size. */
export interface ImageRef {
  url: string;
  width: number;
  height: number;
}

/** The columns of an image row these choices need. */
export interface ImageSource {
  original: string;
  variants: string;
  width: number;
  height: number;
}

const isJpeg = (v: ImageVariant) => v.format === 'jpeg';
const widest = (vs: ImageVariant[]) => vs.reduce<ImageVariant | undefined>((best, v) => (!best || v.width > best.width ? v : best), undefined);

function ref(ctx: EditionContext, key: string, width: number, height: number): ImageRef {
  return { url: ctx.abs(ctx.media(key)), width, height };
}

/** The largest JPEG made for srcset, or the original when there is none. */
export function largestJpeg(ctx: EditionContext, img: ImageSource): ImageRef {
  const v = widest(ctx.variants(img.variants).filter((v) => isJpeg(v) && !v.purpose));
  return v ? ref(ctx, v.key, v.width, v.height) : ref(ctx, img.original, img.width, img.height);
}

/**
 * The picture link previews show: the 1200×630 card the background worker
 * makes, and until it exists the largest JPEG.
 */
export function socialCard(ctx: EditionContext, img: ImageSource): ImageRef {
  const card = ctx.variants(img.variants).find((v) => v.purpose === 'social');
  return card ? ref(ctx, card.key, card.width, card.height) : largestJpeg(ctx, img);
}

/** The largest JPEG (the card included) within a size limit, as oEmbed's maxwidth and maxheight ask. */
export function fittingJpeg(ctx: EditionContext, img: ImageSource, maxWidth = Infinity, maxHeight = Infinity): ImageRef | undefined {
  const v = widest(ctx.variants(img.variants).filter((v) => isJpeg(v) && v.width <= maxWidth && v.height <= maxHeight));
  return v && ref(ctx, v.key, v.width, v.height);
}
