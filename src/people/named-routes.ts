import type { FastifyInstance } from 'fastify';
import { need } from '../newsroom/auth.plugin.ts';
import type { Actor } from '../newsroom/roles.ts';
import { pathId } from '../store/ids.ts';

type Query = Record<string, string | undefined>;

/**
 * The four Admin API routes of a named kind (quoted people, authors, topics):
 * the list (its query read by `list`), one entry, its change and its merge.
 * Reading: any newsroom member, never cached; writing: editor+. `one` names
 * the entry in the answer and in a bad id's message.
 */
export function namedRoutes(
  app: FastifyInstance,
  base: string,
  one: string,
  handlers: {
    list: (query: Query) => Promise<unknown>;
    get: (id: number) => Promise<unknown>;
    update: (id: number, body: unknown, actor: Actor) => Promise<unknown>;
    merge: (id: number, body: unknown, actor: Actor) => Promise<unknown>;
  },
): void {
  app.get<{ Querystring: Query }>(base, async (req, reply) => {
    need(req, 'contributor');
    return reply.header('cache-control', 'no-store').send(await handlers.list(req.query));
  });
  app.get<{ Params: { id: string } }>(`${base}/:id`, async (req, reply) => {
    need(req, 'contributor');
    return reply.header('cache-control', 'no-store').send({ [one]: await handlers.get(pathId(req.params.id, one)) });
  });
  app.patch<{ Params: { id: string } }>(`${base}/:id`, async (req) => {
    const actor = need(req, 'editor');
    return { [one]: await handlers.update(pathId(req.params.id, one), req.body, actor) };
  });
  app.post<{ Params: { id: string } }>(`${base}/:id/merge`, async (req) => {
    const actor = need(req, 'editor');
    return { [one]: await handlers.merge(pathId(req.params.id, one), req.body, actor) };
  });
}
