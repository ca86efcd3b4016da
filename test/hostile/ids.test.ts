import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { importArticles } from '../../src/content/import.service.ts';
import { firstAdmin, type AdminClient } from '../admin-client.ts';
import { writeImportFolder } from '../fixtures.ts';
import { forEachDialect, freshDatabase, makeArticle, makeImage, startTestSite, testConfig, type TestSite } from '../harness.ts';

const PASSWORD = 'correct horse battery';
const NOW = new Date('2026-11-25T12:00:00Z');

/**
 * What a hostile or careless client puts where a number belongs. Each one is
 * refused before it reaches a query: PostgreSQL refuses integers beyond its
 * 32-bit `integer` columns with an error, where SQLite quietly finds nothing.
 */
const BAD_NUMBERS = [
  '99999999999',
  '2147483648',
  '4294967297',
  '9007199254740993',
  '99999999999999999999',
  '1' + '0'.repeat(60),
  '-1',
  '0',
  '-0',
  '1.5',
  '1.0',
  '1e3',
  '0x10',
  '0b1',
  '0o7',
  '+1',
  '01',
  '%201',
  '1%20',
  'NaN',
  'Infinity',
  'abc',
  '%EF%BC%91', // a full-width digit one
];

/** Every route the app registers, as its router sees them (the OpenAPI test's way). */
async function registeredRoutes(): Promise<Array<{ method: string; url: string }>> {
  const db = await freshDatabase('sqlite');
  const routes: Array<{ method: string; url: string }> = [];
  const app = await buildApp(testConfig(db.dataDir, db.database), {
    onRoute: (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url });
    },
  });
  await app.server.ready();
  await app.close();
  await db.drop();
  return routes;
}

