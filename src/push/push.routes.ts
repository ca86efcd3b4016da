import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { subscribe, unsubscribe, type SubscriptionDeps } from './subscriptions.service.ts';
import type { VapidKeys } from './vapid.ts';

/** Readers' web push under /api/content/push: the public key, subscribing and unsubscribing. No cookies, no auth. */
export function pushApiRoutes(app: FastifyInstance, deps: SubscriptionDeps & { vapid: () => Promise<VapidKeys> }): void {
  app.get('/api/content/push/key', async (_req, reply) => {
    const { publicKey } = await deps.vapid();
    return reply.header('cache-control', 'public, max-age=3600').header('access-control-allow-origin', '*').send({ publicKey });
  });

  app.post('/api/content/push/subscriptions', async (req, reply) => {
    const wants = await subscribe(deps, req.body);
    // What the subscription wants now; one left wanting nothing is gone (the browser may drop it too).
    const subscribed = wants.alerts || wants.lives;
    return reply.code(subscribed ? 201 : 200).header('cache-control', 'no-store').send({ subscribed, ...wants });
  });

  app.delete('/api/content/push/subscriptions', async (req, reply) => {
    await unsubscribe(deps, req.body);
    return reply.code(204).header('cache-control', 'no-store').send();
  });
}

/**
 * The service worker at the site's root, so that its scope is the whole site.
 * Never kept long: browsers check it for updates, and a stale one would keep
 * showing notifications the old way.
 */
export function serviceWorkerRoute(app: FastifyInstance, file: string): void {
  const body = fs.readFileSync(file);
  app.get('/sw.js', async (_req, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('service-worker-allowed', '/')
      .header('x-content-type-options', 'nosniff')
      .send(body),
  );
}
