import type { FastifyInstance } from 'fastify';
import { queryPage } from '../store/ids.ts';
import { getAuthor, listAuthors, mergeAuthor, updateAuthor } from './authors.service.ts';
import { namedRoutes } from './named-routes.ts';
import { getPerson, listPeople, mergePerson, updatePerson, type PeopleDeps } from './people.service.ts';

/** Quoted people and authors under /api/admin/people and /api/admin/authors (editor+; reading: any newsroom member). */
export function peopleRoutes(app: FastifyInstance, deps: PeopleDeps): void {
  const search = (query: Record<string, string | undefined>) => ({ q: typeof query.q === 'string' ? query.q : undefined, page: queryPage(query.page) });
  namedRoutes(app, '/api/admin/people', 'person', {
    list: (query) => listPeople(deps, search(query)),
    get: (id) => getPerson(deps, id),
    update: (id, body, actor) => updatePerson(deps, id, body, actor),
    merge: (id, body, actor) => mergePerson(deps, id, body, actor),
  });
  namedRoutes(app, '/api/admin/authors', 'author', {
    list: (query) => listAuthors(deps, search(query)),
    get: (id) => getAuthor(deps, id),
    update: (id, body, actor) => updateAuthor(deps, id, body, actor),
    merge: (id, body, actor) => mergeAuthor(deps, id, body, actor),
  });
}
