import type { FastifyInstance } from 'fastify';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId } from '../store/ids.ts';
import { createAlert, endAlert, listAlerts, type AlertDeps } from './alerts.service.ts';

/** Breaking-news alerts under /api/admin/alerts: editors create and end them; the newsroom lists them. */
export function alertsRoutes(app: FastifyInstance, deps: AlertDeps): void {
  app.get('/api/admin/alerts', async (req, reply) => {
    need(req, 'contributor');
    return reply.header('cache-control', 'no-store').send({ alerts: await listAlerts(deps) });
  });

  app.post('/api/admin/alerts', async (req, reply) => {
    const actor = need(req, 'editor');
    const alert = await createAlert(deps, req.body, actor);
    return reply.code(201).header('location', `/api/admin/alerts/${alert.id}`).send({ alert });
  });

  app.delete<{ Params: { id: string } }>('/api/admin/alerts/:id', async (req, reply) => {
    const actor = need(req, 'editor');
    await endAlert(deps, pathId(req.params.id, 'alert'), actor);
    return reply.code(204).send();
  });
}
