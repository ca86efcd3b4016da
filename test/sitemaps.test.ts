import { spawn } from 'node:child_process';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { syndicationRoutes } from '../src/feeds/syndication.routes.ts';
import { installErrorHandler } from '../src/site/error-handler.ts';
import { PageCache } from '../src/site/page-cache.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
const BASE = 'https://news.example';
const SM = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const XSD = path.resolve(import.meta.dirname, 'fixtures/sitemap.xsd');
const W3C_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** Python's own XML parser reads the document: its root, and each entry's children by name (news: for Google News). */
const ELEMENTS = `
import sys, json, xml.etree.ElementTree as ET
NS = {'${SM}': '', 'http://www.google.com/schemas/sitemap-news/0.9': 'news:', 'http://www.w3.org/1999/xhtml': 'xhtml:'}
def name(tag):
    if not tag.startswith('{'): return '?' + tag
    uri, local = tag[1:].split('}')
    return NS.get(uri, '{' + uri + '}') + local
def node(e):
    if not len(e): return e.text
    out = {}
    for c in e:
        # hreflang links repeat: kept as a list of "lang href"
        if name(c.tag) == 'xhtml:link': out.setdefault('xhtml:link', []).append(c.get('hreflang') + ' ' + c.get('href'))
        else: out[name(c.tag)] = node(c)
    return out
root = ET.fromstring(sys.stdin.buffer.read())
print(json.dumps({'root': root.tag, 'entries': [node(c) for c in root]}))
`;

function run(cmd: string, args: string[], input: Buffer): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

type Entry = Record<string, any>;

/** Valid against our XSD (xmllint), then read by an independent parser. */
async function sitemap(bytes: Buffer): Promise<{ root: string; entries: Entry[] }> {
  const lint = await run('xmllint', ['--noout', '--schema', XSD, '-'], bytes);
  expect(lint.err.trim(), 'xmllint').toBe('- validates');
  expect(lint.code).toBe(0);
  const parsed = await run('/usr/bin/python3', ['-c', ELEMENTS], bytes);
  expect(parsed.err).toBe('');
  return JSON.parse(parsed.out);
}

