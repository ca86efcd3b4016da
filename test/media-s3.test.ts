import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { exportArchive } from '../src/content/archive.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { AvifWorker } from '../src/media/avif.worker.ts';
import { MediaSweep } from '../src/media/media-sweep.ts';
import { S3MediaStorage, s3Client } from '../src/media/s3-storage.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { broadcasterArticle, writeImportFolder } from './fixtures.ts';
import { freshDatabase, listFiles, makeImage, scratchDir, testConfig } from './harness.ts';
import { S3RVER_CREDENTIALS, startS3, type TestS3 } from './support/s3rver.ts';

const PASSWORD = 'correct horse battery';
const BUCKET = 'depeche-media';

function form(data: Buffer, filename: string): FormData {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), filename);
  return f;
}

interface Node {
  app: App;
  config: Config;
  url: string;
  dataDir: string;
}

/**
 * Two app nodes over one PostgreSQL database and one bucket, each with a data
 * folder of its own: what one node uploads, the other serves. (Several nodes
 * over one database is PostgreSQL's case; SQLite serves one node.)
 */
describe('media on S3-compatible storage, two nodes [postgres]', () => {
  let s3: TestS3;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: Node;
  let b: Node;
  let admin: AdminClient;
  let bucket: S3MediaStorage;

  async function startNode(media: Partial<Config['media']> = {}): Promise<Node> {
    const dataDir = await scratchDir('node-');
    const config = testConfig(dataDir, db.database, {
      media: { storage: 's3', s3: { bucket: BUCKET, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true }, ...media },
    });
    const app = await buildApp(config);
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    return { app, config, dataDir, url: `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}` };
  }

  beforeAll(async () => {
    // The AWS SDK's default credential chain reads these (this file's worker has its own environment).
    Object.assign(process.env, S3RVER_CREDENTIALS);
    s3 = await startS3([BUCKET]);
    db = await freshDatabase('postgres');
    a = await startNode();
    b = await startNode({ publicUrl: 'https://media.example' });
    bucket = new S3MediaStorage(s3Client(a.config.media.s3!), a.config.media.s3!);
    expect((await adminClient(a.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD })).status).toBe(201);
    admin = await adminClient(a.url).login('admin@example.org', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    bucket?.client.destroy();
    await s3?.close();
    await db?.drop();
  });

  it('serves on node B the picture and every variant uploaded on node A, from the bucket, with nothing on either disk', async () => {
    const jpeg = await makeImage(1300, 700, 'jpeg', '#2255aa');
    const r = await admin.call('POST', '/api/admin/media', form(jpeg, 'plateau.jpg'));
    expect(r.status).toBe(201);
    const m = await r.json();
    const urls: string[] = [m.url, ...m.variants.map((v: any) => v.url)];
    expect(urls.length).toBeGreaterThan(4);
    for (const u of urls) {
      const res = await fetch(b.url + u);
      expect(res.status, u).toBe(200);
      expect(res.headers.get('content-type'), u).toMatch(/^image\/(jpeg|webp)$/);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('etag')).toBeTruthy();
      expect(res.headers.get('last-modified')).toBeTruthy();
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length, u).toBe(Number(res.headers.get('content-length')));
    }
    const row = await a.app.store.db.selectFrom('images').select(['original']).where('id', '=', m.id).executeTakeFirstOrThrow();
    const original = Buffer.from(await (await fetch(`${b.url}/media/${row.original}`)).arrayBuffer());
    expect(original.equals(jpeg)).toBe(true);
    // The upload's notes were settled with its commit.
    expect(await a.app.store.db.selectFrom('media_writes').selectAll().execute()).toEqual([]);
    expect(await listFiles(path.join(a.dataDir, 'media'))).toEqual([]);
    expect(await listFiles(path.join(b.dataDir, 'media'))).toEqual([]);
  });

  it('answers 304 to a matching If-None-Match, 206 to a byte range, and 404 to a key that is not there', async () => {
    const r = await admin.call('POST', '/api/admin/media', form(await makeImage(900, 600, 'jpeg', '#aa5522'), 'range.jpg'));
    const m = await r.json();
    const first = await fetch(b.url + m.url);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    const again = await fetch(b.url + m.url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await fetch(b.url + m.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(head.headers.get('content-length')).toBe(first.headers.get('content-length'));
    const part = await fetch(b.url + m.url, { headers: { range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toMatch(/^bytes 0-9\/\d+$/);
    expect((await part.arrayBuffer()).byteLength).toBe(10);
    expect((await fetch(`${b.url}/media/00/000000000000000000/original.jpg`)).status).toBe(404);
    expect((await fetch(`${b.url}/media/.staging/x.jpg`)).status).toBe(404);
  });

  it('has the AVIF worker write its sizes and social card to the bucket, served by the other node', async () => {
    const r = await admin.call('POST', '/api/admin/media', form(await makeImage(1000, 600, 'jpeg', '#55aa22'), 'avif.jpg'));
    const m = await r.json();
    const worker = new AvifWorker({ db: a.app.store.db, media: a.app.media, images: a.app.images, log: a.app.server.log, now: () => new Date() });
    while (await worker.runOnce()) {
      /* every pending picture, this one included */
    }
    const after = await admin.json('GET', `/api/admin/media/${m.id}`);
    expect(after.avifState).toBe('done');
    const avif = after.variants.filter((v: any) => v.format === 'avif');
    expect(avif.length).toBeGreaterThan(0);
    for (const v of avif) {
      const res = await fetch(b.url + v.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/avif');
    }
    expect(await listFiles(path.join(a.dataDir, 'media'))).toEqual([]);
  }, 120_000);

  it('links pages, feeds, JSON-LD and the Content API to MEDIA_PUBLIC_URL, and lets the CSP load pictures from it', async () => {
    const { dir, articles } = await writeImportFolder([broadcasterArticle()]);
    const [imported] = await importArticles({ db: a.app.store.db, media: a.app.media, config: a.config, now: () => new Date() }, [{ name: 'a.json', baseDir: dir, text: JSON.stringify(articles) }]);
    await b.app.site.refresh(true);
    await a.app.site.refresh(true);
    const page = await fetch(`${b.url}/fr/tv/${imported.slug}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/img-src 'self' data: https:\/\/media\.example(;|$)/);
    const html = await page.text();
    expect(html).toMatch(/<img[^>]+src="https:\/\/media\.example\/[0-9a-f]{2}\//);
    expect(html).toMatch(/srcset="https:\/\/media\.example\//);
    expect(html).not.toMatch(/"\/media\//);
    expect(html).toMatch(/<meta property="og:image" content="https:\/\/media\.example\//);
    const ld = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((x) => x[1]).join('');
    expect(ld).toContain('https://media.example/');
    const api = await (await fetch(`${b.url}/api/content/articles/fr/${imported.slug}`)).json();
    expect(api.lead.image.url).toMatch(/^https:\/\/media\.example\//);
    expect(api.body.find((x: any) => x.type === 'figure').image.url).toMatch(/^https:\/\/media\.example\//);
    const rss = await (await fetch(`${b.url}/fr/feed.xml`)).text();
    expect(rss).toMatch(/url="https:\/\/media\.example\//);
    // The node without MEDIA_PUBLIC_URL links to its own /media/, which reads the bucket.
    const own = await (await fetch(`${a.url}/fr/tv/${imported.slug}`)).text();
    const src = /<img[^>]+src="(\/media\/[^"]+)"/.exec(own)![1];
    expect((await fetch(b.url + src)).status).toBe(200);
  }, 60_000);

  it('exports an archive whose pictures are read from the bucket', async () => {
    const out = path.join(await scratchDir('export-'), 'site.tar.gz');
    const done = await exportArchive({ db: a.app.store.db, media: a.app.media, now: () => new Date() }, out);
    expect(done.media).toBeGreaterThan(0);
    const dir = await scratchDir('unpacked-');
    await extract({ file: out, cwd: dir });
    const files = await listFiles(path.join(dir, 'media'));
    expect(files.length).toBe(done.media);
    for (const f of files) {
      const key = path.relative(path.join(dir, 'media'), f).split(path.sep).join('/');
      expect((await fs.readFile(f)).equals(await bucket.read(key)), key).toBe(true);
    }
  }, 60_000);

  it('answers 503 when the bucket cannot be reached during an upload, and leaves no row', async () => {
    const before = await a.app.store.db.selectFrom('images').select('id').execute();
    await s3.stop();
    try {
      const r = await admin.call('POST', '/api/admin/media', form(await makeImage(700, 500, 'jpeg', '#123456'), 'outage.jpg'));
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBeTruthy();
      expect(await r.json()).toMatchObject({ code: 'unavailable' });
      expect(await a.app.store.db.selectFrom('images').select('id').execute()).toEqual(before);
      // Reading a picture while the bucket is away is a 503 too, never a 500.
      expect((await fetch(`${b.url}/media/00/000000000000000000/original.jpg`)).status).toBe(503);
    } finally {
      await s3.start();
    }
    // Once the bucket is back, the same upload goes through.
    const again = await admin.call('POST', '/api/admin/media', form(await makeImage(700, 500, 'jpeg', '#123456'), 'outage.jpg'));
    expect(again.status).toBe(201);
  }, 120_000);

  it('sweeps away a file written without its row once its note is old, and keeps the files pictures name', async () => {
    const db = a.app.store.db;
    await db.deleteFrom('media_writes').execute();
    const orphan = 'ab/cdef0123456789abcd/original.jpg';
    await a.app.media.write(orphan, await makeImage(50, 50));
    const named = await db.selectFrom('images').select(['original']).limit(1).executeTakeFirstOrThrow();
    // A note for a file whose picture exists, as the AVIF worker leaves.
    await db.insertInto('media_writes').values({ key: named.original, created_at: new Date().toISOString() }).execute();
    const early = new MediaSweep({ db, media: a.app.media, log: a.app.server.log, now: () => new Date() });
    expect(await early.runOnce()).toEqual({ settled: 0, removed: 0 });
    const later = new MediaSweep({ db, media: a.app.media, log: a.app.server.log, now: () => new Date(Date.now() + 2 * 60 * 60 * 1000) });
    expect(await later.runOnce()).toEqual({ settled: 2, removed: 1 });
    expect(await bucket.exists(orphan)).toBe(false);
    expect(await bucket.exists(named.original)).toBe(true);
    expect(await db.selectFrom('media_writes').selectAll().execute()).toEqual([]);
    // The object really is gone from the server, not only from our view of it.
    await expect(bucket.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: orphan }))).rejects.toThrow();
  });
});

describe('starting with bad media settings', () => {
  it('stops the process at start naming S3_BUCKET when MEDIA_STORAGE=s3 has no bucket', async () => {
    const { depeche } = await import('./cli-runner.ts');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-cfg-'));
    try {
      const r = await depeche({ DATA_DIR: dir, MEDIA_STORAGE: 's3', MEDIA_PUBLIC_URL: 'not a url' }, ['serve']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('S3_BUCKET: required when MEDIA_STORAGE=s3');
      expect(r.stderr).toContain('MEDIA_PUBLIC_URL:');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('depeche media migrate --to s3', () => {
  let s3: TestS3;
  let dataDir: string;
  const files = new Map<string, Buffer>();

  beforeAll(async () => {
    Object.assign(process.env, S3RVER_CREDENTIALS);
    s3 = await startS3(['migrated']);
    dataDir = await scratchDir('library-');
    // A library of 24 files in content-addressed folders, and leftovers that are not part of it.
    for (let i = 0; i < 24; i++) {
      const key = `${(i % 4).toString(16).padStart(2, '0')}/${i.toString(16).padStart(18, '0')}/${i % 2 ? '480.webp' : 'original.jpg'}`;
      files.set(key, Buffer.from(`picture ${i} `.repeat(50 + i)));
    }
    for (const [key, data] of files) {
      await fs.mkdir(path.dirname(path.join(dataDir, 'media', key)), { recursive: true });
      await fs.writeFile(path.join(dataDir, 'media', key), data);
    }
    await fs.mkdir(path.join(dataDir, 'media/.staging/abc'), { recursive: true });
    await fs.writeFile(path.join(dataDir, 'media/.staging/abc/original.jpg'), 'half an upload');
  }, 60_000);
  afterAll(() => s3?.close());

  it('copies the local library to the bucket with a progress report, and a second run copies nothing', async () => {
    const { depeche } = await import('./cli-runner.ts');
    const env = { DATA_DIR: dataDir, ...s3.env('migrated') };
    const first = await depeche(env, ['media', 'migrate', '--to', 's3']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^24 files in .*: 24 copied \([\d.]+ MB\), 0 already in bucket migrated\n$/);
    // Not a terminal: a plain line at each quarter on standard error.
    expect(first.stderr).toMatch(/^media: 24\/24$/m);
    const bucket = new S3MediaStorage(s3Client({ bucket: 'migrated', region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true }), {
      bucket: 'migrated',
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
    });
    try {
      const listed: string[] = [];
      for await (const page of bucket.list()) listed.push(...page.map((o) => o.key));
      expect(listed.sort()).toEqual([...files.keys()].sort());
      for (const [key, data] of files) expect((await bucket.read(key)).equals(data), key).toBe(true);
      expect((await bucket.head(files.keys().next().value!))).toMatchObject({ size: files.values().next().value!.length });
    } finally {
      bucket.client.destroy();
    }
    const second = await depeche(env, ['media', 'migrate', '--to', 's3']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/: 0 copied \(0\.0 MB\), 24 already in bucket migrated\n$/);
  }, 120_000);

  it('names S3_BUCKET when no bucket is set, and refuses another target', async () => {
    const { depeche } = await import('./cli-runner.ts');
    const none = await depeche({ DATA_DIR: dataDir }, ['media', 'migrate', '--to', 's3']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('S3_BUCKET: required');
    const other = await depeche({ DATA_DIR: dataDir, ...s3.env('migrated') }, ['media', 'migrate', '--to', 'gcs']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('--to: expected s3');
  }, 60_000);
});
