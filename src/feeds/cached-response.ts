import type { FastifyReply, FastifyRequest } from 'fastify';
import { cdnContract, type CdnContract } from '../cdn/contract.ts';
import type { ResponseKeys } from '../cdn/keys.ts';
import type { CachedPage, PageCache } from '../site/page-cache.ts';
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

/** Whether the client's copy is current: If-None-Match first, If-Modified-Since only without it (RFC 9110 §13.2.2). */
export function isNotModified(headers: FastifyRequest['headers'], etag: string, lastModified: number | undefined): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    return inm.split(',').some((t) => {
      const tag = t.trim();
      return tag === '*' || tag.replace(/^W\//, '') === etag;
    });
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined || lastModified === undefined) return false;
  const since = Date.parse(ims);
  // HTTP dates count whole seconds.
  return !Number.isNaN(since) && Math.floor(lastModified / 1000) * 1000 <= since;
}

/** The request's path without its query: feeds and sitemaps read no parameter, so `?utm_…` shares the entry. */
export function pathKey(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

export function cachedResponder(deps: CachedResponseDeps): ServeCached {
  const { site, cache } = deps;
  const cdn = deps.cdn ?? cdnContract({ purging: false, keyHeader: 'surrogate-key' });
  // Kept beside the cache, by entry: an entry the cache drops takes its time with it.
  const modified = new WeakMap<CachedPage, number>();

  function send(req: FastifyRequest, reply: FastifyReply, opts: ServeOptions, page: CachedPage) {
    const lastModified = modified.get(page);
    reply.header('content-type', opts.contentType).header('cache-control', cdn.cacheControl[opts.kind]).headers(page.headers).header('x-content-type-options', 'nosniff').header('etag', page.etag);
    if (lastModified !== undefined) reply.header('last-modified', new Date(lastModified).toUTCString());
    if (isNotModified(req.headers, page.etag, lastModified)) return reply.code(304).send();
    return reply.code(page.status).send(page.body);
  }

  return async (req, reply, opts) => {
    const key = pathKey(req.url);
    const hit = cache.get(key);
    if (hit) return send(req, reply, opts, hit);
    const version = site.version;
    const produced = await opts.produce();
    // A document made while content changed is sent but not kept.
    const headers = cdn.headers(produced.keys);
    const page = site.version === version ? cache.put(key, 200, produced.body, headers) : cache.render(200, produced.body, headers);
    if (produced.lastModified) modified.set(page, Date.parse(produced.lastModified));
    return send(req, reply, opts, page);
  };
}
