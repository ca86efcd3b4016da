import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../store/db.ts';
import { getPublished, listPeople, listPublished, listSections, listTags, type ListQuery } from './content-api.service.ts';

export interface ContentApiDeps {
  db: Db;
  now: () => Date;
  /** The base of absolute URLs for editions without their own base URL. */
  publicUrl: string;
}

/**
 * The public, read-only Content API under /api/content. No auth: it shows only
 * what the reader site shows. Answers may be cached briefly, as pages are;
 * errors are not marked cacheable (the root error handler answers them).
 */
export function contentApiRoutes(app: FastifyInstance, deps: ContentApiDeps): void {
  // Public and read-only: any site may read it.
  const ok = <T>(reply: FastifyReply, body: T) => reply.header('cache-control', 'public, max-age=30').header('access-control-allow-origin', '*').send(body);

  app.get<{ Querystring: ListQuery }>('/api/content/articles', async (req, reply) =>
    ok(reply, await listPublished(deps.db, req.query, deps.now(), deps.publicUrl)),
  );

  app.get<{ Params: { edition: string; slug: string } }>('/api/content/articles/:edition/:slug', async (req, reply) =>
    ok(reply, await getPublished(deps.db, req.params.edition, req.params.slug, deps.now(), deps.publicUrl)),
  );

  app.get<{ Querystring: { edition?: string } }>('/api/content/sections', async (req, reply) => ok(reply, await listSections(deps.db, req.query.edition, deps.now())));

  app.get<{ Querystring: { edition?: string; q?: string; cursor?: string; limit?: string } }>('/api/content/tags', async (req, reply) =>
    ok(reply, await listTags(deps.db, req.query.edition, req.query.q, deps.now(), { cursor: req.query.cursor, limit: req.query.limit })),
  );

  app.get<{ Querystring: { q?: string; edition?: string; cursor?: string; limit?: string } }>('/api/content/people', async (req, reply) =>
    ok(reply, await listPeople(deps.db, req.query.q, deps.now(), req.query.edition, { cursor: req.query.cursor, limit: req.query.limit })),
  );
}
