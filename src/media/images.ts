import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';

/** One encoded size of an image. */
export interface ImageVariant {
  format: 'jpeg' | 'webp' | 'avif';
  width: number;
  height: number;
  key: string;
  /** A picture made for one use rather than for srcset: `social` is the 1200×630 card for link previews. */
  purpose?: 'social';
}

export interface InspectedImage {
  hash: string;
  format: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

const MIME: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};
const EXT: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif', gif: 'gif' };

/** Widths a reader's browser picks from through srcset. */
export const VARIANT_WIDTHS = [480, 800, 1200, 1600];
const MAX_PIXELS = 100_000_000;

export class ImageRejected extends Error {}

/** Checks that the bytes are an image we accept; reads its size. */
export async function inspectImage(data: Buffer, maxBytes: number): Promise<InspectedImage> {
  if (data.length > maxBytes) throw new ImageRejected(`file is ${data.length} bytes, over the limit of ${maxBytes}`);
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new ImageRejected('not an image (expected JPEG, PNG, WebP, AVIF or GIF)');
  }
  const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  if (!format || !MIME[format]) throw new ImageRejected(`unsupported image format ${meta.format ?? 'unknown'} (expected JPEG, PNG, WebP, AVIF or GIF)`);
  if (!meta.width || !meta.height) throw new ImageRejected('image has no dimensions');
  if (meta.width * meta.height > MAX_PIXELS) throw new ImageRejected('image is too large in pixels');
  const rotated = (meta.orientation ?? 1) >= 5;
  return {
    hash: createHash('sha256').update(data).digest('hex'),
    format,
    mime: MIME[format],
    width: rotated ? meta.height : meta.width,
    height: rotated ? meta.width : meta.height,
    bytes: data.length,
  };
}

/** Media files live under a folder named by the first bytes of their content hash, so they never change and cache forever. */
function folderOf(hash: string): string {
  return `${hash.slice(0, 2)}/${hash.slice(2, 20)}`;
}

export function originalKey(img: Pick<InspectedImage, 'hash' | 'format'>): string {
  return `${folderOf(img.hash)}/original.${EXT[img.format]}`;
}

function variantWidths(width: number): number[] {
  const ws = VARIANT_WIDTHS.filter((w) => w < width);
  return ws.length && ws[ws.length - 1] >= width * 0.9 ? ws : [...ws, Math.min(width, 2400)];
}

/** JPEG and WebP at several widths: quick enough to make during an import. */
export async function makeVariants(
  data: Buffer,
  img: InspectedImage,
  formats: Array<'jpeg' | 'webp' | 'avif'>,
): Promise<Array<ImageVariant & { data: Buffer }>> {
  const out: Array<ImageVariant & { data: Buffer }> = [];
  for (const width of variantWidths(img.width)) {
    const height = Math.round((img.height * width) / img.width);
    const base = sharp(data, { limitInputPixels: MAX_PIXELS, animated: false }).rotate().resize({ width, withoutEnlargement: true });
    for (const format of formats) {
      const pipeline =
        format === 'jpeg'
          ? base.clone().flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true })
          : format === 'webp'
            ? base.clone().webp({ quality: 74 })
            : base.clone().avif({ quality: 50, effort: 2 });
      const buf = await pipeline.toBuffer();
      out.push({ format, width, height, key: `${folderOf(img.hash)}/${width}.${EXT[format]}`, data: buf });
    }
  }
  return out;
}

/** The size link previews (Open Graph, X) show a large card at. */
export const SOCIAL_CARD = { width: 1200, height: 630 } as const;

/**
 * The social card: 1200×630, cropped to cover around the picture's most
 * salient part, as JPEG (which every link-preview crawler reads). Smaller
 * originals are enlarged so the card always has the size it declares.
 */
export async function makeSocialVariant(data: Buffer, img: Pick<InspectedImage, 'hash'>): Promise<ImageVariant & { data: Buffer }> {
  const buf = await sharp(data, { limitInputPixels: MAX_PIXELS, animated: false })
    .rotate()
    .resize({ ...SOCIAL_CARD, fit: 'cover', position: sharp.strategy.attention })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
  return { format: 'jpeg', purpose: 'social', ...SOCIAL_CARD, key: `${folderOf(img.hash)}/social.jpg`, data: buf };
}
