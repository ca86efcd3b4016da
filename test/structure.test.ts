import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, firstAdmin, type AdminClient } from './admin-client.ts';
import path from 'node:path';
import { exportArchive, restoreArchive } from '../src/content/archive.service.ts';
import { forEachDialect, makeArticle, scratchDir, startTestSite, waitFor, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';
const NOW = new Date('2026-12-07T10:00:00Z');

forEachDialect('site structure: sections, menus and static pages', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let author: AdminClient;
  const get = (path: string) => fetch(site.url + path, { redirect: 'manual' });
  const html = async (path: string) => {
    const r = await get(path);
    expect(r.status, path).toBe(200);
    return r.text();
  };
  const issues = async (r: Response) => ((await r.json()).issues as Array<{ field: string; message: string }>) ?? [];
  /** The content version moves on each change; the site reloads its catalog on the next poll. */
  const until = (what: string, path: string, test: (body: string) => boolean) =>
    waitFor(what, async () => {
      const r = await get(path);
      return test(r.status === 200 ? await r.text() : `status ${r.status} ${r.headers.get('location') ?? ''}`);
    });

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0, contentPollMs: 50 }, () => NOW);
    admin = await firstAdmin(site.url, PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'abel@example.org', name: 'Abel', role: 'author', password: PASSWORD });
    author = await adminClient(site.url).login('abel@example.org', PASSWORD);
  }, 60_000);
  afterAll(() => site?.close());

  describe('sections', () => {
    it('creates, renames and keeps every former address answering 301: section page, feeds, articles', async () => {
      const { section } = await admin.json('POST', '/api/admin/sections', { edition: 'fr', name: 'Planète' });
      expect(section).toMatchObject({ edition: 'fr', slug: 'planete', name: 'Planète', inNav: true, parentId: null });
      const a = makeArticle({ section: 'planete', slug: 'ocean-record', headline: 'Un océan record' });
      delete a.status;
      delete a.publishedAt;
      const { article } = await admin.json('POST', '/api/admin/articles', a);
      await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
      await until('the section page', '/fr/planete/', (b) => b.includes('Un océan record'));

      const renamed = await admin.json('PATCH', `/api/admin/sections/${section.id}`, { name: 'Climat', slug: 'climat', description: 'Le climat et la planète.' });
      expect(renamed.section).toMatchObject({ slug: 'climat', name: 'Climat', aliases: ['planete'] });
      await until('the renamed section', '/fr/climat/', (b) => b.includes('Un océan record') && b.includes('Le climat et la planète.'));

      for (const [from, to] of [
        ['/fr/planete/', '/fr/climat/'],
        ['/fr/planete', '/fr/climat/'],
        ['/fr/planete/?page=1', '/fr/climat/?page=1'],
        ['/fr/planete/feed.xml', '/fr/climat/feed.xml'],
        ['/fr/planete/ocean-record', '/fr/climat/ocean-record'],
      ]) {
        const r = await get(from);
        expect(r.status, from).toBe(301);
        expect(r.headers.get('location'), from).toBe(to);
      }
      expect((await get('/fr/climat/feed.xml')).status).toBe(200);
      // The navigation names the section by its new name.
      expect(await html('/fr/')).toContain('Climat');
    });

    it('reorders the sections of an edition in one request, and the navigation follows', async () => {
      await admin.json('POST', '/api/admin/sections', { edition: 'fr', name: 'Alpha Rubrique' });
      await admin.json('POST', '/api/admin/sections', { edition: 'fr', name: 'Omega Rubrique' });
      const { sections } = await admin.json('GET', '/api/admin/sections?edition=fr');
      const ids = sections.map((s: { id: number }) => s.id);
      const omega = sections.find((s: { slug: string }) => s.slug === 'omega-rubrique').id;
      const reordered = [omega, ...ids.filter((i: number) => i !== omega)];
      const r = await admin.json('PUT', '/api/admin/sections/order', { edition: 'fr', ids: reordered });
      expect(r.sections.map((s: { id: number }) => s.id)).toEqual(reordered);
      await until('Omega first in the navigation', '/fr/', (b) => b.indexOf('Omega Rubrique') >= 0 && b.indexOf('Omega Rubrique') < b.indexOf('Alpha Rubrique'));

      const missing = await admin.call('PUT', '/api/admin/sections/order', { edition: 'fr', ids: reordered.slice(1) });
      expect(missing.status).toBe(422);
      expect((await issues(missing))[0]).toMatchObject({ field: 'ids' });
    });

    it('hides a section from navigation, nests one level only, and names the field it refuses', async () => {
      const monde = (await admin.json('POST', '/api/admin/sections', { edition: 'fr', name: 'Monde Entier', slug: 'monde-entier' })).section;
      const mo = (await admin.json('POST', '/api/admin/sections', { edition: 'fr', name: 'Moyen-Orient', parentId: monde.id })).section;
      expect(mo.parentId).toBe(monde.id);
      const deeper = await admin.call('POST', '/api/admin/sections', { edition: 'fr', name: 'Liban', parentId: mo.id });
      expect(deeper.status).toBe(422);
      expect((await issues(deeper))[0]!.field).toBe('parentId');
      const self = await admin.call('PATCH', `/api/admin/sections/${monde.id}`, { parentId: mo.id });
      expect(self.status).toBe(422);

      const reserved = await admin.call('POST', '/api/admin/sections', { edition: 'fr', name: 'Sujet', slug: 'sujet' });
      expect(reserved.status).toBe(422);
      expect((await issues(reserved))[0]).toMatchObject({ field: 'slug' });
      const badSlug = await admin.call('PATCH', `/api/admin/sections/${mo.id}`, { slug: 'Moyen Orient!' });
      expect(badSlug.status).toBe(422);
      expect((await issues(badSlug))[0]!.field).toBe('slug');
      const taken = await admin.call('PATCH', `/api/admin/sections/${mo.id}`, { slug: 'monde-entier' });
      expect(taken.status).toBe(409);
      expect((await issues(taken))[0]!.field).toBe('slug');
      const noName = await admin.call('POST', '/api/admin/sections', { edition: 'fr', name: '' });
      expect((await issues(noName))[0]!.field).toBe('name');
      const noEdition = await admin.call('POST', '/api/admin/sections', { edition: 'zz', name: 'X' });
      expect((await issues(noEdition))[0]!.field).toBe('edition');

      // The section page of the parent lists its sub-section (a section shows once an article is in it or it is made here).
      await until('the sub-section on the parent page', '/fr/monde-entier/', (b) => b.includes('class="sub-sections"') && b.includes('/fr/moyen-orient/'));

      await admin.json('PATCH', `/api/admin/sections/${mo.id}`, { inNav: false });
      await until('the hidden sub-section off the parent page', '/fr/monde-entier/', (b) => !b.includes('class="sub-sections"'));
      expect((await get('/fr/moyen-orient/')).status).toBe(200);
      await admin.json('PATCH', `/api/admin/sections/${monde.id}`, { inNav: false });
      await until('the hidden section out of the navigation', '/fr/', (b) => !b.includes('>Monde Entier<'));
      expect((await get('/fr/monde-entier/')).status).toBe(200);
    });

    it('leaves the changes to editors: an author gets 403', async () => {
      expect((await author.call('POST', '/api/admin/sections', { edition: 'fr', name: 'Auteur' })).status).toBe(403);
      expect((await author.call('GET', '/api/admin/sections')).status).toBe(200);
      expect((await author.call('PUT', '/api/admin/menus/fr', { header: [] })).status).toBe(403);
      expect((await author.call('POST', '/api/admin/pages', { edition: 'fr', title: 'X' })).status).toBe(403);
    });
  });

  describe('static pages and menus', () => {
    let legal: { id: number; slug: string; path: string; version: number };

    it('writes a page in blocks with the default slug of its kind, published at a stable address, in the footer list and the sitemap', async () => {
      const draft = await admin.json('POST', '/api/admin/pages', {
        edition: 'fr',
        title: 'Mentions légales',
        kind: 'legal',
        body: [
          { type: 'heading', text: 'Éditeur' },
          { type: 'paragraph', text: 'Ce site est édité par la rédaction.' },
        ],
      });
      legal = draft.page;
      expect(legal).toMatchObject({ slug: 'mentions-legales', path: '/fr/page/mentions-legales', status: 'draft' });
      expect((await get('/fr/page/mentions-legales')).status).toBe(404);

      legal = (await admin.json('PATCH', `/api/admin/pages/${legal.id}`, { status: 'published', version: legal.version })).page;
      await until('the published page', '/fr/page/mentions-legales', (b) => b.includes('Ce site est édité par la rédaction.') && b.includes('<h2'));
      await until('the page in the sitemap', '/sitemaps/fr-pages.xml', (b) => b.includes('/fr/page/mentions-legales</loc>'));
      // Marked "in the footer" (the default), it is linked from every page's footer.
      await until('the page in the footer', '/fr/', (b) => /<footer[\s\S]*href="\/fr\/page\/mentions-legales"[\s\S]*<\/footer>/.test(b));

      const stale = await admin.call('PATCH', `/api/admin/pages/${legal.id}`, { title: 'Ancien', version: 1 });
      expect(stale.status).toBe(409);
      expect((await issues(stale))[0]!.field).toBe('version');
    });

    it('keeps the former address of a published page answering 301 after a slug change', async () => {
      legal = (await admin.json('PATCH', `/api/admin/pages/${legal.id}`, { slug: 'informations-legales' })).page;
      await until('the new address', '/fr/page/informations-legales', (b) => b.includes('Ce site est édité'));
      // The page cache drops the old copy once the change reaches it.
      await until('the old address redirecting', '/fr/page/mentions-legales', (b) => b.startsWith('status 301'));
      const r = await get('/fr/page/mentions-legales');
      expect(r.status).toBe(301);
      expect(r.headers.get('location')).toBe('/fr/page/informations-legales');
    });

    it('refuses bad pages naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ edition: 'fr', title: '' }, 'title'],
        [{ edition: 'fr', title: 'X', slug: 'page' }, 'slug'],
        [{ edition: 'fr', title: 'X', kind: 'blog' }, 'kind'],
        [{ edition: 'fr', title: 'X', body: [{ type: 'figure', image: 999999, alt: 'x' }] }, 'body[0].image'],
        [{ edition: 'fr', title: 'X', body: [{ type: 'paragraph' }] }, 'body[0].text'],
        [{ edition: 'fr', title: 'Doublon', slug: 'informations-legales' }, 'slug'],
      ];
      for (const [body, field] of cases) {
        const r = await admin.call('POST', '/api/admin/pages', body);
        expect([409, 422], JSON.stringify(body)).toContain(r.status);
        expect((await issues(r)).map((i) => i.field), JSON.stringify(body)).toContain(field);
      }
    });

    it('replaces the header and footer menus in one request, and validates each link naming it', async () => {
      const { sections } = await admin.json('GET', '/api/admin/sections?edition=fr');
      const climat = sections.find((s: { slug: string }) => s.slug === 'climat');
      const put = await admin.json('PUT', '/api/admin/menus/fr', {
        header: [
          { kind: 'section', targetId: climat.id, label: 'Le climat' },
          { kind: 'url', url: 'https://example.org/direct', label: 'Chaîne' },
        ],
        footer: [
          { kind: 'page', targetId: legal.id },
          { kind: 'url', url: '/fr/recherche', label: 'Rechercher' },
        ],
      });
      expect(put.header).toHaveLength(2);
      expect(put.footer[0]).toMatchObject({ kind: 'page', targetId: legal.id, label: null });
      expect(await admin.json('GET', '/api/admin/menus/fr')).toMatchObject({ header: put.header, footer: put.footer });
      // The header shows its own links now, instead of the sections.
      await until('the header menu', '/fr/', (b) => {
        const nav = b.slice(b.indexOf('<nav class="sections"'), b.indexOf('</nav>', b.indexOf('<nav class="sections"')));
        return nav.includes('href="/fr/climat/">Le climat</a>') && nav.includes('href="https://example.org/direct">Chaîne</a>') && !nav.includes('Omega Rubrique');
      });
      // The footer shows the menu's links, the page once (named by the menu), in the menu's order.
      await until('the footer menu', '/fr/', (b) => {
        const footer = b.slice(b.indexOf('<footer'));
        return footer.includes('>Rechercher</a>') && footer.split(`href="${legal.path}"`).length === 2 && footer.indexOf(legal.path) < footer.indexOf('Rechercher');
      });

      const bad = await admin.call('PUT', '/api/admin/menus/fr', {
        header: [{ kind: 'url', url: 'javascript:alert(1)' }, { kind: 'section' }, { kind: 'page', targetId: 999999 }, { kind: 'elsewhere' }],
      });
      expect(bad.status).toBe(422);
      const fields = (await issues(bad)).map((i) => i.field);
      expect(fields).toContain('header[3].kind');
      const bad2 = await admin.call('PUT', '/api/admin/menus/fr', { header: [{ kind: 'url', url: 'javascript:alert(1)' }, { kind: 'section' }, { kind: 'page', targetId: 999999 }, { kind: 'url', url: '//evil.example/' }] });
      expect((await issues(bad2)).map((i) => i.field)).toEqual(['header[0].url', 'header[1].targetId', 'header[2].targetId', 'header[3].url']);
      // Nothing was replaced.
      expect((await admin.json('GET', '/api/admin/menus/fr')).header).toHaveLength(2);
      expect((await admin.call('GET', '/api/admin/menus/zz')).status).toBe(404);
    });

    it('deletes a page, its menu links and its former addresses', async () => {
      await admin.json('DELETE', `/api/admin/pages/${legal.id}`);
      expect((await admin.json('GET', '/api/admin/menus/fr')).footer).toHaveLength(1);
      await until('the page gone', '/fr/page/informations-legales', (b) => b.startsWith('status 404'));
      expect((await get('/fr/page/mentions-legales')).status).toBe(404);
    });
  });

  describe('backup', () => {
    it('keeps nested sections and their descriptions through an export and a restore', async () => {
      const file = path.join(await scratchDir('structure-archive-'), 'site.tar.gz');
      await exportArchive({ db: site.app.store.db, media: site.app.media, now: () => NOW }, file);
      const other = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 }, () => NOW);
      try {
        await restoreArchive({ db: other.app.store.db, media: other.app.media, config: other.config, now: () => NOW }, file);
        const rows = await other.app.store.db.selectFrom('sections').select(['id', 'slug', 'parent_id', 'description']).where('edition', '=', 'fr').execute();
        const bySlug = new Map(rows.map((r) => [r.slug, r]));
        expect(bySlug.get('moyen-orient')?.parent_id).toBe(bySlug.get('monde-entier')?.id);
        expect(bySlug.get('climat')?.description).toBe('Le climat et la planète.');
      } finally {
        await other.close();
      }
    });
  });
});
