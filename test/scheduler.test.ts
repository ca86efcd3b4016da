import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient } from './admin-client.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';

forEachDialect('scheduled publishing in a running site', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-11-25T10:00:00Z');
  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 50 }, () => clock);
  });
  afterAll(() => site.close());

  it('puts a scheduled article on the home page once its time has come', async () => {
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'a@example.org', name: 'A', password: 'correct horse battery' });
    const editor = await adminClient(site.url).login('a@example.org', 'correct horse battery');
    const input = makeArticle({ section: 'monde', headline: 'Annonce de midi', slug: 'annonce-de-midi' });
    delete input.status;
    delete input.publishedAt;
    const { article } = await editor.json('POST', '/api/admin/articles', input);
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'scheduled', at: '2026-11-25T12:00:00+01:00' });
    const page = () => fetch(`${site.url}/fr/monde/annonce-de-midi`).then((r) => r.status);
    expect(await page()).toBe(404);
    clock = new Date('2026-11-25T11:00:00Z');
    await expect.poll(page, { timeout: 5000, interval: 50 }).toBe(200);
    await expect.poll(() => fetch(`${site.url}/fr/`).then((r) => r.text()), { timeout: 5000, interval: 50 }).toContain('Annonce de midi');
    expect((await editor.json('GET', `/api/admin/articles/${article.id}`)).article.status).toBe('published');
  });
});
