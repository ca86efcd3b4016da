import type { ImageVariant } from '../media/images.ts';

/** The columns of an image row a picture needs. */
export interface PictureImage {
  original: string;
  variants: string | ImageVariant[];
  width: number;
  height: number;
}


function srcset(vs: ImageVariant[], link: (key: string) => string): string {
  return vs.map((v) => `${link(v.key)} ${v.width}w`).join(', ');
}

/**
 * A responsive picture: AVIF when made, WebP, then JPEG; explicit width and
 * height so nothing shifts while it loads; lazy unless it is above the fold.
 */
export function Picture(props: {
  image: PictureImage;
  alt: string;
  sizes: string;
  eager?: boolean;
  class?: string;
  /** Parses a stored variant list (the edition context keeps a memo of it). */
  parse: (json: string) => ImageVariant[];
  /** Where a media file is fetched from (the edition context's `media`). */
  link: (key: string) => string;
}) {
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
    <picture class={props.class}>
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
    </picture>
  );
}
