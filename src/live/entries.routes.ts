import type { FastifyInstance } from 'fastify';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId, queryId, queryNumber } from '../store/ids.ts';
import { createEntry, deleteEntry, getEntry, listEntries, runningLives, updateEntry, type EntryDeps } from './entries.service.ts';
import { endLive, entryFromWire, entryToArticle } from './live-actions.ts';

type Id = { Params: { id: string } };
type EntryId = { Params: { id: string; entryId: string } };

/** A live's entries under /api/admin/articles/{id}/entries (docs/live.md). */
export function entriesRoutes(app: FastifyInstance, deps: EntryDeps): void {
  const article = (p: { id: string }) => pathId(p.id, 'article');
  const entry = (p: { entryId: string }) => pathId(p.entryId, 'entry');
  const base = (id: number) => `/api/admin/articles/${id}/entries`;

  app.get<{ Querystring: { edition?: string } }>('/api/admin/lives', async (req, reply) => {
    need(req);
    return reply.header('cache-control', 'no-store').send({ lives: await runningLives(deps, req.query.edition || undefined) });
  });

  app.get<Id & { Querystring: { status?: string; before?: string; limit?: string } }>('/api/admin/articles/:id/entries', async (req, reply) => {
    need(req);
    const page = await listEntries(deps, article(req.params), {
      status: req.query.status || undefined,
      before: queryId(req.query.before, 'before'),
      limit: queryNumber(req.query.limit, 'limit', { min: 1, max: 200, fallback: 50 }),
    });
    return reply.header('cache-control', 'no-store').send(page);
  });

  app.post<Id>('/api/admin/articles/:id/entries', async (req, reply) => {
    const id = article(req.params);
    const e = await createEntry(deps, id, req.body, need(req));
    return reply.code(201).header('etag', `"${e.version}"`).header('location', `${base(id)}/${e.id}`).send({ entry: e });
  });

  app.post<Id>('/api/admin/articles/:id/entries/from-wire', async (req, reply) => {
    const id = article(req.params);
    const e = await entryFromWire(deps, id, req.body, need(req));
    return reply.code(201).header('etag', `"${e.version}"`).header('location', `${base(id)}/${e.id}`).send({ entry: e });
  });

  app.get<EntryId>('/api/admin/articles/:id/entries/:entryId', async (req, reply) => {
    need(req);
    const e = await getEntry(deps, article(req.params), entry(req.params));
    return reply.header('etag', `"${e.version}"`).header('cache-control', 'no-store').send({ entry: e });
  });

  app.put<EntryId>('/api/admin/articles/:id/entries/:entryId', async (req, reply) => {
    const e = await updateEntry(deps, article(req.params), entry(req.params), req.body, req.headers['if-match'], need(req));
    return reply.header('etag', `"${e.version}"`).send({ entry: e });
  });

  app.delete<EntryId>('/api/admin/articles/:id/entries/:entryId', async (req, reply) => {
    await deleteEntry(deps, article(req.params), entry(req.params), need(req));
    return reply.code(204).send();
  });

  app.post<EntryId>('/api/admin/articles/:id/entries/:entryId/article', async (req, reply) => {
    const { article: made, entry: e } = await entryToArticle(deps, article(req.params), entry(req.params), need(req));
    return reply.code(201).header('location', `/api/admin/articles/${made.id}`).send({ article: made, entry: e });
  });

  app.post<Id>('/api/admin/articles/:id/live/end', async (req, reply) => {
    const a = await endLive(deps, article(req.params), need(req, 'editor'));
    return reply.header('etag', `"${a.version}"`).send({ article: a });
  });
}
