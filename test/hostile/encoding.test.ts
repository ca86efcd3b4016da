import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureEdition } from '../../src/content/edition.service.ts';
import { forEachDialect, startTestSite, type TestSite } from '../harness.ts';

/** A raw request: fetch() would re-encode a broken escape or refuse the address before sending it. */
async function get(site: TestSite, path: string): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(site.url + path, { redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

forEachDialect('addresses and bodies Fastify cannot read', (dialect) => {
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 });
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Dispatch', timeZone: 'UTC' });
    await site.app.site.refresh(true);
  });
  afterAll(() => site.close());

  it("answers the edition's 404 page, in its language, for reader addresses that do not decode or are too long", async () => {
    const long = 'a'.repeat(150);
    const cases: Array<[string, 'fr' | 'en']> = [
      ['/fr/%FF', 'fr'],
      ['/fr/%FF/', 'fr'],
      ['/fr/monde/%E0%A4%A', 'fr'],
      ['/fr/monde/%C3', 'fr'],
      ['/fr/sujet/%ED%A0%80', 'fr'], // an unpaired surrogate, in UTF-8 form
      ['/fr/monde/%zz', 'fr'],
      [`/fr/monde/${long}`, 'fr'],
      [`/fr/${long}/`, 'fr'],
      ['/%FF/', 'fr'],
      ['/en/%FF', 'en'],
      ['/en/world/%E0%A4%A', 'en'],
      [`/en/world/${long}`, 'en'],
    ];
    for (const [path, lang] of cases) {
      const r = await get(site, path);
      expect(r.status, path).toBe(404);
      expect(r.type, path).toMatch(/^text\/html/);
      expect(r.text, path).toContain(`lang="${lang}"`);
      expect(r.text, path).toContain(lang === 'fr' ? 'Page introuvable' : 'Page not found');
      expect(r.text, path).not.toContain('FST_ERR');
    }
  });

  it('answers our JSON error shape under /api/ for addresses that do not decode or are too long', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/content/articles/fr/%E0%A4%A', 400, 'bad_request'],
      ['/api/content/articles/%FF/a', 400, 'bad_request'],
      ['/api/admin/articles/%FF', 400, 'bad_request'],
      ['/api/admin/media/%C3', 400, 'bad_request'],
      [`/api/content/articles/fr/${'a'.repeat(150)}`, 404, 'not_found'],
      [`/api/admin/articles/${'1'.repeat(150)}/revisions`, 404, 'not_found'],
    ];
    for (const [path, status, code] of cases) {
      const r = await get(site, path);
      expect(r.status, path).toBe(status);
      expect(r.type, path).toMatch(/^application\/json/);
      const body = JSON.parse(r.text);
      expect(Object.keys(body).sort(), path).toEqual(['code', 'message']);
      expect(body.code, path).toBe(code);
    }
  });

  it('answers unreadable bodies with our JSON error shape: bad JSON, an unknown content type, an empty or oversized body', async () => {
    const post = (body: string, type: string) => fetch(`${site.url}/api/admin/session`, { method: 'POST', headers: { 'content-type': type }, body });
    const cases: Array<[string, Promise<Response>, number]> = [
      ['bad JSON', post('{"email": ', 'application/json'), 400],
      ['empty JSON', post('', 'application/json'), 400],
      ['unknown content type', post('email=a', 'application/x-www-form-urlencoded'), 415],
      ['over the body limit', post(JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024) }), 'application/json'), 413],
    ];
    for (const [what, pending, status] of cases) {
      const res = await pending;
      expect(res.status, what).toBe(status);
      expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
      const body = await res.json();
      expect(body.code, what).toBe('bad_request');
      expect(typeof body.message, what).toBe('string');
      expect(body, what).not.toHaveProperty('statusCode');
    }
  });
});
