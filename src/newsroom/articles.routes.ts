import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { lowerContains } from '../store/like.ts';
import { NotFound } from '../errors.ts';
import { createTranslation, markTranslationUpToDate, translationSource } from './translation.service.ts';
import { pathId, queryId, queryPage } from '../store/ids.ts';
import { diffArticles } from './article-diff.ts';
import { need } from './auth.plugin.ts';
import { createArticle, deleteArticle, getArticle, updateArticle, type ArticleDeps } from './articles.service.ts';
import { setHomeSlots } from './home.service.ts';
import { getRevision, homeSlots, listRevisions } from './newsroom.queries.ts';
import { readListParams } from './article-list.params.ts';
import { articleList } from './article-list.service.ts';
import type { SearchEngine } from '../search/search.types.ts';
import { transition, type TransitionInput } from './workflow.service.ts';

type Id = { Params: { id: string } };

/** Renders the public article page for any state of an article (the preview). */
export type PreviewRenderer = (articleId: number) => Promise<string>;

/** Articles, workflow, revisions, homepage and reference lists under /api/admin. */
export function articlesRoutes(app: FastifyInstance, deps: ArticleDeps & { search: SearchEngine; preview: PreviewRenderer; previewHeaders: Record<string, string> }): void {
  const id = (p: { id: string }) => pathId(p.id, 'article');
  const version = (p: { version: string }) => pathId(p.version, 'revision');

  app.get<{ Querystring: Record<string, string | undefined> }>('/api/admin/articles', async (req) => {
    need(req);
    return articleList(deps, readListParams(req.query, queryPage(req.query.page)));
  });

  app.post('/api/admin/articles', async (req, reply) => {
    const article = await createArticle(deps, req.body, need(req));
    return reply.code(201).header('etag', `"${article.version}"`).header('location', `/api/admin/articles/${article.id}`).send({ article });
  });

  app.get<Id>('/api/admin/articles/:id', async (req, reply) => {
    need(req);
    const article = await getArticle(deps, id(req.params));
    return reply.header('etag', `"${article.version}"`).header('cache-control', 'no-store').send({ article: { ...article, translationSource: await translationSource(deps, article.id) } });
  });

  app.put<Id>('/api/admin/articles/:id', async (req, reply) => {
    const article = await updateArticle(deps, id(req.params), req.body, req.headers['if-match'], need(req));
    return reply.header('etag', `"${article.version}"`).send({ article: { ...article, translationSource: await translationSource(deps, article.id) } });
  });

  /** "Traduire en…": a draft in another edition, linked to this article and to its current version. */
  app.post<Id>('/api/admin/articles/:id/translations', async (req, reply) => {
    const article = await createTranslation(deps, id(req.params), req.body, need(req));
    return reply
      .code(201)
      .header('etag', `"${article.version}"`)
      .header('location', `/api/admin/articles/${article.id}`)
      .send({ article: { ...article, translationSource: await translationSource(deps, article.id) } });
  });

  /** The translation was checked against its source as it is now. */
  app.post<Id>('/api/admin/articles/:id/translation-source/up-to-date', async (req) => {
    return { translationSource: await markTranslationUpToDate(deps, id(req.params), need(req)) };
  });

  app.delete<Id>('/api/admin/articles/:id', async (req, reply) => {
    await deleteArticle(deps, id(req.params), need(req));
    return reply.code(204).send();
  });

  app.post<Id & { Body: TransitionInput }>('/api/admin/articles/:id/transitions', async (req, reply) => {
    const article = await transition(deps, id(req.params), req.body, need(req));
    return reply.header('etag', `"${article.version}"`).send({ article });
  });

  app.get<Id>('/api/admin/articles/:id/revisions', async (req) => {
    need(req);
    return { revisions: await listRevisions(deps.db, id(req.params)) };
  });

  app.get<{ Params: { id: string; version: string } }>('/api/admin/articles/:id/revisions/:version', async (req) => {
    need(req);
    const article = await getRevision(deps.db, id(req.params), version(req.params));
    if (!article) throw new NotFound('no such revision');
    return { article };
  });

  /** What changed between two saved versions. */
  app.get<Id & { Querystring: { from?: string; to?: string } }>('/api/admin/articles/:id/compare', async (req) => {
    need(req);
    const [a, b] = await Promise.all([
      getRevision(deps.db, id(req.params), queryId(req.query.from, 'from', { required: true })),
      getRevision(deps.db, id(req.params), queryId(req.query.to, 'to', { required: true })),
    ]);
    if (!a || !b) throw new NotFound('no such revision (give ?from=VERSION&to=VERSION)');
    return { from: a.version, to: b.version, changes: diffArticles(a, b) };
  });

  /** Restoring is a save of the old content as a new version: nothing is lost. */
  app.post<{ Params: { id: string; version: string } }>('/api/admin/articles/:id/revisions/:version/restore', async (req, reply) => {
    const actor = need(req);
    const old = await getRevision(deps.db, id(req.params), version(req.params));
    if (!old) throw new NotFound('no such revision');
    const article = await updateArticle(deps, id(req.params), old, req.headers['if-match'], actor);
    return reply.header('etag', `"${article.version}"`).send({ article });
  });

  app.get<Id>('/api/admin/articles/:id/preview', async (req, reply) => {
    need(req);
    const html = await deps.preview(id(req.params));
    // The reader pages' headers (CSP with frame-ancestors): a preview shows the same untrusted content.
    return reply.headers(deps.previewHeaders).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('x-robots-tag', 'noindex').send(html);
  });

  app.get<{ Params: { edition: string } }>('/api/admin/home/:edition', async (req) => {
    need(req);
    return { slots: await homeSlots(deps.db, req.params.edition) };
  });

  app.put<{ Params: { edition: string }; Body: { articleIds?: unknown } }>('/api/admin/home/:edition', async (req) => {
    await setHomeSlots(deps, req.params.edition, req.body?.articleIds, need(req, 'editor'));
    return { slots: await homeSlots(deps.db, req.params.edition) };
  });

  // GET /api/admin/editions: src/content/editions.routes.ts; GET /api/admin/sections: src/structure/structure.routes.ts.

  /** Topics by name, for the list's filter: each with its edition, since a slug may be in several. */
  app.get<{ Querystring: { q?: string; edition?: string } }>('/api/admin/tags', async (req) => {
    need(req);
    let q = deps.db.selectFrom('tags').select(['id', 'edition', 'slug', 'name']).where('merged_into', 'is', null).orderBy('name').limit(50);
    if (req.query.q) q = q.where(lowerContains(sql.ref('name'), req.query.q));
    if (req.query.edition) q = q.where('edition', '=', req.query.edition);
    return { tags: await q.execute() };
  });

  // People quoted: /api/admin/people (src/people/people.routes.ts), which the quote block's suggestions read too.
}
