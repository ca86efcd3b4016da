import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeArticle, startTestSite, waitFor, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';
const HOSTILE = '<script>alert(1)</script> "onmouseover=x &amp;';

/** A webhook receiver on loopback keeping what it is sent. */
async function receiver() {
  const got: any[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { got, server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook` };
}

forEachDialect('breaking-news alerts', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-12-07T08:00:00Z');
  let admin: AdminClient, editor: AdminClient, contributor: AdminClient;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  const current = async (edition = 'fr') => {
    const r = await fetch(`${site.url}/api/content/alerts?edition=${edition}`);
    expect(r.status).toBe(200);
    return { headers: r.headers, body: (await r.json()) as { alerts: any[] } };
  };
  const page = async (path = '/fr/') => (await fetch(site.url + path)).text();

  beforeAll(async () => {
    hooks = await receiver();
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, pageCache: true }, () => clock);
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Dispatch', timeZone: 'UTC' });
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'eve@example.org', name: 'Eve Editor', role: 'editor', password: PASSWORD });
    await admin.json('POST', '/api/admin/users', { email: 'carl@example.org', name: 'Carl', role: 'contributor', password: PASSWORD });
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    contributor = await adminClient(site.url).login('carl@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/webhooks', { url: hooks.url, events: ['alert.published', 'alert.ended'] });
    await admin.json('POST', '/api/admin/articles', makeArticle({ slug: 'un-article-publie' }));
    await site.app.site.refresh(true);
  });
  afterAll(async () => {
    await site?.close();
    await new Promise((r) => hooks.server.close(r));
  });
  beforeEach(async () => {
    for (const a of (await admin.json('GET', '/api/admin/alerts')).alerts) if (a.current) await admin.call('DELETE', `/api/admin/alerts/${a.id}`);
    hooks.got.length = 0;
  });

  it('creates an alert (201), shows it at /api/content/alerts of its editions only, and ends it with DELETE (204)', async () => {
    const r = await editor.call('POST', '/api/admin/alerts', { text: 'Séisme au large de Nice', url: '/fr/tv/un-article-publie', level: 'breaking', editions: ['fr'], expiresAt: '2026-12-07T10:00:00+01:00' });
    expect(r.status).toBe(201);
    const { alert } = await r.json();
    expect(alert).toMatchObject({ text: 'Séisme au large de Nice', url: '/fr/tv/un-article-publie', level: 'breaking', editions: ['fr'], startsAt: clock.toISOString(), expiresAt: '2026-12-07T09:00:00.000Z', endedAt: null, current: true, createdBy: 'Eve Editor' });
    expect(r.headers.get('location')).toBe(`/api/admin/alerts/${alert.id}`);
    await waitFor('the alert on the fr endpoint', async () => (await current('fr')).body.alerts.length === 1);
    const fr = await current('fr');
    expect(fr.body.alerts).toEqual([{ id: alert.id, text: 'Séisme au large de Nice', url: 'https://news.example/fr/tv/un-article-publie', level: 'breaking', startsAt: clock.toISOString(), expiresAt: '2026-12-07T09:00:00.000Z' }]);
    expect(fr.headers.get('cache-control')).toMatch(/max-age=2\b/);
    expect(fr.headers.get('access-control-allow-origin')).toBe('*');
    expect(fr.headers.get('surrogate-key')).toContain('alerts');
    expect((await current('en')).body.alerts).toEqual([]);

    expect((await editor.call('DELETE', `/api/admin/alerts/${alert.id}`)).status).toBe(204);
    expect((await editor.call('DELETE', `/api/admin/alerts/${alert.id}`)).status).toBe(204);
    await waitFor('the alert gone from the endpoint', async () => (await current('fr')).body.alerts.length === 0);
    const listed = (await editor.json('GET', '/api/admin/alerts')).alerts.find((a: any) => a.id === alert.id);
    expect(listed).toMatchObject({ endedAt: clock.toISOString(), current: false });
    expect((await editor.call('DELETE', '/api/admin/alerts/99999')).status).toBe(404);
  });

  it('answers 422 naming text, level, editions, url and expiresAt, and 403 to a contributor', async () => {
    const r = await editor.call('POST', '/api/admin/alerts', { text: '', level: 'panic', editions: ['xx'], url: 'javascript:alert(1)', expiresAt: 'tomorrow' });
    expect(r.status).toBe(422);
    expect((await r.json()).issues.map((i: { field: string }) => i.field).sort()).toEqual(['editions', 'expiresAt', 'level', 'text', 'url']);
    const past = await editor.call('POST', '/api/admin/alerts', { text: 'x', editions: ['fr'], expiresAt: '2026-12-07T07:00:00Z' });
    expect((await past.json()).issues.map((i: { field: string }) => i.field)).toEqual(['expiresAt']);
    expect((await contributor.call('POST', '/api/admin/alerts', { text: 'x', editions: ['fr'] })).status).toBe(403);
    expect((await contributor.call('GET', '/api/admin/alerts')).status).toBe(200);
    expect((await fetch(`${site.url}/api/content/alerts?edition=zz`)).status).toBe(422);
  });

  it('renders the banner on every reader page, hostile text kept as text, and drops it once ended or expired', async () => {
    const before = await page('/fr/');
    expect(before).toContain('id="site-alerts"');
    expect(before).not.toContain('site-alert-breaking');
    const { alert } = await editor.json('POST', '/api/admin/alerts', { text: HOSTILE, level: 'urgent', editions: ['fr', 'en'], expiresAt: '2026-12-07T08:30:00Z' });
    // The page cache is emptied by the change on every node within its poll: the next request renders the banner.
    await waitFor('the banner on the home page', async () => (await page('/fr/')).includes(`data-alert-id="${alert.id}"`));
    for (const path of ['/fr/', '/fr/tv/', '/fr/tv/un-article-publie', '/en/', '/fr/page-inexistante']) {
      const html = await page(path);
      expect(html, path).toContain(`data-alert-id="${alert.id}"`);
      expect(html, path).toContain('&lt;script>alert(1)&lt;/script>');
      expect(html, path).not.toContain('<script>alert(1)');
      expect(html, path).toMatch(/<script src="\/assets\/alerts\.[0-9a-f]{12}\.js" defer><\/script>/);
    }
    expect(await page('/fr/')).toContain('Urgent</strong>');
    expect(await page('/en/')).toContain('Urgent</strong>');
    // JSON stays JSON: the text comes back exactly.
    expect((await current('fr')).body.alerts[0].text).toBe(HOSTILE);

    // Expiry is no write: the site reloads its alerts when the time comes.
    clock = new Date('2026-12-07T08:31:00Z');
    await waitFor('the expired alert off the page', async () => !(await page('/fr/')).includes(`data-alert-id="${alert.id}"`));
    expect((await current('fr')).body.alerts).toEqual([]);
    clock = new Date('2026-12-07T08:00:00Z');
  });

  it('shows an alert that starts later only from its start', async () => {
    const { alert } = await editor.json('POST', '/api/admin/alerts', { text: 'Annonce à 9 h', level: 'info', editions: ['fr'], startsAt: '2026-12-07T09:00:00Z', expiresAt: '2026-12-07T11:00:00Z' });
    await site.app.site.refresh(true);
    expect((await current('fr')).body.alerts).toEqual([]);
    clock = new Date('2026-12-07T09:00:01Z');
    await waitFor('the alert from its start', async () => (await current('fr')).body.alerts.some((a) => a.id === alert.id));
    await editor.call('DELETE', `/api/admin/alerts/${alert.id}`);
    clock = new Date('2026-12-07T08:00:00Z');
  });

  it('sends alert.published and alert.ended webhooks, queues a web push per edition and writes the audit log', async () => {
    const { alert } = await editor.json('POST', '/api/admin/alerts', { text: 'Alerte webhook', url: 'https://example.org/x', level: 'breaking', editions: ['fr', 'en'] });
    await editor.call('DELETE', `/api/admin/alerts/${alert.id}`);
    await site.app.webhooks.runOnce();
    const events = hooks.got.filter((g) => g.alert?.id === alert.id);
    expect(events.map((e) => e.event)).toEqual(['alert.published', 'alert.ended']);
    expect(events[0].alert).toEqual({ id: alert.id, text: 'Alerte webhook', url: 'https://example.org/x', level: 'breaking', editions: ['fr', 'en'], startsAt: clock.toISOString(), expiresAt: null, endedAt: null });
    expect(events[1].alert.endedAt).toBe(clock.toISOString());
    const jobs = await site.app.store.db.selectFrom('push_jobs').selectAll().where('payload', 'like', '%Alerte webhook%').orderBy('edition').execute();
    expect(jobs.map((j) => [j.kind, j.edition])).toEqual([
      ['alert', 'en'],
      ['alert', 'fr'],
    ]);
    expect(JSON.parse(jobs[1].payload)).toEqual({ title: 'Alerte info', body: 'Alerte webhook', url: 'https://example.org/x', tag: `alert-${alert.id}` });
    expect(JSON.parse(jobs[0].payload).title).toBe('Breaking news');
    const audit = await site.app.store.db.selectFrom('audit_log').select(['action']).where('subject', '=', `alert:${alert.id}`).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['alert.create', 'alert.end']);
  });

  it('lists the edition alerts newest first in RSS, Atom and JSON Feed, with hostile text escaped', async () => {
    const { alert: a1 } = await editor.json('POST', '/api/admin/alerts', { text: 'Premier flash', editions: ['fr'] });
    clock = new Date('2026-12-07T08:05:00Z');
    const { alert: a2 } = await editor.json('POST', '/api/admin/alerts', { text: HOSTILE, editions: ['fr'] });
    await waitFor('the feed with both', async () => {
      const rss = await (await fetch(`${site.url}/fr/alertes/feed.xml`)).text();
      return rss.includes(`alert:${a2.id}`) && rss.includes(`alert:${a1.id}`);
    });
    const r = await fetch(`${site.url}/fr/alertes/feed.xml`);
    expect(r.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const rss = await r.text();
    expect(rss.indexOf(`alert:${a2.id}`)).toBeLessThan(rss.indexOf(`alert:${a1.id}`));
    expect(rss).not.toContain('<script>');
    expect(rss).toContain('&lt;script&gt;');
    const json = await (await fetch(`${site.url}/fr/alertes/feed.json`)).json();
    expect(json.items[0].content_text).toBe(HOSTILE);
    expect((await fetch(`${site.url}/fr/alertes/feed.atom`)).status).toBe(200);
    expect((await fetch(`${site.url}/en/alerts/feed.xml`)).status).toBe(200);
    expect((await fetch(`${site.url}/en/alertes/feed.xml`)).status).toBe(404);
    clock = new Date('2026-12-07T08:00:00Z');
  });
  it('flags a ninjs flash (urgency 1) in the wire queue and makes an alert of it in one request', async () => {
    const { source } = await editor.json('POST', '/api/admin/ingest/sources', { name: 'AFP', kind: 'ninjs', edition: 'fr', section: 'monde' });
    await editor.json('POST', `/api/admin/ingest/ninjs?source=${source.id}`, [
      { guid: 'flash-1', uri: 'https://afp.example/flash-1', headline: 'FLASH – Explosion <b>au port</b>', urgency: 1, body_text: 'x', firstcreated: '2026-12-07T07:59:00Z' },
      { guid: 'calme-1', headline: 'Une dépêche ordinaire', urgency: 4, body_text: 'y', firstcreated: '2026-12-07T07:58:00Z' },
    ]);
    const items = (await contributor.json('GET', `/api/admin/ingest/items?source=${source.id}`)).items as any[];
    expect(items.map((i) => [i.guid, i.flash])).toEqual([
      ['flash-1', true],
      ['calme-1', false],
    ]);
    const flash = items[0];
    // The queue reads urgency: it is no conversion note.
    expect(flash.notes.map((n: { field: string }) => n.field)).not.toContain('urgency');
    const r = await editor.call('POST', '/api/admin/alerts', { fromIngestItem: flash.id, expiresAt: '2026-12-07T10:00:00Z' });
    expect(r.status).toBe(201);
    const { alert } = await r.json();
    expect(alert).toMatchObject({ text: flash.title, url: 'https://afp.example/flash-1', level: 'breaking', editions: ['fr'], ingestItemId: flash.id });
    expect((await editor.call('POST', '/api/admin/alerts', { fromIngestItem: 999999 })).status).toBe(404);
    expect((await editor.call('POST', '/api/admin/alerts', { fromIngestItem: 'x' })).status).toBe(422);
  });
});


describe('the alerts endpoint and the Content API rate limit', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite('sqlite', { contentApiRateLimit: 3 });
  });
  afterAll(async () => site?.close());

  it('answers every page that asks, however many share an address, while the Content API counts', async () => {
    for (let i = 0; i < 10; i++) expect((await fetch(`${site.url}/api/content/alerts?edition=fr`)).status).toBe(200);
    const api = [];
    for (let i = 0; i < 5; i++) api.push((await fetch(`${site.url}/api/content/sections`)).status);
    expect(api).toContain(429);
  });
});
