import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, firstAdmin, type AdminClient } from './admin-client.ts';
import { forEachDialect, NO_BACKGROUND_PASSES, startTestSite, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('API rate limits on one node (no Redis)', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  beforeAll(async () => {
    site = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, contentApiRateLimit: 3, adminApiRateLimit: 2 });
    admin = await firstAdmin(site.url, PASSWORD);
  });
  afterAll(() => site?.close());

  it('answers the Content API 429 past the limit per address, with Retry-After, a JSON error and no caching', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${site.url}/api/content/sections`);
      statuses.push(r.status);
      expect(r.headers.get('ratelimit-remaining')).toBe(String(2 - i));
    }
    expect(statuses).toEqual([200, 200, 200]);
    const r = await fetch(`${site.url}/api/content/articles`);
    expect(r.status).toBe(429);
    const retry = Number(r.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(r.headers.get('cache-control')).toBe('no-store');
    // Readable by the pages of other sites, like every Content API answer.
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(await r.json()).toEqual({ code: 'too_many_requests', message: 'more than 3 requests a minute; slow down' });
    // Reader pages are not counted.
    expect((await fetch(`${site.url}/fr/`)).status).toBe(200);
  });

  it('counts Admin API calls per token, each token on its own, and leaves signed-in editors alone', async () => {
    const one = (await admin.json('POST', '/api/admin/tokens', { name: 'Agence', role: 'editor' })).token;
    const two = (await admin.json('POST', '/api/admin/tokens', { name: 'Robot', role: 'editor' })).token;
    const call = (token: string) => adminClient(site.url, token).call('GET', '/api/admin/articles');
    expect([(await call(one)).status, (await call(one)).status]).toEqual([200, 200]);
    const refused = await call(one);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await refused.json()).code).toBe('too_many_requests');
    expect((await call(two)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await admin.call('GET', '/api/admin/articles')).status).toBe(200);
  });
});
