import type { FastifyInstance } from 'fastify';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId } from '../store/ids.ts';
import { getMenus, putMenus } from './menus.service.ts';
import { createPage, deletePage, getPage, listPages, updatePage } from './pages.service.ts';
import { createSection, getSection, listSections, reorderSections, updateSection, type StructureDeps } from './sections.service.ts';

/**
 * The site's structure under /api/admin: sections, header and footer menus,
 * static pages. Anyone signed in reads them (the article editor lists the
 * sections); editors change them.
 */
export function structureRoutes(app: FastifyInstance, deps: StructureDeps): void {
  const noStore = { 'cache-control': 'no-store' };

  app.get<{ Querystring: { edition?: string } }>('/api/admin/sections', async (req, reply) => {
    need(req);
    return reply.headers(noStore).send({ sections: await listSections(deps, req.query.edition || undefined) });
  });
  app.post('/api/admin/sections', async (req, reply) => {
    const actor = need(req, 'editor');
    const section = await createSection(deps, req.body, actor);
    return reply.code(201).header('location', `/api/admin/sections/${section.id}`).send({ section });
  });
  // A fixed segment: the router tries it before `/:id`.
  app.put('/api/admin/sections/order', async (req, reply) => {
    const actor = need(req, 'editor');
    return reply.send({ sections: await reorderSections(deps, req.body, actor) });
  });
  app.get<{ Params: { id: string } }>('/api/admin/sections/:id', async (req, reply) => {
    need(req);
    return reply.headers(noStore).send({ section: await getSection(deps, pathId(req.params.id, 'section')) });
  });
  app.patch<{ Params: { id: string } }>('/api/admin/sections/:id', async (req, reply) => {
    const actor = need(req, 'editor');
    return reply.send({ section: await updateSection(deps, pathId(req.params.id, 'section'), req.body, actor) });
  });

  app.get<{ Params: { edition: string } }>('/api/admin/menus/:edition', async (req, reply) => {
    need(req, 'editor');
    return reply.headers(noStore).send({ edition: req.params.edition, ...(await getMenus(deps, req.params.edition)) });
  });
  app.put<{ Params: { edition: string } }>('/api/admin/menus/:edition', async (req, reply) => {
    const actor = need(req, 'editor');
    return reply.send({ edition: req.params.edition, ...(await putMenus(deps, req.params.edition, req.body, actor)) });
  });

  app.get<{ Querystring: { edition?: string } }>('/api/admin/pages', async (req, reply) => {
    need(req, 'editor');
    return reply.headers(noStore).send({ pages: await listPages(deps, req.query.edition || undefined) });
  });
  app.post('/api/admin/pages', async (req, reply) => {
    const actor = need(req, 'editor');
    const page = await createPage(deps, req.body, actor);
    return reply.code(201).header('location', `/api/admin/pages/${page.id}`).send({ page });
  });
  app.get<{ Params: { id: string } }>('/api/admin/pages/:id', async (req, reply) => {
    need(req, 'editor');
    return reply.headers(noStore).send({ page: await getPage(deps, pathId(req.params.id, 'page')) });
  });
  app.patch<{ Params: { id: string } }>('/api/admin/pages/:id', async (req, reply) => {
    const actor = need(req, 'editor');
    return reply.send({ page: await updatePage(deps, pathId(req.params.id, 'page'), req.body, actor) });
  });
  app.delete<{ Params: { id: string } }>('/api/admin/pages/:id', async (req, reply) => {
    const actor = need(req, 'editor');
    await deletePage(deps, pathId(req.params.id, 'page'), actor);
    return reply.code(204).send();
  });
}