forEachDialect('sitemaps and robots.txt', (dialect) => {
  let site: TestSite;
  let split: FastifyInstance;
  let splitUrl: string;
  const a = {
    n1: makeArticle({ section: 'tv', headline: '<jour 1> & « suite »', publishedAt: '2026-11-25T08:00:00Z' }),
    n2: makeArticle({ section: 'monde', headline: 'Deuxième', publishedAt: '2026-11-24T13:00:00Z' }),
    edge: makeArticle({ section: 'monde', headline: 'Juste avant', publishedAt: '2026-11-23T11:59:00Z' }),
    old: makeArticle({ section: 'sport', publishedAt: '2026-11-20T09:00:00Z' }),
    oct: makeArticle({ section: 'monde', publishedAt: '2026-10-05T10:00:00Z', updatedAt: '2026-11-02T10:00:00Z' }),
    sep1: makeArticle({ section: 'sport', publishedAt: '2026-09-10T10:00:00Z' }),
    sep2: makeArticle({ section: 'sport', publishedAt: '2026-09-11T10:00:00Z' }),
    sep3: makeArticle({ section: 'sport', publishedAt: '2026-09-12T10:00:00Z' }),
    en: makeArticle({ edition: 'en', section: 'world', publishedAt: '2026-11-24T08:00:00Z' }),
  };
  // The English article translates the second French one.
  a.en.translationOf = { edition: 'fr', slug: a.n2.slug };
  const hidden = [
    makeArticle({ slug: 'brouillon-secret', section: 'tv', status: 'draft', publishedAt: undefined }),
    makeArticle({ slug: 'a-venir', section: 'tv', publishedAt: '2026-12-31T08:00:00Z' }),
    makeArticle({ slug: 'article-retire', section: 'tv', status: 'unpublished', publishedAt: '2026-08-01T08:00:00Z' }),
    // Syndicated copy whose canonical page is the original elsewhere: published, but not ours to list.
    makeArticle({ slug: 'reprise-agence', section: 'monde', publishedAt: '2026-11-24T07:00:00Z', canonicalUrl: 'https://agence.example/original' }),
  ];

  beforeAll(async () => {
    site = await startTestSite(dialect, {}, () => NOW);
    const db = site.app.store.db;
    await ensureEdition(db, { code: 'en', name: 'Dispatch', timeZone: 'UTC', baseUrl: 'https://dispatch.example' });
    const { dir } = await writeImportFolder([]);
    await importArticles({ db, media: site.app.media, config: site.config, now: () => NOW }, [
      { name: 'a.json', baseDir: dir, text: JSON.stringify([...Object.values(a), ...hidden]) },
    ]);
    await site.app.site.refresh();
    // The same site with at most two URLs a file, to see months split.
    split = Fastify();
    installErrorHandler(split, site.app.site);
    syndicationRoutes(split, { db, now: () => NOW, site: site.app.site, cache: new PageCache(true), publicUrl: site.config.publicUrl, urlsPerSitemap: 2 });
    splitUrl = await split.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await split?.close();
    await site?.close();
  });

  const get = (p: string, headers: Record<string, string> = {}, base = site.url) => fetch(base + p, { headers });
  const read = async (p: string, base = site.url) => {
    const r = await get(p, {}, base);
    expect(r.status, p).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    return sitemap(Buffer.from(await r.arrayBuffer()));
  };
  const url = (x: Entry) => `${x.edition === 'en' ? 'https://dispatch.example' : BASE}/${x.edition}/${x.section}/${x.slug}`;

  it('indexes the pages, news and monthly sitemaps of every edition, for the months that have articles', async () => {
    const index = await read('/sitemap.xml');
    expect(index.root).toBe(`{${SM}}sitemapindex`);
    expect(index.entries.map((e) => e.loc)).toEqual([
      `${BASE}/sitemaps/fr-pages.xml`,
      `${BASE}/sitemaps/fr-news.xml`,
      `${BASE}/sitemaps/fr-2026-09.xml`,
      `${BASE}/sitemaps/fr-2026-10.xml`,
      `${BASE}/sitemaps/fr-2026-11.xml`,
      'https://dispatch.example/sitemaps/en-pages.xml',
      'https://dispatch.example/sitemaps/en-news.xml',
      'https://dispatch.example/sitemaps/en-2026-11.xml',
    ]);
    const lastmod = Object.fromEntries(index.entries.map((e) => [e.loc.split('/').pop(), e.lastmod]));
    expect(lastmod['fr-pages.xml']).toBe('2026-11-25T08:00:00Z');
    expect(lastmod['fr-2026-10.xml']).toBe('2026-11-02T10:00:00Z');
    expect(lastmod['fr-2026-09.xml']).toBe('2026-09-12T10:00:00Z');
    for (const e of index.entries) if (e.lastmod) expect(e.lastmod).toMatch(W3C_DATETIME);
    for (const e of index.entries) expect((await get(new URL(e.loc).pathname)).status, e.loc).toBe(200);
  });

  it('lists a month’s published articles, oldest first, with absolute locations and their last change', async () => {
    const nov = await read('/sitemaps/fr-2026-11.xml');
    expect(nov.root).toBe(`{${SM}}urlset`);
    // The translated pair links both versions, each at its edition's address, and the French one as x-default.
    const pair = [`en ${url(a.en)}`, `fr ${url(a.n2)}`, `x-default ${url(a.n2)}`];
    expect(nov.entries).toEqual([a.old, a.edge, a.n2, a.n1].map((x) => ({ loc: url(x), lastmod: x.publishedAt, ...(x === a.n2 ? { 'xhtml:link': pair } : {}) })));
    expect((await read('/sitemaps/fr-2026-10.xml')).entries).toEqual([{ loc: url(a.oct), lastmod: '2026-11-02T10:00:00Z' }]);
    expect((await read('/sitemaps/en-2026-11.xml')).entries).toEqual([{ loc: url(a.en), lastmod: a.en.publishedAt, 'xhtml:link': pair }]);
    // A month without translations declares no XHTML namespace.
    expect(await (await get('/sitemaps/fr-2026-10.xml')).text()).not.toContain('xmlns:xhtml');
    const everything = (await Promise.all(['09', '10', '11'].map((m) => get(`/sitemaps/fr-2026-${m}.xml`).then((r) => r.text())))).join('');
    for (const h of hidden) expect(everything).not.toContain(h.slug);
  });

  it('lists the home and section pages', async () => {
    const pages = await read('/sitemaps/fr-pages.xml');
    const byLoc = Object.fromEntries(pages.entries.map((e) => [e.loc, e.lastmod]));
    expect(byLoc).toEqual({
      [`${BASE}/fr/`]: '2026-11-25T08:00:00Z',
      [`${BASE}/fr/tv/`]: '2026-11-25T08:00:00Z',
      [`${BASE}/fr/monde/`]: '2026-11-24T13:00:00Z',
      [`${BASE}/fr/sport/`]: '2026-11-20T09:00:00Z',
    });
  });

  it('has a Google News sitemap of the last 48 hours only', async () => {
    const news = await read('/sitemaps/fr-news.xml');
    expect(news.entries).toEqual(
      [a.n1, a.n2].map((x) => ({
        loc: url(x),
        'news:news': {
          'news:publication': { 'news:name': 'Dépêche', 'news:language': 'fr' },
          'news:publication_date': x.publishedAt.replace('.000', ''),
          'news:title': x.headline,
        },
      })),
    );
    const en = await read('/sitemaps/en-news.xml');
    expect(en.entries.map((e) => e['news:news']['news:publication'])).toEqual([{ 'news:name': 'Dispatch', 'news:language': 'en' }]);
  });

  it('answers 404 for sitemaps that do not exist', async () => {
    for (const p of ['/sitemaps/fr-2026-12.xml', '/sitemaps/fr-2026-08.xml', '/sitemaps/fr-2026-11-2.xml', '/sitemaps/fr-2026-11-1.xml', '/sitemaps/fr-2026-13.xml', '/sitemaps/xx-pages.xml', '/sitemaps/nonsense.xml']) {
      expect((await get(p)).status, p).toBe(404);
    }
  });

  it('splits a month that holds more URLs than a file may', async () => {
    const index = await read('/sitemap.xml', splitUrl);
    expect(index.entries.map((e) => new URL(e.loc).pathname).filter((p) => p.startsWith('/sitemaps/fr-2026'))).toEqual([
      '/sitemaps/fr-2026-09.xml',
      '/sitemaps/fr-2026-09-2.xml',
      '/sitemaps/fr-2026-10.xml',
      '/sitemaps/fr-2026-11.xml',
      '/sitemaps/fr-2026-11-2.xml',
    ]);
    expect((await read('/sitemaps/fr-2026-09.xml', splitUrl)).entries.map((e) => e.loc)).toEqual([url(a.sep1), url(a.sep2)]);
    expect((await read('/sitemaps/fr-2026-09-2.xml', splitUrl)).entries.map((e) => e.loc)).toEqual([url(a.sep3)]);
    expect((await get('/sitemaps/fr-2026-09-3.xml', {}, splitUrl)).status).toBe(404);
  });

  it('answers 304 to If-None-Match and If-Modified-Since', async () => {
    const first = await get('/sitemap.xml');
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('last-modified')).toBe('Wed, 25 Nov 2026 08:00:00 GMT');
    expect((await get('/sitemap.xml', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/sitemap.xml', { 'if-modified-since': 'Wed, 25 Nov 2026 08:00:00 GMT' })).status).toBe(304);
    expect((await get('/sitemap.xml', { 'if-modified-since': 'Wed, 25 Nov 2026 07:59:59 GMT' })).status).toBe(200);
  });

  it('serves robots.txt allowing all but the newsroom, and naming the sitemap index', async () => {
    const r = await get('/robots.txt');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await r.text()).toBe(['User-agent: *', 'Disallow: /admin', 'Disallow: /api/admin', 'Allow: /', '', `Sitemap: ${BASE}/sitemap.xml`, ''].join('\n'));
  });
});
