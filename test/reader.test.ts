import fs from 'node:fs/promises';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { broadcasterArticle, writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, NO_BACKGROUND_PASSES, startTestSite, type TestSite } from './harness.ts';

const N = '\u202f';
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Preact writes void elements as <meta/>; that is valid HTML5.
    'void-style': 'off',
    // Headlines are long; the SEO title field is there to shorten them.
    'long-title': 'off',
  },
});

forEachDialect('reader site', (dialect) => {
  let site: TestSite;
  let article: Record<string, any>;
  const hostile = '<script>alert("x")</script>';

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES);
    article = broadcasterArticle({ tags: ['Diplomatie', `Tag ${hostile}`] });
    const { dir } = await writeImportFolder([]);
    const others = [
      makeArticle({ section: 'tv', headline: 'Grille de l’hiver', publishedAt: '2026-11-21T08:00:00Z', tags: ['Diplomatie'] }),
      makeArticle({ section: 'monde', headline: `Titre ${hostile}`, standfirst: `Chapô & ${hostile}`, publishedAt: '2026-11-19T08:00:00Z',
        lead: { image: 'photos/lead.jpg', alt: `alt ${hostile}`, caption: `légende ${hostile}`, credit: `crédit ${hostile}` },
        body: [{ type: 'quote', text: 'q', speaker: { name: `Nom ${hostile}`, role: `rôle ${hostile}` } }] }),
      makeArticle({ slug: 'brouillon-secret', section: 'tv', status: 'draft', publishedAt: undefined }),
      makeArticle({ slug: 'article-retire', section: 'tv', status: 'unpublished' }),
      makeArticle({ slug: 'a-venir', section: 'tv', publishedAt: '2026-12-31T08:00:00Z' }),
      ...Array.from({ length: 22 }, (_, i) => makeArticle({ section: 'sport', headline: `Match ${i + 1}`, publishedAt: `2026-11-${String(i + 1).padStart(2, '0')}T10:00:00Z` })),
    ];
    await importArticles(
      { db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() },
      [{ name: 'a.json', baseDir: dir, text: JSON.stringify([article, ...others]) }],
    );
    await site.app.site.refresh();
  });
  afterAll(() => site.close());

  const get = (path: string, init?: RequestInit) => fetch(site.url + path, { redirect: 'manual', ...init });
  const html = async (path: string) => {
    const r = await get(path);
    return { status: r.status, text: await r.text(), headers: r.headers };
  };
  const articlePath = () => `/fr/tv/${article.slug}`;

  it('serves the article page with every part in reading order', async () => {
    const { status, text } = await html(articlePath());
    expect(status).toBe(200);
    const order = [
      '<p class="kicker"><a href="/fr/tv/">TV</a></p>',
      `<h1>Faut-il encore croire aux négociations${N}?</h1>`,
      '<p class="standfirst">',
      // Byline and dates under the headline, before the lead picture.
      '<p class="byline">Par <a href="/fr/auteur/claire-dubreuil" rel="author">Claire Dubreuil</a> et <a href="/fr/auteur/yanis-kerouani" rel="author">Yanis Kerouani</a></p>',
      'Publié le <time datetime="2026-11-20T09:30:00.000Z">20 novembre 2026 à 10:30 UTC+1</time>',
      '<figure class="figure lead">',
      '<div class="article-body">',
      '<h2 id="share-title">Partager cet article</h2>',
      `<p class="source">SOURCE${N}: <a href="https://example.org/depeches/123" rel="noopener">Agence Exemple Presse</a></p>`,
      '<nav class="tags" aria-label="Sujets">',
      '<aside class="related"',
    ];
    let at = -1;
    for (const part of order) {
      const i = text.indexOf(part);
      expect(i, `missing or out of order: ${part}`).toBeGreaterThan(at);
      at = i;
    }
    expect(text.match(/<h1[ >]/g)).toHaveLength(1);
    expect(text).toContain('<html lang="fr" dir="ltr">');
  });

  it('renders figures, quotes, sub-headings, lists, links and embeds from blocks', async () => {
    const { text } = await html(articlePath());
    expect(text).toContain(`<h2>«${N}Nous ne céderons pas${N}»</h2>`);
    expect(text).toMatch(
      /<figure class="figure archive-photo"><picture>.*?<\/picture><figcaption><span class="caption">Une rencontre précédente\.<\/span><span class="archive">Photo d’archives<\/span><bdi class="credit">© http:\/\/example\.org\/photos<\/bdi><\/figcaption><\/figure>/,
    );
    expect(text).toContain('<figure class="quote"><blockquote><p>Personne ne signe un accord qu’il ne peut pas défendre devant les siens.</p></blockquote><figcaption><a class="speaker" href="/fr/personne/herve-lantier"><bdi>Hervé Lantier</bdi></a><bdi class="role">général à la retraite</bdi></figcaption></figure>');
    expect(text).toContain('<figure class="pullquote"><blockquote><p>Une paix se prépare longtemps avant la signature.</p></blockquote></figure>');
    expect(text).toContain('<a href="https://example.org/dossier"><em>notre dossier</em></a> et le <strong>rapport</strong>');
    expect(text).toContain('<ul><li>Premier point</li><li>Deuxième point</li></ul>');
    expect(text).toContain(`Le débat a commencé à 20:30${N}: trois invités`);
    // The embed is a link until the reader asks; no third-party script or frame in the page.
    expect(text).toContain('data-player="https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"');
    expect(text).toContain('<a href="https://www.youtube.com/watch?v=abcdefghijk">');
    // Scripts: our own file, and the JSON-LD data block.
    expect(text).not.toMatch(/<iframe|<script(?! src="\/assets\/| type="application\/ld\+json">)/);
  });

  it('gives images srcset, sizes, dimensions and lazy loading below the fold', async () => {
    const { text } = await html(articlePath());
    const imgs = [...text.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(imgs).toHaveLength(2);
    expect(imgs[0]).toMatch(/srcset="\/media\/[^"]+480\.jpg 480w, [^"]+800\.jpg 800w/);
    expect(imgs[0]).toContain('width="1600" height="900"');
    expect(imgs[0]).toContain('fetchpriority="high"');
    expect(imgs[0]).not.toContain('loading="lazy"');
    expect(imgs[1]).toContain('loading="lazy"');
    expect(imgs[1]).toContain('alt="Une poignée de main en 2019"');
    expect(text).toContain('<source type="image/webp" srcset="/media/');
    const media = imgs[1].match(/src="([^"]+)"/)![1];
    const r = await get(media);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/jpeg');
    expect(r.headers.get('cache-control')).toContain('immutable');
  });

  it('has share links for six networks, encoded, and no third-party script', async () => {
    const { text } = await html(articlePath());
    const share = text.slice(text.indexOf('<section class="share"'), text.indexOf('</section>', text.indexOf('<section class="share"')));
    const hrefs = [...share.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    const canonical = `https://news.example${articlePath()}`;
    expect(hrefs.map((h) => new URL(h).hostname || 'mailto')).toEqual(['x.com', 'www.facebook.com', 'wa.me', 't.me', 'www.linkedin.com', 'mailto']);
    expect(new URL(hrefs[0]).searchParams.get('url')).toBe(canonical);
    expect(new URL(hrefs[1]).searchParams.get('u')).toBe(canonical);
    expect(hrefs[5]).toMatch(/^mailto:\?subject=Faut-il%20encore/);
    expect(text).toContain(`<link rel="canonical" href="${canonical}"/>`);
    expect(share).toContain('class="share-copy"');
    expect(text.match(/<script[^>]*>/g)).toEqual([
      expect.stringMatching(/^<script src="\/assets\/site\.[0-9a-f]{12}\.js" defer>$/),
      expect.stringMatching(/^<script src="\/assets\/alerts\.[0-9a-f]{12}\.js" defer>$/),
      '<script type="application/ld+json">',
    ]);
  });

  it('shows hostile text as text wherever it appears', async () => {
    const pages = [await html('/fr/monde/'), await html('/fr/'), await html(`/fr/tv/${article.slug}`)];
    const monde = await html('/fr/monde/');
    const link = monde.text.match(/href="(\/fr\/monde\/[^"]+)"/)![1];
    pages.push(await html(link));
    for (const p of pages) {
      expect(p.text).not.toContain('<script>alert');
      expect(p.text).not.toContain('alt("x")');
    }
    const a = pages[3].text;
    expect(a).toContain('Titre &lt;script>alert(&quot;x&quot;)&lt;/script>');
    expect(a).toContain('crédit &lt;script>');
    expect(a).toContain('Nom &lt;script>');
    expect(a).toContain('alt="alt &lt;script>alert(&quot;x&quot;)&lt;/script>"');
    expect(pages[2].text).toContain('Tag &lt;script>');
  });

  it('answers 404 for drafts, future articles and unknown paths, 410 for withdrawn ones', async () => {
    for (const p of ['/fr/tv/brouillon-secret', '/fr/tv/a-venir', '/fr/tv/nope', '/fr/nope/', '/xx/', '/fr/sujet/nope']) {
      const r = await html(p);
      expect(r.status, p).toBe(404);
      expect(r.text, p).toContain('<h1>Page introuvable</h1>');
    }
    const gone = await html('/fr/tv/article-retire');
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('<h1>Article retiré</h1>');
  });

  it('redirects an article asked under another section to its own URL', async () => {
    const r = await get(`/fr/monde/${article.slug}`);
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe(articlePath());
  });

  it('lists sections newest first, 20 a page, with pagination', async () => {
    const p1 = await html('/fr/sport/');
    expect(p1.status).toBe(200);
    const heads = [...p1.text.matchAll(/<h2><a href="[^"]+">(Match \d+)<\/a><\/h2>/g)].map((m) => m[1]);
    expect(heads).toHaveLength(20);
    expect(heads[0]).toBe('Match 22');
    expect(p1.text).toContain('<a href="/fr/sport/?page=2" rel="next">Plus anciens</a>');
    const p2 = await html('/fr/sport/?page=2');
    expect([...p2.text.matchAll(/>(Match \d+)</g)].map((m) => m[1])).toEqual(['Match 2', 'Match 1']);
    expect((await html('/fr/sport/?page=9')).status).toBe(404);
    expect((await html('/fr/sport/?page=abc')).status).toBe(404);
  });

  it('has tag, person and author pages', async () => {
    const tag = await html('/fr/sujet/diplomatie');
    expect(tag.text).toContain('<h1>Diplomatie</h1>');
    expect(tag.text).toContain('Grille de l’hiver');
    expect(tag.text).toContain(`négociations${N}?`);
    const person = await html('/fr/personne/herve-lantier');
    expect(person.text).toContain('<h1>Hervé Lantier</h1>');
    expect(person.text).toContain('général à la retraite');
    expect(person.text).toContain(`négociations${N}?`);
    const author = await html('/fr/auteur/claire-dubreuil');
    expect(author.text).toContain('<h1>Articles de Claire Dubreuil</h1>');
  });

  it('has a home page with the lead story, the latest and a block per section', async () => {
    const home = await html('/fr/');
    expect(home.text).toContain('<section class="home-lead" aria-label="À la une">');
    expect(home.text).toContain('<h2 id="latest-title" class="block-title">En continu</h2>');
    expect(home.text).toContain('<h2 id="section-sport" class="block-title"><a href="/fr/sport/">Sport</a></h2>');
    expect(home.text).not.toContain('brouillon-secret');
    const root = await html('/');
    expect(root.status).toBe(200);
    expect(root.text).toContain('<link rel="canonical" href="https://news.example/fr/"/>');
  });

  it('serves valid HTML', async () => {
    for (const p of ['/fr/', articlePath(), '/fr/sport/', '/fr/sujet/diplomatie', '/fr/personne/herve-lantier', '/fr/nope/']) {
      const { text } = await html(p);
      const report = await validator.validateString(text);
      const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector})`));
      expect(messages, p).toEqual([]);
    }
  });

  it('answers 304 to a matching ETag and sends security headers', async () => {
    const first = await get(articlePath());
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(first.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const again = await get(articlePath(), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves a link with tracking parameters from the same cached page', async () => {
    await html(articlePath());
    const size = site.app.cache.size;
    const tracked = await html(`${articlePath()}?utm_source=newsletter&utm_medium=email`);
    expect(tracked.status).toBe(200);
    expect(tracked.text).toContain(`<link rel="canonical" href="https://news.example${articlePath()}"/>`);
    expect(site.app.cache.size).toBe(size);
  });

  it('costs one query for the article and one batched query for its relations', async () => {
    // The content version poll would count too: pause it (and let a poll under way finish) while counting.
    site.app.site.stop();
    await site.app.site.refresh();
    try {
      site.app.cache.clear();
      const before = site.app.store.queries.count;
      await html(articlePath());
      expect(site.app.store.queries.count - before).toBe(2);
      const cached = site.app.store.queries.count;
      await html(articlePath());
      expect(site.app.store.queries.count).toBe(cached);
    } finally {
      site.app.site.watch(site.config.contentPollMs);
    }
  });

  it('empties the page cache when content changes in another process', async () => {
    const home = await html('/fr/');
    expect(home.text).not.toContain('Nouvelle du jour');
    // Another store connection, as the CLI or another node would have.
    const { openStore } = await import('../src/store/db.ts');
    const other = openStore(site.config.database);
    const { dir } = await writeImportFolder([]);
    await importArticles({ db: other.db, media: site.app.media, config: site.config, now: () => new Date() }, [
      { name: 'b.json', baseDir: dir, text: JSON.stringify(makeArticle({ headline: 'Nouvelle du jour', publishedAt: '2026-11-24T12:00:00Z' })) },
    ]);
    await other.close();
    await expect.poll(async () => (await html('/fr/')).text, { timeout: 5000, interval: 50 }).toContain('Nouvelle du jour');
  });

  it('serves an article of a section made a moment ago, before this process reloads its catalog', async () => {
    site.app.site.stop();
    try {
      const fresh = makeArticle({ section: 'rubrique-toute-neuve', headline: 'Premier article de la rubrique' });
      await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [{ name: 'b.json', baseDir: '.', text: JSON.stringify(fresh) }]);
      const { status, text } = await html(`/fr/rubrique-toute-neuve/${fresh.slug}`);
      expect(status).toBe(200);
      expect(text).toContain('<h1>Premier article de la rubrique</h1>');
    } finally {
      site.app.site.watch(site.config.contentPollMs);
    }
  });

  it('answers /healthz when the store is reachable', async () => {
    const r = await get('/healthz');
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true });
  });

  it('serves its CSS and JS under fingerprinted names, cached for a year', async () => {
    const { text } = await html('/fr/');
    const css = text.match(/href="(\/assets\/site\.[0-9a-f]{12}\.css)"/)![1];
    const r = await get(css);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await r.text();
    expect(body).toContain(':focus-visible');
    expect(Buffer.byteLength(body)).toBeLessThan(20 * 1024);
    expect((await fs.stat('public/site.js')).size).toBeLessThan(4_000);
  });
});
