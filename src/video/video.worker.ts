import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { VideoConfig } from '../config.ts';
import { repeat, type Repeating } from '../jobs/repeat.ts';
import type { ImageCodec } from '../media/images.ts';
import { uploadImage } from '../media/media.service.ts';
import type { MediaStorage } from '../media/storage.ts';
import { SYSTEM } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import type { VideoJobTable, VideoRow } from '../store/schema.ts';
import type { Selectable } from 'kysely';
import { FfmpegFailed, runFfmpeg, type FfmpegResult } from './ffmpeg.ts';
import {
  codecsOf,
  defaultPosterMs,
  hlsAudioArgs,
  hlsVideoArgs,
  ladder,
  masterPlaylist,
  measureBandwidth,
  mp4Args,
  mp4Rung,
  posterArgs,
  spriteArgs,
  spriteGrid,
  spriteVtt,
  type Rendition,
  type Rung,
} from './ladder.ts';
import { probeVideo, VideoRejected, type VideoProbe } from './probe.ts';
import { enqueueWebhookPayload } from '../webhooks/outbox.ts';
import { getVideo, setPoster, sourceExtension, videoKeys } from './video.service.ts';

type JobRow = Selectable<VideoJobTable>;

/** What a transcode job keeps between its steps (video_jobs.params). */
interface JobParams {
  /** The run folder: every output key of this transcode is under videos/<id>/<run>/, so none is ever overwritten. */
  run?: string;
  /** A tus upload in the bucket, fetched by the first step. */
  tusKey?: string;
  /** A poster job's frame. */
  atMs?: number;
  /** What each finished step made (renditions, keys), so a worker taking over can finish the master playlist. */
  made?: Record<string, Rendition | { key: string; vttKey?: string }>;
}

export interface VideoWorkerDeps {
  db: Db;
  media: MediaStorage;
  images: ImageCodec;
  log: FastifyBaseLogger;
  now: () => Date;
  video: VideoConfig;
  /** Scratch space for ffmpeg's outputs before they go to the media storage (DATA_DIR/video-work). */
  workDir: string;
  /** A media key's file on this machine, when the storage is a local folder (ffmpeg reads it in place). */
  localPath?: (key: string) => string | null;
  /** The bucket holding tus uploads, when they go to S3. */
  tusSource?: { stream(key: string): Promise<Readable>; remove(key: string): Promise<void> };
  /** The site's address and the media host, for the absolute URLs of the video.ready webhook. */
  publicUrl?: string;
  mediaUrl?: string;
  /** Told after a job's results are committed (the content version moved). */
  onChange?: () => void;
  /** Told of each step as it is recorded, with what ffmpeg took (tests and the benchmark watch). */
  onStep?: (e: { jobId: number; videoId: number; step: string; ffmpeg?: FfmpegResult; durationMs?: number }) => void;
}

/** A job that stopped its worker this many times (out of memory, killed) is failed rather than tried forever. */
const MAX_ATTEMPTS = 3;

/** The claim was lost (the lease lapsed and another worker took the job): write nothing more. */
class LostClaim extends Error {}

/**
 * Transcodes uploaded videos on the worker role: claims one `video_jobs` row
 * at a time by a conditional update with a lease, extends the lease with a
 * heartbeat while ffmpeg runs, and records each finished step (each
 * rendition, the MP4, the poster, the sprite) so that a worker taking over a
 * job whose worker died goes on after the last one. ffmpeg runs at low
 * priority; its progress goes to the job and the video, a write a second at
 * most. start/stop/runOnce like the AVIF worker.
 */
export class VideoWorker {
  private job: Repeating | undefined;
  private readonly workerId = randomUUID();
  /** The job in hand: aborting it kills ffmpeg. */
  private current: { id: number; abort: AbortController } | undefined;
  private killed = false;
  private stopping = false;

  constructor(
    private readonly deps: VideoWorkerDeps,
    private readonly opts: { idleMs?: number; leaseMs: number },
  ) {}

  start(): void {
    this.job = repeat(() => this.runOnce(), this.opts.idleMs ?? 2000, (err) => this.deps.log.error({ err }, 'video worker failed'), 100);
  }

