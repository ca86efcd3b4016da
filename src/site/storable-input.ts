import type { FastifyInstance } from 'fastify';
import { NotFound, ValidationFailed } from '../errors.ts';
import { unstorableTextIssues } from '../store/storable-text.ts';

/** `%00` anywhere in the path or the query string: decoded, a U+0000 that PostgreSQL cannot take in a look-up. */
const NUL_ESCAPE = /%00/i;

/**
 * Every address that carries U+0000 names nothing: 404 before any route
 * (reader pages, Content API, feeds, oEmbed, Admin API, redirects) decodes it
 * into a query. Registered on the root, ahead of every route.
 */
export function refuseNulAddresses(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs for every request, cached pages included.
  app.addHook('onRequest', (req, _reply, done) => done(NUL_ESCAPE.test(req.url) ? new NotFound('no page at this address') : undefined));
}

/**
 * Every string of a JSON body (field names included) must be text both
 * databases store alike: 422 naming the field otherwise. Registered in the
 * Admin API's scope after its auth hook, so it covers every write there.
 */
export function refuseUnstorableBodies(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    if (req.body === undefined || req.body === null) return;
    const issues = unstorableTextIssues(req.body, typeof req.body === 'string' ? 'body' : '');
    if (issues.length) throw new ValidationFailed(issues);
  });
}
