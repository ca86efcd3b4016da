import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Counters } from '../bus/counters.ts';
import { TooManyRequests } from '../errors.ts';

export interface RateLimit {
  /** Requests allowed per window; 0 turns the limit off. */
  limit: number;
  windowMs: number;
  /** The key a request is counted under, or null to count it nowhere. */
  key(req: FastifyRequest): string | null;
  now: () => Date;
  /** Headers every answer of the scope carries, the refusal too (CORS for a public API, so that browsers can read it). */
  headers?: Record<string, string>;
}

/**
 * Counts each request of the scope under its key, and answers 429 with
 * Retry-After past the limit (the error handler writes the JSON error).
 */
export function rateLimit(scope: FastifyInstance, counters: Counters, opts: RateLimit): void {
  if (opts.limit <= 0) return;
  scope.addHook('onRequest', async (req, reply) => {
    const key = opts.key(req);
    if (key === null) return;
    const now = opts.now();
    const { count, endsAt } = await counters.hit(key, opts.windowMs, now);
    const left = Math.max(0, opts.limit - count);
    reply.header('ratelimit-limit', String(opts.limit)).header('ratelimit-remaining', String(left));
    if (count > opts.limit) {
      // Never kept by a CDN or a browser: the next minute answers again.
      reply.header('cache-control', 'no-store');
      for (const [name, value] of Object.entries(opts.headers ?? {})) reply.header(name, value);
      throw new TooManyRequests(`more than ${opts.limit} requests a minute; slow down`, Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)));
    }
  });
}

/** Content API calls are counted per client address (as TRUST_PROXY lets us know it). */
export const byAddress = (prefix: string) => (req: FastifyRequest) => `${prefix}:ip:${req.ip}`;

/** Admin API calls with a bearer token are counted per token (its hash: the token itself is never kept). */
export const byBearerToken = (prefix: string) => (req: FastifyRequest) => {
  const auth = req.headers.authorization;
  if (!auth?.startsWith('Bearer ')) return null;
  return `${prefix}:token:${createHash('sha256').update(auth.slice(7).trim()).digest('hex').slice(0, 32)}`;
};
