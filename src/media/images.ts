import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { DecodeGate } from './decode-gate.ts';

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

export class ImageRejected extends Error {}

/** What one picture may be: each bounds what decoding it costs. */
export interface ImageLimits {
  maxBytes: number;
  /** Width × height, checked from the header before anything is decoded. */
  maxPixels: number;
  /** Either side: a 100000 × 400 strip has few megapixels and is still costly to resize. */
  maxSide: number;
}

const megapixels = (n: number) => `${Math.round(n / 100_000) / 10} megapixels`;

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

/** The size link previews (Open Graph, X) show a large card at. */
export const SOCIAL_CARD = { width: 1200, height: 630 } as const;

/**
 * Everything that decodes pictures goes through one codec, made in the
 * composition root: it checks each picture against the limits from its header
 * alone, and lets its DecodeGate decide how many decodes run at once.
 */
export class ImageCodec {
  constructor(
    readonly limits: ImageLimits,
    readonly gate: DecodeGate,
  ) {}

  /** Checks that the bytes are a picture we accept, reading only its header; reads its size. */
  async inspect(data: Buffer): Promise<InspectedImage> {
    const { maxBytes, maxPixels, maxSide } = this.limits;
    if (data.length > maxBytes) throw new ImageRejected(`file is ${data.length} bytes, over the limit of ${maxBytes}`);
    let meta: Metadata;
    try {
      // Header only; the limits are checked below, with a message that says which and by how much.
      meta = await sharp(data, { limitInputPixels: false }).metadata();
    } catch {
      throw new ImageRejected('not an image (expected JPEG, PNG, WebP, AVIF or GIF)');
    }
    const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
    if (!format || !MIME[format]) throw new ImageRejected(`unsupported image format ${meta.format ?? 'unknown'} (expected JPEG, PNG, WebP, AVIF or GIF)`);
    if (!meta.width || !meta.height) throw new ImageRejected('image has no dimensions');
    const pixels = meta.width * meta.height;
    if (meta.width > maxSide || meta.height > maxSide || pixels > maxPixels) {
      throw new ImageRejected(
        `picture is ${meta.width} × ${meta.height} pixels (${megapixels(pixels)}), over the limit of ${maxSide} pixels a side and ${megapixels(maxPixels)}`,
      );
    }
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

  /**
   * The sizes readers' browsers pick from, in the given formats. The picture is
   * decoded once, to its largest size, and every variant is made from that: a
   * decode per variant would cost a full-size decode eight times over. A
   * picture that cannot be decoded (truncated, damaged) is an ImageRejected.
   */
  async variants(data: Buffer, img: InspectedImage, formats: Array<'jpeg' | 'webp' | 'avif'>): Promise<Array<ImageVariant & { data: Buffer }>> {
    const widths = variantWidths(img.width);
    const largest = await this.decode(() =>
      this.open(data).rotate().resize({ width: widths[widths.length - 1], withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true }),
    );
    const raw = { width: largest.info.width, height: largest.info.height, channels: largest.info.channels };
    const out: Array<ImageVariant & { data: Buffer }> = [];
    for (const width of widths) {
      const height = Math.round((img.height * width) / img.width);
      const base = sharp(largest.data, { raw }).resize({ width, height, fit: 'fill' });
      for (const format of formats) {
        const pipeline =
          format === 'jpeg'
            ? base.clone().flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true })
            : format === 'webp'
              ? base.clone().webp({ quality: 74 })
              : base.clone().avif({ quality: 50, effort: 2 });
        out.push({ format, width, height, key: `${folderOf(img.hash)}/${width}.${EXT[format]}`, data: await pipeline.toBuffer() });
      }
    }
    return out;
  }

  /**
   * The social card: 1200×630, cropped to cover around the picture's most
   * salient part, as JPEG (which every link-preview crawler reads). Smaller
   * originals are enlarged so the card always has the size it declares.
   */
  async social(data: Buffer, img: Pick<InspectedImage, 'hash'>): Promise<ImageVariant & { data: Buffer }> {
    const buf = await this.decode(() =>
      this.open(data)
        .rotate()
        .resize({ ...SOCIAL_CARD, fit: 'cover', position: sharp.strategy.attention })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 80, mozjpeg: true })
        .toBuffer(),
    );
    return { format: 'jpeg', purpose: 'social', ...SOCIAL_CARD, key: `${folderOf(img.hash)}/social.jpg`, data: buf };
  }

  /** The input of every decode: the pixel limit again (a header can lie), the first frame only, read top to bottom. */
  private open(data: Buffer) {
    return sharp(data, { limitInputPixels: this.limits.maxPixels, animated: false, sequentialRead: true });
  }

  /** One decode, in its turn; a picture libvips cannot decode is refused, not an internal error. */
  private decode<T>(work: () => Promise<T>): Promise<T> {
    return this.gate.run(async () => {
      try {
        return await work();
      } catch (e) {
        const why = (e as Error).message.split('\n')[0].trim();
        throw new ImageRejected(`the picture cannot be decoded, it may be truncated or damaged${why ? ` (${why})` : ''}`);
      }
    });
  }
}

/**
 * libvips's process-wide settings, applied by whoever builds the codec: no
 * cache of decoded pictures (each is decoded once, and the cache would keep up
 * to 50 MB of them alive) and `threads` worker threads per decode.
 */
export function tuneSharp(threads: number): void {
  sharp.cache(false);
  sharp.concurrency(threads);
}

/** The codec a process uses, from its configuration, with its own gate. */
export function imageCodec(config: { maxImageBytes: number; maxImagePixels: number; maxImageSide: number; imageDecodes: number }): ImageCodec {
  tuneSharp(1);
  return new ImageCodec({ maxBytes: config.maxImageBytes, maxPixels: config.maxImagePixels, maxSide: config.maxImageSide }, new DecodeGate(config.imageDecodes));
}
