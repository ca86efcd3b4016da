import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { exportArchive, restoreArchive } from '../../src/content/archive.service.ts';
import { ensureEdition } from '../../src/content/edition.service.ts';
import { importArticles } from '../../src/content/import.service.ts';
import { slugify } from '../../src/content/slug.ts';
import { adminClient, firstAdmin, type AdminClient } from '../admin-client.ts';
import { writeImportFolder } from '../fixtures.ts';
import { forEachDialect, makeArticle, scratchDir, startTestSite, type TestSite } from '../harness.ts';

/**
 * Hostile audit, items 12 and 13: nothing only an unpublished article holds (a tag,
 * an author, a quoted person, a section, a role) reaches readers before it is published.
 */

const PASSWORD = 'correct horse battery';
const START = new Date('2026-11-25T10:00:00Z');

/** Every state in which an article is not visible to readers. */
const HIDDEN_STATES = ['draft', 'in_review', 'scheduled', 'embargoed', 'withdrawn'] as const;

forEachDialect('visibility of names and sections', (dialect) => {
  let site: TestSite;
  let clock = START;
  let admin: AdminClient, editor: AdminClient, contributor: AdminClient;

  const names = (state: string) => ({ tag: `Sujet ${state}`, author: `Plume ${state}`, person: `Témoin ${state}` });
  const get = (path: string) => fetch(site.url + path, { redirect: 'manual' });
  const text = async (path: string) => {
    const r = await get(path);
    expect(r.status, path).toBe(200);
    return r.text();
  };
  const api = async (path: string) => {
    const r = await get(path);
    expect(r.status, path).toBe(200);
    return (await r.json()) as any;
  };
  /** Pages and feeds that carry the names of an article of this state, in the French edition. */
  const addresses = (state: string) => {
    const n = names(state);
    const tag = `/fr/sujet/${slugify(n.tag)}`;
    const author = `/fr/auteur/${slugify(n.author)}`;
    return [
      tag,
      author,
      `/fr/personne/${slugify(n.person)}`,
      ...['feed.xml', 'feed.atom', 'feed.json'].flatMap((f) => [`${tag}/${f}`, `${author}/${f}`]),
    ];
  };
  /** The site may keep a page until its content version moves: wait for this process to see the last write. */
  const settled = () => site.app.site.refresh();

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => clock);
    const db = site.app.store.db;
    await ensureEdition(db, { code: 'en', name: 'News', timeZone: 'UTC' });
    admin = await firstAdmin(site.url, PASSWORD);
    for (const [role, name] of [['editor', 'Eve'], ['contributor', 'Colette']]) {
      await admin.json('POST', '/api/admin/users', { email: `${name.toLowerCase()}@example.org`, name, role, password: PASSWORD });
    }
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    contributor = await adminClient(site.url).login('colette@example.org', PASSWORD);

    // One article per hidden state, each with its own tag, author and quoted person, and one visible article.
    const article = (state: string, o: Record<string, unknown>) => {
      const n = names(state);
      return makeArticle({ tags: [n.tag], authors: [n.author], body: [{ type: 'quote', text: 'Une phrase.', speaker: { name: n.person, role: 'porte-parole' } }], ...o });
    };
    const byState: Record<string, Record<string, any>> = {
      draft: article('draft', { status: 'draft', publishedAt: undefined }),
      in_review: article('in_review', { publishedAt: '2026-11-19T08:00:00Z' }),
      scheduled: article('scheduled', { publishedAt: '2026-11-19T08:00:00Z' }),
      embargoed: article('embargoed', { publishedAt: '2026-12-01T08:00:00Z' }),
      withdrawn: article('withdrawn', { status: 'unpublished', publishedAt: '2026-11-19T08:00:00Z' }),
      visible: article('visible', { publishedAt: '2026-11-19T08:00:00Z' }),
    };
    const { dir } = await writeImportFolder([]);
    await importArticles({ db, media: site.app.media, config: site.config, now: () => clock }, [
      { name: 'a.json', baseDir: dir, text: JSON.stringify(Object.values(byState)) },
    ]);
    // The import writes drafts and published articles; the other states as the workflow leaves them.
    await db.updateTable('articles').set({ status: 'in_review' }).where('slug', '=', byState.in_review.slug).execute();
    await db.updateTable('articles').set({ status: 'scheduled', scheduled_at: '2026-12-02T08:00:00.000Z' }).where('slug', '=', byState.scheduled.slug).execute();
    await settled();
  });
  afterAll(() => site.close());

  describe('item 12: tags, authors and people of unpublished articles', () => {
    it('answers 404 on the tag, author and person pages and feeds of a draft, in-review, scheduled, embargoed or withdrawn article', async () => {
      const seen: string[] = [];
      for (const state of HIDDEN_STATES) {
        for (const path of addresses(state)) {
          const r = await get(path);
          expect(r.status, `${state}: ${path}`).toBe(404);
          const body = await r.text();
          for (const name of Object.values(names(state))) expect(body, `${state}: ${path}`).not.toContain(name);
          seen.push(path);
        }
      }
      expect(seen).toHaveLength(HIDDEN_STATES.length * 9);
      // The same addresses of the visible article answer, so the 404s above are not a broken route.
      for (const path of addresses('visible')) expect((await get(path)).status, path).toBe(200);
    });

    it('leaves their names out of the Content API lists, whatever the search', async () => {
      const tags = (await api('/api/content/tags?edition=fr')).tags.map((t: { name: string }) => t.name);
      const people = (await api('/api/content/people')).people.map((p: { name: string }) => p.name);
      expect(tags).toEqual([names('visible').tag]);
      expect(people).toEqual([names('visible').person]);
      expect((await api('/api/content/people?q=temoin')).people.map((p: { name: string }) => p.name)).toEqual([names('visible').person]);
    });

    it('shows an embargoed article’s names once its time has come, without a write in between', async () => {
      const [tag] = addresses('embargoed');
      expect((await get(tag)).status).toBe(404);
      clock = new Date('2026-12-01T08:00:01Z');
      try {
        // The catalog knows when the next embargo ends and reloads then, emptying the page cache.
        await expect.poll(async () => (await get(tag)).status, { timeout: 20_000, interval: 100 }).toBe(200);
        for (const path of addresses('embargoed')) expect((await get(path)).status, path).toBe(200);
        expect((await api('/api/content/tags?edition=fr')).tags.map((t: { name: string }) => t.name)).toContain(names('embargoed').tag);
      } finally {
        clock = START;
        await site.app.site.refresh(true);
      }
    });
  });

  describe('item 13: a draft changes nothing readers see', () => {
    const draftOf = (o: Record<string, unknown>) => {
      const a = makeArticle(o);
      delete a.status;
      delete a.publishedAt;
      return a;
    };
    const navLinks = async (path: string) => [...(await text(path)).matchAll(/<nav class="sections"[\s\S]*?<\/nav>/g)].map((m) => m[0]).join('');

    it('keeps a section typed in a contributor’s draft out of the navigation, pages, feeds and API until an editor publishes an article in it', async () => {
      const before = await navLinks('/fr/');
      expect(before).not.toBe('');
      const { article } = await contributor.json('POST', '/api/admin/articles', draftOf({ section: 'coulisses-secretes', headline: 'Projet confidentiel' }));
      await settled();
      expect(await navLinks('/fr/')).toBe(before);
      expect(await text('/fr/')).not.toContain('/fr/coulisses-secretes/');
      for (const path of ['/fr/coulisses-secretes/', '/fr/coulisses-secretes/feed.xml', '/fr/coulisses-secretes/feed.atom', '/fr/coulisses-secretes/feed.json']) {
        expect((await get(path)).status, path).toBe(404);
      }
      expect((await get('/fr/coulisses-secretes')).status).toBe(404);
      expect((await api('/api/content/sections?edition=fr')).sections.map((s: { slug: string }) => s.slug)).not.toContain('coulisses-secretes');
      expect(await text('/sitemaps/fr-pages.xml')).not.toContain('coulisses-secretes');

      // The contributor may not publish; an editor does, and the section appears everywhere.
      expect((await contributor.call('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).status).toBe(403);
      await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
      await settled();
      expect(await navLinks('/fr/')).toContain('/fr/coulisses-secretes/');
      expect((await get('/fr/coulisses-secretes/')).status).toBe(200);
      expect((await get('/fr/coulisses-secretes/feed.xml')).status).toBe(200);
      expect((await api('/api/content/sections?edition=fr')).sections.map((s: { slug: string }) => s.slug)).toContain('coulisses-secretes');
      expect(await text('/sitemaps/fr-pages.xml')).toContain('/fr/coulisses-secretes/');
    });

    it('keeps a draft’s section hidden through an archive export and restore', async () => {
      // A site of its own: the archive format holds drafts and published articles only.
      const source = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => clock);
      const restored = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => clock);
      try {
        const { dir } = await writeImportFolder([]);
        const deps = (t: TestSite) => ({ db: t.app.store.db, media: t.app.media, config: t.config, now: () => clock });
        await importArticles(deps(source), [
          { name: 'c.json', baseDir: dir, text: JSON.stringify([makeArticle({ section: 'archives-secretes', status: 'draft', publishedAt: undefined }), makeArticle({ section: 'tv' })]) },
        ]);
        const file = path.join(await scratchDir('visibility-archive-'), 'site.tar.gz');
        await exportArchive(deps(source), file);
        await restoreArchive(deps(restored), file);
        await restored.app.site.refresh(true);
        expect((await fetch(`${restored.url}/fr/archives-secretes/`)).status).toBe(404);
        expect(await (await fetch(`${restored.url}/fr/`)).text()).not.toContain('archives-secretes');
        expect((await fetch(`${restored.url}/fr/tv/`)).status).toBe(200);
      } finally {
        await source.close();
        await restored.close();
      }
    });

    it('shows a person’s role from their latest published quote per edition, never from a draft', async () => {
      const quote = (role: string) => [{ type: 'quote', text: 'Nous négocions.', speaker: { name: 'Jean Dupontel', role } }];
      const { dir } = await writeImportFolder([]);
      await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => clock }, [
        {
          name: 'b.json',
          baseDir: dir,
          text: JSON.stringify([
            makeArticle({ publishedAt: '2026-11-20T08:00:00Z', body: quote('ministre') }),
            makeArticle({ edition: 'en', section: 'world', publishedAt: '2026-11-21T08:00:00Z', body: quote('minister') }),
          ]),
        },
      ]);
      await settled();
      const person = '/fr/personne/jean-dupontel';
      expect(await text(person)).toContain('ministre');

      const { article } = await contributor.json('POST', '/api/admin/articles', draftOf({ body: quote('escroc condamné') }));
      await settled();
      expect(await text(person)).toContain('ministre');
      expect(await text(person)).not.toContain('escroc');
      const role = async (q: string) => (await api(`/api/content/people?q=dupontel${q}`)).people.map((p: { role: string }) => p.role);
      // Across editions, the latest published quote (the English one); per edition, that edition's.
      expect(await role('')).toEqual(['minister']);
      expect(await role('&edition=fr')).toEqual(['ministre']);
      expect(await role('&edition=en')).toEqual(['minister']);
      expect(await text('/en/person/jean-dupontel')).toContain('minister');

      // Published, the quote's role becomes the public one, in its edition only.
      clock = new Date('2026-11-26T10:00:00Z');
      try {
        await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
        await settled();
        expect(await text(person)).toContain('escroc condamné');
        expect(await role('&edition=fr')).toEqual(['escroc condamné']);
        expect(await role('&edition=en')).toEqual(['minister']);
      } finally {
        clock = START;
        await site.app.site.refresh(true);
      }
    });
  });
});