  /** Stops after handing the job in hand back (its finished steps are kept): another worker takes it at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.current?.abort.abort(new Error('the worker is stopping'));
    await this.job?.stop();
  }

  /**
   * Stops as a killed process would: ffmpeg is killed and nothing more is
   * written, so the job stays claimed until its lease lapses. For tests of
   * the takeover; a real process simply dies.
   */
  kill(): void {
    this.killed = true;
    this.current?.abort.abort(new Error('killed'));
    void this.job?.stop();
  }

  /** Runs one job that is waiting, or whose claim lapsed; returns whether there was one. */
  async runOnce(): Promise<boolean> {
    if (this.killed) return false;
    const { db } = this.deps;
    const at = this.deps.now();
    const nowIso = at.toISOString();
    const next = await db
      .selectFrom('video_jobs')
      .selectAll()
      .where((eb) => eb.or([eb('status', '=', 'waiting'), eb.and([eb('status', '=', 'working'), eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)])])]))
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!next) return false;
    // The claim holds only if the row is as it was read: waiting, or the same lapsed claim.
    let claim = db
      .updateTable('video_jobs')
      .set({ status: 'working', claimed_by: this.workerId, locked_until: this.leaseEnd(), attempts: next.attempts + 1, started_at: next.started_at ?? nowIso })
      .where('id', '=', next.id)
      .where('status', '=', next.status)
      .where('attempts', '=', next.attempts);
    claim = next.locked_until === null ? claim.where('locked_until', 'is', null) : claim.where('locked_until', '=', next.locked_until);
    if (Number((await claim.executeTakeFirst()).numUpdatedRows) !== 1) return true;
    const job = { ...next, status: 'working', claimed_by: this.workerId, attempts: next.attempts + 1 };
    const abort = new AbortController();
    this.current = { id: job.id, abort };
    const progress = { value: job.progress, written: job.progress };
    const heartbeat = setInterval(() => void this.beat(job, progress, abort), Math.max(100, Math.min(1000, Math.floor(this.opts.leaseMs / 3))));
    heartbeat.unref();
    const work = path.join(this.deps.workDir, `job-${job.id}-${this.workerId.slice(0, 8)}`);
    try {
      if (job.attempts > MAX_ATTEMPTS) throw new VideoRejected(`the transcode stopped ${MAX_ATTEMPTS} times without finishing (the worker may have run out of memory)`);
      await fs.mkdir(work, { recursive: true });
      if (job.kind === 'transcode') await this.transcode(job, work, progress, abort.signal);
      else if (job.kind === 'poster') await this.poster(job, work, abort.signal);
      else throw new Error(`unknown job kind ${job.kind}`);
    } catch (err) {
      if (this.killed) return true;
      if (err instanceof LostClaim) {
        this.deps.log.warn({ job: job.id }, 'video job taken over by another worker');
      } else if (this.stopping) {
        // Handed back: the next worker goes on after the finished steps.
        await db.updateTable('video_jobs').set({ status: 'waiting', claimed_by: null, locked_until: null, attempts: job.attempts - 1 }).where('id', '=', job.id).where('claimed_by', '=', this.workerId).execute();
      } else {
        await this.fail(job, err);
      }
    } finally {
      clearInterval(heartbeat);
      this.current = undefined;
      await fs.rm(work, { recursive: true, force: true }).catch(() => {});
    }
    return true;
  }

  private leaseEnd(): string {
    return new Date(this.deps.now().getTime() + this.opts.leaseMs).toISOString();
  }

  /** Extends the lease and writes the progress when it moved; a lost claim stops ffmpeg. */
  private async beat(job: JobRow, progress: { value: number; written: number }, abort: AbortController): Promise<void> {
    if (this.killed || abort.signal.aborted) return;
    const { db } = this.deps;
    const value = progress.value;
    try {
      const r = await db
        .updateTable('video_jobs')
        .set({ locked_until: this.leaseEnd(), progress: value })
        .where('id', '=', job.id)
        .where('claimed_by', '=', this.workerId)
        .where('status', '=', 'working')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return abort.abort(new LostClaim('lost the claim'));
      if (value !== progress.written && job.kind === 'transcode') {
        await db.updateTable('videos').set({ progress: value }).where('id', '=', job.video_id).where('state', '=', 'transcoding').execute();
        progress.written = value;
      }
    } catch (err) {
      // A missed beat is not fatal: the lease is several beats long.
      this.deps.log.warn({ err, job: job.id }, 'video job heartbeat failed');
    }
  }

  private async fail(job: JobRow, err: unknown): Promise<void> {
    const reason = err instanceof VideoRejected || err instanceof FfmpegFailed ? err.message : `the transcode failed: ${(err as Error)?.message ?? String(err)}`;
    this.deps.log.warn({ err, job: job.id, video: job.video_id }, 'video job failed');
    const at = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('video_jobs')
        .set({ status: 'failed', error: reason, claimed_by: null, locked_until: null, finished_at: at })
        .where('id', '=', job.id)
        .where('claimed_by', '=', this.workerId)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1 && job.kind === 'transcode') {
        await trx.updateTable('videos').set({ state: 'failed', error: reason, updated_at: at }).where('id', '=', job.video_id).execute();
      }
    });
  }

  /** Records a finished step (and what it made), only while the claim is still this worker's. */
  private async record(job: JobRow, steps: string[], params: JobParams, progress: number): Promise<void> {
    const r = await this.deps.db
      .updateTable('video_jobs')
      .set({ steps: JSON.stringify(steps), params: JSON.stringify(params), progress, locked_until: this.leaseEnd() })
      .where('id', '=', job.id)
      .where('claimed_by', '=', this.workerId)
      .where('status', '=', 'working')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new LostClaim('lost the claim');
    if (job.kind === 'transcode') await this.deps.db.updateTable('videos').set({ progress }).where('id', '=', job.video_id).where('state', '=', 'transcoding').execute();
  }

  private async video(id: number): Promise<VideoRow> {
    const row = await this.deps.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new VideoRejected('the video was deleted');
    return row;
  }

  /** The source as a file ffmpeg can seek in: in place on a local storage, else copied into the work folder. */
  private async sourceFile(key: string, work: string): Promise<string> {
    const local = this.deps.localPath?.(key);
    if (local) return local;
    const file = path.join(work, `source${path.extname(key)}`);
    await pipeline(await this.deps.media.stream(key), createWriteStream(file));
    return file;
  }

  private ffmpeg(args: string[], durationMs: number, signal: AbortSignal, onProgress?: (f: number) => void): Promise<FfmpegResult> {
    return runFfmpeg(args, { bin: this.deps.video.ffmpeg, niceness: this.deps.video.niceness, durationMs, signal, onProgress });
  }

  private async transcode(job: JobRow, work: string, progress: { value: number }, signal: AbortSignal): Promise<void> {
    const { db, media } = this.deps;
    const params = JSON.parse(job.params ?? '{}') as JobParams;
    params.made ??= {};
    const run = params.run ?? (params.run = randomUUID().slice(0, 12));
    const steps = JSON.parse(job.steps) as string[];
    let video = await this.video(job.video_id);
    await db.updateTable('videos').set({ state: 'transcoding', error: null }).where('id', '=', video.id).where('state', 'in', ['waiting', 'failed', 'transcoding']).execute();
    const prefix = `videos/${video.id}/${run}/`;

    let source: string | undefined;
    if (params.tusKey && !steps.includes('fetch')) {
      // An S3 tus upload: probed here, where its bytes first come to a disk.
      source = path.join(work, 'source');
      await pipeline(await this.deps.tusSource!.stream(params.tusKey), createWriteStream(source));
      const probe = await probeVideo(source, { ffprobe: this.deps.video.ffprobe, timeoutMs: this.deps.video.probeTimeoutMs, maxPixels: this.deps.video.maxPixels, maxDurationMs: this.deps.video.maxDurationMs });
      const key = `videos/${video.id}/source/${run}.${sourceExtension(probe)}`;
      await media.write(key, createReadStream(source));
      await db
        .updateTable('videos')
        .set({ source_key: key, probe: JSON.stringify(probe), width: probe.width, height: probe.height, duration_ms: probe.durationMs })
        .where('id', '=', video.id)
        .execute();
      steps.push('fetch');
      await this.record(job, steps, params, 1);
      await this.deps.tusSource!.remove(params.tusKey).catch((err) => this.deps.log.warn({ err }, 'could not remove a finished tus upload'));
      this.deps.onStep?.({ jobId: job.id, videoId: video.id, step: 'fetch' });
      video = await this.video(job.video_id);
    }
    if (!video.source_key || !video.probe) throw new VideoRejected('the video has no source file');
    const probe = JSON.parse(video.probe) as VideoProbe;
    source ??= await this.sourceFile(video.source_key, work);
    const audio = probe.audioCodec !== null;
    const rungs = ladder(probe);
    const mp4 = mp4Rung(rungs);
    const pixels = (r: Rung) => (r.width * r.height) / (1920 * 1080) + 0.15;
    const plan: Array<{ step: string; weight: number }> = [
      ...rungs.map((r) => ({ step: r.name, weight: pixels(r) })),
      ...(audio ? [{ step: 'audio', weight: 0.05 }] : []),
      { step: 'mp4', weight: pixels(mp4) },
      { step: 'poster', weight: 0.02 },
      { step: 'sprite', weight: 0.1 },
    ];
    const total = plan.reduce((s, p) => s + p.weight, 0);
    let doneWeight = plan.filter((p) => steps.includes(p.step)).reduce((s, p) => s + p.weight, 0);
    const percent = (fraction: number, weight: number) => Math.min(99, Math.floor((100 * (doneWeight + fraction * weight)) / total));

    for (const { step, weight } of plan) {
      if (steps.includes(step)) continue;
      const onProgress = (f: number) => {
        progress.value = percent(f, weight);
      };
      const out = path.join(work, step);
      await fs.mkdir(out, { recursive: true });
      let result: FfmpegResult | undefined;
      const rung = rungs.find((r) => r.name === step);
      if (rung || step === 'audio') {
        result = await this.ffmpeg(rung ? hlsVideoArgs(source, rung, audio, out) : hlsAudioArgs(source, out), probe.durationMs, signal, onProgress);
        const playlist = await fs.readFile(path.join(out, 'index.m3u8'), 'utf8');
        const files = await fs.readdir(out);
        const sizes = new Map<string, number>();
        for (const f of files) sizes.set(f, (await fs.stat(path.join(out, f))).size);
        for (const f of files.sort()) await media.write(`${prefix}${step}/${f}`, createReadStream(path.join(out, f)));
        const bw = measureBandwidth(playlist, (uri) => sizes.get(uri) ?? 0);
        params.made[step] = { name: step, width: rung?.width ?? null, height: rung?.height ?? null, ...bw, codecs: codecsOf(rung ?? null, audio), key: `${prefix}${step}/index.m3u8` };
      } else if (step === 'mp4') {
        const file = path.join(out, 'video.mp4');
        result = await this.ffmpeg(mp4Args(source, mp4, audio, file), probe.durationMs, signal, onProgress);
        const key = `${prefix}video-${mp4.height}p.mp4`;
        await media.write(key, createReadStream(file));
        params.made.mp4 = { key };
      } else if (step === 'poster') {
        // A poster the editor chose (a picture, or a frame made by a poster job) is kept through a new transcode,
        // even one chosen while this transcode ran: the row is read again.
        video = await this.video(video.id);
        if (video.poster_image_id === null) {
          const atMs = video.poster_at_ms ?? defaultPosterMs(probe.durationMs);
          const file = path.join(out, 'poster.jpg');
          result = await this.ffmpeg(posterArgs(source, atMs, file), 1, signal);
          await this.importPoster(video, file, atMs);
        }
      } else if (step === 'sprite') {
        const grid = spriteGrid(probe);
        const file = path.join(out, 'sprite.jpg');
        result = await this.ffmpeg(spriteArgs(source, grid, file), probe.durationMs, signal, onProgress);
        await media.write(`${prefix}sprite.jpg`, createReadStream(file));
        await media.write(`${prefix}sprite.vtt`, Buffer.from(spriteVtt(grid, probe.durationMs, 'sprite.jpg')));
        params.made.sprite = { key: `${prefix}sprite.jpg`, vttKey: `${prefix}sprite.vtt` };
      }
      steps.push(step);
      doneWeight += weight;
      progress.value = percent(0, 0);
      await this.record(job, steps, params, progress.value);
      this.deps.onStep?.({ jobId: job.id, videoId: video.id, step, ffmpeg: result, durationMs: probe.durationMs });
      if (signal.aborted) throw signal.reason;
    }

    // The master playlist last: it names only renditions that are all in place.
    const renditions = plan.map((p) => params.made![p.step]).filter((m): m is Rendition => !!m && 'bandwidth' in m);
    const masterKey = `${prefix}master.m3u8`;
    await media.write(masterKey, Buffer.from(masterPlaylist(renditions, prefix)));
    const sprite = params.made.sprite as { key: string; vttKey: string };
    const at = this.deps.now().toISOString();
    let done = false;
    await db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('video_jobs')
        .set({ status: 'done', steps: JSON.stringify([...steps, 'master']), params: JSON.stringify(params), progress: 100, claimed_by: null, locked_until: null, finished_at: at, error: null })
        .where('id', '=', job.id)
        .where('claimed_by', '=', this.workerId)
        .where('status', '=', 'working')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new LostClaim('lost the claim');
      await trx
        .updateTable('videos')
        .set({
          state: 'ready',
          progress: 100,
          error: null,
          renditions: JSON.stringify(renditions),
          hls_key: masterKey,
          mp4_key: (params.made!.mp4 as { key: string }).key,
          sprite_key: sprite.key,
          sprite_vtt_key: sprite.vttKey,
          updated_at: at,
        })
        .where('id', '=', video.id)
        .execute();
      await bumpContentVersion(trx, await videoKeys(trx, video.id));
      const v = await getVideo({ db: trx, publicUrl: this.deps.publicUrl ?? '', mediaUrl: this.deps.mediaUrl }, video.id);
      await enqueueWebhookPayload(trx, this.deps.now(), 'video.ready', {
        video: { id: v.id, edition: v.edition, slug: v.slug, title: v.title, hls: v.hls, mp4: v.mp4, poster: v.poster, durationMs: v.durationMs, width: v.width, height: v.height },
      });
      done = true;
    });
    this.deps.onStep?.({ jobId: job.id, videoId: video.id, step: 'master' });
    if (done) this.deps.onChange?.();
  }

  /** The frame becomes a picture of the library (every size, AVIF later), credited as the video is. */
  private async importPoster(video: VideoRow, file: string, atMs: number | null): Promise<void> {
    const { db, media, images, now } = this.deps;
    const data = await fs.readFile(file);
    const { media: image } = await uploadImage({ db, media, images, now }, { filename: `${video.slug}-poster.jpg`, data }, SYSTEM, {
      alt: video.title.slice(0, 1000),
      ...(video.credit ? { credit: video.credit } : {}),
      ...(video.copyright ? { copyright: video.copyright } : {}),
    });
    await db.transaction().execute((trx) => setPoster(trx, now(), video.id, image.id, atMs));
  }

  /** A poster job: the frame the editor chose. */
  private async poster(job: JobRow, work: string, signal: AbortSignal): Promise<void> {
    const params = JSON.parse(job.params ?? '{}') as JobParams;
    const video = await this.video(job.video_id);
    if (!video.source_key) throw new VideoRejected('the video has no source file');
    const source = await this.sourceFile(video.source_key, work);
    const file = path.join(work, 'poster.jpg');
    const atMs = params.atMs ?? defaultPosterMs(video.duration_ms ?? 0);
    await this.ffmpeg(posterArgs(source, atMs, file), 1, signal);
    // Still ours? Another worker may have taken the job while the frame was made.
    await this.record(job, ['poster'], params, 50);
    await this.importPoster(video, file, atMs);
    await this.deps.db
      .updateTable('video_jobs')
      .set({ status: 'done', progress: 100, claimed_by: null, locked_until: null, finished_at: this.deps.now().toISOString() })
      .where('id', '=', job.id)
      .where('claimed_by', '=', this.workerId)
      .execute();
    this.deps.onStep?.({ jobId: job.id, videoId: video.id, step: 'poster' });
    this.deps.onChange?.();
  }
}
