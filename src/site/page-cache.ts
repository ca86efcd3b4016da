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
 * Rendered pages by URL, bounded in count, emptied on every content change.
 * Entries also expire after `ttlMs`, so an article whose publication time
 * arrives appears without a write. An expired entry stays (within the bound)
 * until it is replaced, so it can still be served while the database is down.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
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

  /** Encodes the page once and keeps it; returns what to send. */
  put(key: string, status: number, text: string, opts: PageOptions = {}): CachedPage {
    const page = this.render(status, text, opts);
    if (this.enabled) {
      if (this.pages.size >= this.maxEntries) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(key, page);
    }
    return page;
  }

  clear(): void {
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }
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
