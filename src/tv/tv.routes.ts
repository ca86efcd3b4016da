import type { FastifyInstance } from 'fastify';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId } from '../store/ids.ts';
import { getChannel, putChannel, type TvDeps } from './channel.service.ts';
import { pollChannel, type SchedulePollDeps } from './schedule.poller.ts';
import { createProgramme, createShow, deleteProgramme, deleteShow, getProgramme, getShow, listProgrammes, listShows, updateProgramme, updateShow } from './schedule.service.ts';

/**
 * The live channel and its schedule in the Admin API: the channel's settings
 * per edition (admins change them; the newsroom reads them), the schedule's
 * programmes and shows (editors and above), and "import now" of the channel's
 * XMLTV source.
 */
export function tvRoutes(app: FastifyInstance, deps: TvDeps & SchedulePollDeps): void {
  app.get<{ Params: { edition: string } }>('/api/admin/channels/:edition', async (req, reply) => {
    need(req, 'contributor');
    return reply.header('cache-control', 'no-store').send({ channel: await getChannel(deps, req.params.edition) });
  });

  app.put<{ Params: { edition: string } }>('/api/admin/channels/:edition', async (req, reply) => {
    const actor = need(req, 'admin');
    return reply.send({ channel: await putChannel(deps, req.params.edition, req.body, actor) });
  });

  // Fetches the channel's XMLTV URL now, as the worker would; answers what was imported, or why not.
  app.post<{ Params: { edition: string } }>('/api/admin/channels/:edition/schedule-import', async (req, reply) => {
    const actor = need(req, 'editor');
    const outcome = await pollChannel(deps, req.params.edition, {}, actor);
    return reply.send({ outcome, channel: await getChannel(deps, req.params.edition) });
  });

  app.get<{ Querystring: { edition?: string } }>('/api/admin/shows', async (req, reply) => {
    need(req, 'contributor');
    return reply.header('cache-control', 'no-store').send({ shows: await listShows(deps, req.query.edition) });
  });
  app.get<{ Params: { id: string } }>('/api/admin/shows/:id', async (req, reply) => {
    need(req, 'contributor');
    return reply.header('cache-control', 'no-store').send({ show: await getShow(deps, pathId(req.params.id, 'show')) });
  });
  app.post('/api/admin/shows', async (req, reply) => {
    const actor = need(req, 'editor');
    const show = await createShow(deps, req.body, actor);
    return reply.code(201).header('location', `/api/admin/shows/${show.id}`).send({ show });
  });
  app.patch<{ Params: { id: string } }>('/api/admin/shows/:id', async (req, reply) => {
    const actor = need(req, 'editor');
    return reply.send({ show: await updateShow(deps, pathId(req.params.id, 'show'), req.body, actor) });
  });
  app.delete<{ Params: { id: string } }>('/api/admin/shows/:id', async (req, reply) => {
    const actor = need(req, 'editor');
    await deleteShow(deps, pathId(req.params.id, 'show'), actor);
    return reply.code(204).send();
  });

  app.get<{ Querystring: { edition?: string; date?: string; show?: string } }>('/api/admin/programmes', async (req, reply) => {
    need(req, 'contributor');
    return reply.header('cache-control', 'no-store').send(await listProgrammes(deps, req.query));
  });
  app.get<{ Params: { id: string } }>('/api/admin/programmes/:id', async (req, reply) => {
    need(req, 'contributor');
    return reply.header('cache-control', 'no-store').send({ programme: await getProgramme(deps, pathId(req.params.id, 'programme')) });
  });
  app.post('/api/admin/programmes', async (req, reply) => {
    const actor = need(req, 'editor');
    const programme = await createProgramme(deps, req.body, actor);
    return reply.code(201).header('location', `/api/admin/programmes/${programme.id}`).send({ programme });
  });
  app.patch<{ Params: { id: string } }>('/api/admin/programmes/:id', async (req, reply) => {
    const actor = need(req, 'editor');
    return reply.send({ programme: await updateProgramme(deps, pathId(req.params.id, 'programme'), req.body, actor) });
  });
  app.delete<{ Params: { id: string } }>('/api/admin/programmes/:id', async (req, reply) => {
    const actor = need(req, 'editor');
    await deleteProgramme(deps, pathId(req.params.id, 'programme'), actor);
    return reply.code(204).send();
  });
}
