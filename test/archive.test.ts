import os from 'node:os';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Header, Pack, ReadEntry, extract } from 'tar';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { migrate, openStore, type Store } from '../src/store/db.ts';
import { broadcasterArticle, writeImportFolder } from './fixtures.ts';
import { forEachDialect, freshDatabase, listFiles, scratchDir, type DialectName } from './harness.ts';
import { cliEnv, depeche } from './cli-runner.ts';
import { DATA_KINDS } from '../src/content/archive.tar.ts';

/** Writes a gzip'd tar with exactly these entries, however odd (links, `..`, absolute paths). */
async function packRaw(file: string, entries: Array<{ path: string; data?: Buffer; type?: 'File' | 'SymbolicLink'; linkpath?: string }>) {
  const pack = new Pack({ gzip: true, portable: true, preservePaths: true });
  const done = pipeline(pack, createWriteStream(file));
  for (const e of entries) {
    const data = e.data ?? Buffer.alloc(0);
    const entry = new ReadEntry(new Header({ path: e.path, type: e.type ?? 'File', size: e.type === 'SymbolicLink' ? 0 : data.length, mode: 0o644, linkpath: e.linkpath, mtime: new Date() }));
    const packed = new Promise((resolve) => entry.once('end', resolve));
    pack.add(entry);
    if (e.type === 'SymbolicLink') entry.end();
    else entry.end(data);
    await packed;
  }
  pack.end();
  await done;
}

/** An archive's files: the manifest, its data files (version 2) and media, and the same content in the version 1 form (one manifest). */
async function unpack(file: string): Promise<{ manifest: any; data: Map<string, any[]>; v1: any; media: Map<string, Buffer> }> {
  const dir = await scratchDir('unpacked-');
  await extract({ file, cwd: dir });
  const media = new Map<string, Buffer>();
  for (const f of await listFiles(path.join(dir, 'media'))) media.set(path.relative(dir, f), await fs.readFile(f));
  const manifest = JSON.parse(await fs.readFile(path.join(dir, 'depeche-export.json'), 'utf8'));
  const data = new Map<string, any[]>();
  // Every kind of data file, so that an archive packed again (packV2) keeps the schedule the manifest counts.
  for (const kind of DATA_KINDS) {
    const files = (await fs.readdir(path.join(dir, kind)).catch(() => [] as string[])).sort();
    data.set(kind, []);
    for (const f of files) for (const line of (await fs.readFile(path.join(dir, kind, f), 'utf8')).split('\n')) if (line) data.get(kind)!.push(JSON.parse(line));
  }
  const { counts: _c, ...settings } = manifest;
  const v1 = { ...settings, version: 1, articles: data.get('articles'), redirects: data.get('redirects'), slugHistory: data.get('slug-history'), homeSlots: data.get('home-slots') };
  return { manifest, data, v1, media };
}

/** A version 2 archive from its parts. */
async function packV2(file: string, manifest: any, data: Map<string, any[]>, media: Map<string, Buffer>) {
  const entries: Array<{ path: string; data: Buffer }> = [{ path: 'depeche-export.json', data: Buffer.from(JSON.stringify(manifest)) }];
  for (const [kind, rows] of data) for (let i = 0; i * 2 < rows.length; i++) entries.push({ path: `${kind}/${String(i + 1).padStart(6, '0')}.ndjson`, data: Buffer.from(rows.slice(i * 2, i * 2 + 2).map((r) => JSON.stringify(r) + '\n').join('')) });
  await packRaw(file, [...entries, ...[...media.entries()].map(([p, d]) => ({ path: p, data: d }))]);
}

