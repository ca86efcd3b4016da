import type { FastifyInstance } from 'fastify';
import { Forbidden } from '../errors.ts';
import { listAudit } from './audit.ts';
import { adminOpenApi } from './openapi.ts';
import { pathId, queryNumber } from '../store/ids.ts';
import { clearSessionCookie, need, requestLanguage, setSessionCookie } from './auth.plugin.ts';
import {
  ALREADY_SET_UP,
  countUsers,
  createToken,
  createUser,
  listTokens,
  listUsers,
  login,
  logout,
  revokeSessions,
  revokeToken,
  setOwnLanguage,
  type AuthDeps,
} from './users.service.ts';

/** Sessions, first-run setup, users, API tokens and the audit log under /api/admin. */
export function accountsRoutes(app: FastifyInstance, deps: AuthDeps & { publicUrl: string }): void {
  const openapi = adminOpenApi(deps.publicUrl);
  app.get('/api/admin/openapi.json', async () => openapi);

  app.get('/api/admin/setup', async () => ({ needed: (await countUsers(deps.db)) === 0 }));

  /** First run: the first visitor creates the admin account, then is signed in. */
  app.post<{ Body: { email: string; name: string; password: string } }>('/api/admin/setup', async (req, reply) => {
    if ((await countUsers(deps.db)) > 0) throw new Forbidden(ALREADY_SET_UP);
    const user = await createUser(deps, { ...(req.body ?? {}), role: 'admin' } as any, null);
    const s = await login(deps, req.body, req.ip, req.headers['user-agent'] ?? null);
    setSessionCookie(req, reply, s.token, s.expiresAt);
    return reply.code(201).send({ user, csrf: s.csrf });
  });

  app.post<{ Body: { email?: unknown; password?: unknown } }>('/api/admin/session', async (req, reply) => {
    const s = await login(deps, req.body ?? {}, req.ip, req.headers['user-agent'] ?? null);
    setSessionCookie(req, reply, s.token, s.expiresAt);
    return reply.code(201).send({ user: s.user, csrf: s.csrf, expiresAt: s.expiresAt });
  });

  app.get('/api/admin/session', async (req) => {
    const actor = need(req);
    return { user: { id: actor.id, name: actor.name, role: actor.role, kind: actor.kind, language: actor.language ?? requestLanguage(req) }, csrf: req.session?.csrf ?? null };
  });

  app.patch('/api/admin/session', async (req) => {
    const actor = need(req);
    const language = await setOwnLanguage(deps, req.body, actor);
    return { user: { id: actor.id, name: actor.name, role: actor.role, kind: actor.kind, language } };
  });

  app.delete('/api/admin/session', async (req, reply) => {
    const actor = need(req);
    if (req.session) await logout(deps, req.session.id, actor);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/api/admin/users', async (req) => {
    need(req, 'admin');
    return { users: await listUsers(deps.db) };
  });

  app.post<{ Body: { email: string; name: string; role: string; password: string } }>('/api/admin/users', async (req, reply) => {
    const actor = need(req, 'admin');
    return reply.code(201).send(await createUser(deps, req.body as any, actor));
  });

  /** Ends every session of a user. */
  app.delete<{ Params: { id: string } }>('/api/admin/users/:id/sessions', async (req, reply) => {
    const actor = need(req);
    await revokeSessions(deps, pathId(req.params.id, 'user'), actor);
    return reply.code(204).send();
  });

  app.get('/api/admin/tokens', async (req) => {
    need(req, 'admin');
    return { tokens: await listTokens(deps.db) };
  });

  app.post<{ Body: { name: string; role: string } }>('/api/admin/tokens', async (req, reply) => {
    const actor = need(req, 'admin');
    const t = await createToken(deps, req.body ?? ({} as any), actor);
    return reply.code(201).send({ ...t, note: 'the token is shown once; store it now' });
  });

  app.delete<{ Params: { id: string } }>('/api/admin/tokens/:id', async (req, reply) => {
    const actor = need(req, 'admin');
    await revokeToken(deps, pathId(req.params.id, 'token'), actor);
    return reply.code(204).send();
  });

  app.get<{ Querystring: { subject?: string; limit?: string } }>('/api/admin/audit', async (req) => {
    need(req, 'editor');
    return { entries: await listAudit(deps.db, { subject: req.query.subject, limit: queryNumber(req.query.limit, 'limit', { min: 1, max: 500, fallback: 100 }) }) };
  });
}
