import type { Catalog } from '../content/catalog.ts';
import type { EditionRow } from '../store/schema.ts';
import { dateFormatter, type DateFormatter } from './dates.ts';
import { labelsFor, type Labels } from './i18n.ts';
import type { ImageVariant } from '../media/images.ts';
import { memoize } from './memo.ts';
import { mediaHref, paths } from '../content/paths.ts';
import { typographyFor } from './typography.ts';
import { parseIdentity, type EditionIdentity } from '../identity/identity.ts';
import type { ThemeSlots } from './slots.ts';
import type { ThemeScript } from '../identity/theme-script.ts';

/** Fingerprinted URLs of the site's own CSS, JS and logo. */
export interface AssetUrls {
  css: string;
  js: string;
  /** public/alerts.js: keeps the alert banner current and offers web push (every page). */
  alerts?: string;
  /** The publisher's logo, as structured data names it. */
  logo?: { url: string; width: number; height: number };
  /**
   * The theme's stylesheets (public/tokens.css and the typefaces' @font-face rules, src/identity/theme-assets.ts),
   * one per script: an edition links the one of its language's script (themeScript), before site.css.
   */
  theme?: Record<ThemeScript, string>;
  /** Stylesheets of one page kind: the search page (public/search.css) and the TV pages (public/tv.css). */
  pages?: { search: string; tv: string };
  /** The live page's own stylesheet and script (public/live.css, public/live.js). */
  live?: { css: string; js: string };
  /**
   * The video player's stylesheet and script (public/video.css, public/video.js), on pages with a player only,
   * and hls.js (its light build, from node_modules), which video.js fetches on the first play in a browser without native HLS.
   */
  video?: { css: string; js: string; hls: string };
}

/** What every page of one edition renders with; built once per catalog load. */
export interface EditionContext {
  edition: EditionRow;
  /** The language its pages are in (BCP 47): the edition's own, or its code. */
  language: string;
  /** ltr | rtl: `<html dir>`; the stylesheets use logical properties, so the layout mirrors. */
  dir: 'ltr' | 'rtl';
  /** The edition's identity (logo, icons, colours, social accounts), parsed once. */
  identity: EditionIdentity;
  catalog: Catalog;
  labels: Labels;
  /** Typography for the edition's language, applied to every text shown. */
  t: (s: string) => string;
  dates: DateFormatter;
  assets: AssetUrls;
  siteName: string;
  /** Absolute URL of a site path in this edition. */
  abs: (path: string) => string;
  /** Absolute URL of an edition's home page (this one or another), for hreflang. */
  homeOf: (code: string) => string;
  /** Absolute URL of a site path in any edition (this one or another). */
  absIn: (code: string, path: string) => string;
  /** The edition's language and region as Open Graph writes it: fr_FR, en_GB. */
  ogLocale: string;
  /** An image row's variant list, parsed once. */
  variants: (json: string) => ImageVariant[];
  /** Where a media file is fetched from: /media/<key>, or on the media host (MEDIA_PUBLIC_URL). */
  media: (key: string) => string;
  /**
   * Finished markup rendered once and inserted again (through raw.tsx), by
   * name: the layout's header and footer, the same on every page of this
   * edition (the context is made anew when the catalog changes), and
   * pictures, by everything they are made from (picture.tsx).
   */
  markup: Map<string, string>;
  /** A theme's template slots (src/render/slots.ts); none by default. */
  slots?: ThemeSlots;
}

/** A locale that writes numbers with the given Intl numbering system (latn, arab…); none: the language's own. */
export function withNumbering(language: string, numbering: string | null): string {
  if (!numbering) return language;
  try {
    return new Intl.Locale(language, { numberingSystem: numbering }).toString();
  } catch {
    return language;
  }
}

/** The region Open Graph pairs with a bare language code. */
const REGIONS: Record<string, string> = { fr: 'FR', en: 'GB', de: 'DE', es: 'ES', it: 'IT', nl: 'NL', pt: 'PT', ar: 'AR' };

export function ogLocale(code: string): string {
  const [lang, region] = code.split('-');
  const r = region?.toUpperCase() ?? REGIONS[lang.toLowerCase()];
  return r ? `${lang.toLowerCase()}_${r}` : lang.toLowerCase();
}

/**
 * `publicUrl` is the base of editions whose own base URL is empty. Without
 * it, this edition's base stands in for theirs: exact whenever this edition
 * has no base URL of its own either (the usual single-domain site).
 */
export function editionContext(edition: EditionRow, catalog: Catalog, assets: AssetUrls, siteName: string, publicUrl?: string, mediaUrl?: string, slots?: ThemeSlots): EditionContext {
  const base = edition.base_url.replace(/\/+$/, '');
  const fallback = publicUrl?.replace(/\/+$/, '') ?? base;
  const language = edition.language || edition.code;
  const dates = dateFormatter(language, edition.time_zone, edition.numbering);
  const absIn = (code: string, p: string) => {
    const own = code === edition.code ? base : catalog.edition(code)?.base_url.replace(/\/+$/, '');
    return (own || fallback) + p;
  };
  return {
    edition,
    language,
    dir: edition.dir === 'rtl' ? 'rtl' : 'ltr',
    identity: parseIdentity(edition.identity),
    catalog,
    labels: labelsFor(language),
    t: memoize(typographyFor(language)),
    dates: { long: memoize(dates.long), short: memoize(dates.short), relative: dates.relative },
    assets,
    siteName,
    abs: (p) => (/^https?:\/\//.test(p) ? p : base + p),
    homeOf: (code) => absIn(code, paths.edition(code)),
    absIn,
    ogLocale: ogLocale(language),
    variants: memoize((json) => JSON.parse(json) as ImageVariant[], 2000),
    media: (key) => mediaHref(key, '', mediaUrl),
    markup: new Map(),
    slots,
  };
}
