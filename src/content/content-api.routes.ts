import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CdnContract } from '../cdn/contract.ts';
import { API_LIST_KEY, key, SITE_KEY, type ResponseKeys } from '../cdn/keys.ts';
import type { Db } from '../store/db.ts';
import { contentOpenApi } from './content-api.openapi.ts';
import { getPublished, listPeople, listPublished, listSections, listTags, type ListQuery } from './content-api.service.ts';

export interface ContentApiDeps {
  db: Db;
  now: () => Date;
  /** The base of absolute URLs for editions without their own base URL. */
  publicUrl: string;
  cdn: CdnContract;
  /** MEDIA_PUBLIC_URL: picture URLs point there when set. */
  mediaUrl?: string;
}

/**
 * The public, read-only Content API under /api/content. No auth: it shows only
 * what the reader site shows. Answers are cached as pages are, named by
 * surrogate keys: a list by the Content API's list key and its articles, an
 * article by its own key. Errors are answered by the root error handler.
 */
export function contentApiRoutes(app: FastifyInstance, deps: ContentApiDeps): void {
  // Public and read-only: any site may read it.
  const ok = <T>(reply: FastifyReply, body: T, keys: ResponseKeys) =>
    reply.header('cache-control', deps.cdn.cacheControl.api).headers(deps.cdn.headers(keys)).header('access-control-allow-origin', '*').send(body);
  // A list holds at most MAX_LIMIT articles: their keys always fit.
  const lists: ResponseKeys = { own: [API_LIST_KEY, SITE_KEY] };

  const openapi = contentOpenApi(deps.publicUrl);
  app.get('/api/content/openapi.json', async (_req, reply) => reply.header('access-control-allow-origin', '*').send(openapi));

  app.get<{ Querystring: ListQuery }>('/api/content/articles', async (req, reply) => {
    const r = await listPublished(deps.db, req.query, deps.now(), deps.publicUrl, deps.mediaUrl);
    return ok(reply, r, { ...lists, listed: r.articles.map((a) => key.article(a.id)) });
  });

  app.get<{ Params: { edition: string; slug: string } }>('/api/content/articles/:edition/:slug', async (req, reply) => {
    const a = await getPublished(deps.db, req.params.edition, req.params.slug, deps.now(), deps.publicUrl, deps.mediaUrl);
    const images = a.body.flatMap((b) => (b.type === 'figure' ? [key.media(b.imageId)] : []));
    return ok(reply, a, { own: [key.article(a.id), key.edition(a.edition), SITE_KEY], listed: images, fallback: key.anyArticle(a.edition) });
  });

  app.get<{ Querystring: { edition?: string } }>('/api/content/sections', async (req, reply) => ok(reply, await listSections(deps.db, req.query.edition, deps.now()), lists));

  app.get<{ Querystring: { edition?: string; q?: string; cursor?: string; limit?: string } }>('/api/content/tags', async (req, reply) =>
    ok(reply, await listTags(deps.db, req.query.edition, req.query.q, deps.now(), { cursor: req.query.cursor, limit: req.query.limit }), lists),
  );

  app.get<{ Querystring: { q?: string; edition?: string; cursor?: string; limit?: string } }>('/api/content/people', async (req, reply) =>
    ok(reply, await listPeople(deps.db, req.query.q, deps.now(), req.query.edition, { cursor: req.query.cursor, limit: req.query.limit }), lists),
  );
}
