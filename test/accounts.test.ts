import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, startTestSite, type TestSite } from './harness.ts';
import { adminClient } from './admin-client.ts';

forEachDialect('accounts and sessions', (dialect) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite(dialect);
  });
  afterAll(() => site.close());

  it('asks for the first admin account on a fresh install, once', async () => {
    const anon = adminClient(site.url);
    expect(await anon.json('GET', '/api/admin/setup')).toEqual({ needed: true });
    const r = await anon.call('POST', '/api/admin/setup', { email: 'Admin@Example.org', name: 'Ada', password: 'correct horse battery' });
    expect(r.status).toBe(201);
    expect(r.headers.get('set-cookie')).toMatch(/^depeche_session=[\w-]+;.*HttpOnly.*SameSite=Lax/i);
    expect(await anon.json('GET', '/api/admin/setup')).toEqual({ needed: false });
    const again = await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'x@example.org', name: 'X', password: 'correct horse battery' });
    expect(again.status).toBe(403);
  });

  it('logs in, refuses state changes without the CSRF token, and logs out on the server', async () => {
    const admin = await adminClient(site.url).login('admin@example.org', 'correct horse battery');
    const me = await admin.call('GET', '/api/admin/session');
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(me.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await me.json()).user).toMatchObject({ name: 'Ada', role: 'admin' });
    const noCsrf = await admin.call('POST', '/api/admin/tokens', { name: 'x', role: 'editor' }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect((await noCsrf.json()).code).toBe('forbidden');
    const cookie = admin.cookie;
    expect((await admin.call('DELETE', '/api/admin/session')).status).toBe(204);
    // The old cookie is dead on the server, not just forgotten by the browser.
    const replay = adminClient(site.url);
    replay.cookie = cookie;
    expect((await replay.call('GET', '/api/admin/session')).status).toBe(401);
  });

  it('answers 401 to a wrong password and throttles repeated failures per account', async () => {
    const c = adminClient(site.url);
    for (let i = 0; i < 5; i++) expect((await c.call('POST', '/api/admin/session', { email: 'admin@example.org', password: 'wrong password!' })).status).toBe(401);
    const blocked = await c.call('POST', '/api/admin/session', { email: 'admin@example.org', password: 'correct horse battery' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).code).toBe('too_many_requests');
  });

  it('creates API tokens shown once, that act with their role and stop when revoked', async () => {
    await site.app.store.db.deleteFrom('login_attempts').execute();
    const admin = await adminClient(site.url).login('admin@example.org', 'correct horse battery');
    const created = await admin.json('POST', '/api/admin/tokens', { name: 'wire robot', role: 'editor' });
    expect(created.token).toMatch(/^dpch_/);
    const tokens = await admin.json('GET', '/api/admin/tokens');
    expect(JSON.stringify(tokens)).not.toContain(created.token);
    const robot = adminClient(site.url, created.token);
    expect((await robot.json('GET', '/api/admin/session')).user).toMatchObject({ kind: 'token', role: 'editor' });
    expect((await robot.call('GET', '/api/admin/users')).status).toBe(403);
    expect((await admin.call('DELETE', `/api/admin/tokens/${created.id}`)).status).toBe(204);
    expect((await robot.call('GET', '/api/admin/session')).status).toBe(401);
  });

  it('lets an admin end every session of an account', async () => {
    const admin = await adminClient(site.url).login('admin@example.org', 'correct horse battery');
    await admin.json('POST', '/api/admin/users', { email: 'eve@example.org', name: 'Eve', role: 'editor', password: 'correct horse battery' });
    const eve = await adminClient(site.url).login('eve@example.org', 'correct horse battery');
    const { users } = await admin.json('GET', '/api/admin/users');
    const eveId = users.find((u: any) => u.email === 'eve@example.org').id;
    expect((await eve.call('DELETE', `/api/admin/users/${users[0].id}/sessions`)).status).toBe(403);
    expect((await admin.call('DELETE', `/api/admin/users/${eveId}/sessions`)).status).toBe(204);
    expect((await eve.call('GET', '/api/admin/session')).status).toBe(401);
  });

  it('records who did what in the audit log', async () => {
    const admin = await adminClient(site.url).login('admin@example.org', 'correct horse battery');
    const { entries } = await admin.json('GET', '/api/admin/audit');
    expect(entries.map((e: any) => e.action)).toEqual(expect.arrayContaining(['user.create', 'session.login', 'session.logout', 'token.create', 'token.revoke']));
  });

  it('answers JSON 404 for unknown API routes', async () => {
    const r = await fetch(`${site.url}/api/admin/nothing/here`);
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ code: 'not_found' });
  });
});
