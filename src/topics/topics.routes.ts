import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from '../errors.ts';
import { namedRoutes } from '../people/named-routes.ts';
import { queryPage } from '../store/ids.ts';
import { getTopic, listTopics, mergeTopic, updateTopic, type TopicsDeps } from './topics.service.ts';

/** Topics under /api/admin/topics (editor+; reading: any newsroom member). */
export function topicsRoutes(app: FastifyInstance, deps: TopicsDeps): void {
  namedRoutes(app, '/api/admin/topics', 'topic', {
    list: (query) => {
      const { q, edition, featured } = query;
      if (featured !== undefined && featured !== 'true' && featured !== 'false') throw new ValidationFailed([{ field: 'featured', message: 'expected true or false' }]);
      return listTopics(deps, {
        q: typeof q === 'string' ? q : undefined,
        edition: typeof edition === 'string' && edition ? edition : undefined,
        featured: featured === undefined ? undefined : featured === 'true',
        page: queryPage(query.page),
      });
    },
    get: (id) => getTopic(deps, id),
    update: (id, body, actor) => updateTopic(deps, id, body, actor),
    merge: (id, body, actor) => mergeTopic(deps, id, body, actor),
  });
}
