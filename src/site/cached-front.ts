import http from 'node:http';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { notModified, type CachedPage, type PageCache } from './page-cache.ts';

/** Sends a kept page through Fastify: its stored headers, then 304 or the bytes. */
export function replyWithPage(req: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  reply.headers(page.headers);
  if (notModified(page, req.headers['if-none-match'], req.headers['if-modified-since'])) return reply.code(304).send();
  return reply.code(page.status).send(page.body);
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** The value of a request header by its lower-case name, read from the raw list (no header object is built). */
function rawHeader(raw: string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const h = raw[i]!;
    if (h.length === name.length && h.toLowerCase() === name) return raw[i + 1];
  }
  return undefined;
}

/**
 * The page cache's front door. Fastify runs routing, hooks, a request and a
 * reply object and a promise for every request; for a page already kept as
 * bytes that is most of the cost. This `request` listener, in front of
 * Fastify on the same node:http server, answers a plain GET whose URL is a
 * kept page (no query string: the routes decide what a query means) with the
 * page's stored headers and bytes, or 304, and writes the same one log line
 * per request as the rest of the site; anything else goes to Fastify.
 *
 * A page is kept only by the route that answers its URL, the cache is emptied
 * on every content change, and the routes' own hooks refuse nothing a kept
 * URL can carry, so the answer is the one Fastify would give.
 */
export class CachedFront {
  private cache: PageCache | undefined;
  private log: FastifyBaseLogger | undefined;
  private closing = false;
  private nextId = 0;

  /** Request ids for both paths, from one counter: `req-1`, `req-2`… as Fastify numbers them. */
  readonly genReqId = (): string => {
    this.nextId = (this.nextId + 1) & 0x7fffffff;
    return `req-${this.nextId.toString(36)}`;
  };

  /** For Fastify's `serverFactory`: the HTTP server Fastify would make, with this listener first. */
  readonly serverFactory = (fastify: Handler, opts: FastifyServerOptions): http.Server => {
    const server = http.createServer((req, res) => {
      if (!this.answer(req, res)) fastify(req, res);
    });
    // What Fastify sets on the servers it makes itself.
    if (opts.keepAliveTimeout !== undefined) server.keepAliveTimeout = opts.keepAliveTimeout;
    if (opts.requestTimeout !== undefined) server.requestTimeout = opts.requestTimeout;
    if (opts.connectionTimeout !== undefined) server.setTimeout(opts.connectionTimeout);
    if (opts.maxRequestsPerSocket) server.maxRequestsPerSocket = opts.maxRequestsPerSocket;
    return server;
  };

  private byHost: () => boolean = () => false;

  /**
   * Starts answering from `cache`, logging to `log`. While `byHost()` holds (an edition
   * has a host name of its own), `/` depends on the Host and always goes to Fastify.
   */
  attach(cache: PageCache, log: FastifyBaseLogger, byHost?: () => boolean): void {
    this.cache = cache;
    this.log = log;
    if (byHost) this.byHost = byHost;
  }

  /** From now on every request goes to Fastify, which answers 503 while the server closes. */
  close(): void {
    this.closing = true;
  }

  /** Answers the request if it is for a kept page; returns false, having done nothing, otherwise. */
  private answer(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (this.closing || req.method !== 'GET' || this.cache === undefined) return false;
    const url = req.url!;
    if (url.includes('?')) return false;
    if (url === '/' && this.byHost()) return false;
    const page = this.cache.get(url);
    if (page === undefined) return false;
    const start = performance.now();
    const raw = req.rawHeaders;
    const status = notModified(page, rawHeader(raw, 'if-none-match'), rawHeader(raw, 'if-modified-since')) ? 304 : page.status;
    if (status === 304) {
      res.writeHead(304, page.wire304 as string[]);
      res.end();
    } else {
      res.writeHead(status, page.wire as string[]);
      res.end(page.body);
    }
    this.log!.info({ reqId: this.genReqId(), method: 'GET', url, status, ms: Math.round((performance.now() - start) * 10) / 10 }, 'request');
    return true;
  }
}
