import { createHash } from 'node:crypto';
import type { EditionContext } from '../render/context.ts';
import { COLOUR_NAMES, COLOUR_TOKENS } from './colours.ts';

/** The address prefix of the editions' brand stylesheets. */
export const BRAND_CSS_PREFIX = '/brand/';

/**
 * The edition's brand colours as a stylesheet of custom properties, linked
 * after site.css so they override the theme's (public/tokens.css). A file
 * rather than an inline style: the pages' policy allows stylesheets from the
 * site only (style-src 'self'). Null when the edition sets no colour.
 */
export function brandCss(ctx: EditionContext): { css: string; href: string } | null {
  const colours = ctx.identity.colours;
  if (!colours) return null;
  const decls = COLOUR_NAMES.filter((n) => colours[n]).map((n) => `${COLOUR_TOKENS[n]}:${colours[n]}`);
  if (!decls.length) return null;
  const css = `:root{${decls.join(';')}}\n`;
  return { css, href: `${BRAND_CSS_PREFIX}${encodeURIComponent(ctx.edition.code)}.${brandHash(css)}.css` };
}

export function brandHash(css: string): string {
  return createHash('sha256').update(css).digest('hex').slice(0, 12);
}
