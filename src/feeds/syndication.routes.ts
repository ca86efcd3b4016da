import type { FastifyInstance } from 'fastify';
import type { CdnContract } from '../cdn/contract.ts';
import type { PageCache } from '../site/page-cache.ts';
import type { SiteState } from '../site/site-state.ts';
import type { Db } from '../store/db.ts';
import { cachedResponder } from './cached-response.ts';
import { feedRoutes, type ArticleFeed } from './feed.routes.ts';
import { sitemapRoutes } from './sitemap.routes.ts';

export interface SyndicationDeps {
  db: Db;
  now: () => Date;
  site: SiteState;
  cache: PageCache;
  cdn?: CdnContract;
  /** The base of absolute URLs for editions without their own base URL. */
  publicUrl: string;
  /** MEDIA_PUBLIC_URL, for the pictures feeds carry. */
  mediaUrl?: string;
  /** URLs in one sitemap file (50,000, the protocol's limit, unless a test says fewer). */
  urlsPerSitemap?: number;
  /** An article's own feed (a live's), served by its domain. */
  articleFeed?: ArticleFeed;
}

/** Feeds, sitemaps and robots.txt: what other sites and crawlers read, served from the page cache as pages are. */
export function syndicationRoutes(app: FastifyInstance, deps: SyndicationDeps): void {
  const serve = cachedResponder(deps);
  feedRoutes(app, { ...deps, serve });
  sitemapRoutes(app, { ...deps, serve });
}