forEachDialect('export archive', (dialect) => {
  // The copy goes to the other database: an archive is independent of the dialect.
  const other: DialectName = dialect === 'sqlite' ? 'postgres' : 'sqlite';
  let source: Awaited<ReturnType<typeof freshDatabase>>;
  let target: Awaited<ReturnType<typeof freshDatabase>>;
  let sourceEnv: Record<string, string>;
  let targetEnv: Record<string, string>;
  let targetStore: Store;
  let archive: string;
  let work: string;

  beforeAll(async () => {
    source = await freshDatabase(dialect);
    target = await freshDatabase(other);
    sourceEnv = cliEnv(source.dataDir, source.database);
    targetEnv = cliEnv(target.dataDir, target.database);
    work = await scratchDir('archive-');

    // Without the demo video: this file is about articles and their rows, and rebuilds the same content as a version 1
    // archive (which names videos by their id in the target's library). The video library and the schedule travel in
    // test/archive-video.test.ts.
    expect((await depeche(sourceEnv, ['demo', '--no-video'])).code).toBe(0);
    const { file } = await writeImportFolder([broadcasterArticle({ slug: 'debat-negociations' })]);
    expect((await depeche(sourceEnv, ['import', file])).code).toBe(0);
    // A former slug, a former address from an old site, and a pinned story.
    const store = openStore(source.database);
    const a = await store.db.selectFrom('articles').select(['id', 'edition']).where('slug', '=', 'debat-negociations').executeTakeFirstOrThrow();
    await store.db.insertInto('slug_history').values({ edition: 'fr', slug: 'ancien-debat', article_id: a.id }).execute();
    await store.db.insertInto('redirects').values({ path: '/?p=12', article_id: a.id, created_at: '2026-11-28T10:00:00.000Z' }).execute();
    await store.db.insertInto('home_slots').values({ edition: 'fr', position: 0, article_id: a.id }).execute();
    await store.close();

    targetStore = openStore(target.database);
    await migrate(targetStore);
    archive = path.join(work, 'site.tar.gz');
  }, 120_000);
  afterAll(async () => {
    await targetStore.close();
    await source.drop();
    await target.drop();
  });

  async function targetState() {
    const count = async (t: 'articles' | 'sections' | 'images' | 'redirects') => Number((await targetStore.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { articles: await count('articles'), sections: await count('sections'), images: await count('images'), redirects: await count('redirects'), files: await listFiles(path.join(target.dataDir, 'media')) };
  }

  async function expectRefused(file: string, message: string | RegExp, env: Record<string, string> = {}) {
    const before = await targetState();
    const r = await depeche({ ...targetEnv, ...env }, ['import', file]);
    expect(r.code, file + r.stdout).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(await targetState()).toEqual(before);
    // The archive was unpacked into a folder under DATA_DIR/tmp, removed whatever happened; never into the system's.
    expect(await fs.readdir(path.join(target.dataDir, 'tmp'))).toEqual([]);
    expect((await fs.readdir(os.tmpdir())).filter((n) => n.startsWith('depeche-restore-'))).toEqual([]);
  }

  it('writes the whole site as one archive: manifest with editions, sections, articles, redirects, former slugs and pins, and the media', async () => {
    const r = await depeche(sourceEnv, ['export', '--out', archive]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^exported 24 articles and \d+ images to .*site\.tar\.gz\nwith 0 videos and \d+ programmes\n$/);
    // Standard error is a pipe here: progress comes as plain lines, never on standard output.
    expect(r.stderr).toMatch(/^media: (\d+)\/\1$/m);
    expect(await fs.readdir(work)).toEqual(['site.tar.gz']);
    const { manifest: header, v1: manifest, data, media } = await unpack(archive);
    expect(header).toMatchObject({ format: 'depeche-export', version: 4, counts: { articles: 24, redirects: 1, slugHistory: 1, homeSlots: 1 } });
    expect(data.get('articles')).toHaveLength(24);
    expect(manifest.editions.map((e: any) => [e.code, e.timeZone, e.isDefault])).toEqual([['fr', 'Europe/Paris', true], ['en', 'Europe/London', false], ['ar', 'Asia/Beirut', false]]);
    expect(manifest.sections).toContainEqual({ edition: 'fr', slug: 'economie', name: 'Économie', position: expect.any(Number), inNav: true });
    expect(manifest.redirects).toEqual([{ path: '/?p=12', edition: 'fr', slug: 'debat-negociations', createdAt: '2026-11-28T10:00:00.000Z' }]);
    expect(manifest.slugHistory).toEqual([{ edition: 'fr', slug: 'ancien-debat', articleSlug: 'debat-negociations' }]);
    expect(manifest.homeSlots).toEqual([{ edition: 'fr', position: 0, slug: 'debat-negociations' }]);
    const debate = manifest.articles.find((a: any) => a.slug === 'debat-negociations');
    expect(debate.body[2]).toMatchObject({ type: 'figure', copyright: 'Exemple Photo SA', image: expect.stringMatching(/^media\//) });
    expect(media.has(debate.body[2].image)).toBe(true);
    // The demo live travels with its entries (their ids too, for their permalinks), pictures included.
    const live = manifest.articles.find((a: any) => a.live);
    expect(live.live).toMatchObject({ startedAt: expect.any(String), endedAt: null });
    expect(live.entries.length).toBeGreaterThanOrEqual(5);
    expect(live.entries.every((e: any) => Number.isInteger(e.id))).toBe(true);
    const entryPicture = live.entries.flatMap((e: any) => e.body).find((b: any) => b.type === 'figure');
    expect(media.has(entryPicture.image)).toBe(true);
  });

  it('refuses a corrupt archive, a path leaving the archive, an absolute path, a link, a missing picture, an invalid article and a file over the size limit, writing nothing', async () => {
    const bytes = await fs.readFile(archive);
    const corrupt = path.join(work, 'corrupt.tgz');
    await fs.writeFile(corrupt, Buffer.concat([bytes.subarray(0, 40), Buffer.alloc(200, 0x41), bytes.subarray(240)]));
    await expectRefused(corrupt, /nothing was imported:\n {2}corrupt\.tgz: not a readable archive/);

    // The version 1 form (one manifest) of the same site: the checks of the version 1 reader.
    const { v1: manifest, media } = await unpack(archive);
    const text = Buffer.from(JSON.stringify(manifest));
    const traversal = path.join(work, 'traversal.tgz');
    await packRaw(traversal, [{ path: 'depeche-export.json', data: text }, { path: '../../x', data: Buffer.from('x') }]);
    await expectRefused(traversal, 'traversal.tgz: ../../x: path leaves the archive (..)');
    const absolute = path.join(work, 'absolute.tgz');
    await packRaw(absolute, [{ path: 'depeche-export.json', data: text }, { path: '/etc/cron.d/x', data: Buffer.from('x') }]);
    await expectRefused(absolute, 'absolute.tgz: /etc/cron.d/x: absolute path');
    const link = path.join(work, 'link.tgz');
    await packRaw(link, [{ path: 'depeche-export.json', data: text }, { path: 'media/evil.jpg', type: 'SymbolicLink', linkpath: '/etc/passwd' }]);
    await expectRefused(link, 'link.tgz: media/evil.jpg: link (only plain files are allowed in an archive)');
    // Two names for one file, and a file where a folder must be: refused, never a crash of the command.
    const alias = path.join(work, 'alias.tgz');
    await packRaw(alias, [{ path: 'depeche-export.json', data: text }, { path: 'media/a/b.jpg', data: Buffer.from('1') }, { path: 'media/a/./b.jpg', data: Buffer.from('2') }]);
    await expectRefused(alias, 'alias.tgz: media/a/./b.jpg: unexpected entry (expected the manifest or a file under media/, as a plain path)');
    const clash = path.join(work, 'clash.tgz');
    // Both named by the manifest: only files it names are unpacked at all.
    const naming = structuredClone(manifest);
    naming.articles[0].body.push({ type: 'figure', image: 'media/x', alt: '' }, { type: 'figure', image: 'media/x/y.jpg', alt: '' });
    await packRaw(clash, [{ path: 'depeche-export.json', data: Buffer.from(JSON.stringify(naming)) }, { path: 'media/x', data: Buffer.from('1') }, { path: 'media/x/y.jpg', data: Buffer.from('2') }]);
    await expectRefused(clash, 'clash.tgz: media/x/y.jpg: lies inside another media file of the archive');

    const [first, ...rest] = [...media.entries()];
    const missing = path.join(work, 'missing.tgz');
    await packRaw(missing, [{ path: 'depeche-export.json', data: text }, ...rest.map(([p, data]) => ({ path: p, data }))]);
    await expectRefused(missing, new RegExp(`depeche-export\\.json: articles\\[\\d+\\]\\.[a-z.\\[\\]0-9]+: ${first[0].replace(/[.]/g, '\\.')} is missing from the archive`));

    const bad = structuredClone(manifest);
    bad.articles[3].headline = '';
    const invalid = path.join(work, 'invalid.tgz');
    await packRaw(invalid, [{ path: 'depeche-export.json', data: Buffer.from(JSON.stringify(bad)) }, ...[...media.entries()].map(([p, data]) => ({ path: p, data }))]);
    await expectRefused(invalid, 'depeche-export.json: article 3: headline: required');

    // Each file is held to the image limit before it is unpacked.
    await expectRefused(archive, /site\.tar\.gz: media\/\S+: \d+ bytes, over the limit of 2000/, { MAX_IMAGE_BYTES: '2000' });
  }, 120_000);

  it('refuses a version 2 archive with an invalid article, a missing picture, a missing data file or a slug listed twice in two files, naming the file and line, writing nothing', async () => {
    const { manifest, data, media } = await unpack(archive);
    const articles = data.get('articles')!;
    const variant = async (name: string, change: (d: Map<string, any[]>, m: any) => void, keep = media) => {
      const d = new Map([...data].map(([k, v]) => [k, structuredClone(v)]));
      const m = structuredClone(manifest);
      change(d, m);
      const file = path.join(work, name);
      await packV2(file, m, d, keep);
      return file;
    };
    await expectRefused(await variant('v2-invalid.tgz', (d) => (d.get('articles')![3].headline = '')), 'v2-invalid.tgz: articles/000002.ndjson: line 2: headline: required');
    const debate = articles.findIndex((a) => a.slug === 'debat-negociations');
    const picture = articles[debate].body[2].image as string;
    const without = new Map([...media].filter(([k]) => k !== picture));
    await expectRefused(await variant('v2-missing.tgz', () => {}, without), `: body[2].image: ${picture} is missing from the archive`);
    await expectRefused(
      await variant('v2-lost.tgz', (d) => d.set('articles', d.get('articles')!.slice(2))),
      'v2-lost.tgz: articles: 22 rows in the archive, where its manifest says 24: a data file is missing or damaged',
    );
    // Checked in the transaction, against what the files before it wrote: rolled back whole.
    await expectRefused(
      await variant('v2-twice.tgz', (d) => {
        const list = d.get('articles')!;
        let other = list.length - 1;
        while (other > 0 && list[other].edition !== list[0].edition) other--;
        expect(other).toBeGreaterThan(0);
        list[other] = { ...list[other], slug: list[0].slug };
      }),
      /v2-twice\.tgz: articles\/\d{6}\.ndjson: line \d: slug: "[^"]+" is listed twice in edition (en|fr|ar)/,
    );
  }, 120_000);

  it('refuses to restore into a site that has articles', async () => {
    const r = await depeche(sourceEnv, ['import', archive]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was imported: the site already has 24 articles; an export archive is restored only into an empty site/);
  });

  it(`restores into an empty ${other} site, and exporting it again gives the same manifest and media`, async () => {
    const r = await depeche(targetEnv, ['import', archive]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('imported debat-negociations https://news.example/fr/tv/debat-negociations\n');
    expect(r.stdout).toMatch(/restored 24 articles, \d+ images, 3 editions, \d+ sections, 1 redirects, 1 former slugs and 1 pins from /);
    expect(r.stderr).toMatch(/^images: (\d+)\/\1$/m);
    expect(r.stdout).not.toMatch(/images: /);
    const again = path.join(work, 'again.tgz');
    expect((await depeche(targetEnv, ['export', '--out', again])).code).toBe(0);
    const first = await unpack(archive);
    const second = await unpack(again);
    const { exportedAt: _a, ...m1 } = first.v1;
    const { exportedAt: _b, ...m2 } = second.v1;
    expect(m2).toEqual(m1);
    expect([...second.media.keys()].sort()).toEqual([...first.media.keys()].sort());
    for (const [k, v] of first.media) expect(second.media.get(k)!.equals(v), k).toBe(true);
    // Entries came back with their ids (compared above); a new entry takes an id after them.
    const db = targetStore.db;
    const max = Number((await db.selectFrom('live_entries').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
    expect(max).toBeGreaterThan(0);
    const made = await db
      .insertInto('live_entries')
      .values({ article_id: 1, status: 'draft', posted_at: '2026-12-07T08:00:00.000Z', title: null, author_id: null, source_name: null, source_url: null, body: '[]', correction: null, owner_id: null, owner_token_id: null, ingest_item_id: null, article_draft_id: null, created_at: '2026-12-07T08:00:00.000Z', updated_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(made.id).toBeGreaterThan(max);
    await db.deleteFrom('live_entries').where('id', '=', made.id).execute();
  }, 120_000);
  it('exports a site without articles and restores its editions and sections', async () => {
    const [empty, into] = [await freshDatabase(dialect), await freshDatabase(other)];
    try {
      const file = path.join(work, 'empty.tar.gz');
      const out = await depeche(cliEnv(empty.dataDir, empty.database), ['export', '--out', file]);
      expect(out.code, out.stderr).toBe(0);
      const r = await depeche(cliEnv(into.dataDir, into.database), ['import', file]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^restored 0 articles, 0 images, 1 editions/);
    } finally {
      await empty.drop();
      await into.drop();
    }
  });
});
