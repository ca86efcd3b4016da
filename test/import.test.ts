import fs from 'node:fs/promises';
import path from 'node:path';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles, type ImportDeps } from '../src/content/import.service.ts';
import { ValidationFailed } from '../src/errors.ts';
import { localMediaStorage } from '../src/media/storage.ts';
import { migrate, openStore, type Store } from '../src/store/db.ts';
import { ensureEdition } from '../src/content/edition.service.ts';
import { broadcasterArticle, writeImportFolder } from './fixtures.ts';
import { forEachDialect, freshDatabase, listFiles, makeArticle, makeImage } from './harness.ts';

forEachDialect('import', (dialect) => {
  let store: Store;
  let deps: ImportDeps;
  let mediaDir: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    store = openStore(db.database);
    await migrate(store);
    await ensureEdition(store.db, { code: 'fr', name: 'Dépêche', timeZone: 'Europe/Paris', baseUrl: 'https://news.example' });
    mediaDir = path.join(db.dataDir, 'media');
    deps = { db: store.db, media: localMediaStorage(mediaDir), config: { maxImageBytes: 5_000_000, publicUrl: 'https://other.example' }, now: () => new Date('2026-11-25T10:00:00Z') };
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  async function run(articles: Array<Record<string, unknown>>, raw?: string) {
    const { dir, file } = await writeImportFolder(articles);
    const text = raw ?? (await fs.readFile(file, 'utf8'));
    return importArticles(deps, [{ name: 'articles.json', baseDir: dir, text }]);
  }

  async function snapshot() {
    const counts: Record<string, number> = {};
    for (const t of ['articles', 'images', 'sections', 'tags', 'people', 'authors', 'article_tags', 'article_people'] as const) {
      const r = await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      counts[t] = Number(r.n);
    }
    const version = await store.db.selectFrom('site_state').select('value').executeTakeFirstOrThrow();
    return { counts, version: Number(version.value), files: await listFiles(mediaDir) };
  }

  async function expectRefused(articles: Array<Record<string, unknown>>, message: RegExp, raw?: string) {
    const before = await snapshot();
    const err = await run(articles, raw).then(
      () => null,
      (e) => e,
    );
    expect(err).toBeInstanceOf(ValidationFailed);
    expect((err as ValidationFailed).message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  }

  it('imports an article with its section, people, tags, authors, source and images', async () => {
    const a = broadcasterArticle();
    const [done] = await run([a]);
    expect(done.url).toBe(`https://news.example/fr/tv/${a.slug}`);
    const row = await store.db.selectFrom('articles').selectAll().where('slug', '=', a.slug).executeTakeFirstOrThrow();
    expect(row.source_name).toBe('Agence Exemple Presse');
    expect(row.published_at).toBe('2026-11-20T09:30:00.000Z');
    const body = JSON.parse(row.body);
    expect(body[2]).toMatchObject({ type: 'figure', archive: true, credit: '© http://example.org/photos' });
    expect(typeof body[2].imageId).toBe('number');
    const section = await store.db.selectFrom('sections').selectAll().where('id', '=', row.section_id).executeTakeFirstOrThrow();
    expect(section).toMatchObject({ slug: 'tv', name: 'TV' });
    const person = await store.db.selectFrom('people').selectAll().where('slug', '=', 'herve-lantier').executeTakeFirstOrThrow();
    expect(person.role).toBe('général à la retraite');
    const image = await store.db.selectFrom('images').selectAll().where('id', '=', body[2].imageId).executeTakeFirstOrThrow();
    expect(image).toMatchObject({ width: 1200, height: 800, credit: '© http://example.org/photos', copyright: 'Exemple Photo SA', source_url: 'https://example.org/photos/4521' });
    const variants = JSON.parse(image.variants) as Array<{ format: string; width: number; key: string }>;
    expect(variants.filter((v) => v.format === 'webp').map((v) => v.width)).toEqual([480, 800, 1200]);
    for (const v of variants) expect((await fs.stat(path.join(mediaDir, v.key))).size).toBeGreaterThan(0);
  });

  it('reuses an image already in the library and matches people by name', async () => {
    const before = await snapshot();
    await run([broadcasterArticle()]);
    const after = await snapshot();
    expect(after.counts.images).toBe(before.counts.images);
    expect(after.counts.people).toBe(before.counts.people);
    expect(after.counts.articles).toBe(before.counts.articles + 1);
  });

  it('refuses a missing field, naming the file, the article and the path', async () => {
    const bad = broadcasterArticle();
    bad.body[3] = { type: 'quote', text: 'x', speaker: { role: 'r' } };
    await expectRefused([makeArticle(), bad], /articles\.json: article 1: body\[3\]\.speaker\.name: required/);
  });

  it('refuses an unknown block type and writes nothing', async () => {
    await expectRefused([makeArticle({ body: [{ type: 'podcast', url: 'x' }] })], /body\[0\]\.type: unknown block type/);
  });

  it('refuses a duplicate slug, in the store or inside the file', async () => {
    const a = makeArticle();
    await run([a]);
    await expectRefused([makeArticle({ slug: a.slug })], /already exists in edition fr/);
    const b = makeArticle();
    await expectRefused([b, { ...b }], /used twice in this import/);
  });

  it('refuses a missing image, a non-image file and an oversized one', async () => {
    await expectRefused([makeArticle({ lead: { image: 'photos/none.jpg', alt: 'x' } })], /lead\.image: file not found/);
    const { dir } = await writeImportFolder([]);
    await fs.writeFile(path.join(dir, 'photos/fake.jpg'), '<script>alert(1)</script>');
    const text = JSON.stringify(makeArticle({ lead: { image: 'photos/fake.jpg', alt: 'x' } }));
    const before = await snapshot();
    await expect(importArticles(deps, [{ name: 'a.json', baseDir: dir, text }])).rejects.toThrow(/lead\.image: fake\.jpg: not an image/);
    const small = { ...deps, config: { ...deps.config, maxImageBytes: 1000 } };
    await expect(importArticles(small, [{ name: 'a.json', baseDir: dir, text: JSON.stringify(makeArticle({ lead: { image: 'photos/lead.jpg', alt: 'x' } })) }])).rejects.toThrow(/over the limit of 1000/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses malformed JSON and an unknown edition', async () => {
    await expectRefused([], /articles\.json: malformed JSON/, '{"edition": "fr",');
    await expectRefused([makeArticle({ edition: 'de' })], /edition: unknown edition "de"/);
  });

  it('refuses an image without alt text unless it is decorative', async () => {
    await expectRefused([makeArticle({ lead: { image: 'photos/lead.jpg', alt: '' } })], /lead\.alt: required/);
    const [ok] = await run([makeArticle({ lead: { image: 'photos/small.png', alt: '', decorative: true } })]);
    expect(ok.slug).toBeTruthy();
  });

  it('leaves the store and the media folder as they were when the transaction fails late', async () => {
    const before = await snapshot();
    const { dir } = await writeImportFolder([]);
    await fs.writeFile(path.join(dir, 'photos/new.jpg'), await makeImage(900, 600, 'jpeg', '#123456'));
    const text = JSON.stringify([makeArticle({ lead: { image: 'photos/new.jpg', alt: 'x' } })]);
    // The article insert fails inside the transaction, after the new image row was written.
    const failingInsert: KyselyPlugin = {
      transformQuery(args) {
        const node = args.node as any;
        if (node.kind === 'InsertQueryNode' && node.into?.table?.identifier?.name === 'articles') throw new Error('disk full');
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    await expect(importArticles({ ...deps, db: store.db.withPlugin(failingInsert) }, [{ name: 'a.json', baseDir: dir, text }])).rejects.toThrow(/disk full/);
    expect(await snapshot()).toEqual(before);
  });
});
