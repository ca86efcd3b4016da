import icoEndec from 'ico-endec';
import sharp, { type SharpOptions } from 'sharp';
import { ImageRejected, type ImageCodec } from '../media/images.ts';
import { looksLikeSvg, sanitiseSvg } from './svg.ts';

/** The PNG sizes made from the one picture: the favicon, Apple's touch icon, and the manifest's two. */
export const ICON_SIZES = [32, 180, 192, 512] as const;
/** The sizes the favicon.ico holds (browsers and bookmarks pick one). */
export const ICO_SIZES = [16, 32, 48] as const;
/** A raster picture must be at least this large a side: the 512 px icon is never enlarged from less. */
export const MIN_ICON_SIDE = 512;

export type IconName = `${(typeof ICON_SIZES)[number]}` | 'ico';

/**
 * The favicon and touch icons from one picture (PNG, JPEG, WebP, or an SVG,
 * cleaned first): squares of each size, the picture centred and fitted
 * within. Apple's 180 px icon is laid on `background` (iOS fills
 * transparency with black); the others keep their transparency. Throws
 * ImageRejected with a sentence for the person who sent it.
 */
export async function makeIcons(images: ImageCodec, data: Buffer, background: string): Promise<Record<IconName, Buffer>> {
  let input: SharpOptions & { data: Buffer };
  if (looksLikeSvg(data)) {
    const svg = Buffer.from(await sanitiseSvg(data));
    const meta = await sharp(svg).metadata().catch(() => {
      throw new ImageRejected('the SVG cannot be drawn');
    });
    // Drawn at a density that makes its shorter side 512 px, not enlarged afterwards.
    const side = Math.min(meta.width ?? 0, meta.height ?? 0);
    if (!side) throw new ImageRejected('the SVG has no size: give its <svg> a viewBox or width and height');
    input = { data: svg, density: Math.min(2400, Math.max(72, Math.ceil((72 * MIN_ICON_SIDE) / side))) };
  } else {
    const img = await images.inspect(data);
    if (img.format === 'gif') throw new ImageRejected('expected a PNG, JPEG, WebP or SVG picture');
    if (Math.min(img.width, img.height) < MIN_ICON_SIDE) {
      throw new ImageRejected(`the picture is ${img.width} × ${img.height} pixels; icons need at least ${MIN_ICON_SIDE} × ${MIN_ICON_SIDE} (or an SVG)`);
    }
    input = { data, limitInputPixels: images.limits.maxPixels };
  }
  return images.gate.run(async () => {
    try {
      // Decoded once, to the largest square; every size is made from that.
      const { data: raw, info } = await sharp(input.data, { density: input.density, limitInputPixels: input.limitInputPixels, animated: false })
        .rotate()
        .resize(MIN_ICON_SIDE, MIN_ICON_SIDE, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const square = () => sharp(raw, { raw: { width: info.width, height: info.height, channels: info.channels } });
      const png = (size: number, flat = false) => {
        const s = square().resize(size, size);
        return (flat ? s.flatten({ background }) : s).png({ compressionLevel: 9 }).toBuffer();
      };
      const out = {} as Record<IconName, Buffer>;
      for (const size of ICON_SIZES) out[`${size}`] = await png(size, size === 180);
      out.ico = icoEndec.encode(await Promise.all(ICO_SIZES.map((s) => png(s))));
      return out;
    } catch (e) {
      throw new ImageRejected(`the picture cannot be decoded, it may be truncated or damaged (${String((e as Error).message ?? e).split('\n')[0]})`);
    }
  });
}
