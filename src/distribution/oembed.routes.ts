import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CdnContract } from '../cdn/contract.ts';
import { DomainError } from '../errors.ts';
import { OEMBED_PATH } from './oembed-path.ts';
import { describeArticle, editionsAt, type OEmbedDeps } from './oembed.service.ts';

const SIZE = /^[1-9]\d{0,4}$/;

function fail(reply: FastifyReply, status: 400 | 404, code: 'bad_request' | 'not_found', message: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ code, message });
}

/**
 * `GET /oembed?url=…&format=json[&maxwidth=…&maxheight=…]`: oEmbed 1.0 for
 * article pages. JSON only (501 for XML, as the specification asks), 400 for
 * a URL of another site or a bad size, 404 for anything readers cannot see.
 */
export function oembedRoutes(app: FastifyInstance, deps: OEmbedDeps & { cdn: CdnContract }): void {
  app.get(OEMBED_PATH, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    // Public data, read by other sites' servers and browsers alike.
    reply.header('access-control-allow-origin', '*').header('x-content-type-options', 'nosniff');
    const format = q.format ?? 'json';
    if (format !== 'json') {
      return reply.code(501).type('text/plain; charset=utf-8').send('only format=json is implemented');
    }
    if (typeof q.url !== 'string' || !q.url) return fail(reply, 400, 'bad_request', 'url: required');
    let url: URL;
    try {
      url = new URL(q.url);
    } catch {
      return fail(reply, 400, 'bad_request', 'url: expected an absolute http(s) URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail(reply, 400, 'bad_request', 'url: expected an absolute http(s) URL');
    const size: Record<'maxwidth' | 'maxheight', number | undefined> = { maxwidth: undefined, maxheight: undefined };
    for (const k of ['maxwidth', 'maxheight'] as const) {
      if (q[k] === undefined) continue;
      if (typeof q[k] !== 'string' || !SIZE.test(q[k])) return fail(reply, 400, 'bad_request', `${k}: expected a positive whole number of pixels`);
      size[k] = Number(q[k]);
    }
    if (editionsAt(deps.site, url).length === 0) return fail(reply, 400, 'bad_request', `url: ${url.host} is not this site`);
    try {
      const { keys, ...body } = await describeArticle(deps, { url, maxWidth: size.maxwidth, maxHeight: size.maxheight });
      return reply.header('cache-control', deps.cdn.cacheControl.oembed).headers(deps.cdn.headers(keys)).type('application/json; charset=utf-8').send(body);
    } catch (e) {
      if (e instanceof DomainError && e.status === 404) return fail(reply, 404, 'not_found', e.message);
      throw e;
    }
  });
}
