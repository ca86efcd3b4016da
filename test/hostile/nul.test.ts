import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../../src/content/import.service.ts';
import { ValidationFailed } from '../../src/errors.ts';
import { enqueueItems } from '../../src/ingest/items.service.ts';
import { createSource } from '../../src/ingest/sources.service.ts';
import { firstAdmin, type AdminClient } from '../admin-client.ts';
import { cliEnv, depeche } from '../cli-runner.ts';
import { writeImportFolder } from '../fixtures.ts';
import { forEachDialect, makeArticle, makeImage, startTestSite, type TestSite } from '../harness.ts';

const PASSWORD = 'correct horse battery';
const NOW = new Date('2026-11-25T12:00:00Z');

forEachDialect('U+0000 and other text the databases cannot store alike', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  const published = makeArticle({ section: 'monde', slug: 'ab', tags: ['Diplomatie'], authors: ['Claire Dubreuil'],
    body: [{ type: 'quote', text: 'Rien.', speaker: { name: 'Anna Kowalska' } }] });
  let articleId: number;
  let imageId: number;

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => NOW);
    const { dir } = await writeImportFolder([]);
    const [a] = await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => NOW },
      [{ name: 'a.json', baseDir: dir, text: JSON.stringify(published) }]);
    articleId = a.id;
    await site.app.site.refresh();
    admin = await firstAdmin(site.url, PASSWORD);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makeImage(800, 600))], { type: 'image/jpeg' }), 'photo.jpg');
    imageId = (await admin.json('POST', '/api/admin/media', form)).id;
  });
  afterAll(() => site.close());

  it('answers 404 for every kind of address carrying %00, before any look-up', async () => {
    const oembed = (u: string) => `/oembed?url=${encodeURIComponent(u)}&format=json`;
    const html = [
      '/fr/monde/a%00b',
      '/fr/monde/ab%00',
      '/fr/sujet/a%00',
      '/fr/personne/a%00',
      '/fr/auteur/a%00',
      '/fr/mon%00de/',
      '/fr/mon%00de',
      '/f%00r/',
      '/fr/monde/?page=%00',
      '/fr/sujet/diplomatie/rss.xml%00',
      '/fr/sujet/a%00/rss.xml',
      '/fr/?utm_source=%00',
      '/2024/05/12/ancien%00/',
      '/?p=1%00',
      '/media/a%00.jpg',
      '/assets/a%00.css',
    ];
    for (const p of html) {
      const r = await fetch(site.url + p);
      expect(r.status, p).toBe(404);
      expect(r.headers.get('content-type'), p).toMatch(/^text\/html/);
      expect(await r.text(), p).toContain('lang="fr"');
    }
    const json = [
      '/api/content/articles/fr/a%00',
      '/api/content/articles/f%00r/ab',
      '/api/content/articles?q=a%00',
      '/api/content/articles?tag=a%00',
      '/api/content/articles?section=%00',
      '/api/content/articles?edition=fr%00',
      '/api/content/tags?edition=fr&q=%00',
      '/api/content/people?q=a%00',
      '/api/content/sections?edition=%00',
      `/api/admin/articles/${articleId}%00`,
      '/api/admin/articles?q=a%00',
      '/api/admin/articles?section=%00',
      '/api/admin/media?q=%00',
      '/api/admin/redirects?q=%00',
      '/api/admin/people?q=%00',
      '/api/admin/audit?subject=%00',
    ];
    for (const p of json) {
      const r = await admin.call('GET', p);
      expect(r.status, p).toBe(404);
      expect((await r.json()).code, p).toBe('not_found');
    }
    // The article URL inside oEmbed's own parameter: %00 reaches us as %2500.
    for (const u of ['https://news.example/fr/monde/a%00b', 'https://news.example/fr/mon%00de/ab', 'https://news.example/fr/monde/ab%00']) {
      const r = await fetch(site.url + oembed(u));
      expect(r.status, u).toBe(404);
      expect((await r.json()).code).toBe('not_found');
    }
    // The same article without the NUL is found: the 404s above are about the NUL alone.
    expect((await fetch(`${site.url}/fr/monde/ab`)).status).toBe(200);
    expect((await fetch(site.url + oembed('https://news.example/fr/monde/ab'))).status).toBe(200);
  });

  it('answers 422 naming the field for every Admin API write carrying U+0000, and stores nothing', async () => {
    const nul = 'Ann\u0000a';
    const cases: Array<[string, string, unknown, string, Record<string, string>?]> = [
      ['POST', '/api/admin/articles', { edition: 'fr', section: 'monde', headline: 'Sommet', body: [{ type: 'paragraph', text: 'x' }, { type: 'quote', text: 'Rien.', speaker: { name: nul } }] }, 'body[1].speaker.name'],
      ['POST', '/api/admin/articles', { edition: 'fr', section: 'monde', headline: 'Sommet', tags: ['Europe', nul] }, 'tags[1]'],
      ['POST', '/api/admin/articles', { edition: 'fr', section: 'monde', headline: 'Sommet', body: [{ type: 'paragraph', content: [{ text: nul }] }] }, 'body[0].content[0].text'],
      ['PUT', `/api/admin/articles/${articleId}`, { ...published, status: undefined, publishedAt: undefined, standfirst: nul }, 'standfirst', { 'if-match': '"1"' }],
      ['POST', '/api/admin/users', { email: 'nul@example.org', name: nul, role: 'editor', password: PASSWORD }, 'name'],
      ['POST', '/api/admin/tokens', { name: nul, role: 'editor' }, 'name'],
      ['POST', '/api/admin/redirects', { from: '/ancien\u0000/', articleId }, 'from'],
      ['POST', '/api/admin/redirects', { from: '/ancien%00/', articleId }, 'from'],
      ['POST', '/api/admin/webhooks', { url: `https://hooks.example/${nul}` }, 'url'],
      ['POST', '/api/admin/ingest/sources', { name: nul, kind: 'rss', url: 'https://wire.example/rss', edition: 'fr', section: 'monde' }, 'name'],
      ['PATCH', `/api/admin/media/${imageId}`, { caption: nul }, 'caption'],
      ['PATCH', `/api/admin/media/${imageId}`, { ['cap\u0000tion']: 'x' }, 'cap\\u0000tion'],
      ['POST', '/api/admin/session', { email: 'admin@example.org', password: `${PASSWORD}\u0000` }, 'password'],
      // An unpaired surrogate would be stored as U+FFFD: refused the same way.
      ['POST', '/api/admin/articles', { edition: 'fr', section: 'monde', headline: 'Sommet \ud800' }, 'headline'],
    ];
    const counts = async () => {
      const db = site.app.store.db;
      const n = async (t: 'articles' | 'users' | 'api_tokens' | 'redirects' | 'webhook_subscribers' | 'ingest_sources') =>
        Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return [await n('articles'), await n('users'), await n('api_tokens'), await n('redirects'), await n('webhook_subscribers'), await n('ingest_sources')];
    };
    const before = await counts();
    for (const [method, p, body, field, headers] of cases) {
      const r = await admin.call(method, p, body, { headers });
      const answer = await r.json();
      expect(r.status, `${method} ${p} ${field}`).toBe(422);
      expect(answer.code).toBe('validation_failed');
      expect(answer.field, `${method} ${p}`).toBe(field);
    }
    expect(await counts()).toEqual(before);
    const media = await admin.json('GET', `/api/admin/media/${imageId}`);
    expect(media.caption ?? null).toBeNull();
    expect((await admin.json('GET', `/api/admin/articles/${articleId}`)).article.version).toBe(1);
  });

  it('refuses an import carrying U+0000 with the field named, and the CLI says so the same way', async () => {
    const bad = makeArticle({ body: [{ type: 'paragraph', text: 'x' }, { type: 'figure', image: 'photos/lead.jpg', alt: 'Une photo', credit: 'AFP\u0000' }] });
    const { dir, file } = await writeImportFolder([makeArticle(), bad]);
    const deps = { db: site.app.store.db, media: site.app.media, config: site.config, now: () => NOW };
    const err = await importArticles(deps, [{ name: 'a.json', baseDir: dir, text: await fs.readFile(file, 'utf8') }]).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect(err.issues).toEqual([{ field: 'a.json: article 1: body[1].credit', message: expect.stringContaining('U+0000') }]);

    const cli = await depeche(cliEnv(site.dataDir, site.config.database), ['import', file]);
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stderr).toContain('nothing was imported');
    expect(cli.stderr).toContain(`${file}: article 1: body[1].credit: contains a NUL character (U+0000)`);
    const slugs = (await site.app.store.db.selectFrom('articles').select('slug').execute()).map((r) => r.slug);
    expect(slugs).not.toContain(bad.slug);
  }, 120_000);

  it('drops U+0000 from wire copy instead of losing the item', async () => {
    const deps = { db: site.app.store.db, now: () => NOW, ingestDir: path.join(site.dataDir, 'ingest') };
    const source = await createSource(deps, { name: 'Fil', kind: 'rss', url: 'https://wire.example/rss', edition: 'fr', section: 'monde' }, { kind: 'user', id: 1, userId: 1, role: 'admin', name: 'Ada' } as const);
    const r = await enqueueItems(deps, source.id, [{
      guid: 'urn:\u0000x', title: 'Dé\u0000pêche', summary: 'Ré\u0000sumé \ud800', link: null, publishedAt: NOW.toISOString(), updatedAt: null,
      notes: [], payload: { edition: 'fr', section: 'monde', headline: 'Dé\u0000pêche', body: [{ type: 'paragraph', text: 'a\u0000b' }] },
    }]);
    expect(r).toEqual({ added: 1, duplicates: 0 });
    const row = await site.app.store.db.selectFrom('ingest_items').selectAll().where('source_id', '=', source.id).executeTakeFirstOrThrow();
    expect([row.guid, row.title, row.summary]).toEqual(['urn:x', 'Dépêche', 'Résumé \ufffd']);
    expect(JSON.parse(row.payload).body[0].text).toBe('ab');
  });
});
