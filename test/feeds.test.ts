import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { feedPaths } from '../src/feeds/feed-paths.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, NO_BACKGROUND_PASSES, startTestSite, type TestSite } from './harness.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
const BASE = 'https://news.example';
const EN_BASE = 'https://dispatch.example';
const TRICKY = '<jour 1> & « suite »';
const LITERAL = 'Tom &amp; Jerry &nbsp; </b> fin';

/** Debian's feedparser, an independent reader of our feeds: JSON of what it understood. */
const FEEDPARSER = `
import sys, json, time, html, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
iso = lambda t: time.strftime('%Y-%m-%dT%H:%M:%SZ', t) if t else None
def text(e, key):
    v = e.get(key)
    if v is None: return None
    return html.unescape(v) if e.get(key + '_detail', {}).get('type') == 'text/html' else v
print(json.dumps({
  'bozo': bool(d.bozo), 'error': str(d.get('bozo_exception', '')), 'version': d.version,
  'title': d.feed.get('title'), 'link': d.feed.get('link'), 'language': d.feed.get('language'),
  'entries': [{
    'title': e.get('title'), 'link': e.get('link'), 'id': e.get('id'),
    'published': iso(e.get('published_parsed')), 'updated': iso(e.get('updated_parsed')),
    'authors': [a.get('name') for a in e.get('authors', [])],
    'summary': text(e, 'summary'), 'media_content': e.get('media_content', []),
    'tags': [{'term': t.get('term'), 'scheme': t.get('scheme')} for t in e.get('tags', [])],
  } for e in d.entries],
}))
`;

interface Parsed {
  bozo: boolean;
  error: string;
  version: string;
  title: string;
  link: string;
  language: string;
  entries: Array<{ title: string; link: string; id: string; published: string; updated: string | null; authors: string[]; summary: string | null;
    media_content: Array<Record<string, string>>; tags: Array<{ term: string; scheme: string }> }>;
}

function feedparser(bytes: Buffer): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', FEEDPARSER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`feedparser exited ${code}: ${err}`))));
    child.stdin.end(bytes);
  });
}

