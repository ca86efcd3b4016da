/**
 * A node of the video benchmark, run as a child process of bench/video.ts so
 * that the web node, the worker and the load generator are separate
 * processes sharing the machine, as a small deployment would.
 *
 *   web    <dataDir>   the reader site and the Admin API (ROLES=web), demo content, page cache off
 *   worker <dataDir>   a worker node (ROLES=worker) whose video worker the parent drives over IPC
 *
 * Worker messages: { type: 'drain' } runs every waiting job and reports each step
 * ({ type: 'step', … }) then { type: 'drained', maxRssKb }; { type: 'start', videoId }
 * queues a new transcode of the video and answers { type: 'started' } once ffmpeg
 * runs; { type: 'abort' } stops it and answers { type: 'aborted' }.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { VideoWorker } from '../src/video/video.worker.ts';

function send(msg: unknown): void {
  if (process.send && process.connected) process.send(msg);
}

async function main(): Promise<void> {
  const [mode, dataDir] = process.argv.slice(2);
  if (!process.send || !dataDir || (mode !== 'web' && mode !== 'worker')) throw new Error('usage (from bench/video.ts): web|worker <dataDir>');
  const base = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    DEMO_CONTENT: mode === 'web' ? 'true' : 'false',
    PAGE_CACHE: 'false',
    LOG_LEVEL: 'info',
    ROLES: mode,
    CONTENT_API_RATE_LIMIT: '0',
    ADMIN_API_RATE_LIMIT: '0',
  });
  const config = { ...base, backgroundImages: false, video: { ...base.video, jobsMs: 0 } };
  const app: App = await buildApp(config);
  process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
  if (mode === 'web') {
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    send({ type: 'ready', port: (app.server.server.address() as { port: number }).port });
    return;
  }
  const db = app.store.db;
  const make = () =>
    new VideoWorker(
      {
        db,
        media: app.media,
        images: app.images,
        log: app.server.log,
        now: () => new Date(),
        video: config.video,
        workDir: path.join(dataDir, 'video-work'),
        localPath: (key) => path.join(config.mediaDir, key),
        onStep: (e) => send({ type: 'step', step: e.step, ms: e.ffmpeg?.ms, peakRssKb: e.ffmpeg?.peakRssKb, cpuSeconds: e.ffmpeg?.cpuSeconds, durationMs: e.durationMs }),
      },
      { leaseMs: config.jobLeaseMs },
    );
  let running: { worker: VideoWorker; done: Promise<boolean> } | undefined;
  process.on('message', async (m: { type: string; videoId?: number }) => {
    try {
      if (m.type === 'drain') {
        const w = make();
        while (await w.runOnce());
        send({ type: 'drained', maxRssKb: process.resourceUsage().maxRSS });
      } else if (m.type === 'start') {
        await db.insertInto('video_jobs').values({ video_id: m.videoId!, kind: 'transcode', status: 'waiting', params: JSON.stringify({ run: randomBytes(6).toString('hex') }), created_at: new Date().toISOString() }).execute();
        const worker = make();
        running = { worker, done: worker.runOnce() };
        // ffmpeg is running once the job is claimed and its first progress is written.
        for (;;) {
          const job = await db.selectFrom('video_jobs').select(['status', 'progress']).orderBy('id', 'desc').executeTakeFirstOrThrow();
          if (job.status === 'working') break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await new Promise((r) => setTimeout(r, 1500));
        send({ type: 'started' });
      } else if (m.type === 'abort') {
        await running?.worker.stop();
        await running?.done;
        running = undefined;
        await db.deleteFrom('video_jobs').where('status', '!=', 'done').execute();
        send({ type: 'aborted' });
      }
    } catch (err) {
      send({ type: 'failed', message: (err as Error).stack ?? String(err) });
    }
  });
  send({ type: 'ready', port: 0 });
}

main().catch((err) => {
  send({ type: 'failed', message: (err as Error).stack ?? String(err) });
  process.exitCode = 1;
});
