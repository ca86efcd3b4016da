import type { FastifyInstance } from 'fastify';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId, queryNumber } from '../store/ids.ts';
import { createSubscriber, deleteSubscriber, listDeliveries, listSubscribers, type WebhookDeps } from './subscribers.service.ts';

type Id = { Params: { id: string } };

const idOf = (p: { id: string }) => pathId(p.id, 'webhook');

/** Webhook subscribers and their delivery log under /api/admin (admin only). */
export function webhooksRoutes(app: FastifyInstance, deps: WebhookDeps): void {
  app.get('/api/admin/webhooks', async (req) => {
    need(req, 'admin');
    return { webhooks: await listSubscribers(deps) };
  });

  app.post('/api/admin/webhooks', async (req, reply) => {
    const actor = need(req, 'admin');
    const webhook = await createSubscriber(deps, req.body, actor);
    return reply.code(201).header('location', `/api/admin/webhooks/${webhook.id}`).send({ webhook, note: 'the secret is shown once; store it now' });
  });

  app.delete<Id>('/api/admin/webhooks/:id', async (req, reply) => {
    const actor = need(req, 'admin');
    await deleteSubscriber(deps, idOf(req.params), actor);
    return reply.code(204).send();
  });

  app.get<Id & { Querystring: { limit?: string } }>('/api/admin/webhooks/:id/deliveries', async (req) => {
    need(req, 'admin');
    return { deliveries: await listDeliveries(deps, idOf(req.params), queryNumber(req.query.limit, 'limit', { min: 1, max: 500, fallback: 100 })) };
  });
}
