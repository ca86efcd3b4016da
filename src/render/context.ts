import type { Catalog } from '../content/catalog.ts';
import type { EditionRow } from '../store/schema.ts';
import { dateFormatter, type DateFormatter } from './dates.ts';
import { labelsFor, type Labels } from './i18n.ts';
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
}

export function editionContext(edition: EditionRow, catalog: Catalog, assets: AssetUrls, siteName: string): EditionContext {
  const base = edition.base_url.replace(/\/+$/, '');
  return {
    edition,
    catalog,
    labels: labelsFor(edition.code),
    t: typographyFor(edition.code),
    dates: dateFormatter(edition.code, edition.time_zone),
    assets,
    siteName,
    abs: (p) => (/^https?:\/\//.test(p) ? p : base + p),
  };
}
