import type { FastifyInstance } from 'fastify';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId, queryPage } from '../store/ids.ts';
import { getAuthor, listAuthors, mergeAuthor, updateAuthor } from './authors.service.ts';
import { getPerson, listPeople, mergePerson, updatePerson, type PeopleDeps } from './people.service.ts';

/** Quoted people and authors under /api/admin/people and /api/admin/authors (editor+; reading: any newsroom member). */
export function peopleRoutes(app: FastifyInstance, deps: PeopleDeps): void {
  const noStore = { 'cache-control': 'no-store' };
  app.get<{ Querystring: { q?: string; page?: string } }>('/api/admin/people', async (req, reply) => {
    need(req, 'contributor');
    return reply.headers(noStore).send(await listPeople(deps, { q: typeof req.query.q === 'string' ? req.query.q : undefined, page: queryPage(req.query.page) }));
  });
  app.get<{ Params: { id: string } }>('/api/admin/people/:id', async (req, reply) => {
    need(req, 'contributor');
    return reply.headers(noStore).send({ person: await getPerson(deps, pathId(req.params.id, 'person')) });
  });
  app.patch<{ Params: { id: string } }>('/api/admin/people/:id', async (req) => {
    const actor = need(req, 'editor');
    return { person: await updatePerson(deps, pathId(req.params.id, 'person'), req.body, actor) };
  });
  app.post<{ Params: { id: string } }>('/api/admin/people/:id/merge', async (req) => {
    const actor = need(req, 'editor');
    return { person: await mergePerson(deps, pathId(req.params.id, 'person'), req.body, actor) };
  });

  app.get<{ Querystring: { q?: string; page?: string } }>('/api/admin/authors', async (req, reply) => {
    need(req, 'contributor');
    return reply.headers(noStore).send(await listAuthors(deps, { q: typeof req.query.q === 'string' ? req.query.q : undefined, page: queryPage(req.query.page) }));
  });
  app.get<{ Params: { id: string } }>('/api/admin/authors/:id', async (req, reply) => {
    need(req, 'contributor');
    return reply.headers(noStore).send({ author: await getAuthor(deps, pathId(req.params.id, 'author')) });
  });
  app.patch<{ Params: { id: string } }>('/api/admin/authors/:id', async (req) => {
    const actor = need(req, 'editor');
    return { author: await updateAuthor(deps, pathId(req.params.id, 'author'), req.body, actor) };
  });
  app.post<{ Params: { id: string } }>('/api/admin/authors/:id/merge', async (req) => {
    const actor = need(req, 'editor');
    return { author: await mergeAuthor(deps, pathId(req.params.id, 'author'), req.body, actor) };
  });
}
