import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
