import fs from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { readContentVersion } from '../src/store/content-version.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, NO_BACKGROUND_PASSES, startTestSite, waitFor, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

/**
 * A picture's focal point through the Admin API: shown on the media item,
 * changed by PATCH (0–1 or null, anything else refused naming the field), and
 * the change reaches the reader's cards (their fx/fy crop classes) through the
 * content version, with the keys of the pages that show the picture.
 */
forEachDialect('media focal point', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let imageId: number;
  let articleId: number;

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES);
    const { dir } = await writeImportFolder([]);
    await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [
      { name: 'a.json', baseDir: dir, text: JSON.stringify([makeArticle({ slug: 'cadre', section: 'monde', headline: 'Un cadrage à régler', lead: { image: 'photos/archive.jpg', alt: 'Une archive' } })]) },
    ]);
    await fs.rm(dir, { recursive: true, force: true });
    const row = await site.app.store.db.selectFrom('articles').select(['id', 'lead_image_id']).where('slug', '=', 'cadre').executeTakeFirstOrThrow();
    imageId = row.lead_image_id!;
    articleId = row.id;
    await site.app.site.refresh();
    expect((await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD })).status).toBe(201);
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
  });
  afterAll(() => site.close());

  const sectionCard = async () => {
    const html = await (await fetch(`${site.url}/fr/monde`)).text();
    const card = html.match(/<article class="card[^"]*">(?:(?!<\/article>).)*?Un cadrage à régler/s)?.[0] ?? '';
    return card.match(/<picture(?: class="([^"]*)")?>/)?.[1] ?? '';
  };

  it('answers the focal point with the media item, null at first', async () => {
    expect(await admin.json('GET', `/api/admin/media/${imageId}`)).toMatchObject({ id: imageId, focalX: null, focalY: null });
    expect(await sectionCard()).toBe('');
  });

  it('sets the point, refreshes the pages showing the picture, and the reader’s card crops around it', async () => {
    const before = await readContentVersion(site.app.store.db);
    const r = await admin.call('PATCH', `/api/admin/media/${imageId}`, { focalX: 0.1, focalY: 0.8 });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ focalX: 0.1, focalY: 0.8 });
    // PostgreSQL's `real` is not exact; the API still answers what was sent.
    expect(await admin.json('GET', `/api/admin/media/${imageId}`)).toMatchObject({ focalX: 0.1, focalY: 0.8 });
    expect(await readContentVersion(site.app.store.db)).toBe(before + 1);
    const change = await site.app.store.db.selectFrom('content_changes').select('keys').orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(change.keys.split(' ')).toEqual(expect.arrayContaining([`m${imageId}`, `a${articleId}`]));

    await waitFor('the section card to crop on the point', async () => (await sectionCard()) === 'fx0 fy3');

    // The same point again changes nothing: no new version.
    await admin.json('PATCH', `/api/admin/media/${imageId}`, { focalX: 0.1, focalY: 0.8 });
    expect(await readContentVersion(site.app.store.db)).toBe(before + 1);
    const { entries } = await admin.json('GET', `/api/admin/audit?subject=image:${imageId}`);
    expect(entries[0]).toMatchObject({ action: 'media.update' });

    // null is the centre again: no crop class.
    expect(await admin.json('PATCH', `/api/admin/media/${imageId}`, { focalX: null, focalY: null })).toMatchObject({ focalX: null, focalY: null });
    await waitFor('the section card to crop on the centre', async () => (await sectionCard()) === '');
  });

  it('refuses a point outside the picture or not a number, naming the field', async () => {
    for (const [body, field] of [
      [{ focalX: 1.5 }, 'focalX'],
      [{ focalY: -0.1 }, 'focalY'],
      [{ focalX: '0.5' }, 'focalX'],
      [{ focalY: true }, 'focalY'],
    ] as const) {
      const r = await admin.call('PATCH', `/api/admin/media/${imageId}`, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(await r.json()).toMatchObject({ field });
    }
    expect(await admin.json('GET', `/api/admin/media/${imageId}`)).toMatchObject({ focalX: null, focalY: null });
  });
});
