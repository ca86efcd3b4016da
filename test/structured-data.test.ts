import { HtmlValidate } from 'html-validate';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { AvifWorker } from '../src/media/avif.worker.ts';
import { broadcasterArticle, writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, NO_BACKGROUND_PASSES, startTestSite, type TestSite } from './harness.ts';

const N = '\u202f';
const BASE = 'https://news.example';
// The configuration test/reader.test.ts checks pages with.
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off', 'long-title': 'off' } });

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
/** Every `<link>` or `<meta>` of a page, as its attributes. */
const tags = (html: string, name: 'link' | 'meta') =>
  // Attribute values may hold `>` (Preact escapes `<`, `&` and `"` in them): read attribute by attribute.
  [...html.matchAll(new RegExp(`<${name}((?:\\s+[\\w:-]+(?:="[^"]*")?)*)\\s*/?>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], decode(a[2])])),
  );
/** The page's one JSON-LD data block, parsed. */
function jsonLd(html: string): any[] {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks, 'one JSON-LD block').toHaveLength(1);
  return JSON.parse(blocks[0][1]);
}
/** Open Graph and X tags as [key, content], in order. */
const social = (html: string) =>
  tags(html, 'meta').filter((m) => /^(og|article|twitter):/.test(m.property ?? m.name ?? '')).map((m) => [m.property ?? m.name, m.content]);
const one = (html: string, key: string) => social(html).filter(([k]) => k === key).map(([, v]) => v);
const feeds = (html: string) => tags(html, 'link').filter((l) => l.rel === 'alternate' && /rss|atom|feed\+json/.test(l.type ?? '')).map((l) => `${l.type} ${l.href}`);
const feedSet = (path: string) => [`application/rss+xml ${BASE}${path}feed.xml`, `application/atom+xml ${BASE}${path}feed.atom`, `application/feed+json ${BASE}${path}feed.json`];

forEachDialect('structured data, social cards and discovery links', (dialect) => {
  let site: TestSite;
  const hostile = '</script><script>alert(1)</script>';
  const main = broadcasterArticle();
  const wire = makeArticle({
    section: 'monde',
    headline: 'Accord sur le climat',
    authors: [],
    source: { name: 'Agence Exemple Presse', url: 'https://example.org/depeches/999' },
    lead: { image: 'photos/archive.jpg', alt: 'Un port au matin' },
    publishedAt: '2026-11-19T08:00:00Z',
    updatedAt: '2026-11-19T12:00:00Z',
  });
  const videos = makeArticle({
    section: 'tv',
    headline: 'Deux vidéos sur le climat',
    standfirst: 'Les images du sommet.',
    lead: { image: 'photos/lead.jpg', alt: 'Le sommet' },
    body: [
      { type: 'embed', url: 'https://www.dailymotion.com/video/x8abc12?playlist=x6hynp', title: 'Le discours', caption: 'L’ouverture du sommet.' },
      { type: 'paragraph', text: 'Entre les deux vidéos.' },
      { type: 'embed', url: 'https://vimeo.com/76979871' },
    ],
  });
  const bad = makeArticle({ section: 'tv', headline: hostile, standfirst: `Chapô ${hostile}`, lead: { image: 'photos/lead.jpg', alt: `alt ${hostile}` } });
  const page = async (path: string) => {
    const r = await fetch(site.url + path, { redirect: 'manual' });
    expect(r.status, path).toBe(200);
    return r.text();
  };

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES);
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Dépêche English', timeZone: 'Europe/London' });
    const { dir } = await writeImportFolder([]);
    const deps = { db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() };
    await importArticles(deps, [{ name: 'a.json', baseDir: dir, text: JSON.stringify([main, wire, videos, bad]) }]);
    await site.app.site.refresh();
  });
  afterAll(() => site.close());

  it('describes an article as a schema.org NewsArticle, field by field', async () => {
    const [news] = jsonLd(await page(`/fr/tv/${main.slug}`));
    const url = `${BASE}/fr/tv/${main.slug}`;
    expect(news['@context']).toBe('https://schema.org');
    expect(news['@type']).toBe('NewsArticle');
    expect(news.headline).toBe(`Faut-il encore croire aux négociations${N}?`);
    expect(news.description).toBe('Deux diplomates et un militaire débattent.');
    expect(news.url).toBe(url);
    expect(news.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': url });
    expect(news.datePublished).toBe('2026-11-20T09:30:00.000Z');
    expect(news.dateModified).toBe('2026-11-20T09:30:00.000Z');
    // The social picture (seo.image, 300×200) first, then the lead's largest JPEG.
    expect(news.image).toEqual([
      { '@type': 'ImageObject', url: expect.stringMatching(/^https:\/\/news\.example\/media\/.+\/300\.jpg$/), width: 300, height: 200 },
      { '@type': 'ImageObject', url: expect.stringMatching(/^https:\/\/news\.example\/media\/.+\/1600\.jpg$/), width: 1600, height: 900 },
    ]);
    expect(news.author).toEqual([
      { '@type': 'Person', name: 'Claire Dubreuil', url: `${BASE}/fr/auteur/claire-dubreuil` },
      { '@type': 'Person', name: 'Yanis Kerouani', url: `${BASE}/fr/auteur/yanis-kerouani` },
    ]);
    expect(news.publisher).toEqual({
      '@type': 'NewsMediaOrganization',
      name: 'Dépêche',
      url: `${BASE}/fr/`,
      logo: { '@type': 'ImageObject', url: expect.stringMatching(/^https:\/\/news\.example\/assets\/logo\.[0-9a-f]{12}\.png$/), width: 192, height: 192 },
    });
    expect(news.articleSection).toBe('TV');
    expect(news.keywords).toEqual(['Diplomatie', 'Débats']);
    expect(news.inLanguage).toBe('fr');
    expect(news.isBasedOn).toBe('https://example.org/depeches/123');
    expect(news.sourceOrganization).toEqual({ '@type': 'Organization', name: 'Agence Exemple Presse' });
    expect(news.citation).toEqual(['https://example.org/dossier']);
    const logo = await fetch(site.url + new URL(news.publisher.logo.url).pathname);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(await sharp(Buffer.from(await logo.arrayBuffer())).metadata()).toMatchObject({ width: 192, height: 192 });
  });

  it('gives the breadcrumb home → section → article', async () => {
    const [, crumbs] = jsonLd(await page(`/fr/tv/${main.slug}`));
    expect(crumbs).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Dépêche', item: `${BASE}/fr/` },
        { '@type': 'ListItem', position: 2, name: 'TV', item: `${BASE}/fr/tv/` },
        { '@type': 'ListItem', position: 3, name: `Faut-il encore croire aux négociations${N}?`, item: `${BASE}/fr/tv/${main.slug}` },
      ],
    });
  });

  it('describes each embedded video as a VideoObject the article points at', async () => {
    const [news, crumbs, ...rest] = jsonLd(await page(`/fr/tv/${videos.slug}`));
    const url = `${BASE}/fr/tv/${videos.slug}`;
    expect(crumbs['@type']).toBe('BreadcrumbList');
    expect(rest).toEqual([
      {
        '@context': 'https://schema.org',
        '@type': 'VideoObject',
        '@id': `${url}#video-1`,
        name: 'Le discours',
        description: 'L’ouverture du sommet.',
        thumbnailUrl: 'https://www.dailymotion.com/thumbnail/video/x8abc12',
        uploadDate: '2026-11-20T09:30:00.000Z',
        embedUrl: 'https://www.dailymotion.com/embed/video/x8abc12',
        url: 'https://www.dailymotion.com/video/x8abc12',
      },
      {
        '@context': 'https://schema.org',
        '@type': 'VideoObject',
        '@id': `${url}#video-2`,
        // No title, caption or provider still: the article's headline, standfirst and picture.
        name: 'Deux vidéos sur le climat',
        description: 'Les images du sommet.',
        thumbnailUrl: news.image[0].url,
        uploadDate: '2026-11-20T09:30:00.000Z',
        embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1',
        url: 'https://vimeo.com/76979871',
      },
    ]);
    expect(news.image[0].url).toMatch(/^https:\/\/news\.example\/media\/.+\/1600\.jpg$/);
    expect(news.video).toEqual([{ '@id': `${url}#video-1` }, { '@id': `${url}#video-2` }]);

    const [main1, , youtube, ...none] = jsonLd(await page(`/fr/tv/${main.slug}`));
    expect(main1.video).toEqual([{ '@id': youtube['@id'] }]);
    expect(youtube).toMatchObject({
      name: 'Extrait du débat',
      description: 'Deux diplomates et un militaire débattent.',
      thumbnailUrl: 'https://i.ytimg.com/vi/abcdefghijk/hqdefault.jpg',
      embedUrl: 'https://www.youtube-nocookie.com/embed/abcdefghijk',
      url: 'https://www.youtube.com/watch?v=abcdefghijk',
    });
    expect(none).toEqual([]);
  });

  it('names no video for an article without embeds', async () => {
    const ld = jsonLd(await page(`/fr/monde/${wire.slug}`));
    expect(ld.map((o) => o['@type'])).toEqual(['NewsArticle', 'BreadcrumbList']);
    expect(ld[0]).not.toHaveProperty('video');
  });

  it('names the agency of wire copy, and no author', async () => {
    const [news] = jsonLd(await page(`/fr/monde/${wire.slug}`));
    expect(news).not.toHaveProperty('author');
    expect(news).not.toHaveProperty('keywords');
    expect(news).not.toHaveProperty('citation');
    expect(news.isBasedOn).toBe('https://example.org/depeches/999');
    expect(news.sourceOrganization).toEqual({ '@type': 'Organization', name: 'Agence Exemple Presse' });
    expect(news.dateModified).toBe('2026-11-19T12:00:00.000Z');
    expect(news.articleSection).toBe('Monde');
  });

  it('keeps a hostile headline inside the JSON string', async () => {
    const html = await page(`/fr/tv/${bad.slug}`);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    // Scripts: the site's own file and the data block, nothing else.
    expect(html.match(/<script[^>]*>/g)).toEqual([
      expect.stringMatching(/^<script src="\/assets\/site\.[0-9a-f]{12}\.js" defer>$/),
      expect.stringMatching(/^<script src="\/assets\/alerts\.[0-9a-f]{12}\.js" defer>$/),
      '<script type="application/ld+json">',
    ]);
    const [news, crumbs] = jsonLd(html);
    expect(news.headline).toBe(hostile);
    expect(news.description).toBe(`Chapô ${hostile}`);
    expect(crumbs.itemListElement[2].name).toBe(hostile);
    expect(one(html, 'og:title')).toEqual([hostile]);
    expect(one(html, 'og:image:alt')).toEqual([`alt ${hostile}`]);
  });

  it('has Open Graph and X card tags for an article', async () => {
    const html = await page(`/fr/tv/${main.slug}`);
    const tagsOf = social(html);
    const get = (k: string) => tagsOf.filter(([key]) => key === k).map(([, v]) => v);
    expect(get('og:type')).toEqual(['article']);
    expect(get('og:title')).toEqual([`Négociations${N}: le débat`]);
    expect(get('og:description')).toEqual(['Deux diplomates et un militaire débattent.']);
    expect(get('og:url')).toEqual([`${BASE}/fr/tv/${main.slug}`]);
    expect(get('og:site_name')).toEqual(['Dépêche']);
    expect(get('og:locale')).toEqual(['fr_FR']);
    expect(get('og:image')).toEqual([expect.stringMatching(/^https:\/\/news\.example\/media\/.+\/300\.jpg$/)]);
    expect(get('og:image:width')).toEqual(['300']);
    expect(get('og:image:height')).toEqual(['200']);
    // seo.image was imported without alt text: none is invented.
    expect(get('og:image:alt')).toEqual([]);
    expect(get('article:published_time')).toEqual(['2026-11-20T09:30:00.000Z']);
    expect(get('article:modified_time')).toEqual(['2026-11-20T09:30:00.000Z']);
    expect(get('article:section')).toEqual(['TV']);
    expect(get('article:tag')).toEqual(['Diplomatie', 'Débats']);
    expect(get('twitter:card')).toEqual(['summary_large_image']);
    expect(get('twitter:title')).toEqual(get('og:title'));
    expect(get('twitter:description')).toEqual(get('og:description'));
    expect(get('twitter:image')).toEqual(get('og:image'));
    const wireCard = await page(`/fr/monde/${wire.slug}`);
    expect(one(wireCard, 'og:image:alt')).toEqual(['Un port au matin']);
    expect(one(wireCard, 'twitter:image:alt')).toEqual(['Un port au matin']);
  });

  it('links every edition home to the others, with x-default the default edition', async () => {
    const expected = [
      { rel: 'alternate', hreflang: 'fr', href: `${BASE}/fr/` },
      { rel: 'alternate', hreflang: 'en', href: `${BASE}/en/` },
      { rel: 'alternate', hreflang: 'x-default', href: `${BASE}/fr/` },
    ];
    for (const path of ['/fr/', '/en/', '/']) {
      expect(tags(await page(path), 'link').filter((l) => l.hreflang), path).toEqual(expected);
    }
    const en = await page('/en/');
    expect(one(en, 'og:locale')).toEqual(['en_GB']);
    expect(one(en, 'og:type')).toEqual(['website']);
    expect(tags(await page(`/fr/tv/${main.slug}`), 'link').filter((l) => l.hreflang)).toEqual([]);
  });

  it('lets feed readers find the feeds of each kind of page', async () => {
    expect(feeds(await page('/fr/'))).toEqual(feedSet('/fr/'));
    expect(feeds(await page('/en/'))).toEqual(feedSet('/en/'));
    expect(feeds(await page('/fr/tv/'))).toEqual(feedSet('/fr/tv/'));
    expect(feeds(await page('/fr/sujet/diplomatie'))).toEqual(feedSet('/fr/sujet/diplomatie/'));
    expect(feeds(await page('/fr/auteur/claire-dubreuil'))).toEqual(feedSet('/fr/auteur/claire-dubreuil/'));
    expect(feeds(await page(`/fr/tv/${main.slug}`))).toEqual([...feedSet('/fr/'), ...feedSet('/fr/tv/')]);
    expect(feeds(await page('/fr/personne/herve-lantier'))).toEqual([]);
    const titles = tags(await page('/fr/tv/'), 'link').filter((l) => l.type === 'application/rss+xml').map((l) => l.title);
    expect(titles).toEqual(['Dépêche – TV (RSS)']);
  });

  it('keeps every page valid HTML', async () => {
    const paths = ['/fr/', '/en/', `/fr/tv/${main.slug}`, `/fr/monde/${wire.slug}`, `/fr/tv/${bad.slug}`, '/fr/tv/', '/fr/sujet/diplomatie', '/fr/auteur/claire-dubreuil'];
    for (const p of paths) {
      const report = await validator.validateString(await page(p));
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector})`)), p).toEqual([]);
    }
  });

  it('costs two queries for an article whose social picture is not its lead', async () => {
    // The content version poll would count too: pause it, and let a poll already under way finish first.
    site.app.site.stop();
    try {
      await site.app.site.refresh();
      site.app.cache.clear();
      const before = site.app.store.queries.count;
      await page(`/fr/tv/${main.slug}`);
      expect(site.app.store.queries.count - before).toBe(2);
    } finally {
      site.app.site.watch(site.config.contentPollMs);
    }
  });

  // Last: the worker changes every picture's variants.
  it('uses the largest JPEG as the card until the worker makes the 1200×630 one, then that', async () => {
    const path = `/fr/tv/${bad.slug}`;
    const before = await page(path);
    expect(one(before, 'og:image')).toEqual([expect.stringMatching(/\/1600\.jpg$/)]);
    expect([...one(before, 'og:image:width'), ...one(before, 'og:image:height')]).toEqual(['1600', '900']);

    const worker = new AvifWorker({ db: site.app.store.db, media: site.app.media, images: site.app.images, log: site.app.server.log, now: () => new Date() });
    while (await worker.runOnce());
    const rows = await site.app.store.db.selectFrom('images').select(['avif_state', 'variants']).execute();
    for (const r of rows) {
      expect(r.avif_state).toBe('done');
      expect(JSON.parse(r.variants).filter((v: any) => v.purpose === 'social')).toEqual([
        { format: 'jpeg', purpose: 'social', width: 1200, height: 630, key: expect.stringMatching(/\/social\.jpg$/) },
      ]);
    }
    await site.app.site.refresh();

    const after = await page(path);
    const card = one(after, 'og:image');
    expect(card).toEqual([expect.stringMatching(/^https:\/\/news\.example\/media\/.+\/social\.jpg$/)]);
    expect([...one(after, 'og:image:width'), ...one(after, 'og:image:height')]).toEqual(['1200', '630']);
    expect(one(after, 'twitter:image')).toEqual(card);
    const [news] = jsonLd(after);
    expect(news.image[0]).toEqual({ '@type': 'ImageObject', url: card[0], width: 1200, height: 630 });
    expect(news.image[1]).toMatchObject({ width: 1600, height: 900 });
    // The cropped card is never offered to browsers in srcset.
    expect(after.slice(after.indexOf('<body'))).not.toContain('social.jpg');
    expect(after).toContain('<source type="image/avif"');

    const file = await fetch(site.url + new URL(card[0]).pathname);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(await sharp(Buffer.from(await file.arrayBuffer())).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 630 });
  }, 120_000);
});