forEachDialect('feeds', (dialect) => {
  let site: TestSite;
  let special: Record<string, any>;
  let literal: Record<string, any>;
  const sport = Array.from({ length: 32 }, (_, i) =>
    makeArticle({ section: 'sport', headline: `Match ${i + 1}`, publishedAt: new Date(Date.UTC(2026, 8, 1 + i, 10)).toISOString() }),
  );

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES, () => NOW);
    const db = site.app.store.db;
    await ensureEdition(db, { code: 'en', name: 'Dispatch', timeZone: 'UTC', baseUrl: EN_BASE });
    special = makeArticle({
      section: 'tv',
      headline: TRICKY,
      standfirst: 'Chapô & <b>gras</b> « cité »',
      authors: ['Claire Dubreuil', 'Yanis Kerouani'],
      tags: ['Diplomatie', 'Débats'],
      publishedAt: '2026-11-24T09:30:00Z',
      updatedAt: '2026-11-24T18:45:10Z',
      lead: { image: 'photos/lead.jpg', alt: 'Le plateau', caption: 'Légende.', credit: 'Photo' },
    });
    literal = makeArticle({ section: 'monde', headline: LITERAL, authors: ['Claire Dubreuil'], tags: ['Diplomatie'], publishedAt: '2026-11-23T08:00:00Z' });
    const { dir } = await writeImportFolder([]);
    const articles = [
      special,
      literal,
      makeArticle({ slug: 'brouillon-secret', section: 'tv', status: 'draft', publishedAt: undefined, tags: ['Diplomatie', 'Secret'], authors: ['Claire Dubreuil'] }),
      makeArticle({ slug: 'article-retire', section: 'tv', status: 'unpublished', tags: ['Diplomatie'] }),
      makeArticle({ slug: 'a-venir', section: 'tv', publishedAt: '2026-12-31T08:00:00Z', tags: ['Diplomatie'], authors: ['Claire Dubreuil'] }),
      makeArticle({ edition: 'en', section: 'world', headline: 'Talks resume', tags: ['Diplomacy'], authors: ['Claire Dubreuil'], publishedAt: '2026-11-22T08:00:00Z' }),
      ...sport,
    ];
    await importArticles({ db, media: site.app.media, config: site.config, now: () => NOW }, [{ name: 'a.json', baseDir: dir, text: JSON.stringify(articles) }]);
    await site.app.site.refresh();
  });
  afterAll(() => site?.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(site.url + path, { headers, redirect: 'manual' });
  const bytes = async (path: string) => {
    const r = await get(path);
    expect(r.status, path).toBe(200);
    return Buffer.from(await r.arrayBuffer());
  };
  const parsed = async (path: string) => {
    const feed = await feedparser(await bytes(path));
    expect(feed.bozo, `${path}: ${feed.error}`).toBe(false);
    return feed;
  };
  const json = async (path: string) => JSON.parse((await bytes(path)).toString('utf8'));
  const url = (a: Record<string, any>) => `${BASE}/fr/${a.section}/${a.slug}`;
  const slugs = (links: string[]) => links.map((l) => l.slice(l.lastIndexOf('/') + 1));

  it('gives feedPaths the URLs the routes serve, with the edition’s path words', () => {
    expect(feedPaths.edition('fr')).toBe('/fr/feed.xml');
    expect(feedPaths.edition('fr', 'atom')).toBe('/fr/feed.atom');
    expect(feedPaths.section('fr', 'tv', 'json')).toBe('/fr/tv/feed.json');
    expect(feedPaths.tag('fr', 'diplomatie')).toBe('/fr/sujet/diplomatie/feed.xml');
    expect(feedPaths.author('fr', 'claire-dubreuil', 'atom')).toBe('/fr/auteur/claire-dubreuil/feed.atom');
    expect(feedPaths.tag('en', 'diplomacy', 'json')).toBe('/en/topic/diplomacy/feed.json');
    expect(feedPaths.author('en', 'claire-dubreuil')).toBe('/en/author/claire-dubreuil/feed.xml');
  });

  it('serves RSS 2.0 that feedparser reads field by field: plain titles, absolute links, RFC 822 dates, creators, categories, media', async () => {
    const r = await get('/fr/feed.xml');
    expect(r.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const feed = await parsed('/fr/feed.xml');
    expect(feed.version).toBe('rss20');
    expect(feed.title).toBe('Dépêche');
    expect(feed.link).toBe(`${BASE}/fr/`);
    expect(feed.language).toBe('fr');
    const [e, second] = feed.entries;
    expect(e.title).toBe(TRICKY);
    expect(e.link).toBe(url(special));
    expect(e.id).toMatch(/^tag:news\.example,2026:article:\d+$/);
    expect(e.published).toBe('2026-11-24T09:30:00Z');
    expect(e.authors).toEqual(['Claire Dubreuil', 'Yanis Kerouani']);
    expect(e.summary).toBe('Chapô & <b>gras</b> « cité »');
    expect(e.tags).toEqual([
      { term: 'TV', scheme: `${BASE}/fr/tv/` },
      { term: 'Diplomatie', scheme: `${BASE}/fr/sujet/diplomatie` },
      { term: 'Débats', scheme: `${BASE}/fr/sujet/debats` },
    ]);
    expect(e.media_content).toHaveLength(1);
    expect(e.media_content[0]).toMatchObject({ type: 'image/jpeg', medium: 'image', width: '1600', height: '900' });
    expect(e.media_content[0].url).toMatch(/^https:\/\/news\.example\/media\/[0-9a-f/]+\/original\.jpg$/);
    expect((await get(new URL(e.media_content[0].url).pathname)).headers.get('content-type')).toBe('image/jpeg');
    expect(second.title).toBe(LITERAL);
    const raw = (await bytes('/fr/feed.xml')).toString('utf8');
    expect(raw).toContain('<pubDate>Tue, 24 Nov 2026 09:30:00 GMT</pubDate>');
    expect(raw).toContain('<lastBuildDate>Tue, 24 Nov 2026 18:45:10 GMT</lastBuildDate>');
  });

  it('serves Atom 1.0 with text titles, RFC 3339 dates, authors and ids that survive a slug change', async () => {
    const r = await get('/fr/feed.atom');
    expect(r.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = await parsed('/fr/feed.atom');
    expect(feed.version).toBe('atom10');
    expect(feed.link).toBe(`${BASE}/fr/`);
    const [e, second] = feed.entries;
    expect(e.title).toBe(TRICKY);
    expect(second.title).toBe(LITERAL);
    expect(e.link).toBe(url(special));
    expect(e.published).toBe('2026-11-24T09:30:00Z');
    expect(e.updated).toBe('2026-11-24T18:45:10Z');
    expect(e.authors).toEqual(['Claire Dubreuil', 'Yanis Kerouani']);
    expect(e.summary).toBe('Chapô & <b>gras</b> « cité »');
    expect(e.media_content[0]).toMatchObject({ width: '1600', height: '900', medium: 'image' });
    const rss = await parsed('/fr/feed.xml');
    expect(e.id).toBe(rss.entries[0].id);
    expect(e.id).not.toContain(special.slug);
  });

  it('serves JSON Feed 1.1', async () => {
    const r = await get('/fr/feed.json');
    expect(r.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = await json('/fr/feed.json');
    expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: 'Dépêche', home_page_url: `${BASE}/fr/`, feed_url: `${BASE}/fr/feed.json`, language: 'fr' });
    const [e, second] = feed.items;
    expect(e).toMatchObject({
      url: url(special),
      title: TRICKY,
      content_text: 'Chapô & <b>gras</b> « cité »',
      date_published: '2026-11-24T09:30:00Z',
      date_modified: '2026-11-24T18:45:10Z',
      authors: [
        { name: 'Claire Dubreuil', url: `${BASE}/fr/auteur/claire-dubreuil` },
        { name: 'Yanis Kerouani', url: `${BASE}/fr/auteur/yanis-kerouani` },
      ],
      tags: ['TV', 'Diplomatie', 'Débats'],
    });
    expect(e.id).toBe((await parsed('/fr/feed.atom')).entries[0].id);
    expect(e.image).toMatch(/^https:\/\/news\.example\/media\/.+\/original\.jpg$/);
    expect(second.title).toBe(LITERAL);
    expect(second.image).toBeUndefined();
  });

  it('lists the 30 newest published articles, newest first, and never a draft, a future or a withdrawn one', async () => {
    const expected = [special, literal, ...sport.slice().reverse()].slice(0, 30).map((a) => a.slug);
    const rss = await parsed('/fr/feed.xml');
    const atom = await parsed('/fr/feed.atom');
    const feed = await json('/fr/feed.json');
    expect(slugs(rss.entries.map((e) => e.link))).toEqual(expected);
    expect(slugs(atom.entries.map((e) => e.link))).toEqual(expected);
    expect(slugs(feed.items.map((i: { url: string }) => i.url))).toEqual(expected);
    for (const path of ['/fr/feed.xml', '/fr/feed.atom', '/fr/feed.json', '/fr/tv/feed.xml', '/fr/sujet/diplomatie/feed.atom', '/fr/auteur/claire-dubreuil/feed.json']) {
      const text = (await bytes(path)).toString('utf8');
      for (const hidden of ['brouillon-secret', 'article-retire', 'a-venir']) expect(text, path).not.toContain(hidden);
    }
  });

  it('keeps section, tag and author feeds to their own articles', async () => {
    const tv = await parsed('/fr/tv/feed.xml');
    expect(tv.title).toBe('TV – Dépêche');
    expect(tv.link).toBe(`${BASE}/fr/tv/`);
    expect(slugs(tv.entries.map((e) => e.link))).toEqual([special.slug]);
    const sportFeed = await json('/fr/sport/feed.json');
    expect(sportFeed.feed_url).toBe(`${BASE}/fr/sport/feed.json`);
    expect(sportFeed.items).toHaveLength(30);
    expect(sportFeed.items.every((i: { tags: string[] }) => i.tags[0] === 'Sport')).toBe(true);
    const tag = await parsed('/fr/sujet/diplomatie/feed.atom');
    expect(tag.title).toBe('Diplomatie – Dépêche');
    expect(slugs(tag.entries.map((e) => e.link))).toEqual([special.slug, literal.slug]);
    const author = await json('/fr/auteur/yanis-kerouani/feed.json');
    expect(author.title).toBe('Articles de Yanis Kerouani – Dépêche');
    expect(author.home_page_url).toBe(`${BASE}/fr/auteur/yanis-kerouani`);
    expect(slugs(author.items.map((i: { url: string }) => i.url))).toEqual([special.slug]);
    // An author writes for several editions: each edition's feed has only its own articles, at its own address.
    const fr = await json('/fr/auteur/claire-dubreuil/feed.json');
    expect(slugs(fr.items.map((i: { url: string }) => i.url))).toEqual([special.slug, literal.slug]);
    const en = await parsed('/en/author/claire-dubreuil/feed.xml');
    expect(en.title).toBe('Articles by Claire Dubreuil – Dispatch');
    expect(en.entries.map((e) => e.title)).toEqual(['Talks resume']);
    expect(en.entries[0].link).toMatch(/^https:\/\/dispatch\.example\/en\/world\/article-/);
    expect(en.entries[0].id).toMatch(/^tag:dispatch\.example,2026:article:\d+$/);
    expect((await parsed('/en/topic/diplomacy/feed.atom')).entries.map((e) => e.title)).toEqual(['Talks resume']);
  });

  it('answers 404 for the feeds of a tag whose only article is a draft, as for a tag that does not exist', async () => {
    for (const path of ['/fr/sujet/secret/feed.xml', '/fr/sujet/secret/feed.atom', '/fr/sujet/secret/feed.json']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('answers 404 for an unknown edition, section, tag or author, and for path words of another edition', async () => {
    for (const path of ['/xx/feed.xml', '/fr/nope/feed.atom', '/fr/sujet/nope/feed.json', '/fr/auteur/nope/feed.xml', '/fr/topic/diplomatie/feed.xml', '/fr/personne/x/feed.xml']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('answers 304 to If-None-Match and If-Modified-Since, with Last-Modified the newest item’s time', async () => {
    for (const path of ['/fr/feed.xml', '/fr/feed.atom', '/fr/feed.json']) {
      const first = await get(path);
      const etag = first.headers.get('etag')!;
      const modified = first.headers.get('last-modified')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(modified).toBe('Tue, 24 Nov 2026 18:45:10 GMT');
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
      const byEtag = await get(path, { 'if-none-match': etag });
      expect(byEtag.status).toBe(304);
      expect(await byEtag.text()).toBe('');
      expect(byEtag.headers.get('etag')).toBe(etag);
      expect((await get(path, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
      expect((await get(path, { 'if-modified-since': modified })).status).toBe(304);
      expect((await get(path, { 'if-modified-since': 'Tue, 24 Nov 2026 18:45:09 GMT' })).status).toBe(200);
      // An entity tag that does not match wins over a date that would.
      expect((await get(path, { 'if-none-match': '"other"', 'if-modified-since': modified })).status).toBe(200);
    }
  });

  it('serves a feed again from the page cache without a query, and a new article after a content change', async () => {
    site.app.site.stop();
    try {
      await get('/fr/tv/feed.atom');
      const before = site.app.store.queries.count;
      expect((await get('/fr/tv/feed.atom?utm_source=x')).status).toBe(200);
      expect(site.app.store.queries.count).toBe(before);
      const { dir } = await writeImportFolder([]);
      const fresh = makeArticle({ section: 'tv', headline: 'Nouvelle du jour', publishedAt: '2026-11-25T11:00:00Z' });
      await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => NOW }, [{ name: 'b.json', baseDir: dir, text: JSON.stringify(fresh) }]);
      await site.app.site.refresh();
      const tv = await parsed('/fr/tv/feed.atom');
      expect(tv.entries.map((e) => e.title)).toEqual(['Nouvelle du jour', TRICKY]);
    } finally {
      site.app.site.watch(site.config.contentPollMs);
    }
  });
});
