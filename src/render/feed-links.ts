import { paths } from '../content/paths.ts';
import { FEED_FORMATS, FEED_TYPES, feedPaths, type FeedFormat } from '../feeds/feed-paths.ts';
import type { EditionContext } from './context.ts';

/** A `<link rel="alternate">` that lets feed readers find a page's feed. */
export interface FeedLink {
  type: string;
  title: string;
  href: string;
}

const NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/** The three feeds of one scope, titled "Edition – scope (RSS)". */
export function feedLinks(ctx: EditionContext, path: (f: FeedFormat) => string, scope?: string): FeedLink[] {
  const title = scope ? `${ctx.edition.name} – ${scope}` : ctx.edition.name;
  return FEED_FORMATS.map((f) => ({ type: FEED_TYPES[f], title: `${title} (${NAMES[f]})`, href: ctx.abs(path(f)) }));
}

export const editionFeeds = (ctx: EditionContext) => feedLinks(ctx, (f) => feedPaths.edition(ctx.edition.code, f));

export function sectionFeeds(ctx: EditionContext, sectionId: number): FeedLink[] {
  const s = ctx.catalog.sectionById(sectionId);
  return s ? feedLinks(ctx, (f) => feedPaths.section(ctx.edition.code, s.slug, f), ctx.t(s.name)) : [];
}

/**
 * A listing's feeds, known from its path: a section's, a topic's or an
 * author's. People have no feed.
 */
export function listingFeeds(ctx: EditionContext, path: string, title: string, sectionId?: number): FeedLink[] {
  if (sectionId !== undefined) return sectionFeeds(ctx, sectionId);
  const code = ctx.edition.code;
  const words = paths.words(code);
  const [, edition, word, slug, ...rest] = path.split('/');
  if (edition !== code || !slug || rest.length) return [];
  if (word === words.topic) return feedLinks(ctx, (f) => feedPaths.tag(code, slug, f), title);
  if (word === words.author) return feedLinks(ctx, (f) => feedPaths.author(code, slug, f), title);
  return [];
}
