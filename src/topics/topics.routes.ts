import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from '../errors.ts';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId, queryPage } from '../store/ids.ts';
import { getTopic, listTopics, mergeTopic, updateTopic, type TopicsDeps } from './topics.service.ts';

/** Topics under /api/admin/topics (editor+; reading: any newsroom member). */
export function topicsRoutes(app: FastifyInstance, deps: TopicsDeps): void {
  app.get<{ Querystring: { q?: string; edition?: string; featured?: string; page?: string } }>('/api/admin/topics', async (req, reply) => {
    need(req, 'contributor');
    const { q, edition, featured } = req.query;
    if (featured !== undefined && featured !== 'true' && featured !== 'false') throw new ValidationFailed([{ field: 'featured', message: 'expected true or false' }]);
    const result = await listTopics(deps, {
      q: typeof q === 'string' ? q : undefined,
      edition: typeof edition === 'string' && edition ? edition : undefined,
      featured: featured === undefined ? undefined : featured === 'true',
      page: queryPage(req.query.page),
    });
    return reply.header('cache-control', 'no-store').send(result);
  });
  app.get<{ Params: { id: string } }>('/api/admin/topics/:id', async (req, reply) => {
    need(req, 'contributor');
    return reply.header('cache-control', 'no-store').send({ topic: await getTopic(deps, pathId(req.params.id, 'topic')) });
  });
  app.patch<{ Params: { id: string } }>('/api/admin/topics/:id', async (req) => {
    const actor = need(req, 'editor');
    return { topic: await updateTopic(deps, pathId(req.params.id, 'topic'), req.body, actor) };
  });
  app.post<{ Params: { id: string } }>('/api/admin/topics/:id/merge', async (req) => {
    const actor = need(req, 'editor');
    return { topic: await mergeTopic(deps, pathId(req.params.id, 'topic'), req.body, actor) };
  });
}
