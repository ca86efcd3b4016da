import type { FastifyInstance } from 'fastify';
import { need } from '../newsroom/auth.plugin.ts';
import { createEdition, getEdition, listEditions, updateEdition, type EditionDeps } from './edition.service.ts';

/**
 * Editions in the Admin API: everyone signed in reads them (the newsroom picks
 * an edition for each article); admins create and change them.
 */
export function editionsRoutes(app: FastifyInstance, deps: EditionDeps): void {
  app.get('/api/admin/editions', async (req, reply) => {
    need(req);
    return reply.header('cache-control', 'no-store').send({ editions: await listEditions(deps.db) });
  });
  app.get<{ Params: { code: string } }>('/api/admin/editions/:code', async (req, reply) => {
    need(req);
    return reply.header('cache-control', 'no-store').send({ edition: await getEdition(deps.db, req.params.code) });
  });
  app.post('/api/admin/editions', async (req, reply) => {
    const actor = need(req, 'admin');
    const edition = await createEdition(deps, req.body, actor);
    return reply.code(201).header('location', `/api/admin/editions/${encodeURIComponent(edition.code)}`).send({ edition });
  });
  app.patch<{ Params: { code: string } }>('/api/admin/editions/:code', async (req, reply) => {
    const actor = need(req, 'admin');
    return reply.send({ edition: await updateEdition(deps, req.params.code, req.body, actor) });
  });
}
