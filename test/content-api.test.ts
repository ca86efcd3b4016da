import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { broadcasterArticle, writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, NO_BACKGROUND_PASSES, startTestSite, type TestSite } from './harness.ts';

const NOW = new Date('2026-11-25T12:00:00Z');

forEachDialect('content API', (dialect) => {
  let site: TestSite;
  const lead = broadcasterArticle({ publishedAt: '2026-11-20T09:30:00Z', seo: { title: 'Négociations' } });
  const monde = [
    makeArticle({ section: 'monde', publishedAt: '2026-11-22T08:00:00Z', tags: ['Diplomatie'], authors: ['Claire Dubreuil'],
      body: [{ type: 'quote', text: 'Rien.', speaker: { name: 'Anna Kowalska' } }] }),
    makeArticle({ section: 'monde', publishedAt: '2026-11-18T08:00:00Z', tags: ['Diplomatie', 'Europe'], canonicalUrl: 'https://origin.example/a' }),
  ];
  // Two share a publication time: the id breaks the tie, and a page boundary may fall between them.
  const sport = Array.from({ length: 9 }, (_, i) =>
    makeArticle({ section: 'sport', headline: `Match ${i}`, publishedAt: `2026-11-${String(10 + Math.min(i, 7)).padStart(2, '0')}T10:00:00Z` }),
  );
  const en = [makeArticle({ edition: 'en', section: 'world', publishedAt: '2026-11-21T08:00:00Z', tags: ['Diplomacy'] })];
  const secret = { tags: ['Embargo secret'], authors: ['Plume Cachée'], body: [{ type: 'quote', text: 'Chut.', speaker: { name: 'Personne Secrète' } }] };
  const hidden = [
    makeArticle({ section: 'tv', status: 'draft', publishedAt: undefined, ...secret }),
    makeArticle({ section: 'tv', status: 'unpublished', publishedAt: '2026-11-19T08:00:00Z', ...secret }),
    makeArticle({ section: 'tv', publishedAt: '2026-12-31T08:00:00Z', ...secret }),
    // Made in-review and scheduled below: statuses the Admin API will write.
    makeArticle({ section: 'tv', publishedAt: '2026-11-19T08:00:00Z', ...secret }),
    makeArticle({ section: 'tv', publishedAt: '2026-11-19T08:00:00Z', ...secret }),
  ];
  const visible = [lead, ...monde, ...sport, ...en];
  const ids = new Map<string, number>();

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES, () => NOW);
    const db = site.app.store.db;
    await ensureEdition(db, { code: 'en', name: 'News', timeZone: 'UTC', baseUrl: 'https://en.news.example/' });
    const { dir } = await writeImportFolder([]);
    const imported = await importArticles(
      { db, media: site.app.media, config: site.config, now: () => NOW },
      [{ name: 'a.json', baseDir: dir, text: JSON.stringify([...visible, ...hidden]) }],
    );
    for (const a of imported) ids.set(a.slug, a.id);
    await db.updateTable('articles').set({ status: 'in_review' }).where('slug', '=', hidden[3].slug).execute();
    await db.updateTable('articles').set({ status: 'scheduled', scheduled_at: '2026-11-19T08:00:00.000Z' }).where('slug', '=', hidden[4].slug).execute();
    await site.app.site.refresh();
  });
  afterAll(() => site.close());

  const get = async (path: string) => {
    const r = await fetch(site.url + path);
    return { status: r.status, headers: r.headers, json: (await r.json()) as any };
  };
  const slugs = (body: { articles: Array<{ slug: string }> }) => body.articles.map((a) => a.slug);
  /** Every article of a listing, page after page. */
  const walk = async (query: string) => {
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const { status, json } = await get(`/api/content/articles?${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      seen.push(...json.articles);
      cursor = json.nextCursor;
    } while (cursor);
    return seen;
  };
  /** Newest first, the id breaking ties. */
  const newestFirst = (list: Array<Record<string, any>>) =>
    [...list].sort((x, y) => (x.publishedAt === y.publishedAt ? ids.get(y.slug)! - ids.get(x.slug)! : x.publishedAt < y.publishedAt ? 1 : -1)).map((a) => a.slug);

  it('walks every visible article exactly once, newest first, through the cursor', async () => {
    // A page of one puts a boundary everywhere, between the two articles of the same minute too.
    for (const limit of [1, 5, 100]) expect((await walk(`limit=${limit}`)).map((a) => a.slug)).toEqual(newestFirst(visible));
  });

  it('describes a summary with absolute URLs, section, authors, tags, source and lead picture', async () => {
    const { status, headers, json } = await get('/api/content/articles?edition=fr&section=tv');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('public, max-age=30');
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.nextCursor).toBeNull();
    expect(json.articles).toEqual([
      {
        id: ids.get(lead.slug),
        edition: 'fr',
        slug: lead.slug,
        url: `https://news.example/fr/tv/${lead.slug}`,
        path: `/fr/tv/${lead.slug}`,
        section: { slug: 'tv', name: 'TV' },
        headline: lead.headline,
        standfirst: lead.standfirst,
        publishedAt: '2026-11-20T09:30:00.000Z',
        updatedAt: null,
        authors: [{ slug: 'claire-dubreuil', name: 'Claire Dubreuil' }, { slug: 'yanis-kerouani', name: 'Yanis Kerouani' }],
        tags: [{ slug: 'diplomatie', name: 'Diplomatie' }, { slug: 'debats', name: 'Débats' }],
        source: { name: 'Agence Exemple Presse', url: 'https://example.org/depeches/123' },
        lead: {
          image: { url: expect.stringMatching(/^https:\/\/news\.example\/media\/.+\.jpg$/), width: 1600, height: 900 },
          alt: 'Le plateau du débat',
          caption: 'Le plateau de l’émission.',
          credit: '(Photo Agence Exemple)',
        },
      },
    ]);
  });

  it('filters by edition, section, tag, author and quoted person', async () => {
    const list = async (q: string) => slugs((await get(`/api/content/articles?${q}`)).json);
    expect(await list('edition=fr&section=monde')).toEqual(newestFirst(monde));
    expect(await list('edition=fr&tag=diplomatie')).toEqual(newestFirst([lead, ...monde]));
    expect(await list('tag=europe')).toEqual([monde[1].slug]);
    expect(await list('author=claire-dubreuil')).toEqual(newestFirst([lead, monde[0]]));
    expect(await list('person=herve-lantier')).toEqual([lead.slug]);
    expect(await list('person=anna-kowalska&section=monde')).toEqual([monde[0].slug]);
    expect(await list('edition=en')).toEqual([en[0].slug]);
    expect(await list('edition=en&tag=diplomatie')).toEqual([]);
    expect((await get('/api/content/articles?edition=en')).json.articles[0].url).toBe(`https://en.news.example/en/world/${en[0].slug}`);
  });

  it('never shows drafts, unpublished, in-review, scheduled or future articles, in lists or by slug', async () => {
    const all = (await walk('limit=100')).map((a) => a.slug);
    for (const q of ['tag=embargo-secret', 'author=plume-cachee', 'person=personne-secrete', 'section=tv&edition=fr']) {
      const listed = slugs((await get(`/api/content/articles?${q}`)).json);
      expect(listed.filter((s) => hidden.some((h) => h.slug === s))).toEqual([]);
    }
    const missing = await get('/api/content/articles/fr/no-such-article');
    for (const h of hidden) {
      expect(all).not.toContain(h.slug);
      const r = await get(`/api/content/articles/fr/${h.slug}`);
      expect(r.status).toBe(404);
      // Answered exactly as an article that never existed.
      expect(r.json).toEqual({ code: 'not_found', message: missing.json.message.replace('no-such-article', h.slug) });
    }
  });

  it('serves one article in full, with figures’ images expanded and the canonical URL', async () => {
    const { status, headers, json } = await get(`/api/content/articles/fr/${lead.slug}`);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('public, max-age=30');
    expect(json.headline).toBe(lead.headline);
    expect(json.seo).toEqual({ title: 'Négociations', description: null });
    expect(json.canonicalUrl).toBe(`https://news.example/fr/tv/${lead.slug}`);
    expect(json.body.map((b: any) => b.type)).toEqual(lead.body.map((b: any) => b.type));
    const figure = json.body.find((b: any) => b.type === 'figure');
    expect(figure).toMatchObject({ alt: 'Une poignée de main en 2019', caption: 'Une rencontre précédente.', archive: true, imageId: expect.any(Number) });
    expect(figure.image).toEqual({ url: expect.stringMatching(/^https:\/\/news\.example\/media\/.+\.jpg$/), width: 1200, height: 800 });
    expect(json.body.find((b: any) => b.type === 'quote').speaker).toEqual({ name: 'Hervé Lantier', role: 'général à la retraite' });
    const media = await fetch(site.url + new URL(figure.image.url).pathname);
    expect(media.status).toBe(200);
    expect((await get(`/api/content/articles/fr/${monde[1].slug}`)).json.canonicalUrl).toBe('https://origin.example/a');
  });

  it('lists sections, and only tags and people that visible articles show', async () => {
    const sections = (await get('/api/content/sections?edition=fr')).json.sections;
    expect(sections.map((s: any) => s.slug).sort()).toEqual(['monde', 'sport', 'tv']);
    expect(sections[0]).toEqual({ edition: 'fr', slug: expect.any(String), name: expect.any(String), path: `/fr/${sections[0].slug}/` });
    expect((await get('/api/content/sections')).json.sections.map((s: any) => s.edition)).toContain('en');

    const tags = (await get('/api/content/tags?edition=fr')).json.tags;
    expect(tags).toEqual([
      { slug: 'debats', name: 'Débats', path: '/fr/sujet/debats' },
      { slug: 'diplomatie', name: 'Diplomatie', path: '/fr/sujet/diplomatie' },
      { slug: 'europe', name: 'Europe', path: '/fr/sujet/europe' },
    ]);
    expect((await get('/api/content/tags?edition=fr&q=DIPLO')).json.tags.map((t: any) => t.slug)).toEqual(['diplomatie']);
    expect((await get('/api/content/tags?edition=en')).json.tags.map((t: any) => t.slug)).toEqual(['diplomacy']);

    const people = (await get('/api/content/people')).json.people;
    expect(people).toEqual([
      { slug: 'anna-kowalska', name: 'Anna Kowalska', role: null },
      { slug: 'herve-lantier', name: 'Hervé Lantier', role: 'général à la retraite' },
    ]);
    expect((await get('/api/content/people?q=hervé')).json.people.map((p: any) => p.slug)).toEqual(['herve-lantier']);
    expect((await get('/api/content/people?q=%25')).json.people).toEqual([]);
  });

  it('answers 422 naming the field for a bad limit, cursor, edition or repeated filter', async () => {
    const field = async (path: string) => {
      const r = await get(path);
      expect(r.status, path).toBe(422);
      expect(r.json.code).toBe('validation_failed');
      expect(r.headers.get('cache-control')).toBeNull();
      return r.json.field;
    };
    expect(await field('/api/content/articles?limit=0')).toBe('limit');
    expect(await field('/api/content/articles?limit=101')).toBe('limit');
    expect(await field('/api/content/articles?limit=2.5')).toBe('limit');
    expect(await field('/api/content/articles?cursor=not-a-cursor')).toBe('cursor');
    expect(await field(`/api/content/articles?cursor=${Buffer.from('yesterday|1').toString('base64url')}`)).toBe('cursor');
    expect(await field('/api/content/articles?edition=xx')).toBe('edition');
    expect(await field('/api/content/articles?tag=a&tag=b')).toBe('tag');
    expect(await field('/api/content/sections?edition=xx')).toBe('edition');
    expect(await field('/api/content/tags')).toBe('edition');
    const max = await get('/api/content/articles?limit=100');
    expect(max.status).toBe(200);
  });

  it('costs the same few queries for a page of two articles as for a page of twenty', async () => {
    // The content version poll would count too: pause it while counting.
    site.app.site.stop();
    try {
      const cost = async (path: string) => {
        const before = site.app.store.queries.count;
        expect((await get(path)).status).toBe(200);
        return site.app.store.queries.count - before;
      };
      const small = await cost('/api/content/articles?limit=2');
      expect(small).toBe(await cost('/api/content/articles?limit=20'));
      // The editions, the newest of each of the two (read in index order, merged), the page's rows, then its tags and its authors.
      expect(small).toBe(6);
      // The article, then its tags, its authors, its pictures and its translations.
      expect(await cost(`/api/content/articles/fr/${lead.slug}`)).toBe(5);
    } finally {
      site.app.site.watch(site.config.contentPollMs);
    }
  });
});
