import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../admin-client.ts';
import { forEachDialect, startTestSite, type TestSite } from '../harness.ts';

const PASSWORD = 'correct horse battery';

function tryLogin(site: TestSite, email: string, password: string, headers: Record<string, string> = {}) {
  return adminClient(site.url).call('POST', '/api/admin/session', { email, password }, { headers });
}

async function attempts(site: TestSite, key: string): Promise<number | undefined> {
  const row = await site.app.store.db.selectFrom('login_attempts').select('failures').where('key', '=', key).executeTakeFirst();
  return row?.failures;
}

forEachDialect('hostile: sign-in throttling', (dialect) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite(dialect);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD });
  });
  afterAll(() => site.close());

  it('checks at most 5 of 40 parallel wrong passwords for one account, refuses the rest with 429, and counts all 40', async () => {
    await site.app.store.db.deleteFrom('login_attempts').execute();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => tryLogin(site, 'admin@example.org', `wrong password ${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect(await attempts(site, 'email:admin@example.org')).toBe(40);
    expect(await attempts(site, 'ip:127.0.0.1')).toBe(40);
    // The right password is refused too until the window ends.
    expect((await tryLogin(site, 'admin@example.org', PASSWORD)).status).toBe(429);
  });

  it('keys the per-address limit on the socket by default: a rotating X-Forwarded-For does not escape it', async () => {
    await site.app.store.db.deleteFrom('login_attempts').execute();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      // A different account each time, so that only the per-address limit (20) can stop them.
      const r = await tryLogin(site, `nobody${i}@example.org`, 'wrong password!', { 'x-forwarded-for': `203.0.113.${i + 1}` });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    expect(await attempts(site, 'ip:127.0.0.1')).toBe(25);
    expect(await attempts(site, 'ip:203.0.113.1')).toBeUndefined();
  });

  it('gives back the place a good password took under its address, so signing in often is never throttled', async () => {
    await site.app.store.db.deleteFrom('login_attempts').execute();
    for (let i = 0; i < 25; i++) expect((await tryLogin(site, 'admin@example.org', PASSWORD)).status).toBe(201);
    expect(await attempts(site, 'ip:127.0.0.1')).toBe(0);
    expect(await attempts(site, 'email:admin@example.org')).toBeUndefined();
  });
});

forEachDialect('hostile: sign-in behind a proxy named in TRUST_PROXY', (dialect) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite(dialect, { trustProxy: ['127.0.0.1'] });
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD });
  });
  afterAll(() => site.close());

  it('throttles and logs the forwarded address when the peer is a trusted proxy', async () => {
    await site.app.store.db.deleteFrom('login_attempts').execute();
    for (let i = 0; i < 25; i++) {
      const r = await tryLogin(site, `nobody${i}@example.org`, 'wrong password!', { 'x-forwarded-for': `203.0.113.${i + 1}` });
      expect(r.status).toBe(401);
    }
    expect(await attempts(site, 'ip:203.0.113.25')).toBe(1);
    expect(await attempts(site, 'ip:127.0.0.1')).toBeUndefined();
    const ok = await tryLogin(site, 'admin@example.org', PASSWORD, { 'x-forwarded-for': '198.51.100.7' });
    expect(ok.status).toBe(201);
    const session = await site.app.store.db.selectFrom('sessions').select('ip').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(session.ip).toBe('198.51.100.7');
  });
});

forEachDialect('hostile: first-run setup', (dialect) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite(dialect);
  });
  afterAll(() => site.close());

  it('lets exactly one of 10 concurrent setups create the admin; the others get 403', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => adminClient(site.url).call('POST', '/api/admin/setup', { email: `admin${i}@example.org`, name: `Admin ${i}`, password: PASSWORD })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(403)]);
    const bodies = await Promise.all(answers.filter((r) => r.status === 403).map((r) => r.json()));
    for (const b of bodies) expect(b.message).toMatch(/already has accounts/);
    const users = await site.app.store.db.selectFrom('users').select(['email', 'role']).execute();
    expect(users).toHaveLength(1);
    expect(users[0].role).toBe('admin');
  });
});
