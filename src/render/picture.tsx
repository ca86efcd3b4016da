import { renderToString } from 'preact-render-to-string';
import type { ImageVariant } from '../media/images.ts';
import { raw } from './raw.tsx';

/** The columns of an image row a picture needs. */
export interface PictureImage {
  original: string;
  variants: string | ImageVariant[];
  width: number;
  height: number;
  /** The point to keep in view when the picture is cropped (0–1 from the left and the top); null or absent = the centre. */
  focal_x?: number | null;
  focal_y?: number | null;
}

/**
 * The focal point as two classes (`fx0`–`fx4`, `fy0`–`fy4`, in quarters) that
 * site.css turns into object-position: the pages' CSP allows no inline style.
 * The centre needs none.
 */
export function focalClass(image: Pick<PictureImage, 'focal_x' | 'focal_y'>): string {
  const q = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? 2 : Math.round(Math.min(1, Math.max(0, v)) * 4));
  const x = q(image.focal_x);
  const y = q(image.focal_y);
  return [x !== 2 ? `fx${x}` : '', y !== 2 ? `fy${y}` : ''].filter(Boolean).join(' ');
}


function srcset(vs: ImageVariant[], link: (key: string) => string): string {
  return vs.map((v) => `${link(v.key)} ${v.width}w`).join(', ');
}

/**
 * A responsive picture: AVIF when made, WebP, then JPEG; explicit width and
 * height so nothing shifts while it loads; lazy unless it is above the fold.
 */
type PictureProps = {
  image: PictureImage;
  alt: string;
  sizes: string;
  eager?: boolean;
  class?: string;
  /** Parses a stored variant list (the edition context keeps a memo of it). */
  parse: (json: string) => ImageVariant[];
  /** Where a media file is fetched from (the edition context's `media`). */
  link: (key: string) => string;
  /**
   * Finished markup by what it is made from (the edition context's `markup`):
   * a picture is a pure function of its image row and these props, the same
   * on every page that shows it, so Preact renders it once and it is inserted
   * again as that markup.
   */
  memo?: Map<string, string>;
};

/** Pieces of markup kept in one memo at most; it is emptied whole when full. */
export const MEMO_MAX = 2000;

export function Picture(props: PictureProps) {
  const { memo, image } = props;
  const focus = focalClass(image);
  const cls = [props.class, focus].filter(Boolean).join(' ') || undefined;
  if (!memo || typeof image.variants !== 'string') return <picture class={cls}>{pictureContents(props)}</picture>;
  const key = `picture\0${props.class ?? ''}\0${props.sizes}\0${props.eager ? 1 : 0}\0${props.alt}\0${image.original}\0${image.width}\0${image.height}\0${image.variants}`;
  let html = memo.get(key);
  if (html === undefined) {
    html = renderToString(<>{pictureContents(props)}</>);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, html);
  }
  return <picture class={cls} {...raw(html)} />;
}

/** The sources and the image inside a picture. */
function pictureContents(props: PictureProps) {
  const link = props.link;
  const vs = Array.isArray(props.image.variants) ? props.image.variants : props.parse(props.image.variants);
  // Variants made for one purpose (the social card) are cropped: never offered to srcset.
  const of = (f: ImageVariant['format']) => vs.filter((v) => v.format === f && !v.purpose);
  const jpeg = of('jpeg');
  const avif = of('avif');
  const webp = of('webp');
  const fallback = jpeg.find((v) => v.width >= 800) ?? jpeg[jpeg.length - 1];
  const src = link(fallback ? fallback.key : props.image.original);
  return (
    <>
      {avif.length > 0 && <source type="image/avif" srcset={srcset(avif, link)} sizes={props.sizes} />}
      {webp.length > 0 && <source type="image/webp" srcset={srcset(webp, link)} sizes={props.sizes} />}
      <img
        src={src}
        srcset={jpeg.length ? srcset(jpeg, link) : undefined}
        sizes={jpeg.length ? props.sizes : undefined}
        width={props.image.width}
        height={props.image.height}
        alt={props.alt}
        loading={props.eager ? undefined : 'lazy'}
        decoding="async"
        fetchpriority={props.eager ? 'high' : undefined}
      />
    </>
  );
}
