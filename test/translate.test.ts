import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('"Traduire en…": a linked draft in another edition', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let contributor: AdminClient;
  let imageId: number;

  const draft = (o: Record<string, unknown> = {}) => {
    const a = makeArticle({ status: undefined, publishedAt: undefined, ...o });
    delete a.status;
    delete a.publishedAt;
    return a;
  };

  beforeAll(async () => {
    site = await startTestSite(dialect);
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Dépêche English', timeZone: 'Europe/London' });
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'colette@example.org', name: 'Colette', role: 'contributor', password: PASSWORD });
    contributor = await adminClient(site.url).login('colette@example.org', PASSWORD);
    const { dir } = await writeImportFolder([]);
    // A picture in the library, and the English edition's "world" section, through the import.
    await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [
      { name: 'seed.json', baseDir: dir, text: JSON.stringify([makeArticle({ section: 'monde', lead: { image: 'photos/lead.jpg', alt: 'Un port', credit: 'AMP' } }), makeArticle({ edition: 'en', section: 'world' })]) },
    ]);
    imageId = (await site.app.store.db.selectFrom('images').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => site.close());

  const source = async () => {
    const { article } = await admin.json(
      'POST',
      '/api/admin/articles',
      draft({
        section: 'monde',
        headline: 'Sommet à Genève',
        lead: { image: imageId, alt: 'La salle', caption: 'La salle du sommet', credit: 'AMP' },
        body: [
          { type: 'paragraph', text: 'Les délégués arrivent.' },
          { type: 'figure', image: imageId, alt: 'Les délégués', caption: 'Arrivée des délégués', credit: 'AMP' },
        ],
      }),
    );
    return article;
  };

  it('makes a draft in the other edition with blocks, lead and pictures copied, linked to the source and its version', async () => {
    const src = await source();
    const r = await admin.call('POST', `/api/admin/articles/${src.id}/translations`, { edition: 'en', section: 'world' });
    expect(r.status).toBe(201);
    const { article } = await r.json();
    expect(article).toMatchObject({ edition: 'en', section: 'world', status: 'draft', headline: 'Sommet à Genève', slug: src.slug });
    expect(article.body).toEqual(src.body);
    expect(article.lead).toEqual(src.lead);
    expect(article.body[1].image).toBe(imageId);
    expect(article.translations).toEqual([expect.objectContaining({ id: src.id, edition: 'fr' })]);
    expect(article.translationSource).toMatchObject({ id: src.id, edition: 'fr', translatedVersion: src.version, currentVersion: src.version, changed: false, changes: [] });
    // The source lists its new translation.
    const back = await admin.json('GET', `/api/admin/articles/${src.id}`);
    expect(back.article.translations).toEqual([expect.objectContaining({ id: article.id, edition: 'en', status: 'draft' })]);
    expect(back.article.translationSource).toBeNull();
  });

  it('matches the section by slug when none is chosen, and refuses naming the field when the edition has none', async () => {
    const src = await source();
    const r = await admin.call('POST', `/api/admin/articles/${src.id}/translations`, { edition: 'en' });
    expect(r.status).toBe(422);
    expect(await r.json()).toMatchObject({ code: 'validation_failed', field: 'section' });
    const again = await admin.call('POST', `/api/admin/articles/${src.id}/translations`, { edition: 'fr' });
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ field: 'edition' });
    const unknown = await admin.call('POST', `/api/admin/articles/${src.id}/translations`, { edition: 'zz' });
    expect(await unknown.json()).toMatchObject({ field: 'edition' });
    // Same slug in both editions: matched without being chosen.
    await site.app.store.db.insertInto('sections').values({ edition: 'en', slug: 'monde', name: 'Monde', position: 9, in_nav: 0, implicit: 0 }).execute();
    const matched = await admin.json('POST', `/api/admin/articles/${src.id}/translations`, { edition: 'en' });
    expect(matched.article.section).toBe('monde');
    // One translation per edition.
    const second = await admin.call('POST', `/api/admin/articles/${src.id}/translations`, { edition: 'en', section: 'world' });
    expect(second.status).toBe(422);
    expect(await second.json()).toMatchObject({ field: 'edition' });
  });

  it('tells when the source changed since, with the diff, until the translation is marked up to date', async () => {
    const src = await source();
    const { article: tr } = await admin.json('POST', `/api/admin/articles/${src.id}/translations`, { edition: 'en', section: 'world' });
    const edited = { ...src, headline: 'Sommet à Genève : accord trouvé', body: [...src.body, { type: 'paragraph', text: 'Un accord est annoncé.' }] };
    await admin.json('PUT', `/api/admin/articles/${src.id}`, edited, { headers: { 'if-match': `"${src.version}"` } });
    const { article } = await admin.json('GET', `/api/admin/articles/${tr.id}`);
    expect(article.translationSource).toMatchObject({ id: src.id, translatedVersion: src.version, currentVersion: src.version + 1, changed: true });
    expect(article.translationSource.changes).toEqual([
      { field: 'headline', before: 'Sommet à Genève', after: 'Sommet à Genève : accord trouvé' },
      { field: 'body[2]', before: null, after: { type: 'paragraph', text: 'Un accord est annoncé.' } },
    ]);
    // Someone else's translation is not the contributor's to mark.
    expect((await contributor.call('POST', `/api/admin/articles/${tr.id}/translation-source/up-to-date`)).status).toBe(403);
    const marked = await admin.json('POST', `/api/admin/articles/${tr.id}/translation-source/up-to-date`);
    expect(marked.translationSource).toMatchObject({ translatedVersion: src.version + 1, changed: false, changes: [] });
    expect((await admin.json('GET', `/api/admin/articles/${tr.id}`)).article.translationSource.changed).toBe(false);
    // An article not made as a translation has nothing to mark.
    expect((await admin.call('POST', `/api/admin/articles/${src.id}/translation-source/up-to-date`)).status).toBe(404);
  });

  it('lets a contributor translate, owning the draft made, and mark it up to date', async () => {
    const src = await source();
    const { article: tr } = await contributor.json('POST', `/api/admin/articles/${src.id}/translations`, { edition: 'en', section: 'world' });
    expect(tr.ownerId).not.toBeNull();
    expect((await contributor.call('POST', `/api/admin/articles/${tr.id}/translation-source/up-to-date`)).status).toBe(200);
  });

  it('does not call a publication of the source a change to translate', async () => {
    const src = await source();
    const { article: tr } = await admin.json('POST', `/api/admin/articles/${src.id}/translations`, { edition: 'en', section: 'world' });
    const r = await admin.call('POST', `/api/admin/articles/${src.id}/transitions`, { to: 'published' }, { headers: { 'if-match': `"${src.version}"` } });
    expect(r.status, await r.clone().text()).toBe(200);
    const { article } = await admin.json('GET', `/api/admin/articles/${tr.id}`);
    expect(article.translationSource.currentVersion).toBeGreaterThan(src.version);
    expect(article.translationSource.changed).toBe(false);
  });
});
