import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { broadcasterArticle, writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';

const N = '\u202f';
const BASE = 'https://news.example';

forEachDialect('oEmbed provider', (dialect) => {
  let site: TestSite;
  const main = broadcasterArticle();
  const wire = makeArticle({
    section: 'monde',
    headline: 'Accord </script><b>sur</b> le climat',
    authors: [],
    source: { name: 'Agence Exemple Presse', url: 'https://example.org/depeches/999' },
    lead: { image: 'photos/lead.jpg', alt: 'Le plateau' },
  });
  const plain = makeArticle({ section: 'sport', headline: 'Sans image ni auteur' });
  const draft = makeArticle({ section: 'tv', status: 'draft', publishedAt: undefined });
  const withdrawn = makeArticle({ section: 'tv', status: 'unpublished' });
  const future = makeArticle({ section: 'tv', publishedAt: '2026-12-31T08:00:00Z' });

  beforeAll(async () => {
    site = await startTestSite(dialect, {}, () => new Date('2026-11-25T12:00:00Z'));
    const { dir } = await writeImportFolder([]);
    const deps = { db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date('2026-11-25T12:00:00Z') };
    await importArticles(deps, [{ name: 'a.json', baseDir: dir, text: JSON.stringify([main, wire, plain, draft, withdrawn, future]) }]);
    await site.app.site.refresh();
  });
  afterAll(() => site.close());

  const oembed = (url: string, extra = '') => fetch(`${site.url}/oembed?url=${encodeURIComponent(url)}${extra}`);
  const articleUrl = (a: Record<string, any>) => `${BASE}/fr/${a.section}/${a.slug}`;

  it('describes a published article as an oEmbed 1.0 link', async () => {
    const r = await oembed(articleUrl(main), '&format=json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(await r.json()).toEqual({
      version: '1.0',
      type: 'link',
      title: `Faut-il encore croire aux négociations${N}?`,
      author_name: 'Claire Dubreuil, Yanis Kerouani',
      author_url: `${BASE}/fr/auteur/claire-dubreuil`,
      provider_name: 'Dépêche',
      provider_url: `${BASE}/fr/`,
      cache_age: 3600,
      // seo.image, a 300×200 picture: its JPEG.
      thumbnail_url: expect.stringMatching(/^https:\/\/news\.example\/media\/.+\/300\.jpg$/),
      thumbnail_width: 300,
      thumbnail_height: 200,
    });
  });

  it('names the agency as the author of wire copy, and keeps hostile text as plain JSON text', async () => {
    const body = await (await oembed(articleUrl(wire))).json();
    expect(body.title).toBe('Accord </script><b>sur</b> le climat');
    expect(body.author_name).toBe('Agence Exemple Presse');
    expect(body.author_url).toBe('https://example.org/depeches/999');
    expect(body.thumbnail_width).toBe(1600);
    const bare = await (await oembed(articleUrl(plain))).json();
    expect(bare).not.toHaveProperty('author_name');
    expect(bare).not.toHaveProperty('thumbnail_url');
  });

  it('gives the largest thumbnail within maxwidth and maxheight, or none', async () => {
    const within = async (q: string) => {
      const b = await (await oembed(articleUrl(wire), q)).json();
      return b.thumbnail_url ? [b.thumbnail_width, b.thumbnail_height] : null;
    };
    expect(await within('&maxwidth=1000')).toEqual([800, 450]);
    expect(await within('&maxheight=300')).toEqual([480, 270]);
    expect(await within('&maxwidth=1000&maxheight=300')).toEqual([480, 270]);
    expect(await within('&maxwidth=100')).toBeNull();
  });

  it('is discoverable from the article page', async () => {
    const html = await (await fetch(site.url + `/fr/tv/${main.slug}`)).text();
    const link = html.match(/<link rel="alternate" type="application\/json\+oembed" title="([^"]*)" href="([^"]*)"\/>/);
    expect(link).not.toBeNull();
    expect(link![1]).toBe(`Faut-il encore croire aux négociations${N}?`);
    const href = new URL(link![2].replace(/&amp;/g, '&'));
    expect(href.origin + href.pathname).toBe(`${BASE}/oembed`);
    expect(href.searchParams.get('url')).toBe(articleUrl(main));
    expect(href.searchParams.get('format')).toBe('json');
    const r = await fetch(site.url + href.pathname + href.search);
    expect(r.status).toBe(200);
    expect((await r.json()).title).toBe(link![1]);
  });

  it('answers 404 naming not_found for URLs readers cannot see', async () => {
    const unseen = [
      articleUrl(draft),
      articleUrl(withdrawn),
      articleUrl(future),
      `${BASE}/fr/tv/no-such-article`,
      `${BASE}/fr/sujet/diplomatie`,
      `${BASE}/fr/`,
      `${BASE}/fr/tv/`,
      `${BASE}/xx/tv/${main.slug}`,
      `${BASE}/fr/nope/${main.slug}`,
    ];
    for (const u of unseen) {
      const r = await oembed(u);
      expect(r.status, u).toBe(404);
      expect((await r.json()).code, u).toBe('not_found');
    }
  });

  it('answers 400 for a URL of another site, a missing or malformed URL and a bad size', async () => {
    const bad = [
      `?url=${encodeURIComponent(`https://evil.example/fr/tv/${main.slug}`)}`,
      `?url=${encodeURIComponent(`https://news.example.evil.example/fr/tv/${main.slug}`)}`,
      '',
      '?url=',
      '?url=not%20a%20url',
      `?url=${encodeURIComponent('javascript:alert(1)')}`,
      `?url=${encodeURIComponent(articleUrl(main))}&maxwidth=abc`,
      `?url=${encodeURIComponent(articleUrl(main))}&maxheight=0`,
    ];
    for (const q of bad) {
      const r = await fetch(`${site.url}/oembed${q}`);
      expect(r.status, q).toBe(400);
      expect((await r.json()).code, q).toBe('bad_request');
    }
  });

  it('answers 501 for XML, which it does not implement', async () => {
    expect((await oembed(articleUrl(main), '&format=xml')).status).toBe(501);
    expect((await oembed(articleUrl(main), '&format=yaml')).status).toBe(501);
  });
});
