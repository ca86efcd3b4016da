import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BadRequest, Conflict, DomainError, PreconditionFailed, TooManyRequests, Unavailable, ValidationFailed } from '../errors.ts';
import { cdnContract, type CdnContract } from '../cdn/contract.ts';
import { errorPage } from './pages.ts';
import { localiseRefusal, requestLanguage } from '../newsroom/admin-language.ts';
import type { SiteState } from './site-state.ts';

/**
 * Errors Fastify's router raises before any route runs: an address whose
 * percent-encoding does not decode (`/fr/%FF`), or a path segment longer than
 * any slug or id. Nothing can be found at such an address, so it is a 404:
 * readers get the edition's page, APIs our JSON (400 `bad_request` for an
 * address that does not decode).
 */
const UNROUTABLE = new Set(['FST_ERR_BAD_URL', 'FST_ERR_MAX_PARAM_LENGTH']);

/**
 * For Fastify's `frameworkErrors` option: sends the router's own errors
 * through the root error handler, which the router would otherwise bypass
 * with an English JSON answer of its own.
 */
export function routerErrors(server: () => FastifyInstance) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => server().errorHandler(err, req, reply);
}

/**
 * The one place errors become HTTP: JSON `{code, message, field?}` for APIs,
 * a rendered page for readers. Unknown errors are logged with their cause and
 * answered as a plain 500.
 */
export function installErrorHandler(
  app: FastifyInstance,
  site: SiteState,
  cdn: CdnContract = cdnContract({ purging: false, keyHeader: 'surrogate-key' }),
  /** Where a reader address that is no longer found has gone (a renamed section's feeds): answered 301. */
  movedTo?: (url: string) => Promise<string | null>,
): void {
  const missHeaders = { ...cdn.missHeaders, 'cache-control': cdn.cacheControl.miss };
  app.setErrorHandler(async (err: FastifyError | Error, req, reply) => {
    const isApi = req.url.startsWith('/api/');
    let status = 500;
    let body: { code: string; message: string; field?: string; issues?: unknown; [k: string]: unknown } = { code: 'internal', message: 'Internal server error' };
    if (err instanceof DomainError) {
      status = err.status;
      body = { code: err.code, message: err.message };
      if (err instanceof ValidationFailed) {
        body.field = err.issues[0]?.field;
        body.issues = err.issues;
      }
      if (err instanceof Conflict && err.issues.length) body.issues = err.issues;
      if (err instanceof BadRequest && err.issues.length) {
        body.field = err.issues[0].field;
        body.issues = err.issues;
      }
      if (err instanceof PreconditionFailed) Object.assign(body, err.details);
      if (err instanceof TooManyRequests) reply.header('retry-after', String(err.retryAfterSeconds));
      if (err instanceof Unavailable) {
        // An outage answer must not be kept by a CDN or a browser once the store is back.
        reply.header('retry-after', String(err.retryAfterSeconds)).header('cache-control', 'no-store');
        req.log.warn({ err: err.cause ?? err, url: req.url }, 'database unavailable');
      }
    } else if (UNROUTABLE.has((err as FastifyError).code)) {
      const undecodable = (err as FastifyError).code === 'FST_ERR_BAD_URL';
      status = isApi && undecodable ? 400 : 404;
      body = undecodable ? { code: 'bad_request', message: 'the address is not valid percent-encoded UTF-8' } : { code: 'not_found', message: 'no page at this address' };
    } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
      status = (err as FastifyError).statusCode!;
      body = { code: 'bad_request', message: err.message };
    } else {
      req.log.error({ err }, 'unhandled error');
    }
    // The Admin API answers in the caller's admin language where it has the words (src/newsroom/admin-language.ts).
    if (req.url.startsWith('/api/admin')) {
      const local = localiseRefusal(body, requestLanguage(req));
      body = local.body;
      reply.header('content-language', local.lang);
    }
    reply.code(status);
    // A 404 or 410 may be kept briefly by a CDN (every change purges it); other errors, and the newsroom's, never.
    if ((status === 404 || status === 410) && !req.url.startsWith('/api/admin')) reply.headers(missHeaders);
    else if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (isApi) return reply.send(body);
    const moved = status === 404 && movedTo && (req.method === 'GET' || req.method === 'HEAD') ? await movedTo(req.url).catch(() => null) : null;
    if (moved) return reply.code(301).header('location', moved).send();
    const first = req.url.split('/')[1]?.split('?')[0] ?? '';
    // Outside an edition's path prefix the page is in the language of the edition whose own host this is.
    const ctx = site.context(first) ?? site.hostContext(req.host) ?? site.defaultContext();
    if (!site.context(first) && site.hasOwnHosts()) reply.header('vary', 'Host');
    if (!ctx) return reply.type('text/plain; charset=utf-8').send(body.message);
    return reply.type('text/html; charset=utf-8').send(errorPage(ctx, status === 404 || status === 410 || status === 503 ? status : 500));
  });
}
