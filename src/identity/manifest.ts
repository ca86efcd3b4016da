import { paths } from '../content/paths.ts';
import type { EditionContext } from '../render/context.ts';
import { DEFAULT_COLOURS } from './colours.ts';

/** Where an edition's web app manifest is: /fr/manifest.webmanifest. */
export function manifestPath(code: string): string {
  return `${paths.edition(code)}manifest.webmanifest`;
}

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/**
 * The edition's web app manifest: its name, language and direction, its home
 * as start and scope, its colours, and its 192 and 512 px icons (the theme's
 * logo when it has none).
 */
export function webManifest(ctx: EditionContext): object {
  const { edition, identity } = ctx;
  const icons: ManifestIcon[] = [];
  for (const size of ['192', '512'] as const) {
    const key = identity.icons?.[size];
    if (key) icons.push({ src: ctx.media(key), sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' });
  }
  const logo = ctx.assets.logo;
  if (!icons.length && logo) icons.push({ src: logo.url, sizes: `${logo.width}x${logo.height}`, type: 'image/png', purpose: 'any' });
  const home = paths.edition(edition.code);
  return {
    id: home,
    name: edition.name,
    short_name: edition.name.length <= 12 ? edition.name : edition.name.slice(0, 12).trim(),
    lang: edition.language || edition.code,
    dir: edition.dir === 'rtl' ? 'rtl' : 'ltr',
    start_url: home,
    scope: home,
    display: 'minimal-ui',
    background_color: identity.colours?.paper ?? DEFAULT_COLOURS.paper,
    theme_color: identity.colours?.header ?? DEFAULT_COLOURS.header,
    icons,
  };
}
