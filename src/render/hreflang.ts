import type { EditionContext } from './context.ts';

export interface Alternate {
  hreflang: string;
  href: string;
}

/**
 * The hreflang links of a page that exists in several editions: each version,
 * and the default edition's again as `x-default`. A page in one language only
 * has none. Article pages, home pages and sitemaps all use this one rule.
 */
export function hreflangLinks(ctx: EditionContext, versions: Alternate[]): Alternate[] | undefined {
  if (versions.length < 2) return undefined;
  const fallback = versions.find((v) => v.hreflang === ctx.catalog.defaultEdition?.code);
  return fallback ? [...versions, { hreflang: 'x-default', href: fallback.href }] : versions;
}
