/**
 * Surrogate keys: short tokens that name what a response shows, so that a CDN
 * can drop exactly the responses a change affects. Every cacheable response
 * carries them (Surrogate-Key, and xkey or Cache-Tag as configured); every
 * content change queues the keys it affects (store/content-version.ts) and
 * the purge worker sends them to the CDN. Imports nothing: the store and the
 * pages both use it.
 */

/** Every cacheable response: purged when the catalog (editions, sections, site settings) changes. */
export const SITE_KEY = 'all';
/** 404 and 410 pages and redirects: any change may turn one into a page, so every change purges them. */
export const MISS_KEY = 'miss';
/** Content API lists (by any filter): purged whenever any list changes which articles it holds. */
export const API_LIST_KEY = 'api';
/** Every sitemap of every edition (they link translations across editions). */
export const SITEMAPS_KEY = 'sm';
/** Breaking-news alerts: the readers' alerts endpoint and the alerts feeds of every edition. */
export const ALERTS_KEY = 'alerts';

export const key = {
  article: (id: number) => `a${id}`,
  section: (id: number) => `s${id}`,
  tag: (id: number) => `t${id}`,
  person: (id: number) => `p${id}`,
  author: (id: number) => `u${id}`,
  media: (id: number) => `m${id}`,
  /** A video of the library: its own page, and the pages showing its player. */
  video: (id: number) => `v${id}`,
  /** A translation group, named by its number; an article in none names the group it would found (its own id). */
  group: (id: number) => `g${id}`,
  /** Every response of one edition. */
  edition: (code: string) => `e-${code}`,
  /** The edition's newest articles: its home page and its edition-wide feeds. */
  home: (code: string) => `home-${code}`,
  /** Any article of the edition: what a list carries instead of its articles' keys when they do not fit. */
  anyArticle: (code: string) => `ea-${code}`,
};

/**
 * The keys of one response: its own (the list or the article it is, the edition,
 * the site) and those of the articles and pictures it shows. When the listed keys
 * would make the header too long, they are replaced by `fallback`, a broader key
 * every change to one of them purges too.
 */
export interface ResponseKeys {
  own: string[];
  listed?: string[];
  fallback?: string;
}

/**
 * The longest key header sent, in bytes. Fastly and Cloudflare take 16 KB; Varnish
 * refuses a response header line over http_resp_hdr_len (8 KB by default).
 */
export const MAX_KEY_HEADER_BYTES = 7500;

/** The keys to send, deduplicated, within `maxBytes` once joined by one separator. */
export function capKeys(k: ResponseKeys, maxBytes = MAX_KEY_HEADER_BYTES): string[] {
  const own = [...new Set(k.own)];
  const all = [...new Set([...own, ...(k.listed ?? [])])];
  if (joinedLength(all) <= maxBytes) return all;
  const broad = k.fallback ? [...new Set([...own, k.fallback])] : own;
  // Even the own keys may not fit (a sitemap index over hundreds of editions): the site key always does.
  return joinedLength(broad) <= maxBytes ? broad : [SITE_KEY];
}

function joinedLength(keys: string[]): number {
  let n = Math.max(0, keys.length - 1);
  for (const k of keys) n += Buffer.byteLength(k);
  return n;
}

export type KeyHeader = 'surrogate-key' | 'xkey' | 'cache-tag';

/**
 * The response headers that carry `keys`: Surrogate-Key always (Fastly reads it,
 * and the reference VCL copies it into xkey), and xkey (space-separated, read by
 * Varnish's xkey vmod) or Cache-Tag (comma-separated, read by Cloudflare) as
 * configured.
 */
export function keyHeaders(keys: string[], header: KeyHeader): Record<string, string> {
  const spaced = keys.join(' ');
  if (header === 'xkey') return { 'surrogate-key': spaced, xkey: spaced };
  if (header === 'cache-tag') return { 'surrogate-key': spaced, 'cache-tag': keys.join(',') };
  return { 'surrogate-key': spaced };
}

/** Keys as the outbox stores them: one space-separated string. */
export function joinKeys(keys: Iterable<string>): string {
  return [...new Set(keys)].sort().join(' ');
}
