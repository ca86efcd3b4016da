import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient } from './admin-client.ts';
import { forEachDialect, makeDraft, startTestSite, type TestSite } from './harness.ts';

/** What every cacheable response tells a CDN: its lifetimes and the keys that name it, cached answers included. */

const keysOf = (r: Response) => r.headers.get('surrogate-key')?.split(' ') ?? [];

forEachDialect('CDN headers', (dialect) => {
  let site: TestSite;
  let xkeySite: TestSite;
  let id: number;
  let sectionKey: string;
  beforeAll(async () => {
    site = await startTestSite(dialect, { cdn: { purge: 'fastly', purgeUrls: [], keyHeader: 'cache-tag', fastly: { token: 't', serviceId: 's', apiUrl: 'http://127.0.0.1:1' }, cloudflare: null, purgeMs: 0 } });
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'ed@example.org', name: 'Ed', password: 'correct horse battery' });
    const editor = await adminClient(site.url).login('ed@example.org', 'correct horse battery');
    const { article } = await editor.json('POST', '/api/admin/articles', makeDraft({ section: 'monde', slug: 'le-sommet', headline: 'Le sommet', tags: ['Diplomatie'], authors: ['Léa Martin'] }));
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    id = article.id;
    const section = await site.app.store.db.selectFrom('sections').select('id').where('edition', '=', 'fr').where('slug', '=', 'monde').executeTakeFirstOrThrow();
    sectionKey = `s${section.id}`;
    // The section appeared with the article: wait until this node's catalog has it.
    await site.app.site.refresh(true);
    xkeySite = await startTestSite(dialect, { cdn: { ...site.config.cdn, purge: 'none', keyHeader: 'xkey', fastly: null } });
  });
  afterAll(async () => {
    await site?.close();
    await xkeySite?.close();
  });

  it('names list pages by their own key, the edition, the site and the articles they list', async () => {
    const section = await fetch(`${site.url}/fr/monde/`);
    // A section's first page also shows its newest videos: the edition's videos key (vl-fr) purges it when one is published.
    expect(keysOf(section)).toEqual([sectionKey, 'e-fr', 'all', 'vl-fr', `a${id}`]);
    const home = await fetch(`${site.url}/fr/`);
    expect(keysOf(home)).toEqual(['home-fr', 'e-fr', 'all', `a${id}`]);
    const tag = await fetch(`${site.url}/fr/sujet/diplomatie`);
    expect(tag.status).toBe(200);
    expect(keysOf(tag)).toEqual(expect.arrayContaining(['e-fr', 'all', `a${id}`]));
    expect(keysOf(tag).some((k) => /^t\d+$/.test(k))).toBe(true);
  });

  it('sends the keys again with a page served from the page cache, and with a 304', async () => {
    const first = await fetch(`${site.url}/fr/monde/le-sommet`);
    const again = await fetch(`${site.url}/fr/monde/le-sommet`);
    expect(keysOf(first)).toEqual(expect.arrayContaining([`a${id}`, sectionKey, 'e-fr', 'all']));
    expect(again.headers.get('surrogate-key')).toBe(first.headers.get('surrogate-key'));
    expect(again.headers.get('cache-tag')).toBe(first.headers.get('surrogate-key')!.split(' ').join(','));
    const notModified = await fetch(`${site.url}/fr/monde/le-sommet`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('surrogate-key')).toBe(first.headers.get('surrogate-key'));
    // The repeats are answered by the front door (site/cached-front.ts), before Fastify: the CDN's lifetime too.
    const cdnLifetime = /^public, max-age=\d+, s-maxage=86400\b/;
    for (const r of [first, again, notModified]) expect(r.headers.get('cache-control')).toMatch(cdnLifetime);
    const feed = await fetch(`${site.url}/fr/monde/feed.xml`);
    const feedAgain = await fetch(`${site.url}/fr/monde/feed.xml`);
    expect(feedAgain.headers.get('surrogate-key')).toBe(feed.headers.get('surrogate-key'));
    expect(feedAgain.headers.get('cache-control')).toBe(feed.headers.get('cache-control'));
    expect(feedAgain.headers.get('cache-control')).toMatch(cdnLifetime);
  });

  it('gives feeds, sitemaps, the Content API and oEmbed a CDN lifetime and their keys', async () => {
    const feed = await fetch(`${site.url}/fr/monde/feed.xml`);
    expect(feed.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=86400, stale-while-revalidate=60, stale-if-error=86400');
    expect(keysOf(feed)).toEqual([sectionKey, 'e-fr', 'all', `a${id}`]);
    expect(keysOf(await fetch(`${site.url}/fr/feed.json`))).toEqual(['home-fr', 'e-fr', 'all', `a${id}`]);
    const sitemap = await fetch(`${site.url}/sitemaps/fr-pages.xml`);
    expect(sitemap.headers.get('cache-control')).toMatch(/^public, max-age=300, s-maxage=86400,/);
    expect(keysOf(sitemap)).toEqual(['sm', 'e-fr', 'all']);
    expect(keysOf(await fetch(`${site.url}/sitemap.xml`))).toEqual(['sm', 'all']);
    const list = await fetch(`${site.url}/api/content/articles?edition=fr`);
    expect(keysOf(list)).toEqual(['api', 'all', `a${id}`]);
    const one = await fetch(`${site.url}/api/content/articles/fr/le-sommet`);
    expect(keysOf(one)).toEqual([`a${id}`, 'e-fr', 'all']);
    const oembed = await fetch(`${site.url}/oembed?url=${encodeURIComponent('https://news.example/fr/monde/le-sommet')}`);
    expect(oembed.status).toBe(200);
    expect(oembed.headers.get('cache-control')).toMatch(/^public, max-age=300, s-maxage=86400,/);
    expect(keysOf(oembed)).toContain(`a${id}`);
    expect(await oembed.json()).not.toHaveProperty('keys');
  });

  it('keeps 404s briefly under the miss key, and never lets a CDN keep other errors', async () => {
    for (const path of ['/fr/monde/absent', '/fr/nulle-part/', '/api/content/articles/fr/absent']) {
      const r = await fetch(site.url + path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('cache-control'), path).toBe('public, max-age=10, s-maxage=30');
      expect(r.headers.get('surrogate-key'), path).toBe('miss all');
    }
    const bad = await fetch(`${site.url}/api/content/articles?limit=0`);
    expect(bad.status).toBe(422);
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect(bad.headers.get('surrogate-key')).toBeNull();
  });

  it('sends an xkey header with CDN_KEY_HEADER=xkey, and keeps pages a minute in a CDN nobody purges', async () => {
    const r = await fetch(`${xkeySite.url}/fr/`);
    expect(r.headers.get('xkey')).toBe(r.headers.get('surrogate-key'));
    expect(r.headers.get('cache-tag')).toBeNull();
    expect(r.headers.get('cache-control')).toBe('public, max-age=30, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400');
  });
});
