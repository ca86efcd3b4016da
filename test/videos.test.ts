import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VideoWorker } from '../src/video/video.worker.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, listFiles, makeDraft, scratchDir, startTestSite, waitFor, type TestSite } from './harness.ts';

const run = promisify(execFile);
const PASSWORD = 'correct horse battery';

/** A few seconds of test pattern and tone, made by ffmpeg (the same program the worker runs). */
async function makeVideo(dir: string, name: string, size: string, seconds: number, audio = true): Promise<Buffer> {
  const file = path.join(dir, name);
  const input = ['-f', 'lavfi', '-i', `testsrc=size=${size}:rate=25`, ...(audio ? ['-f', 'lavfi', '-i', 'sine=frequency=440'] : [])];
  await run('ffmpeg', ['-v', 'error', '-y', ...input, '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...(audio ? ['-c:a', 'aac'] : []), file], { timeout: 60_000 });
  return fs.readFile(file);
}

function form(data: Buffer, filename: string, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(data)], { type: 'video/mp4' }), filename);
  return f;
}

let fixtures: { s480: Buffer; tiny: Buffer; huge: Buffer };

beforeAll(async () => {
  const dir = await scratchDir('videos-');
  const [s480, tiny] = await Promise.all([makeVideo(dir, 's480.mp4', '854x480', 2), makeVideo(dir, 'tiny.mp4', '320x180', 2)]);
  // One frame whose header says 5000×5000: over the 9.4 million pixels accepted.
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=black:s=5000x5000:d=0.04:r=25', '-c:v', 'libx264', '-preset', 'ultrafast', '-frames:v', '1', path.join(dir, 'huge.mp4')], { timeout: 60_000 });
  fixtures = { s480, tiny, huge: await fs.readFile(path.join(dir, 'huge.mp4')) };
}, 120_000);

