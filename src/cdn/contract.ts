import { capKeys, keyHeaders, MISS_KEY, SITE_KEY, type KeyHeader, type ResponseKeys } from './keys.ts';

/**
 * What the site promises a CDN in front of it: how long each kind of response
 * may be kept (Cache-Control), and which keys name it. Made once in app.ts from
 * the configuration and passed to the routes.
 */
export interface CdnContract {
  cacheControl: {
    page: string;
    feed: string;
    sitemap: string;
    api: string;
    oembed: string;
    /** 404 and 410 pages, and redirects: kept briefly. */
    miss: string;
    /** Search pages and answers: one per query, so kept a short while only. */
    search: string;
    /** Pages that change with the clock (the live channel's page and today's schedule show what is on now): a minute. */
    clock: string;
  };
  /** The key headers of a response, capped (see capKeys). */
  headers(keys: ResponseKeys): Record<string, string>;
  /** The key headers of 404 and 410 pages and redirects. */
  missHeaders: Record<string, string>;
}

/**
 * Search answers are as many as the queries readers type: a CDN keeps each five
 * minutes at most (a minute without purging), so they never crowd out pages; a
 * publish or unpublish purges them sooner (their keys name every article of the edition).
 */
export const SEARCH_SHARED_MAX_AGE = 300;

/** What is on now changes at every programme's end: a CDN keeps such pages a minute at most, purged or not. */
export const CLOCK_SHARED_MAX_AGE = 60;

/** A day: how long a page may be served stale while the origin fails. */
export const STALE_IF_ERROR = 86_400;

/**
 * With a purge adapter the CDN may keep responses a day (s-maxage), since every
 * change purges them; without one, a minute. Browsers keep pages 30 seconds
 * (they are never purged), feeds a minute and sitemaps five.
 */
export function cdnContract(opts: { purging: boolean; keyHeader: KeyHeader; sharedMaxAge?: number }): CdnContract {
  const cc = (browser: number) => {
    const shared = opts.sharedMaxAge ?? Math.max(browser, opts.purging ? 86_400 : 60);
    return `public, max-age=${Math.min(browser, shared)}, s-maxage=${shared}, stale-while-revalidate=60, stale-if-error=${STALE_IF_ERROR}`;
  };
  const searchCc = (shared: number) => `public, max-age=${Math.min(30, shared)}, s-maxage=${shared}, stale-while-revalidate=30`;
  const headers = (k: ResponseKeys) => keyHeaders(capKeys(k), opts.keyHeader);
  return {
    cacheControl: {
      page: cc(30),
      feed: cc(60),
      sitemap: cc(300),
      api: cc(30),
      oembed: cc(300),
      miss: 'public, max-age=10, s-maxage=30',
      clock: `public, max-age=30, s-maxage=${Math.min(opts.sharedMaxAge ?? CLOCK_SHARED_MAX_AGE, CLOCK_SHARED_MAX_AGE)}, stale-while-revalidate=30, stale-if-error=${STALE_IF_ERROR}`,
      search: searchCc(Math.min(opts.sharedMaxAge ?? (opts.purging ? SEARCH_SHARED_MAX_AGE : 60), SEARCH_SHARED_MAX_AGE)),
    },
    headers,
    missHeaders: headers({ own: [MISS_KEY, SITE_KEY] }),
  };
}
