import { afterAll, beforeAll, expect, it } from 'vitest';
import { key } from '../src/cdn/keys.ts';
import { bumpContentVersion, readContentVersion } from '../src/store/content-version.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeDraft, makeImage, NO_BACKGROUND_PASSES, startTestSite, waitFor, type TestSite } from './harness.ts';

/** An article page carries the keys of its related cards' pictures and its authors' photos: changing one of them purges it. */

const PASSWORD = 'correct horse battery';

forEachDialect('Article page keys', (dialect) => {
  let site: TestSite;
  let editor: AdminClient;
  let clock = new Date('2026-12-01T10:00:00.000Z');
  let cardPicture: number;
  let photo: number;
  let path: string;

  const upload = async (colour: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makeImage(640, 480, 'jpeg', colour))], { type: 'image/jpeg' }), 'p.jpg');
    return (await editor.json('POST', '/api/admin/media', form)).id as number;
  };
  const publish = async (overrides: Record<string, unknown>) => {
    clock = new Date(clock.getTime() + 60_000);
    const { article } = await editor.json('POST', '/api/admin/articles', makeDraft({ section: 'monde', ...overrides }));
    return (await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).article;
  };
  const keysOf = async (p: string) => {
    const r = await fetch(site.url + p);
    expect(r.status).toBe(200);
    return (r.headers.get('surrogate-key') ?? '').split(' ');
  };
  /** Fetches the page so that it is kept, and answers the kept copy. */
  const warm = async () => {
    await keysOf(path);
    const kept = site.app.cache.get(path);
    expect(kept).toBeDefined();
    return kept;
  };
  const caughtUp = async () => {
    const v = await readContentVersion(site.app.store.db);
    await waitFor(`node at version ${v}`, () => site.app.site.version === v);
  };
  const purgedKeys = async () => (await site.app.store.db.selectFrom('cdn_purges').select('keys').execute()).flatMap((r) => r.keys.split(' '));

  beforeAll(async () => {
    site = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, pageCache: true }, () => clock);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD });
    editor = await adminClient(site.url).login('admin@example.org', PASSWORD);
    cardPicture = await upload('#336699');
    photo = await upload('#993366');
    await publish({ slug: 'la-veille', headline: 'La veille', lead: { image: cardPicture, alt: 'Une place', credit: 'AFP' } });
    const article = await publish({ slug: 'le-jour', headline: 'Le jour', authors: ['Léa Martin'] });
    const { authors } = await editor.json('GET', '/api/admin/authors?q=martin');
    await editor.json('PATCH', `/api/admin/authors/${authors[0].id}`, { photoImageId: photo });
    path = `/fr/monde/${article.slug}`;
    await caughtUp();
  }, 60_000);
  afterAll(() => site?.close());

  it('names the related card’s picture and the author’s photo among the page’s keys', async () => {
    const keys = await keysOf(path);
    expect(keys).toEqual(expect.arrayContaining([`m${cardPicture}`, `m${photo}`]));
  });

  it('drops the page when a change names only the related card’s picture (the AVIF worker adding variants)', async () => {
    const kept = await warm();
    // What src/media/avif.worker.ts bumps: the picture alone, not the articles leading with it.
    await site.app.store.db.transaction().execute((trx) => bumpContentVersion(trx, [key.media(cardPicture)]));
    await caughtUp();
    expect(site.app.cache.get(path)).not.toBe(kept);
  });

  it('drops the page from the cache and the CDN when the author’s photo is replaced', async () => {
    const kept = await warm();
    await site.app.store.db.deleteFrom('cdn_purges').execute();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makeImage(640, 480, 'jpeg', '#226622'))], { type: 'image/jpeg' }), 'q.jpg');
    const r = await editor.call('PUT', `/api/admin/media/${photo}/file`, form);
    expect(r.status).toBe(200);
    await caughtUp();
    expect(site.app.cache.get(path)).not.toBe(kept);
    expect(await purgedKeys()).toContain(`m${photo}`);
  });
});
