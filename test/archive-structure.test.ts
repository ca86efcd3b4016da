import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { create, extract } from 'tar';
import { exportArchive, restoreArchive } from '../src/content/archive.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { paths } from '../src/content/paths.ts';
import type { Db } from '../src/store/db.ts';
import { forEachDialect, listFiles, makeArticle, makeImage, NO_BACKGROUND_PASSES, scratchDir, startTestSite, waitFor, type TestSite } from './harness.ts';

/**
 * The site structure of issue 13 travels in the archive (format version 4,
 * docs/backup.md): editions' language, direction, numerals and identity (with
 * its files), sections' nesting, topics, people and authors with their
 * profiles and merges, static pages, menus, former slugs, translation links and
 * focal points. A version 3 archive still restores, with the defaults.
 */

const clock = new Date('2026-12-07T10:00:00Z');

/** What the structure holds, named by slugs and media keys, never by ids: the same on both sites when the restore is whole. */
async function structure(db: Db) {
  const images = new Map((await db.selectFrom('images').select(['id', 'original', 'focal_x', 'focal_y']).execute()).map((i) => [i.id, i]));
  const img = (id: number | null) => (id === null ? null : images.get(id)!.original);
  const slugs = async (table: 'tags' | 'people' | 'authors' | 'sections' | 'pages') => new Map((await db.selectFrom(table as 'tags').select(['id', 'slug']).execute()).map((r) => [r.id, r.slug]));
  const tagSlug = await slugs('tags');
  const personSlug = await slugs('people');
  const authorSlug = await slugs('authors');
  const sectionSlug = await slugs('sections');
  const pageSlug = await slugs('pages');
  const byKind: Record<string, Map<number, string>> = { section: sectionSlug, page: pageSlug, tag: tagSlug, topic: tagSlug, person: personSlug, author: authorSlug };
  const editions = (await db.selectFrom('editions').select(['code', 'language', 'dir', 'numbering', 'identity']).orderBy('code').execute()).map((e) => {
    const id = JSON.parse(e.identity ?? '{}');
    return { ...e, identity: { ...id, socialImageId: id.socialImageId ? img(id.socialImageId) : undefined, socialImage: id.socialImage ? 'set' : undefined } };
  });
  const sections = (await db.selectFrom('sections').select(['edition', 'slug', 'name', 'parent_id', 'description']).orderBy('edition').orderBy('slug').execute()).map((s) => ({ ...s, parent_id: s.parent_id === null ? null : sectionSlug.get(s.parent_id) }));
  const tags = (await db.selectFrom('tags').select(['edition', 'slug', 'name', 'description', 'featured', 'merged_into']).orderBy('edition').orderBy('slug').execute()).map((t) => ({ ...t, featured: Number(t.featured), merged_into: t.merged_into === null ? null : tagSlug.get(t.merged_into) }));
  const people = (await db.selectFrom('people').select(['id', 'slug', 'name', 'description', 'photo_image_id', 'aliases', 'wikidata', 'merged_into']).orderBy('slug').execute()).map(({ id, ...p }) => ({
    ...p,
    aliases: JSON.parse(p.aliases),
    photo_image_id: img(p.photo_image_id),
    merged_into: p.merged_into === null ? null : personSlug.get(p.merged_into),
    _id: id,
  }));
  const roles = await db.selectFrom('person_roles').select(['person_id', 'edition', 'role']).execute();
  const authors = (await db.selectFrom('authors').select(['slug', 'name', 'bio', 'role', 'photo_image_id', 'social', 'merged_into']).orderBy('slug').execute()).map((u) => ({ ...u, social: JSON.parse(u.social), photo_image_id: img(u.photo_image_id), merged_into: u.merged_into === null ? null : authorSlug.get(u.merged_into) }));
  const pages = (await db.selectFrom('pages').select(['edition', 'slug', 'title', 'description', 'kind', 'body', 'status', 'in_footer', 'position', 'published_at']).orderBy('slug').execute()).map((p) => ({
    ...p,
    in_footer: Number(p.in_footer),
    body: (JSON.parse(p.body) as Array<Record<string, unknown>>).map((b) => (b.type === 'figure' ? { ...b, imageId: img(b.imageId as number) } : b)),
  }));
  const menus = (await db.selectFrom('menu_items').select(['edition', 'menu', 'position', 'kind', 'target_id', 'url', 'label']).orderBy('edition').orderBy('menu').orderBy('position').execute()).map((m) => ({ ...m, target_id: m.target_id === null ? null : byKind[m.kind].get(m.target_id) }));
  const aliases = (await db.selectFrom('slug_aliases').select(['kind', 'edition', 'slug', 'target_id']).orderBy('kind').orderBy('slug').execute()).map((a) => ({ ...a, target_id: byKind[a.kind].get(a.target_id) }));
  const articleSlug = new Map((await db.selectFrom('articles').select(['id', 'slug']).execute()).map((a) => [a.id, a.slug]));
  const translations = (await db.selectFrom('articles').select(['slug', 'translated_from']).where('translated_from', 'is not', null).execute()).map((a) => ({ slug: a.slug, from: articleSlug.get(a.translated_from!) }));
  const focal = [...images.values()].filter((i) => i.focal_x !== null).map((i) => ({ original: i.original, x: Number(i.focal_x), y: Number(i.focal_y) }));
  const quoted = (await db.selectFrom('article_people as l').innerJoin('people as p', 'p.id', 'l.person_id').innerJoin('articles as a', 'a.id', 'l.article_id').select(['a.slug', 'p.slug as person']).orderBy('a.slug').execute());
  return {
    editions,
    sections,
    tags,
    people: people.map(({ _id, ...p }) => ({ ...p, roles: roles.filter((r) => r.person_id === _id).map((r) => [r.edition, r.role]).sort() })),
    authors,
    pages,
    menus,
    aliases,
    translations,
    focal,
    quoted,
  };
}

