import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import type { Config } from '../src/config.ts';
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

const meta = (o: Record<string, string>) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

/**
 * tus uploads kept in the media bucket (MEDIA_STORAGE=s3): begun on one web
 * node and finished on another, then fetched, probed and transcoded by the
 * worker, whose outputs any node serves from the bucket.
 */
describe('video uploads on S3-compatible storage, two nodes [postgres]', () => {
  let s3: TestS3;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: Node;
  let b: Node;
  let adminA: AdminClient;
  let adminB: AdminClient;
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
    adminB = await adminClient(b.url).login('admin@example.org', PASSWORD);
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

  const patch = (node: Node, admin: AdminClient, location: string, offset: number, bytes: Buffer) =>
    fetch(node.url + location, {
      method: 'PATCH',
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', cookie: admin.cookie!, 'x-csrf-token': admin.csrf! },
      body: new Uint8Array(bytes),
    });

  it('resumes on node B an upload begun on node A, and the worker probes and transcodes it from the bucket', async () => {
    const create = await adminA.call('POST', '/api/admin/videos/uploads', undefined, { headers: { 'tus-resumable': '1.0.0', 'upload-length': String(video.length), 'upload-metadata': meta({ filename: 'seau.mp4', title: 'Dans le seau' }) } });
    expect(create.status).toBe(201);
    const location = create.headers.get('location')!;
    const half = Math.floor(video.length / 2);
    expect((await patch(a, adminA, location, 0, video.subarray(0, half))).status).toBe(204);
    // Node B knows where the upload stands: it is in the bucket, not on A's disk.
    const head = await adminB.call('HEAD', location, undefined, { headers: { 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('upload-offset'))).toBe(half);
    const done = await patch(b, adminB, location, half, video.subarray(half));
    expect(done.status).toBe(204);
    const id = Number(done.headers.get('video-id'));
    const { video: waiting } = await adminA.json('GET', `/api/admin/videos/${id}`);
    // Probed by the job, not by the web node: no size yet.
    expect(waiting).toMatchObject({ status: 'waiting', title: 'Dans le seau', width: null, durationMs: null });

    expect(await a.app.videos.runOnce()).toBe(true);
    const { video: ready } = await adminB.json('GET', `/api/admin/videos/${id}`);
    expect(ready).toMatchObject({ status: 'ready', width: 320, height: 180, error: null });
    expect(ready.job.steps[0]).toBe('fetch');
    const master = await fetch(ready.hls.replace('https://news.example', b.url));
    expect(master.status).toBe(200);
    expect(await master.text()).toContain('v180/index.m3u8');
    // Nothing of the upload or the outputs stays on either node's disk.
    for (const n of [a, b]) expect((await listFiles(n.dataDir)).filter((f) => /uploads|video-work|media/.test(f))).toEqual([]);
  }, 90_000);

  it('fails, with the reason, a file the probe refuses once it is fetched', async () => {
    const bytes = Buffer.from('pas une vidéo, seulement du texte\n'.repeat(20));
    const create = await adminA.call('POST', '/api/admin/videos/uploads', undefined, { headers: { 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': meta({ filename: 'faux.mp4' }) } });
    const done = await patch(a, adminA, create.headers.get('location')!, 0, bytes);
    expect(done.status).toBe(204);
    const id = Number(done.headers.get('video-id'));
    expect(await b.app.videos.runOnce()).toBe(true);
    const { video: failed } = await adminA.json('GET', `/api/admin/videos/${id}`);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^this file is not a video/);
  }, 60_000);
});
