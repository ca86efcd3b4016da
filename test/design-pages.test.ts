import fs from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, NO_BACKGROUND_PASSES, startTestSite, type TestSite } from './harness.ts';

/**
 * What the reader's design reads from the store: related articles as cards
 * with their pictures, the authors' photos in the byline, pictures cropped on
 * their focal point, and list times relative to the site's clock.
 */
forEachDialect('reader design', (dialect) => {
  let site: TestSite;
  const now = new Date('2026-11-21T12:00:00Z');
  let imported: Array<{ slug: string; path: string }>;

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES, () => new Date(now));
    const { dir } = await writeImportFolder([]);
    const articles = [
      makeArticle({ slug: 'le-sujet', section: 'monde', headline: 'Le sujet du jour', authors: ['Claire Dubreuil'], publishedAt: '2026-11-21T10:05:00Z', lead: { image: 'photos/lead.jpg', alt: 'Le plateau' } }),
      makeArticle({ slug: 'avec-photo', section: 'monde', headline: 'Un voisin illustré', publishedAt: '2026-11-20T09:00:00Z', lead: { image: 'photos/archive.jpg', alt: 'Une archive' } }),
      makeArticle({ slug: 'sans-photo', section: 'monde', headline: 'Un voisin sans photo', publishedAt: '2026-11-18T09:00:00Z' }),
    ];
    imported = await importArticles(
      { db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date(now) },
      [{ name: 'a.json', baseDir: dir, text: JSON.stringify(articles) }],
    );
    await fs.rm(dir, { recursive: true, force: true });
    const db = site.app.store.db;
    // The archive picture's subject sits at the top left; the author has a photo from the library.
    const archive = await db.selectFrom('images').select('id').where('original', 'like', '%').orderBy('id').execute();
    const neighbour = await db.selectFrom('articles').select('lead_image_id').where('slug', '=', 'avec-photo').executeTakeFirstOrThrow();
    await db.updateTable('images').set({ focal_x: 0.1, focal_y: 0.2 }).where('id', '=', neighbour.lead_image_id!).execute();
    await db.updateTable('authors').set({ photo_image_id: archive[0]!.id }).where('name', '=', 'Claire Dubreuil').execute();
    await site.app.site.refresh();
  });
  afterAll(() => site.close());

  const page = async (path: string) => {
    const r = await fetch(site.url + path);
    expect(r.status, path).toBe(200);
    return r.text();
  };

  it('shows related articles as cards with their pictures, cropped on the focal point', async () => {
    const html = await page(imported.find((a) => a.slug === 'le-sujet')!.path);
    const related = html.slice(html.indexOf('<aside class="related"'));
    expect(related).toContain('<div class="blocks count-2">');
    expect(related).toMatch(/<article class="card card-normal"><picture class="fx0 fy1">.*?<img [^>]*width="1200" height="800"/);
    expect(related).toContain('<article class="card card-normal card-text-only">');
    expect(related).toContain('Un voisin sans photo');
  });

  it('puts the byline with the author’s photo and the dates under the headline', async () => {
    const html = await page(imported.find((a) => a.slug === 'le-sujet')!.path);
    const header = html.slice(html.indexOf('<header class="article-header">'), html.indexOf('</header>', html.indexOf('<header class="article-header">')));
    expect(header).toMatch(/<div class="byline-photos"><picture class="byline-photo">(?:<source [^>]*>)*<img [^>]*width="\d+" height="\d+" alt[ />]/);
    expect(header).toContain('<p class="byline">Par <a href="/fr/auteur/claire-dubreuil" rel="author">Claire Dubreuil</a></p>');
    expect(header).toContain('Publié le <time datetime="2026-11-21T10:05:00.000Z">');
    expect(html.indexOf('</header>', html.indexOf('article-header'))).toBeLessThan(html.indexOf('<figure class="figure lead">'));
  });

  it('gives list times as the time today and "hier" yesterday, in the edition’s zone', async () => {
    const home = await page('/fr/');
    expect(home).toContain('<time datetime="2026-11-21T10:05:00.000Z">11:05</time>');
    expect(home).toContain('<time datetime="2026-11-20T09:00:00.000Z">hier</time>');
    const section = await page('/fr/monde/');
    expect(section).toContain('<time datetime="2026-11-18T09:00:00.000Z">18 nov. 2026</time>');
    // The section opens on its newest article as a lead, the others in a grid.
    expect(section).toMatch(/<div class="listing-lead"><article class="card card-lead">.*Le sujet du jour/);
    expect(section).toContain('<div class="listing grid">');
  });
});
