import type { FastifyReply, FastifyRequest } from 'fastify';
import { replyWithPage } from '../site/cached-front.ts';
import type { PageCache } from '../site/page-cache.ts';
import type { SiteState } from '../site/site-state.ts';

/**
 * Feeds, sitemaps and robots.txt served as reader pages are: from the page cache
 * of encoded bytes (emptied on every content change), with an ETag, and here a
 * Last-Modified too, answering 304 to either validator.
 */
export interface CachedResponseDeps {
  site: SiteState;
  cache: PageCache;
}

/** What a producer returns: the document, and the time of its newest content (ISO 8601) if it has one. */
export interface Produced {
  body: string;
  lastModified?: string | null;
}

export interface ServeOptions {
  contentType: string;
  cacheControl: string;
  produce: () => Promise<Produced>;
}

export type ServeCached = (req: FastifyRequest, reply: FastifyReply, opts: ServeOptions) => Promise<FastifyReply>;

/** The request's path without its query: feeds and sitemaps read no parameter, so `?utm_…` shares the entry. */
export function pathKey(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

export function cachedResponder(deps: CachedResponseDeps): ServeCached {
  const { site, cache } = deps;
  return async (req, reply, opts) => {
    const key = pathKey(req.url);
    const hit = cache.get(key);
    if (hit) return replyWithPage(req, reply, hit);
    const version = site.version;
    const produced = await opts.produce();
    // A document made while content changed is sent but not kept.
    const kept = {
      headers: { 'content-type': opts.contentType, 'cache-control': opts.cacheControl, 'x-content-type-options': 'nosniff' },
      lastModified: produced.lastModified ? Date.parse(produced.lastModified) : undefined,
    };
    const page = site.version === version ? cache.put(key, 200, produced.body, kept) : cache.render(200, produced.body, kept);
    return replyWithPage(req, reply, page);
  };
}
