import { hash } from 'node:crypto';

/** What a page is kept with besides its bytes. */
export interface PageOptions {
  /**
   * Every header the page is sent with, in order (content-type, cache-control,
   * security headers, surrogate keys…). The ETag, Last-Modified and
   * Content-Length are added here; nothing else is added when it is sent.
   */
  headers?: Readonly<Record<string, string>>;
  /** When its newest content changed (ms since 1970), for Last-Modified and If-Modified-Since. */
  lastModified?: number;
}

/** A rendered page kept as encoded bytes, ready to send. */
export interface CachedPage {
  status: number;
  body: Buffer;
  etag: string;
  expires: number;
  /** The headers it is sent with, ETag (and Last-Modified) included, Content-Length not. */
  headers: Readonly<Record<string, string>>;
  lastModified?: number;
  /** The same headers as a flat name, value list for `writeHead`, with Content-Length: made once, sent as is. */
  wire: readonly string[];
  /** The headers of a 304 answer: those of the page without Content-Length. */
  wire304: readonly string[];
}

/**
 * A page as sent. Its header lists for `writeHead` are made the first time
 * they are asked for (by the front door, for a kept page), not for pages sent
 * once through Fastify.
 */
class EncodedPage implements CachedPage {
  private wires: { wire: string[]; wire304: string[] } | undefined;
  constructor(
    readonly status: number,
    readonly body: Buffer,
    readonly etag: string,
    readonly expires: number,
    readonly headers: Readonly<Record<string, string>>,
    readonly lastModified: number | undefined,
  ) {}

  get wire(): readonly string[] {
    return (this.wires ??= this.makeWires()).wire;
  }

  get wire304(): readonly string[] {
    return (this.wires ??= this.makeWires()).wire304;
  }

  private makeWires() {
    const wire304: string[] = [];
    for (const name in this.headers) wire304.push(name, this.headers[name]!);
    const wire = wire304.slice();
    wire.push('content-length', String(this.body.length));
    return { wire, wire304 };
  }
}

/**
 * Rendered pages by URL, bounded in count. A content change drops the pages
 * that carry one of its surrogate keys (purge; the Surrogate-Key header each
 * page is kept with names them), or every page (clear). A page kept without
 * that header is dropped by every change.
 * Entries also expire after `ttlMs`, so an article whose publication time
 * arrives appears without a write. An expired entry stays (within the bound)
 * until it is replaced, so it can still be served while the database is down.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  /** URLs by surrogate key; UNKEYED for pages kept without keys. */
  private readonly byKey = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, readonly string[]>();
  constructor(
    private readonly enabled: boolean,
    private readonly maxEntries = 5000,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): CachedPage | undefined {
    if (!this.enabled) return undefined;
    const hit = this.pages.get(key);
    if (!hit || hit.expires < this.now()) return undefined;
    return hit;
  }

  /** The page kept for `key` even if it has expired: what to send when it cannot be made again. */
  stale(key: string): CachedPage | undefined {
    return this.enabled ? this.pages.get(key) : undefined;
  }

  /** Encodes a page without keeping it. */
  render(status: number, text: string, opts: PageOptions = {}): CachedPage {
    const body = Buffer.from(text, 'utf8');
    const etag = etagOf(body);
    const headers: Record<string, string> = { ...opts.headers, etag };
    if (opts.lastModified !== undefined) headers['last-modified'] = new Date(opts.lastModified).toUTCString();
    return new EncodedPage(status, body, etag, this.now() + this.ttlMs, headers, opts.lastModified);
  }

  /** Encodes the page once and keeps it, indexed by its Surrogate-Key header; returns what to send. */
  put(key: string, status: number, text: string, opts: PageOptions = {}): CachedPage {
    const page = this.render(status, text, opts);
    if (this.enabled) {
      this.remove(key);
      if (this.pages.size >= this.maxEntries) this.remove(this.pages.keys().next().value!);
      this.pages.set(key, page);
      const keys = surrogateKeys(page.headers);
      this.keysOf.set(key, keys);
      for (const k of keys) {
        let urls = this.byKey.get(k);
        if (!urls) this.byKey.set(k, (urls = new Set()));
        urls.add(key);
      }
    }
    return page;
  }

  /** Drops the pages that carry any of `keys`, and those kept without keys. Answers how many went. */
  purge(keys: Iterable<string>): number {
    const before = this.pages.size;
    for (const k of [...keys, UNKEYED]) {
      const urls = this.byKey.get(k);
      if (urls) for (const url of [...urls]) this.remove(url);
    }
    return before - this.pages.size;
  }

  clear(): void {
    this.pages.clear();
    this.byKey.clear();
    this.keysOf.clear();
  }

  get size(): number {
    return this.pages.size;
  }

  private remove(url: string): void {
    if (!this.pages.delete(url)) return;
    for (const k of this.keysOf.get(url) ?? []) {
      const urls = this.byKey.get(k);
      urls?.delete(url);
      if (urls?.size === 0) this.byKey.delete(k);
    }
    this.keysOf.delete(url);
  }
}

/** Not a surrogate key (keys are tokens without spaces): the index entry of pages kept without keys. */
const UNKEYED = ' unkeyed';

function surrogateKeys(headers: Readonly<Record<string, string>>): readonly string[] {
  const header = headers['surrogate-key'] ?? headers['Surrogate-Key'];
  const keys = header ? header.split(' ').filter(Boolean) : [];
  return keys.length ? keys : [UNKEYED];
}

/** The first 22 characters of the SHA-1 in base64url, hashed in one call (no Hash object per page). */
export function etagOf(body: Buffer): string {
  return `"${hash('sha1', body, 'base64url').slice(0, 22)}"`;
}

/**
 * Whether the client's copy of the page is current: If-None-Match first
 * (a list, `*`, weak tags compared weakly), If-Modified-Since only without it
 * (RFC 9110 §13.1.1, §13.2.2).
 */
export function notModified(page: Pick<CachedPage, 'etag' | 'lastModified'>, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch === page.etag) return true;
    return ifNoneMatch.split(',').some((t) => {
      const tag = t.trim();
      return tag === '*' || tag.replace(/^W\//, '') === page.etag;
    });
  }
  if (ifModifiedSince === undefined || page.lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates count whole seconds.
  return !Number.isNaN(since) && Math.floor(page.lastModified / 1000) * 1000 <= since;
}