forEachDialect('video library', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let contributor: AdminClient;
  const local = (url: string) => url.replace('https://news.example', site.url);
  /** A worker of our own, watching its steps. */
  const worker = (opts: { leaseMs?: number; ffmpeg?: string; onStep?: (step: string) => void } = {}) =>
    new VideoWorker(
      {
        db: site.app.store.db,
        media: site.app.media,
        images: site.app.images,
        log: site.app.server.log,
        now: () => new Date(),
        video: { ...site.config.video, ffmpeg: opts.ffmpeg ?? site.config.video.ffmpeg },
        workDir: path.join(site.dataDir, 'video-work'),
        localPath: (key) => path.join(site.config.mediaDir, key),
        publicUrl: site.config.publicUrl,
        onStep: (e) => opts.onStep?.(e.step),
      },
      { leaseMs: opts.leaseMs ?? 60_000 },
    );

  beforeAll(async () => {
    // The app's video worker is off in tests (jobsMs 0): these drive workers of their own.
    site = await startTestSite(dialect);
    const setup = await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD });
    expect(setup.status).toBe(201);
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'pigiste@example.org', name: 'Paul', role: 'contributor', password: PASSWORD });
    contributor = await adminClient(site.url).login('pigiste@example.org', PASSWORD);
  });
  afterAll(() => site?.close());

  const upload = async (client: AdminClient, data: Buffer, name: string, fields: Record<string, string> = {}) => client.call('POST', '/api/admin/videos', form(data, name, fields));

  it('uploads by multipart, transcodes once across two workers into a ladder never above the source, and serves it with long cache lifetimes', async () => {
    await admin.json('POST', '/api/admin/webhooks', { url: 'https://hooks.example/video', events: ['video.ready'] });
    const r = await upload(admin, fixtures.s480, 'reportage.mp4', { title: 'Reportage à Dakar', credit: 'Équipe TV', language: 'fr' });
    expect(r.status).toBe(201);
    const { video } = await r.json();
    expect(video).toMatchObject({ status: 'waiting', progress: 0, hls: null, title: 'Reportage à Dakar', credit: 'Équipe TV', width: 854, height: 480, edition: 'fr', slug: 'reportage-a-dakar', published: false });
    expect(video.durationMs).toBeGreaterThan(1900);

    // Two workers race for the job: each step is made once, by whichever claimed it.
    const steps: string[] = [];
    // Asked once the first rendition is recorded, answered while the next one is being made.
    let whileRunning: Promise<any> | undefined;
    const onStep = (s: string) => {
      steps.push(s);
      if (s === 'v480') whileRunning = admin.json('GET', `/api/admin/videos/${video.id}`);
    };
    const a = worker({ onStep });
    const b = worker({ onStep });
    await Promise.all([a.runOnce(), b.runOnce()]);
    expect(steps).toEqual(['v480', 'v360', 'audio', 'mp4', 'poster', 'sprite', 'master']);
    const running = (await whileRunning).video;
    expect(running).toMatchObject({ status: 'transcoding', hls: null });
    expect(running.progress).toBeGreaterThan(0);
    expect(running.progress).toBeLessThan(100);

    const { video: ready } = await admin.json('GET', `/api/admin/videos/${video.id}`);
    expect(ready).toMatchObject({ status: 'ready', progress: 100, error: null });
    expect(ready.renditions.map((x: any) => x.name)).toEqual(['v480', 'v360', 'audio']);
    expect(ready.hls).toMatch(new RegExp(`^https://news\\.example/media/videos/${video.id}/[0-9a-f]+/master\\.m3u8$`));
    const master = await fetch(local(ready.hls));
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(master.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
    const text = await master.text();
    expect(text).toContain('RESOLUTION=854x480');
    expect(text).toContain('RESOLUTION=640x360');
    expect(text).not.toMatch(/v720|v1080/);
    expect(text).toMatch(/CODECS="mp4a\.40\.2"\naudio\/index\.m3u8/);
    const media = await (await fetch(local(ready.hls).replace('master.m3u8', 'v360/index.m3u8'))).text();
    const segment = media.split('\n').find((l) => l.endsWith('.ts'))!;
    const seg = await fetch(local(ready.hls).replace('master.m3u8', `v360/${segment}`));
    expect(seg.status).toBe(200);
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    expect(seg.headers.get('cache-control')).toContain('immutable');
    const mp4 = await fetch(local(ready.mp4));
    expect(mp4.status).toBe(200);
    expect(mp4.headers.get('content-type')).toBe('video/mp4');
    const vtt = await (await fetch(local(ready.spriteVtt))).text();
    expect(vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.000\nsprite\.jpg#xywh=0,0,160,90\n/);
    // The poster is a picture of the library, credited as the video is.
    expect(ready.posterImage).toEqual(expect.any(Number));
    const poster = await admin.json('GET', `/api/admin/media/${ready.posterImage}`);
    expect(poster).toMatchObject({ credit: 'Équipe TV', alt: 'Reportage à Dakar', width: 854, height: 480 });
    expect((await fetch(local(ready.poster))).status).toBe(200);
    const { entries } = await admin.json('GET', `/api/admin/audit?subject=video:${video.id}`);
    expect(entries.map((e: any) => e.action)).toEqual(['video.upload']);
    // Subscribers hear of it once.
    const hooks = await site.app.store.db.selectFrom('webhook_deliveries').select(['event', 'payload']).where('event', '=', 'video.ready').execute();
    expect(hooks.map((h) => JSON.parse(h.payload).video)).toEqual([{ id: video.id, edition: 'fr', slug: 'reportage-a-dakar', title: 'Reportage à Dakar', hls: ready.hls, mp4: ready.mp4, poster: ready.poster, durationMs: ready.durationMs, width: 854, height: 480 }]);
    // The finished job is not taken again.
    expect(await a.runOnce()).toBe(false);
  }, 120_000);

  it('fails with the reason, and a retry goes on after the finished steps', async () => {
    const { video } = await (await upload(admin, fixtures.tiny, 'petit.mp4')).json();
    const broken = worker({ ffmpeg: path.join(site.dataDir, 'no-such-ffmpeg') });
    expect(await broken.runOnce()).toBe(true);
    const { video: failed } = await admin.json('GET', `/api/admin/videos/${video.id}`);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/could not start .*no-such-ffmpeg/);
    expect(failed.job).toMatchObject({ status: 'failed' });
    expect(await broken.runOnce()).toBe(false);

    const again = await admin.call('POST', `/api/admin/videos/${video.id}/retry`);
    expect(again.status).toBe(202);
    expect((await again.json()).video).toMatchObject({ status: 'waiting', error: null });
    // Only a failed video is tried again.
    expect((await admin.call('POST', `/api/admin/videos/${video.id}/retry`)).status).toBe(409);
    const steps: string[] = [];
    expect(await worker({ onStep: (s) => steps.push(s) }).runOnce()).toBe(true);
    // Under 360p: one rendition at the source's own size.
    expect(steps).toEqual(['v180', 'audio', 'mp4', 'poster', 'sprite', 'master']);
    const { video: ready } = await admin.json('GET', `/api/admin/videos/${video.id}`);
    expect(ready.status).toBe('ready');
    expect(ready.renditions.map((x: any) => `${x.name}:${x.width}x${x.height}`)).toEqual(['v180:320x180', 'audio:nullxnull']);
    const { entries } = await admin.json('GET', `/api/admin/audit?subject=video:${video.id}`);
    expect(entries.map((e: any) => e.action)).toEqual(['video.retry', 'video.upload']);
  }, 120_000);

  it('leaves a killed worker’s job to another once its lease lapses, which goes on after its last finished step', async () => {
    const { video } = await (await upload(admin, fixtures.tiny, 'coupure.mp4')).json();
    const leaseMs = 1500;
    const doneByA: string[] = [];
    const a = worker({
      leaseMs,
      onStep: (s) => {
        doneByA.push(s);
        if (s === 'audio') a.kill();
      },
    });
    expect(await a.runOnce()).toBe(true);
    expect(doneByA).toEqual(['v180', 'audio']);
    const job = await site.app.store.db.selectFrom('video_jobs').selectAll().where('video_id', '=', video.id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'working', attempts: 1 });
    expect(JSON.parse(job.steps)).toEqual(['v180', 'audio']);

    const doneByB: string[] = [];
    const b = worker({ leaseMs, onStep: (s) => doneByB.push(s) });
    // The lease still holds: nothing to take.
    expect(await b.runOnce()).toBe(false);
    await waitFor('the lease to lapse', () => Date.now() > Date.parse(job.locked_until!), 10_000);
    expect(await b.runOnce()).toBe(true);
    expect(doneByB).toEqual(['mp4', 'poster', 'sprite', 'master']);
    const after = await site.app.store.db.selectFrom('video_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'done', attempts: 2 });
    const { video: ready } = await admin.json('GET', `/api/admin/videos/${video.id}`);
    expect(ready.status).toBe('ready');
    // The renditions A made are in B's master playlist, in the same run folder.
    const text = await (await fetch(local(ready.hls))).text();
    expect(text).toContain('v180/index.m3u8');
    expect((await fetch(local(ready.hls).replace('master.m3u8', 'v180/index.m3u8'))).status).toBe(200);
  }, 120_000);

  it('keeps a running job its own with the heartbeat, though the job lasts longer than the lease', async () => {
    // Long enough that each rendition takes several leases' time.
    const long = await makeVideo(await scratchDir('long-'), 'long.mp4', '854x480', 8);
    const { video } = await (await upload(admin, long, 'long.mp4')).json();
    const leaseMs = 300;
    const doneByA: string[] = [];
    const a = worker({ leaseMs, onStep: (s) => doneByA.push(s) });
    const b = worker({ leaseMs, onStep: (s) => expect.unreachable(`B made ${s}`) });
    const running = a.runOnce();
    let tries = 0;
    let finished = false;
    void running.then(() => (finished = true));
    // B keeps asking, well past the lease, while A's ffmpeg runs.
    while (!finished) {
      await new Promise((r) => setTimeout(r, 150));
      if (!finished) {
        expect(await b.runOnce()).toBe(false);
        tries++;
      }
    }
    await running;
    expect(tries).toBeGreaterThan(5);
    expect(doneByA).toEqual(['v480', 'v360', 'audio', 'mp4', 'poster', 'sprite', 'master']);
    const job = await site.app.store.db.selectFrom('video_jobs').selectAll().where('video_id', '=', video.id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', attempts: 1 });
  }, 120_000);

  it('takes a tus upload, resumed after a dropped connection, and names the video it made', async () => {
    const data = fixtures.tiny;
    const meta = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');
    const create = await admin.call('POST', '/api/admin/videos/uploads', undefined, {
      headers: { 'tus-resumable': '1.0.0', 'upload-length': String(data.length), 'upload-metadata': meta({ filename: 'direct.mp4', title: 'Reprise après coupure' }) },
    });
    expect(create.status).toBe(201);
    const location = create.headers.get('location')!;
    expect(location).toMatch(/^\/api\/admin\/videos\/uploads\/tus-[0-9a-f]{32}$/);
    const uploadId = location.split('/').pop()!;

    // The connection drops after part of a PATCH.
    const half = Math.floor(data.length / 2);
    await new Promise<void>((resolve) => {
      const req = http.request(site.url + location, {
        method: 'PATCH',
        headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(data.length), cookie: admin.cookie!, 'x-csrf-token': admin.csrf! },
      });
      req.on('error', () => resolve());
      req.write(data.subarray(0, half), () => setTimeout(() => {
        req.destroy();
        resolve();
      }, 300));
    });
    let offset = 0;
    await waitFor('the server to keep what it got', async () => {
      const head = await admin.call('HEAD', location, undefined, { headers: { 'tus-resumable': '1.0.0' } });
      offset = Number(head.headers.get('upload-offset'));
      return head.status === 200 && offset > 0;
    });
    expect(offset).toBeLessThanOrEqual(half);
    const finish = await fetch(site.url + location, {
      method: 'PATCH',
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', cookie: admin.cookie!, 'x-csrf-token': admin.csrf! },
      body: new Uint8Array(data.subarray(offset)),
    });
    expect(finish.status).toBe(204);
    const videoId = Number(finish.headers.get('video-id'));
    expect(videoId).toBeGreaterThan(0);
    const { video } = await admin.json('GET', `/api/admin/videos/uploads/${uploadId}/video`);
    expect(video).toMatchObject({ id: videoId, title: 'Reprise après coupure', filename: 'direct.mp4', status: 'waiting', bytes: data.length, width: 320, height: 180 });
    // The upload's own files are gone once copied into the media storage.
    expect((await listFiles(site.config.video.uploadDir)).filter((f) => f.includes(uploadId))).toEqual([]);
    // Without the CSRF header a signed-in tus request is refused like any other write.
    const noCsrf = await admin.call('POST', '/api/admin/videos/uploads', undefined, { csrf: false, headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' } });
    expect(noCsrf.status).toBe(403);
    const anonymous = await fetch(site.url + '/api/admin/videos/uploads', { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' } });
    expect(anonymous.status).toBe(401);
  }, 60_000);

  it('takes an upload from tus-js-client, as the admin sends it', async () => {
    const tus = await import('tus-js-client');
    const { video } = await new Promise<{ video: any }>((resolve, reject) => {
      let id: string | null = null;
      const u = new tus.Upload(fixtures.tiny, {
        endpoint: site.url + '/api/admin/videos/uploads',
        chunkSize: 64 * 1024,
        metadata: { filename: 'client.mp4', title: 'Envoyé par le client' },
        headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf! },
        onAfterResponse: (_req, res) => {
          id = res.getHeader('Video-Id') ?? id;
        },
        onError: reject,
        onSuccess: () => resolve(admin.json('GET', `/api/admin/videos/${id}`)),
      });
      u.start();
    });
    expect(video).toMatchObject({ title: 'Envoyé par le client', filename: 'client.mp4', bytes: fixtures.tiny.length });
  }, 60_000);

  it('refuses files that are not video, or hostile ones, naming the field file, and keeps nothing of them', async () => {
    const before = await site.app.store.db.selectFrom('videos').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const text = await upload(admin, Buffer.from('Ceci est un texte, pas une vidéo.\n'.repeat(50)), 'faux.mp4');
    expect(text.status).toBe(422);
    expect((await text.json()).issues).toEqual([{ field: 'file', message: expect.stringMatching(/^faux\.mp4: this file is not a video/) }]);
    const empty = await upload(admin, Buffer.alloc(0), 'vide.mp4');
    expect(empty.status).toBe(422);
    expect((await empty.json()).issues[0]).toMatchObject({ field: 'file', message: expect.stringMatching(/^vide\.mp4: /) });
    const huge = await upload(admin, fixtures.huge, 'immense.mp4');
    expect(huge.status).toBe(422);
    expect((await huge.json()).issues[0].message).toMatch(/5000×5000.*larger than/);
    const noFile = await admin.call('POST', '/api/admin/videos', (() => {
      const f = new FormData();
      f.append('title', 'Sans fichier');
      return f;
    })());
    expect(noFile.status).toBe(422);
    const badEdition = await upload(admin, fixtures.tiny, 'x.mp4', { edition: 'zz' });
    expect(badEdition.status).toBe(422);
    expect((await badEdition.json()).issues[0].field).toBe('edition');
    const after = await site.app.store.db.selectFrom('videos').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await listFiles(site.config.video.uploadDir)).filter((f) => path.basename(f).startsWith('multipart-'))).toEqual([]);
    // A refused tus upload is answered 422 when its last byte arrives, and its bytes are dropped.
    const bytes = Buffer.from('not a video at all');
    const create = await admin.call('POST', '/api/admin/videos/uploads', undefined, { headers: { 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': `filename ${Buffer.from('faux.mov').toString('base64')}` } });
    const patch = await fetch(site.url + create.headers.get('location'), {
      method: 'PATCH',
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', cookie: admin.cookie!, 'x-csrf-token': admin.csrf! },
      body: bytes,
    });
    expect(patch.status).toBe(422);
    expect(JSON.parse(await patch.text()).issues[0]).toMatchObject({ field: 'file', message: expect.stringMatching(/^faux\.mov: this file is not a video/) });
  }, 60_000);

  it('edits with If-Match, changes the poster of the articles leading with it, refuses deletion while used, and keeps roles', async () => {
    expect((await fetch(site.url + '/api/admin/videos')).status).toBe(401);
    const mine = await upload(contributor, fixtures.tiny, 'pigiste.mp4');
    expect(mine.status).toBe(201);
    const { video } = await mine.json();
    const list = await admin.json('GET', '/api/admin/videos?q=PIGISTE&state=waiting');
    expect(list.videos.map((v: any) => v.id)).toEqual([video.id]);
    expect((await admin.call('GET', '/api/admin/videos?state=nope')).status).toBe(422);

    expect((await contributor.call('PATCH', `/api/admin/videos/${video.id}`, { title: 'Sans version' })).status).toBe(428);
    expect((await contributor.call('PATCH', `/api/admin/videos/${video.id}`, { title: 'Vieille version' }, { headers: { 'if-match': '"7"' } })).status).toBe(412);
    const edited = await contributor.call('PATCH', `/api/admin/videos/${video.id}`, { title: 'Le titre juste', description: 'Une description.', licence: 'CC BY 4.0', published: true, chapters: [{ startMs: 0, title: 'Début' }] }, { headers: { 'if-match': `"${video.version}"` } });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toBe(`"${video.version + 1}"`);
    expect((await edited.json()).video).toMatchObject({ title: 'Le titre juste', licence: 'CC BY 4.0', published: true, publishedAt: expect.any(String), chapters: [{ startMs: 0, title: 'Début' }] });
    const unknown = await contributor.call('PATCH', `/api/admin/videos/${video.id}`, { colour: 'red' }, { headers: { 'if-match': `"${video.version + 1}"` } });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).issues[0].field).toBe('colour');

    // An article leads with it: a new poster becomes the article's lead picture.
    const art = await admin.json('POST', '/api/admin/articles', makeDraft());
    await site.app.store.db.updateTable('articles').set({ lead_video_id: video.id, lead: JSON.stringify({ video: video.id, alt: '' }) }).where('id', '=', art.article.id).execute();
    const pic = new FormData();
    pic.append('file', new Blob([new Uint8Array(await (await import('./harness.ts')).makeImage(1200, 675))], { type: 'image/jpeg' }), 'affiche.jpg');
    const image = await admin.json('POST', '/api/admin/media', pic);
    const poster = await admin.call('POST', `/api/admin/videos/${video.id}/poster`, { image: image.id });
    expect(poster.status).toBe(200);
    expect((await poster.json()).video).toMatchObject({ posterImage: image.id, usedIn: [art.article.id] });
    const row = await site.app.store.db.selectFrom('articles').select(['lead', 'lead_image_id']).where('id', '=', art.article.id).executeTakeFirstOrThrow();
    expect(row.lead_image_id).toBe(image.id);
    expect(JSON.parse(row.lead!)).toEqual({ video: video.id, alt: '', imageId: image.id });
    expect((await admin.call('POST', `/api/admin/videos/${video.id}/poster`, { atMs: 999_999 })).status).toBe(422);
    expect((await admin.call('POST', `/api/admin/videos/${video.id}/poster`, { atMs: 500 })).status).toBe(202);
    // The jobs in line (this video's transcode, the tus uploads' above), then the poster job.
    const w = worker();
    while (await w.runOnce());
    const { video: framed } = await admin.json('GET', `/api/admin/videos/${video.id}`);
    expect(framed.posterAtMs).toBe(500);
    expect(framed.posterImage).not.toBe(image.id);
    expect(framed.job).toMatchObject({ kind: 'poster', status: 'done' });

    // Another contributor's video is not theirs to delete; an editor's refusal names the article.
    const other = (await (await upload(admin, fixtures.tiny, 'autre.mp4')).json()).video;
    expect((await contributor.call('DELETE', `/api/admin/videos/${other.id}`)).status).toBe(403);
    const used = await admin.call('DELETE', `/api/admin/videos/${video.id}`);
    expect(used.status).toBe(409);
    expect((await used.json()).message).toContain(`article ${art.article.id}`);
    expect((await admin.call('DELETE', `/api/admin/videos/${other.id}`)).status).toBe(204);
    expect((await admin.call('GET', `/api/admin/videos/${other.id}`)).status).toBe(404);
    const { entries } = await admin.json('GET', `/api/admin/audit?subject=video:${other.id}`);
    expect(entries.map((e: any) => e.action)).toEqual(['video.delete', 'video.upload']);
    const mineAudit = await admin.json('GET', `/api/admin/audit?subject=video:${video.id}`);
    expect(mineAudit.entries.map((e: any) => e.action)).toEqual(['video.poster', 'video.poster', 'video.update', 'video.upload']);
  }, 120_000);
});
