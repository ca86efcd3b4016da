import type { FastifyError, FastifyInstance } from 'fastify';
import { Conflict, DomainError, PreconditionFailed, TooManyRequests, Unavailable, ValidationFailed } from '../errors.ts';
import { errorPage } from './pages.ts';
import type { SiteState } from './site-state.ts';

/**
 * The one place errors become HTTP: JSON `{code, message, field?}` for APIs,
 * a rendered page for readers. Unknown errors are logged with their cause and
 * answered as a plain 500.
 */
export function installErrorHandler(app: FastifyInstance, site: SiteState): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
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
      if (err instanceof PreconditionFailed) Object.assign(body, err.details);
      if (err instanceof TooManyRequests) reply.header('retry-after', String(err.retryAfterSeconds));
      if (err instanceof Unavailable) {
        // An outage answer must not be kept by a CDN or a browser once the store is back.
        reply.header('retry-after', String(err.retryAfterSeconds)).header('cache-control', 'no-store');
        req.log.warn({ err: err.cause ?? err, url: req.url }, 'database unavailable');
      }
    } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
      status = (err as FastifyError).statusCode!;
      body = { code: 'bad_request', message: err.message };
    } else {
      req.log.error({ err }, 'unhandled error');
    }
    reply.code(status);
    if (isApi) return reply.send(body);
    const first = req.url.split('/')[1]?.split('?')[0] ?? '';
    const ctx = site.context(first) ?? site.defaultContext();
    if (!ctx) return reply.type('text/plain; charset=utf-8').send(body.message);
    return reply.type('text/html; charset=utf-8').send(errorPage(ctx, status === 404 || status === 410 || status === 503 ? status : 500));
  });
}
