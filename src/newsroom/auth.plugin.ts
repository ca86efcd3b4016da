import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden, Unauthorized } from '../errors.ts';
import type { Role } from '../store/schema.ts';
import { atLeast, type Actor } from './roles.ts';
import { sessionActor, tokenActor, type AuthDeps } from './users.service.ts';

export { requestLanguage } from './admin-language.ts';

export const SESSION_COOKIE = 'depeche_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling the Admin API; null for anonymous requests. */
    actor: Actor | null;
    /** The session behind a cookie-authenticated request. */
    session: { id: string; csrf: string } | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Registered in the Admin API's plugin scope: resolves the actor of every request there from `Authorization: Bearer`
 * or the session cookie. A cookie-authenticated request that changes state
 * must also carry the session's CSRF token in `X-CSRF-Token`.
 */
export async function authPlugin(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  // Admin answers are private: never cached on the way, never sniffed into something else.
  app.addHook('onSend', async (_req, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });
  app.addHook('preHandler', async (req) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await tokenActor(deps, auth.slice(7).trim());
      if (!req.actor) throw new Unauthorized('unknown or revoked API token');
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const s = await sessionActor(deps, cookie);
    if (!s) return;
    req.actor = s.actor;
    req.session = { id: s.sessionId, csrf: s.csrf };
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== s.csrf) throw new Forbidden('missing or wrong CSRF token (X-CSRF-Token)');
  });
}

/** The caller, who must be signed in with at least `role`. */
export function need(req: FastifyRequest, role: Role = 'contributor'): Actor {
  if (!req.actor) throw new Unauthorized('sign in or send an API token');
  if (!atLeast(req.actor, role)) throw new Forbidden(`this needs the ${role} role`);
  return req.actor;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
