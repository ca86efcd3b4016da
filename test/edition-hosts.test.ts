import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { readContentVersion } from '../src/store/content-version.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, NO_BACKGROUND_PASSES, startTestSite, waitFor, type TestSite } from './harness.ts';

/** An edition's own host name: `/` there is that edition's home, its 404s are in its language, addresses keep their /<code>/ prefix. */

const PASSWORD = 'correct horse battery';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A GET with the Host header given (fetch does not let a test choose it). */
function get(base: string, path: string, host: string): Promise<Answer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path, method: 'GET', headers: { host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

const lang = (a: Answer) => /<html lang="([^"]+)"/.exec(a.text)?.[1];

forEachDialect('Edition host names', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  const caughtUp = async () => {
    const v = await readContentVersion(site.app.store.db);
    await waitFor(`node at version ${v}`, () => site.app.site.version === v);
  };

  beforeAll(async () => {
    site = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, pageCache: true });
    await ensureEdition(site.app.store.db, { code: 'ar', name: 'ديبيش', timeZone: 'Asia/Beirut' });
    await site.app.store.db.updateTable('editions').set({ dir: 'rtl' }).where('code', '=', 'ar').execute();
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await site.app.site.refresh(true);
  });
  afterAll(() => site?.close());

  it('answers `/` with the default edition’s home on every host while no edition has a host of its own', async () => {
    const home = await get(site.url, '/', 'ar.example.com');
    expect(home.status).toBe(200);
    expect(lang(home)).toBe('fr');
    expect(home.headers.vary).toBeUndefined();
  });

  it('sends `/` on an edition’s own host to its home, never the cached default home, and keeps `/` apart per host', async () => {
    await admin.json('PATCH', '/api/admin/editions/ar', { baseUrl: 'https://ar.example.com' });
    await caughtUp();
    // The default home, kept by the page cache (and its front door) on the site's own host.
    for (let i = 0; i < 2; i++) {
      const home = await get(site.url, '/', 'news.example');
      expect(home.status).toBe(200);
      expect(lang(home)).toBe('fr');
      expect(home.headers.vary).toBe('Host');
    }
    for (const host of ['ar.example.com', 'AR.example.com:443', 'ar.example.com.']) {
      const r = await get(site.url, '/', host);
      expect(r.status, host).toBe(302);
      expect(r.headers.location).toBe('/ar/');
      expect(r.headers.vary).toBe('Host');
      expect(r.headers['surrogate-key']).toContain('miss');
    }
    // The path prefix stays: each edition's pages answer at /<code>/ on any host.
    expect(lang(await get(site.url, '/ar/', 'ar.example.com'))).toBe('ar');
    expect(lang(await get(site.url, '/fr/', 'ar.example.com'))).toBe('fr');
    expect(lang(await get(site.url, '/ar/', 'news.example'))).toBe('ar');
  });

  it('answers a 404 outside any edition prefix in the language of the host’s edition', async () => {
    const there = await get(site.url, '/nulle-part', 'ar.example.com');
    expect(there.status).toBe(404);
    expect(lang(there)).toBe('ar');
    expect(there.text).toContain('dir="rtl"');
    expect(there.headers.vary).toBe('Host');
    const here = await get(site.url, '/nulle-part', 'news.example');
    expect(here.status).toBe(404);
    expect(lang(here)).toBe('fr');
    // Under a prefix, the prefix's edition whatever the host.
    expect(lang(await get(site.url, '/fr/rubrique-inconnue/', 'ar.example.com'))).toBe('fr');
  });

  it('gives `/` back to the default edition when the edition’s own host is removed', async () => {
    await admin.json('PATCH', '/api/admin/editions/ar', { baseUrl: '' });
    await caughtUp();
    const home = await get(site.url, '/', 'ar.example.com');
    expect(home.status).toBe(200);
    expect(lang(home)).toBe('fr');
  });
});
