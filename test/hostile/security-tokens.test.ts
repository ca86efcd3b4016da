import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken } from '../../src/newsroom/users.service.ts';
import { SYSTEM } from '../../src/newsroom/roles.ts';
import { adminClient, firstAdmin, type AdminClient } from '../admin-client.ts';
import { forEachDialect, makeDraft, startTestSite, type TestSite } from '../harness.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('hostile: API tokens act as themselves', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let adminId: number;
  const tokens: Record<string, { id: number; client: AdminClient }> = {};

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0 });
    admin = await firstAdmin(site.url, PASSWORD, 'Ada');
    adminId = (await admin.json('GET', '/api/admin/session')).user.id;
    await admin.json('POST', '/api/admin/users', { email: 'colette@example.org', name: 'Colette', role: 'contributor', password: PASSWORD });
    for (const role of ['contributor', 'author']) {
      const t = await admin.json('POST', '/api/admin/tokens', { name: `${role} robot`, role });
      tokens[role] = { id: t.id, client: adminClient(site.url, t.token) };
    }
  });
  afterAll(() => site.close());

  it('a contributor token made by an admin may not edit the admin’s draft', async () => {
    const { article } = await admin.json('POST', '/api/admin/articles', makeDraft({ headline: 'Le brouillon d’Ada' }));
    expect(article.ownerId).toBe(adminId);
    const r = await tokens.contributor.client.call('PUT', `/api/admin/articles/${article.id}`, { ...article, headline: 'Réécrit' }, { headers: { 'if-match': `"${article.version}"` } });
    expect(r.status).toBe(403);
    expect((await admin.json('GET', `/api/admin/articles/${article.id}`)).article.headline).toBe('Le brouillon d’Ada');
  });

  it('an author token made by an admin may not publish the admin’s draft', async () => {
    const { article } = await admin.json('POST', '/api/admin/articles', makeDraft({ headline: 'Pas encore prêt' }));
    const r = await tokens.author.client.call('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    expect(r.status).toBe(403);
    expect((await admin.json('GET', `/api/admin/articles/${article.id}`)).article.status).toBe('draft');
  });

  it('a contributor token may not sign the admin out everywhere', async () => {
    const r = await tokens.contributor.client.call('DELETE', `/api/admin/users/${adminId}/sessions`);
    expect(r.status).toBe(403);
    expect((await admin.call('GET', '/api/admin/session')).status).toBe(200);
  });

  it('a token owns what it creates: an author token publishes its own article, and the audit log names the token', async () => {
    const robot = tokens.author;
    const { article } = await robot.client.json('POST', '/api/admin/articles', makeDraft({ headline: 'Dépêche du robot' }));
    expect(article.ownerId).toBeNull();
    expect(article.ownerTokenId).toBe(robot.id);
    const published = await robot.client.call('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    expect(published.status).toBe(200);
    const { entries } = await admin.json('GET', `/api/admin/audit?subject=article:${article.id}`);
    expect(entries.map((e: any) => [e.action, e.actor])).toEqual([
      ['article.published', `token:${robot.id}`],
      ['article.create', `token:${robot.id}`],
    ]);
  });

  it('a token’s articles are not its creator’s, nor another token’s: a contributor may not edit them', async () => {
    const { article } = await tokens.contributor.client.json('POST', '/api/admin/articles', makeDraft({ headline: 'Note du robot' }));
    const colette = await adminClient(site.url).login('colette@example.org', PASSWORD);
    const r = await colette.call('PUT', `/api/admin/articles/${article.id}`, { ...article, headline: 'Colette' }, { headers: { 'if-match': `"${article.version}"` } });
    expect(r.status).toBe(403);
    const other = await tokens.author.client.call('DELETE', `/api/admin/articles/${article.id}`);
    expect(other.status).toBe(403);
  });

  it('a contributor token made with the CLI edits and submits the drafts it created, and only those', async () => {
    // What `depeche token create --role contributor` does: the shell acts as the system, no person behind it.
    const made = await createToken({ db: site.app.store.db, now: () => new Date() }, { name: 'cli robot', role: 'contributor' }, SYSTEM);
    const robot = adminClient(site.url, made.token);
    const { article } = await robot.json('POST', '/api/admin/articles', makeDraft({ headline: 'Premier jet du robot' }));
    const saved = await robot.call('PUT', `/api/admin/articles/${article.id}`, { ...article, headline: 'Second jet du robot' }, { headers: { 'if-match': `"${article.version}"` } });
    expect(saved.status).toBe(200);
    expect((await saved.json()).article.headline).toBe('Second jet du robot');
    expect((await robot.call('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'in_review' })).status).toBe(200);
    // Its role still holds: a contributor does not publish, even its own.
    expect((await robot.call('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).status).toBe(403);
    const { article: adas } = await admin.json('POST', '/api/admin/articles', makeDraft({ headline: 'Encore Ada' }));
    const r = await robot.call('PUT', `/api/admin/articles/${adas.id}`, { ...adas, headline: 'Non' }, { headers: { 'if-match': `"${adas.version}"` } });
    expect(r.status).toBe(403);
  });
});
