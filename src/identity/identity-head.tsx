import type { EditionContext } from '../render/context.ts';
import { brandCss } from './brand-css.ts';
import { DEFAULT_COLOURS } from './colours.ts';
import { manifestPath } from './manifest.ts';
import { themeScript } from './theme-script.ts';

/**
 * What the edition's identity adds to every page's head: its icons (the
 * theme's logo when it has none), the browser's theme colour (the header's),
 * the web app manifest, and its brand stylesheet when it sets colours.
 */
export function IdentityHead({ ctx }: { ctx: EditionContext }) {
  const { icons, colours } = ctx.identity;
  const brand = brandCss(ctx);
  const themeLogo = ctx.assets.logo;
  return (
    <>
      {icons?.ico && <link rel="icon" href={ctx.media(icons.ico)} sizes="48x48" />}
      {icons?.['32'] && <link rel="icon" href={ctx.media(icons['32'])} type="image/png" sizes="32x32" />}
      {icons?.['180'] && <link rel="apple-touch-icon" href={ctx.media(icons['180'])} />}
      {!icons && themeLogo && <link rel="icon" href={themeLogo.url} type="image/png" sizes={`${themeLogo.width}x${themeLogo.height}`} />}
      <meta name="theme-color" content={colours?.header ?? DEFAULT_COLOURS.header} />
      <link rel="manifest" href={manifestPath(ctx.edition.code)} />
      {brand && <link rel="stylesheet" href={brand.href} />}
    </>
  );
}

/** The theme's stylesheet of the edition's script (design tokens and typefaces): linked before site.css, which uses its custom properties. */
export function ThemeStyles({ ctx }: { ctx: EditionContext }) {
  const href = ctx.assets.theme?.[themeScript(ctx.language)];
  return href ? <link rel="stylesheet" href={href} /> : null;
}
