import type { Catalog } from '../content/catalog.ts';
import type { EditionRow } from '../store/schema.ts';
import { dateFormatter, type DateFormatter } from './dates.ts';
import { labelsFor, type Labels } from './i18n.ts';
import type { ImageVariant } from '../media/images.ts';
import { memoize } from './memo.ts';
import { typographyFor } from './typography.ts';

/** Fingerprinted URLs of the site's own CSS and JS. */
export interface AssetUrls {
  css: string;
  js: string;
}

/** What every page of one edition renders with; built once per catalog load. */
export interface EditionContext {
  edition: EditionRow;
  catalog: Catalog;
  labels: Labels;
  /** Typography for the edition's language, applied to every text shown. */
  t: (s: string) => string;
  dates: DateFormatter;
  assets: AssetUrls;
  siteName: string;
  /** Absolute URL of a site path in this edition. */
  abs: (path: string) => string;
  /** An image row's variant list, parsed once. */
  variants: (json: string) => ImageVariant[];
}

export function editionContext(edition: EditionRow, catalog: Catalog, assets: AssetUrls, siteName: string): EditionContext {
  const base = edition.base_url.replace(/\/+$/, '');
  const dates = dateFormatter(edition.code, edition.time_zone);
  return {
    edition,
    catalog,
    labels: labelsFor(edition.code),
    t: memoize(typographyFor(edition.code)),
    dates: { long: memoize(dates.long), short: memoize(dates.short) },
    assets,
    siteName,
    abs: (p) => (/^https?:\/\//.test(p) ? p : base + p),
    variants: memoize((json) => JSON.parse(json) as ImageVariant[], 2000),
  };
}
