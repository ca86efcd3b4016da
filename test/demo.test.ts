import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadDemoStructure } from '../src/demo/demo-structure.ts';
import { startTestSite, type TestSite } from './harness.ts';

describe('demo content', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite('sqlite', { demoContent: true });
  }, 120_000);
  afterAll(() => site.close());

  it('loads at least 12 published French articles in at least 4 sections, one of them TV', async () => {
    const db = site.app.store.db;
    const fr = await db.selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id').select(['a.slug', 's.slug as section', 'a.status']).where('a.edition', '=', 'fr').execute();
    const published = fr.filter((a) => a.status === 'published');
    expect(published.length).toBeGreaterThanOrEqual(12);
    const sections = new Set(published.map((a) => a.section));
    expect(sections.size).toBeGreaterThanOrEqual(4);
    expect(sections).toContain('tv');
  });

  it('holds a running live with published entries, a pinned one and key points', async () => {
    const db = site.app.store.db;
    const live = await db.selectFrom('articles').select(['id', 'status', 'live_started_at', 'live_ended_at']).where('live_started_at', 'is not', null).executeTakeFirstOrThrow();
    expect(live).toMatchObject({ status: 'published', live_ended_at: null });
    const entries = await db.selectFrom('live_entries').select(['status', 'pinned', 'key_point']).where('article_id', '=', live.id).execute();
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(entries.every((e) => e.status === 'published')).toBe(true);
    expect(entries.some((e) => e.pinned === 1)).toBe(true);
    expect(entries.filter((e) => e.key_point === 1).length).toBeGreaterThanOrEqual(2);
  });

  it('is searchable as soon as it is loaded: every published article in the index, the demo TV debate found by its words', async () => {
    const db = site.app.store.db;
    const published = await db.selectFrom('articles').select('id').where('status', '=', 'published').execute();
    const indexed = await db.selectFrom('search_documents').select('article_id').where('status', '=', 'published').execute();
    expect(indexed.map((r) => r.article_id).sort()).toEqual(published.map((r) => r.id).sort());
    const found = await site.app.search.searchArticles(db, { q: "pouvoir d'achat", audience: 'readers', edition: 'fr', now: new Date().toISOString() });
    expect(found.total).toBeGreaterThan(0);
  });

  it('serves every demo article as a valid page with its images', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off', 'long-title': 'off' } }); // headlines run long; seo.title shortens them
    const rows = await site.app.store.db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .select(['a.edition', 'a.slug', 's.slug as section'])
      .where('a.status', '=', 'published')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const r of rows) {
      const res = await fetch(`${site.url}/${r.edition}/${r.section}/${r.slug}`);
      expect(res.status, r.slug).toBe(200);
      const html = await res.text();
      const report = await validator.validateString(html);
      expect(report.results.flatMap((x) => x.messages.map((m) => `${m.ruleId}: ${m.message}`)), r.slug).toEqual([]);
      const img = html.match(/<img [^>]*src="([^"]+)"/);
      if (img) expect((await fetch(site.url + img[1])).status, img[1]).toBe(200);
    }
  });

  it('links the English articles to the French ones they translate, both ways', async () => {
    const en = await (await fetch(`${site.url}/en/world/geneva-summit-agreement-shared-rivers`)).text();
    expect(en).toContain(`<link rel="alternate" hreflang="fr" href="${site.config.publicUrl}/fr/monde/sommet-geneve-accord-partage-fleuves-transfrontaliers"/>`);
    const fr = await (await fetch(`${site.url}/fr/culture/festival-rochenoire-grand-prix-la-saison-des-sels`)).text();
    expect(fr).toContain(`hreflang="en" lang="en">English</a>`);
  });

  it('has a French and an English home page', async () => {
    const fr = await (await fetch(`${site.url}/fr/`)).text();
    const en = await (await fetch(`${site.url}/en/`)).text();
    expect(fr).toContain('<html lang="fr" dir="ltr">');
    expect(en).toContain('<html lang="en" dir="ltr">');
    expect(en).toContain('Latest news');
  });

  it('has an Arabic edition read right to left, its dates in Arabic-Indic digits', async () => {
    const home = await (await fetch(`${site.url}/ar/`)).text();
    expect(home).toContain('<html lang="ar" dir="rtl">');
    expect(home).toContain('آخر الأخبار');
    const href = /href="(\/ar\/%[^"/]+\/%[^"]+)"/.exec(home)?.[1];
    expect(href, 'a percent-encoded Arabic article link').toBeDefined();
    const page = await (await fetch(`${site.url}${href}`)).text();
    expect(page).toMatch(/<time[^>]*>[^<]*[٠-٩]{4}/);
    // A speaker's name keeps its own direction, a Latin one in Arabic text as well.
    expect(page).toMatch(/<a class="speaker"[^>]*><bdi>[^<]+<\/bdi><\/a>/);
  });

  it('has the static pages of a newsroom, published and in every edition’s footer, a header menu, a featured topic and authors’ profiles', async () => {
    const expected: Record<string, string[]> = {
      fr: ['a-propos', 'contact', 'mentions-legales', 'confidentialite', 'charte-editoriale'],
      en: ['about', 'contact', 'legal-notice', 'privacy', 'editorial-charter'],
      ar: ['من-نحن', 'اتصل-بنا'],
    };
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off', 'long-title': 'off' } });
    for (const [edition, slugs] of Object.entries(expected)) {
      const rows = await site.app.store.db.selectFrom('pages').select(['slug', 'status', 'in_footer']).where('edition', '=', edition).execute();
      for (const slug of slugs) expect(rows.find((r) => r.slug === slug), `${edition}/${slug}`).toMatchObject({ status: 'published', in_footer: 1 });
      const home = await (await fetch(`${site.url}/${edition}/`)).text();
      const footer = home.slice(home.lastIndexOf('<footer'));
      for (const slug of slugs) {
        const href = `/${edition}/page/${encodeURIComponent(slug)}`;
        expect(footer, `${edition} footer links ${slug}`).toContain(`href="${href}"`);
        const res = await fetch(site.url + href);
        expect(res.status, href).toBe(200);
        const report = await validator.validateString(await res.text());
        expect(report.results.flatMap((x) => x.messages.map((m) => `${m.ruleId}: ${m.message}`)), href).toEqual([]);
      }
    }
    const db = site.app.store.db;
    expect(await db.selectFrom('menu_items').select('id').where('edition', '=', 'fr').where('menu', '=', 'header').execute()).toHaveLength(6);
    expect(await db.selectFrom('tags').select('slug').where('edition', '=', 'fr').where('featured', '=', 1).execute()).toEqual([{ slug: 'climat' }]);
    const authors = await db.selectFrom('authors').select(['name', 'bio', 'role']).execute();
    expect(authors.filter((a) => a.bio && a.role).length).toBeGreaterThanOrEqual(6);
    const author = await (await fetch(`${site.url}/fr/auteur/lea-vasseur`)).text();
    expect(author).toContain('Correspondante diplomatique');
    expect(author).toContain('https://mastodon.example/@leavasseur');
    expect((await db.selectFrom('people').select('description').where('name', '=', 'Karim Haddouche').executeTakeFirstOrThrow()).description).toMatch(/^Climatologue/);
  });

  it('loads its pages, menus and profiles again without adding or changing anything', async () => {
    const db = site.app.store.db;
    const snapshot = async () => ({
      pages: await db.selectFrom('pages').select(['edition', 'slug', 'title', 'version']).orderBy('id').execute(),
      menus: await db.selectFrom('menu_items').select(['edition', 'menu', 'position', 'target_id']).orderBy('id').execute(),
      authors: await db.selectFrom('authors').select(['name', 'bio', 'role', 'social']).orderBy('id').execute(),
      featured: await db.selectFrom('tags').select(['slug', 'featured', 'description']).where('featured', '=', 1).orderBy('id').execute(),
    });
    const before = await snapshot();
    // An author's profile edited since the first load stays as edited.
    await db.updateTable('authors').set({ bio: 'Bio réécrite par la rédaction.' }).where('name', '=', 'Camille Roussel').execute();
    // `depeche demo` loads articles into an empty store only; what is around them may be loaded again.
    expect(await loadDemoStructure(db, fileURLToPath(new URL('../src/demo/content', import.meta.url)), new Date())).toEqual({ pages: 0 });
    const after = await snapshot();
    expect(after.pages).toEqual(before.pages);
    expect(after.menus).toEqual(before.menus);
    expect(after.featured).toEqual(before.featured);
    expect(after.authors.find((a) => a.name === 'Camille Roussel')!.bio).toBe('Bio réécrite par la rédaction.');
  });
});