forEachDialect('ids and numbers in addresses', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let routes: Array<{ method: string; url: string }>;
  let articleId: number;
  let webhookId: number;
  let sourceId: number;
  let imageId: number;
  let entryId: number;

  beforeAll(async () => {
    routes = await registeredRoutes();
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => NOW);
    const { dir } = await writeImportFolder([]);
    const [a] = await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => NOW }, [
      { name: 'a.json', baseDir: dir, text: JSON.stringify(makeArticle({ section: 'monde', slug: 'ab', tags: ['Diplomatie'], authors: ['Claire Dubreuil'] })) },
    ]);
    expect(a.id).toBeGreaterThan(0);
    await site.app.site.refresh();
    admin = await firstAdmin(site.url, PASSWORD);
    // Made through the API, so that it has a first revision to compare.
    // A live, so that its entries' routes have a good entry id beside the bad one.
    articleId = (await admin.json('POST', '/api/admin/articles', makeArticle({ section: 'monde', live: { startedAt: NOW.toISOString() } }))).article.id;
    entryId = (await admin.json('POST', `/api/admin/articles/${articleId}/entries`, { body: [{ type: 'paragraph', text: 'Une entrée.' }] })).entry.id;
    webhookId = (await admin.json('POST', '/api/admin/webhooks', { url: 'https://hooks.example/x' })).webhook.id;
    sourceId = (await admin.json('POST', '/api/admin/ingest/sources', { name: 'Agence', kind: 'ninjs', edition: 'fr', section: 'monde' })).source.id;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makeImage(800, 600))], { type: 'image/jpeg' }), 'photo.jpg');
    imageId = (await admin.json('POST', '/api/admin/media', form)).id;
  }, 60_000);
  afterAll(() => site.close());

  /** A route's address with its parameters filled in: good ones from the fixtures, `bad` for the one under test. */
  function address(url: string, param: string | null, bad: string): string {
    return url.replace(/:(\w+)/g, (_m, name: string) => {
      if (name === param) return bad;
      if (name === 'id') return String(url.includes('/webhooks/') ? webhookId : url.includes('/media/') ? imageId : articleId);
      if (name === 'version') return '1';
      if (name === 'entryId') return String(entryId);
      if (name === 'edition') return 'fr';
      if (name === 'code') return 'fr';
      if (name === 'lang') return 'fr';
      throw new Error(`no good value for :${name} in ${url}`);
    });
  }

  it('answers 404 for every route whose address names a row, whatever stands in the id', async () => {
    const numbered = routes.filter((r) => r.url.startsWith('/api/admin/') && /:(id|version|entryId)\b/.test(r.url));
    // The table follows the router: a new route with an id is tested without being listed here.
    expect(numbered.length).toBeGreaterThanOrEqual(18);
    for (const r of numbered) {
      for (const param of ['id', 'version', 'entryId'].filter((p) => r.url.includes(`:${p}`))) {
        for (const bad of BAD_NUMBERS) {
          const path = address(r.url, param, bad);
          const res = await admin.call(r.method, path, r.method === 'GET' || r.method === 'DELETE' ? undefined : {}, { headers: { 'if-match': '"1"' } });
          const what = `${r.method} ${path}`;
          expect(res.status, what).toBe(404);
          expect((await res.json()).code, what).toBe('not_found');
        }
      }
    }
  }, 120_000);

  it('answers 422 naming the parameter for every whole-number query parameter the Admin API describes', async () => {
    const doc = await admin.json('GET', '/api/admin/openapi.json');
    const cases: Array<{ method: string; url: string; name: string; others: string[] }> = [];
    for (const [url, ops] of Object.entries(doc.paths as Record<string, Record<string, { parameters?: any[] }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const query = (op.parameters ?? []).filter((p) => p.in === 'query');
        for (const p of query.filter((q) => q.schema?.type === 'integer')) {
          // The other required numbers take a good value, so that the one under test is the only fault.
          const others = query.filter((q) => q.required && q.name !== p.name).map((q) => `${q.name}=${q.name === 'source' ? sourceId : 1}`);
          cases.push({ method: method.toUpperCase(), url: url.replace(/\{(\w+)\}/g, ':$1'), name: p.name, others });
        }
      }
    }
    // page (articles, media, redirects), perPage, limit (audit, deliveries, items), source (items, ninjs), from, to.
    expect(cases.map((c) => `${c.url}?${c.name}`).sort()).toEqual(
      expect.arrayContaining(['/api/admin/articles?page', '/api/admin/media?page', '/api/admin/media?perPage', '/api/admin/audit?limit', '/api/admin/ingest/items?source', '/api/admin/ingest/items?limit', '/api/admin/redirects?page', '/api/admin/articles/:id/compare?from', '/api/admin/articles/:id/compare?to', '/api/admin/webhooks/:id/deliveries?limit', '/api/admin/ingest/ninjs?source']),
    );
    for (const c of cases) {
      for (const bad of [...BAD_NUMBERS, '', `1&${c.name}=2`]) {
        const path = `${address(c.url, null, '')}?${[...c.others, `${c.name}=${bad}`].join('&')}`;
        const res = await admin.call(c.method, path, c.method === 'GET' ? undefined : {});
        const what = `${c.method} ${path}`;
        expect(res.status, what).toBe(422);
        const body = await res.json();
        expect(body.code, what).toBe('validation_failed');
        expect(body.field, what).toBe(c.name);
      }
    }
  }, 120_000);

  it('takes the good numbers the Admin API describes', async () => {
    for (const path of [
      '/api/admin/articles?page=2',
      '/api/admin/media?page=3&perPage=100',
      '/api/admin/audit?limit=500',
      `/api/admin/ingest/items?source=${sourceId}&limit=1`,
      '/api/admin/redirects?page=999999',
      `/api/admin/articles/${articleId}/compare?from=1&to=1`,
      `/api/admin/webhooks/${webhookId}/deliveries?limit=1`,
    ]) {
      const res = await admin.call('GET', path);
      expect(res.status, path).toBe(200);
    }
  });

  it('answers 422 naming the field for ids beyond the store in a body or in If-Match', async () => {
    const huge = 99_999_999_999;
    const cases: Array<[string, string, unknown, string, Record<string, string>?]> = [
      ['POST', '/api/admin/redirects', { from: '/2019/ancien/', articleId: huge }, 'articleId'],
      ['POST', '/api/admin/redirects', { from: '/2019/ancien/', articleId: String(huge) }, 'articleId'],
      ['PUT', '/api/admin/home/fr', { articleIds: [huge] }, 'articleIds'],
      ['POST', '/api/admin/articles', makeArticle({ translationOf: huge }), 'translationOf'],
      ['POST', '/api/admin/articles', makeArticle({ seo: { image: huge } }), 'seo.image'],
      ['POST', '/api/admin/articles', makeArticle({ lead: { image: huge, alt: 'Une photo' } }), 'lead.image'],
      ['POST', '/api/admin/articles', makeArticle({ body: [{ type: 'figure', image: huge, alt: 'Une photo' }] }), 'body[0].image'],
      ['PUT', `/api/admin/articles/${articleId}`, makeArticle({ section: 'monde' }), 'If-Match', { 'if-match': `"${huge}"` }],
      ['PUT', `/api/admin/articles/${articleId}`, makeArticle({ section: 'monde' }), 'If-Match', { 'if-match': '"1e3"' }],
    ];
    for (const [method, path, body, field, headers] of cases) {
      const res = await admin.call(method, path, body, { headers });
      const what = `${method} ${path} ${field}`;
      expect(res.status, what).toBe(422);
      const answer = await res.json();
      expect(answer.issues.map((i: { field: string }) => i.field), what).toContain(field);
    }
  });

  it('answers the reader 404 page in French for page numbers that are not a page', async () => {
    for (const base of ['/fr/monde/', '/fr/sujet/diplomatie', '/fr/auteur/claire-dubreuil']) {
      for (const bad of [...BAD_NUMBERS, '', '1&page=2']) {
        const path = `${base}?page=${bad}`;
        const res = await fetch(site.url + path, { redirect: 'manual' });
        expect(res.status, path).toBe(404);
        expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
        expect(await res.text(), path).toContain('lang="fr"');
      }
      const good = await fetch(`${site.url}${base}?page=1`, { redirect: 'manual' });
      expect(good.status, base).toBe(200);
    }
  });

  it('answers 422 naming limit or cursor on the Content API, and 404 for a sitemap part beyond any', async () => {
    // A cursor is ours only if it names a possible id: one made by hand with a huge id is refused, not sent to the database.
    for (const id of ['99999999999', '2147483648', '0']) {
      const cursor = Buffer.from(`2026-11-20T09:30:00Z|${id}`).toString('base64url');
      const res = await fetch(`${site.url}/api/content/articles?cursor=${cursor}`);
      expect(res.status, id).toBe(422);
      expect((await res.json()).field, id).toBe('cursor');
    }
    const good = Buffer.from('2026-11-20T09:30:00Z|2147483647').toString('base64url');
    expect((await fetch(`${site.url}/api/content/articles?cursor=${good}`)).status).toBe(200);

    for (const bad of [...BAD_NUMBERS, '', '1&limit=2']) {
      const res = await fetch(`${site.url}/api/content/articles?limit=${bad}`);
      expect(res.status, bad).toBe(422);
      expect((await res.json()).field, bad).toBe('limit');
    }
    for (const part of ['2', '1000000', '99999999999', '99999999999999999999', '1' + '0'.repeat(60)]) {
      const res = await fetch(`${site.url}/sitemaps/fr-2026-11-${part}.xml`);
      expect(res.status, part).toBe(404);
    }
  });
});
