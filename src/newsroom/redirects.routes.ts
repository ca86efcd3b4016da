import type { FastifyInstance } from 'fastify';
import { createRedirect, deleteRedirect, listRedirects, type RedirectDeps } from '../content/redirects.ts';
import { queryPage } from '../store/ids.ts';
import { need } from './auth.plugin.ts';

/**
 * Former addresses of articles under /api/admin/redirects (editor+). A stored
 * address holds `/` and `?`, so a row is named by `?path=` rather than by a
 * path parameter, which would need double encoding.
 */
export function redirectsRoutes(app: FastifyInstance, deps: RedirectDeps): void {
  app.get<{ Querystring: { q?: string; page?: string } }>('/api/admin/redirects', async (req, reply) => {
    need(req, 'editor');
    return reply.header('cache-control', 'no-store').send(await listRedirects(deps, { q: req.query.q, page: queryPage(req.query.page) }));
  });

  app.post('/api/admin/redirects', async (req, reply) => {
    const actor = need(req, 'editor');
    const { redirect, replaced } = await createRedirect(deps, req.body, actor);
    // No Location: a redirect has no address of its own in this API (it is listed, and deleted by ?path=).
    return reply.code(replaced ? 200 : 201).send({ redirect, replaced });
  });

  app.delete<{ Querystring: { path?: string } }>('/api/admin/redirects', async (req, reply) => {
    const actor = need(req, 'editor');
    await deleteRedirect(deps, req.query.path ?? '', actor);
    return reply.code(204).send();
  });
}
