import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId, queryId, queryNumber } from '../store/ids.ts';
import { adoptItem, dismissItem, listItems } from './items.service.ts';
import { receiveNinjs } from './poller.ts';
import { createSource, deleteSource, listSources, type IngestDeps, type SourceDeps } from './sources.service.ts';

type Id = { Params: { id: string } };

const idOf = (p: { id: string }, what: string) => pathId(p.id, what);

/** Wire ingest under /api/admin/ingest: sources (editor+), the incoming queue (contributor+). */
export function ingestRoutes(app: FastifyInstance, deps: IngestDeps & { config: Pick<Config, 'publicUrl' | 'ingestDir'> }): void {
  const sourceDeps: SourceDeps = { ...deps, ingestDir: deps.config.ingestDir };
  app.get('/api/admin/ingest/sources', async (req) => {
    need(req, 'editor');
    return { sources: await listSources(sourceDeps) };
  });

  app.post('/api/admin/ingest/sources', async (req, reply) => {
    const actor = need(req, 'editor');
    const source = await createSource(sourceDeps, req.body, actor);
    return reply.code(201).header('location', `/api/admin/ingest/sources/${source.id}`).send({ source });
  });

  app.delete<Id>('/api/admin/ingest/sources/:id', async (req, reply) => {
    const actor = need(req, 'editor');
    await deleteSource(deps, idOf(req.params, 'ingest source'), actor);
    return reply.code(204).send();
  });

  app.get<{ Querystring: { status?: string; source?: string; limit?: string; q?: string } }>('/api/admin/ingest/items', async (req) => {
    need(req, 'contributor');
    const sourceId = queryId(req.query.source, 'source');
    const limit = queryNumber(req.query.limit, 'limit', { min: 1, max: 500, fallback: 100 });
    return { items: await listItems(deps, { status: req.query.status, sourceId, limit, q: req.query.q }) };
  });

  app.post<Id>('/api/admin/ingest/items/:id/adopt', async (req, reply) => {
    const actor = need(req, 'contributor');
    const { item, article } = await adoptItem(deps, idOf(req.params, 'ingest item'), actor);
    return reply.code(201).header('location', `/api/admin/articles/${article.id}`).send({ item, article });
  });

  app.post<Id>('/api/admin/ingest/items/:id/dismiss', async (req) => {
    const actor = need(req, 'contributor');
    return { item: await dismissItem(deps, idOf(req.params, 'ingest item'), actor) };
  });

  app.post<{ Querystring: { source?: string } }>('/api/admin/ingest/ninjs', async (req, reply) => {
    const actor = need(req, 'editor');
    const sourceId = queryId(req.query.source, 'source', { required: true });
    return reply.code(202).send(await receiveNinjs(deps, sourceId, req.body, actor));
  });
}
