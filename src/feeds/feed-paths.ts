import { paths } from '../content/paths.ts';

/**
 * Public paths of the feeds, for the routes and for the pages' <link rel="alternate">.
 * Each scope has the same three files: RSS 2.0, Atom 1.0 and JSON Feed 1.1.
 */
export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** The file name each format ends with. */
export const FEED_FILES: Readonly<Record<FeedFormat, string>> = { rss: 'feed.xml', atom: 'feed.atom', json: 'feed.json' };

/** Media types, as a <link type="…"> names them (responses add `; charset=utf-8`). */
export const FEED_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

const file = (format: FeedFormat) => FEED_FILES[format];

export const feedPaths = {
  /** `/{edition}/feed.xml` */
  edition: (edition: string, format: FeedFormat = 'rss') => `${paths.edition(edition)}${file(format)}`,
  /** `/{edition}/{section}/feed.xml` */
  section: (edition: string, section: string, format: FeedFormat = 'rss') => `${paths.section(edition, section)}${file(format)}`,
  /** `/{edition}/{topic word}/{slug}/feed.xml` (sujet in French, topic in English) */
  tag: (edition: string, slug: string, format: FeedFormat = 'rss') => `${paths.tag(edition, slug)}/${file(format)}`,
  /** `/{edition}/{author word}/{slug}/feed.xml` (auteur in French, author in English) */
  author: (edition: string, slug: string, format: FeedFormat = 'rss') => `${paths.author(edition, slug)}/${file(format)}`,
};

/** The format a feed file name stands for, or undefined. */
export function feedFormatOf(fileName: string): FeedFormat | undefined {
  return FEED_FORMATS.find((f) => FEED_FILES[f] === fileName);
}
