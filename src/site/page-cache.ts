import { createHash } from 'node:crypto';

/** A rendered page kept as encoded bytes, ready to send. */
export interface CachedPage {
  status: number;
  body: Buffer;
  etag: string;
  expires: number;
  /** Headers kept with the page: its surrogate keys (src/cdn/keys.ts), so that a cached answer names them too. */
  headers: Record<string, string>;
}

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

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
  render(status: number, html: string, headers: Record<string, string> = NO_HEADERS): CachedPage {
    const body = Buffer.from(html, 'utf8');
    return { status, body, etag: etagOf(body), expires: this.now() + this.ttlMs, headers };
  }

  /** Encodes the page once and keeps it; returns what to send. */
  put(key: string, status: number, html: string, headers?: Record<string, string>): CachedPage {
    const page = this.render(status, html, headers);
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

export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}