/** Packs an unpacked archive again, file by file in the archive's order: the manifest, the data files, the media. */
async function repack(dir: string, out: string): Promise<void> {
  const files = (await listFiles(dir)).map((f) => path.relative(dir, f)).filter((f) => f !== 'depeche-export.json');
  const data = files.filter((f) => !f.startsWith('media/')).sort();
  const media = files.filter((f) => f.startsWith('media/')).sort();
  await create({ gzip: true, file: out, cwd: dir, portable: true, noDirRecurse: true }, ['depeche-export.json', ...data, ...media]);
}

forEachDialect('archive of the site structure', (dialect) => {
  let site: TestSite;
  let restored: TestSite;
  let file: string;
  let before: Awaited<ReturnType<typeof structure>>;

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES, () => clock);
    const db = site.app.store.db;
    const deps = { db, media: site.app.media, config: site.config, now: () => clock };
    await db.insertInto('editions').values({ code: 'ar', name: 'عربي', base_url: '', time_zone: 'Asia/Beirut', is_default: 0, position: 5, language: 'ar', dir: 'rtl', numbering: 'arab' }).execute();
    const dir = await scratchDir('structure-src-');
    await fs.writeFile(path.join(dir, 'une.jpg'), await makeImage(1200, 800, 'jpeg', '#aa3344'));
    const quote = (name: string) => ({ type: 'quote', text: 'Nous tiendrons.', speaker: { name, role: 'Ministre' } });
    const articles = [
      makeArticle({ slug: 'sommet-climat', section: 'monde', tags: ['Climat', 'Ancien sujet'], authors: ['Léa Martin'], lead: { image: 'une.jpg', alt: 'Une salle' }, body: [{ type: 'paragraph', text: 'Texte.' }, quote('Jean Dupont')] }),
      makeArticle({ slug: 'accord-signe', section: 'monde', tags: ['Ancien sujet'], body: [quote('J. Dupont')] }),
      makeArticle({ edition: 'ar', slug: 'قمة-المناخ', section: 'عالم', headline: 'قمة المناخ', standfirst: 'نص.', body: [{ type: 'paragraph', text: 'نص.' }] }),
    ];
    await importArticles(deps, [{ name: 'a.json', baseDir: dir, text: JSON.stringify(articles) }]);
    // The newsroom's work on its structure, as the admin screens leave it.
    const id = async (table: 'tags' | 'people' | 'authors' | 'sections', slug: string) => (await db.selectFrom(table as 'tags').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    const une = (await db.selectFrom('images').select(['id', 'original']).where('width', '=', 1200).executeTakeFirstOrThrow());
    await db.updateTable('images').set({ focal_x: 0.25, focal_y: 0.75 }).where('id', '=', une.id).execute();
    const monde = await id('sections', 'monde');
    await db.updateTable('sections').set({ slug: 'international', name: 'International', description: 'Le monde.' }).where('id', '=', monde).execute();
    await db.insertInto('slug_aliases').values({ kind: 'section', edition: 'fr', slug: 'monde', target_id: monde, created_at: clock.toISOString() }).execute();
    await db.insertInto('sections').values({ edition: 'fr', slug: 'moyen-orient', name: 'Moyen-Orient', position: 9, in_nav: 1, parent_id: monde, description: 'La région.' }).execute();
    const climat = await id('tags', 'climat');
    const ancien = await id('tags', 'ancien-sujet');
    await db.updateTable('tags').set({ description: 'Tout sur le climat.', featured: 1 }).where('id', '=', climat).execute();
    await db.deleteFrom('article_tags').where('tag_id', '=', ancien).where('article_id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', '=', climat)).execute();
    await db.updateTable('article_tags').set({ tag_id: climat }).where('tag_id', '=', ancien).execute();
    await db.updateTable('tags').set({ merged_into: climat }).where('id', '=', ancien).execute();
    await db.insertInto('slug_aliases').values({ kind: 'tag', edition: 'fr', slug: 'ancien-sujet', target_id: climat, created_at: clock.toISOString() }).execute();
    const jean = await id('people', 'jean-dupont');
    const j = await id('people', 'j-dupont');
    const portrait = une.id;
    await db.updateTable('people').set({ description: 'Ministre du climat.', wikidata: 'Q42', aliases: JSON.stringify(['J. Dupont']), photo_image_id: portrait }).where('id', '=', jean).execute();
    await db.insertInto('person_roles').values([{ person_id: jean, edition: 'fr', role: 'Ministre' }, { person_id: jean, edition: 'ar', role: 'وزير' }]).execute();
    await db.updateTable('article_people').set({ person_id: jean }).where('person_id', '=', j).execute();
    await db.updateTable('people').set({ merged_into: jean }).where('id', '=', j).execute();
    await db.insertInto('slug_aliases').values({ kind: 'person', edition: '', slug: 'j-dupont', target_id: jean, created_at: clock.toISOString() }).execute();
    await db.updateTable('authors').set({ bio: 'Journaliste.', role: 'Correspondante', photo_image_id: portrait, social: JSON.stringify([{ network: 'x', url: 'https://x.com/lea' }]) }).where('slug', '=', 'lea-martin').execute();
    const page = await db
      .insertInto('pages')
      .values({
        edition: 'fr',
        slug: 'a-propos',
        title: 'À propos de nous',
        description: 'Qui nous sommes.',
        kind: 'about',
        body: JSON.stringify([{ type: 'paragraph', text: 'Une rédaction internationale.' }, { type: 'figure', imageId: une.id, alt: 'La rédaction', caption: 'Notre salle' }]),
        status: 'published',
        in_footer: 1,
        position: 0,
        created_at: clock.toISOString(),
        updated_at: clock.toISOString(),
        published_at: clock.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('slug_aliases').values({ kind: 'page', edition: 'fr', slug: 'qui-sommes-nous', target_id: page.id, created_at: clock.toISOString() }).execute();
    await db
      .insertInto('menu_items')
      .values([
        { edition: 'fr', menu: 'header', position: 0, kind: 'section', target_id: monde, url: null, label: null },
        { edition: 'fr', menu: 'header', position: 1, kind: 'topic', target_id: climat, url: null, label: 'Le climat' },
        { edition: 'fr', menu: 'header', position: 2, kind: 'url', target_id: null, url: 'https://example.org/radio', label: 'Écouter la radio' },
        { edition: 'fr', menu: 'footer', position: 0, kind: 'page', target_id: page.id, url: null, label: 'Qui sommes-nous' },
      ])
      .execute();
    const src = await db.selectFrom('articles').select(['id', 'version']).where('slug', '=', 'sommet-climat').executeTakeFirstOrThrow();
    await db.updateTable('articles').set({ translated_from: src.id, translated_version: src.version }).where('edition', '=', 'ar').execute();
    // The identity: a logo and an icon in the media storage, colours, social accounts, the default social picture.
    await site.app.media.write('identity/fr/logo-test.png', await makeImage(200, 50, 'png', '#123456'));
    await site.app.media.write('identity/fr/icon-32-test.png', await makeImage(32, 32, 'png', '#123456'));
    await db
      .updateTable('editions')
      .set({
        identity: JSON.stringify({
          logo: { key: 'identity/fr/logo-test.png', mime: 'image/png', width: 200, height: 50 },
          icons: { '32': 'identity/fr/icon-32-test.png' },
          colours: { accent: '#b00020' },
          social: [{ network: 'x', url: 'https://x.com/depeche' }],
          socialImageId: une.id,
          socialImage: { key: une.original, width: 1200, height: 800 },
        }),
      })
      .where('code', '=', 'fr')
      .execute();
    before = await structure(db);
    file = path.join(await scratchDir('structure-archive-'), 'site.tar.gz');
    await exportArchive({ db, media: site.app.media, now: () => clock }, file);
    restored = await startTestSite(dialect, NO_BACKGROUND_PASSES, () => clock);
    await restoreArchive({ db: restored.app.store.db, media: restored.app.media, config: restored.config, now: () => clock }, file);
  }, 300_000);

  afterAll(async () => {
    await site?.close();
    await restored?.close();
  });

  it('gives back the same structure: editions and identity, sections, topics, people, authors, pages, menus, former slugs, translations, focal points', async () => {
    const after = await structure(restored.app.store.db);
    // The fixture holds what the comparison is about (a wrong fixture would compare two empty lists).
    expect(before.editions.find((e) => e.code === 'ar')).toMatchObject({ language: 'ar', dir: 'rtl', numbering: 'arab' });
    expect(before.people.find((p) => p.slug === 'j-dupont')).toMatchObject({ merged_into: 'jean-dupont' });
    expect(before.menus).toHaveLength(4);
    expect(before.aliases).toHaveLength(4);
    expect(before.translations).toHaveLength(1);
    expect(before.focal).toHaveLength(1);
    expect(before.pages[0].body[1]).toMatchObject({ type: 'figure', caption: 'Notre salle' });
    expect(after).toEqual(before);
    // The identity's files are in the restored media storage.
    expect(await restored.app.media.exists('identity/fr/logo-test.png')).toBe(true);
    expect(await restored.app.media.exists('identity/fr/icon-32-test.png')).toBe(true);
  });

  it('serves the restored static page, menus and former addresses', async () => {
    const get = (p: string) => fetch(restored.url + p, { redirect: 'manual' });
    const page = await get(paths.page('fr', 'a-propos'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('À propos de nous');
    expect(html).toContain('Une rédaction internationale.');
    expect(html).toMatch(/<img[^>]+alt="La rédaction"/);
    // The restore happened under the running site: its catalog follows within one poll of the content version.
    let home = '';
    await waitFor('the restored menus on the home page', async () => (home = await (await get('/fr/')).text()).includes('Écouter la radio'));
    expect(home).toContain('Écouter la radio');
    expect(home).toContain('href="https://example.org/radio"');
    expect(home).toContain('Qui sommes-nous');
    expect(home).toContain('identity/fr/logo-test.png');
    await waitFor('the renamed section’s old address to answer 301', async () => (await get(paths.section('fr', 'monde'))).status === 301);
    expect((await get(paths.section('fr', 'monde'))).headers.get('location')).toContain(paths.section('fr', 'international'));
    const person = await get(paths.person('fr', 'j-dupont'));
    expect(person.status).toBe(301);
    expect(person.headers.get('location')).toContain(paths.person('fr', 'jean-dupont'));
    const topic = await get(paths.tag('fr', 'ancien-sujet'));
    expect(topic.status).toBe(301);
    expect((await get(paths.page('fr', 'qui-sommes-nous'))).status).toBe(301);
    const ar = await (await get('/ar/')).text();
    expect(ar).toMatch(/<html[^>]+dir="rtl"/);
  });

  it('still restores a version 3 archive: the structure it lacks takes its defaults', async () => {
    const dir = await scratchDir('structure-v3-');
    await extract({ file, cwd: dir });
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'depeche-export.json'), 'utf8'));
    manifest.version = 3;
    manifest.editions = manifest.editions.map(({ language: _l, dir: _d, numbering: _n, identity: _i, ...e }: Record<string, unknown>) => e);
    for (const k of ['tags', 'people', 'authors', 'pages', 'menuItems', 'slugAliases', 'translations', 'focalPoints']) delete manifest.counts[k];
    await fs.writeFile(path.join(dir, 'depeche-export.json'), JSON.stringify(manifest));
    for (const k of ['tags', 'people', 'authors', 'pages', 'menu-items', 'slug-aliases', 'translations', 'focal-points']) await fs.rm(path.join(dir, k), { recursive: true, force: true });
    await fs.rm(path.join(dir, 'media', 'identity'), { recursive: true, force: true });
    const v3 = path.join(dir, '..', `v3-${path.basename(dir)}.tar.gz`);
    await repack(dir, v3);
    const third = await startTestSite(dialect, NO_BACKGROUND_PASSES, () => clock);
    try {
      const result = await restoreArchive({ db: third.app.store.db, media: third.app.media, config: third.config, now: () => clock }, v3);
      expect(result.articles).toBe(3);
      const s = await structure(third.app.store.db);
      expect(s.editions.find((e) => e.code === 'ar')).toMatchObject({ language: '', dir: 'ltr', numbering: null });
      expect(s.sections.find((x) => x.slug === 'moyen-orient')).toMatchObject({ parent_id: 'international', description: 'La région.' });
      expect(s.pages).toEqual([]);
      expect(s.menus).toEqual([]);
      expect(s.aliases).toEqual([]);
      // The articles name their topics, people and authors: those come back, without their profiles.
      expect(s.tags.map((t) => t.slug)).toContain('climat');
      expect(s.people.find((p) => p.slug === 'jean-dupont')).toMatchObject({ description: null, merged_into: null });
    } finally {
      await third.close();
    }
  });

  it('refuses an archive whose menu names a page it lacks, and writes nothing', async () => {
    const dir = await scratchDir('structure-bad-');
    await extract({ file, cwd: dir });
    const menuDir = path.join(dir, 'menu-items');
    const [name] = await fs.readdir(menuDir);
    const lines = (await fs.readFile(path.join(menuDir, name), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    for (const l of lines) if (l.kind === 'page') l.target = 'nulle-part';
    await fs.writeFile(path.join(menuDir, name), lines.map((l) => JSON.stringify(l) + '\n').join(''));
    const bad = path.join(dir, '..', `bad-${path.basename(dir)}.tar.gz`);
    await repack(dir, bad);
    const fourth = await startTestSite(dialect, NO_BACKGROUND_PASSES, () => clock);
    try {
      const err = await restoreArchive({ db: fourth.app.store.db, media: fourth.app.media, config: fourth.config, now: () => clock }, bad).catch((e) => e);
      expect(err.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/menu-items\/000001\.ndjson: line \d+: target$/), message: 'no page "nulle-part" in edition fr in the archive' })]));
      expect(Number((await fourth.app.store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
      expect(await fourth.app.store.db.selectFrom('pages').selectAll().execute()).toEqual([]);
    } finally {
      await fourth.close();
    }
  });
});
