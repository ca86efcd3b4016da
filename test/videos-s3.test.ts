import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { S3MediaStorage, s3Client } from '../src/media/s3-storage.ts';
import { SYSTEM } from '../src/newsroom/roles.ts';
import { createVideo } from '../src/video/video.service.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { freshDatabase, listFiles, scratchDir, testConfig } from './harness.ts';
import { S3RVER_CREDENTIALS, startS3, type TestS3 } from './support/s3rver.ts';

const PASSWORD = 'correct horse battery';
const BUCKET = 'depeche-media';

interface Node {
  app: App;
  config: Config;
  url: string;
  dataDir: string;
}

/**
 * Videos on an S3-compatible bucket (MEDIA_STORAGE=s3): the worker of another
 * node reads the source from the bucket and writes every output there, and any
 * node serves them; a tus upload left in the bucket is fetched and probed by the
 * job's first step.
 */
describe('videos on S3-compatible storage, two nodes [postgres]', () => {
  let s3: TestS3;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: Node;
  let b: Node;
  let adminA: AdminClient;
  let video: Buffer;

  async function startNode(): Promise<Node> {
    const dataDir = await scratchDir('vnode-');
    const config = testConfig(dataDir, db.database, { media: { storage: 's3', s3: { bucket: BUCKET, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true } } });
    const app = await buildApp(config);
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    return { app, config, dataDir, url: `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}` };
  }

  beforeAll(async () => {
    Object.assign(process.env, S3RVER_CREDENTIALS);
    s3 = await startS3([BUCKET]);
    db = await freshDatabase('postgres');
    a = await startNode();
    b = await startNode();
    expect((await adminClient(a.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD })).status).toBe(201);
    adminA = await adminClient(a.url).login('admin@example.org', PASSWORD);
    const dir = await scratchDir('v-');
    await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25', '-f', 'lavfi', '-i', 'sine', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', path.join(dir, 'v.mp4')], { timeout: 60_000 });
    video = await fs.readFile(path.join(dir, 'v.mp4'));
  }, 90_000);
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await s3?.close();
    await db?.drop();
  });

  const form = (data: Buffer, name: string, title: string) => {
    const f = new FormData();
    f.append('title', title);
    f.append('file', new Blob([new Uint8Array(data)], { type: 'video/mp4' }), name);
    return f;
  };

  it('transcodes on node B a video uploaded on node A, reading the source from the bucket and writing every output there', async () => {
    const r = await adminA.call('POST', '/api/admin/videos', form(video, 'seau.mp4', 'Dans le seau'));
    expect(r.status).toBe(201);
    const { video: waiting } = await r.json();
    expect(await b.app.videos.runOnce()).toBe(true);
    const { video: ready } = await adminA.json('GET', `/api/admin/videos/${waiting.id}`);
    expect(ready).toMatchObject({ status: 'ready', width: 320, height: 180, error: null });
    const master = await fetch(ready.hls.replace('https://news.example', a.url));
    expect(master.status).toBe(200);
    expect(await master.text()).toContain('v180/index.m3u8');
    expect((await fetch(ready.mp4.replace('https://news.example', b.url))).status).toBe(200);
    // Nothing of the upload or the outputs stays on either node's disk.
    for (const n of [a, b]) expect((await listFiles(n.dataDir)).filter((f) => /uploads|video-work|media/.test(f))).toEqual([]);
  }, 90_000);

  // A finished tus upload in the bucket (s3rver has no ListParts, which tus's S3 store needs to
  // resume, so the upload itself is put here as the store leaves it: one object named by the upload id).
  const tusUpload = async (node: Node, key: string, bytes: Buffer, title: string) => {
    const bucket = new S3MediaStorage(s3Client(node.config.media.s3!), node.config.media.s3!);
    await bucket.write(key, bytes);
    bucket.client.destroy();
    const deps = { db: node.app.store.db, media: node.app.media, now: () => new Date(), publicUrl: node.config.publicUrl, defaultEdition: 'fr' };
    return createVideo(deps, { tusKey: key, filename: `${key}.mp4`, bytes: bytes.length, probe: null, fields: { title }, uploadId: key }, SYSTEM);
  };

  it('fetches, probes and transcodes a tus upload left in the bucket, and fails with the reason one the probe refuses', async () => {
    const good = await tusUpload(a, 'tus-0123456789abcdef0123456789abcdef', video, 'Par tus');
    expect(good).toMatchObject({ status: 'waiting', width: null, durationMs: null });
    expect(await b.app.videos.runOnce()).toBe(true);
    const { video: ready } = await adminA.json('GET', `/api/admin/videos/uploads/tus-0123456789abcdef0123456789abcdef/video`);
    expect(ready).toMatchObject({ id: good.id, status: 'ready', width: 320, height: 180 });
    expect(ready.job.steps[0]).toBe('fetch');

    const bad = await tusUpload(a, 'tus-fedcba9876543210fedcba9876543210', Buffer.from('pas une vidéo, seulement du texte\n'.repeat(20)), 'Faux');
    expect(await b.app.videos.runOnce()).toBe(true);
    const { video: failed } = await adminA.json('GET', `/api/admin/videos/${bad.id}`);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^this file is not a video/);
  }, 90_000);
});
