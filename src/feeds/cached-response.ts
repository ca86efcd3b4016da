import type { FastifyReply, FastifyRequest } from 'fastify';
import { cdnContract, type CdnContract } from '../cdn/contract.ts';
import type { ResponseKeys } from '../cdn/keys.ts';
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
  /** Lifetimes and key headers for a CDN; by default those of a site without purges. */
  cdn?: CdnContract;
}

/** What a producer returns: the document, and the time of its newest content (ISO 8601) if it has one. */
export interface Produced {
  body: string;
  lastModified?: string | null;
  /** What the document shows, for the CDN (kept with it in the page cache). */
  keys: ResponseKeys;
}

export interface ServeOptions {
  contentType: string;
  /** Which of the CDN contract's lifetimes applies. */
  kind: 'feed' | 'sitemap';
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
  const cdn = deps.cdn ?? cdnContract({ purging: false, keyHeader: 'surrogate-key' });

  return async (req, reply, opts) => {
    const key = pathKey(req.url);
    const hit = cache.get(key);
    if (hit) return replyWithPage(req, reply, hit);
    const generation = site.generation;
    const produced = await opts.produce();
    // A document made while content changed is sent but not kept.
    const kept = {
      headers: { 'content-type': opts.contentType, 'cache-control': cdn.cacheControl[opts.kind], 'x-content-type-options': 'nosniff', ...cdn.headers(produced.keys) },
      lastModified: produced.lastModified ? Date.parse(produced.lastModified) : undefined,
    };
    const page = site.generation === generation ? cache.put(key, 200, produced.body, kept) : cache.render(200, produced.body, kept);
    return replyWithPage(req, reply, page);
  };
}
