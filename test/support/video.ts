import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { App } from '../../src/app.ts';
import { announceContentChange } from '../../src/bus/content-changes.ts';
import { key, SITEMAPS_KEY } from '../../src/cdn/keys.ts';
import { uploadImage } from '../../src/media/media.service.ts';
import { SYSTEM } from '../../src/newsroom/roles.ts';
import { bumpContentVersion } from '../../src/store/content-version.ts';

/**
 * A ready library video for reader-side tests (pages, listings, the player in
 * Chromium): real HLS and MP4 files made by ffmpeg from its own test pattern,
 * written into the app's media storage under `videos/<id>/<run>/…`, a poster
 * imported as an images row through the picture pipeline, a thumbnail sprite
 * with its WebVTT index, French subtitles, and a `videos` row in state ready,
 * as the worker leaves them.
 *
 * It skips the upload and the transcode on purpose: the path upload → probe →
 * transcode → ready is tested by the video worker's own tests. Here only what
 * readers see is under test, and it must not wait for a transcode.
 */
export interface ReadyVideoOptions {
  edition?: string;
  slug?: string;
  title?: string;
  description?: string | null;
  credit?: string | null;
  copyright?: string | null;
  licence?: string | null;
  language?: string;
  sectionId?: number | null;
  /** Whether its own page is public (videos.status); published by default. */
  published?: boolean;
  publishedAt?: string;
  chapters?: Array<{ startMs: number; title: string }>;
  /** Subtitles by language; French by default, none with []. */
  subtitles?: Array<{ language: string; label?: string; vtt: string }>;
}

export interface ReadyVideo {
  id: number;
  slug: string;
  hlsKey: string;
  mp4Key: string;
  posterImageId: number;
  subtitleKeys: string[];
}

export const FRENCH_VTT = `WEBVTT

00:00:00.000 --> 00:00:00.800
Bonjour et bienvenue dans le journal.

00:00:00.800 --> 00:00:01.000
Voici les titres de la nuit.

00:00:03.000 --> 00:00:04.000
<i>À demain</i> &amp; bonne nuit.
`;

const run = promisify(execFile);

/** Files made once per test process (ffmpeg takes a few seconds on two cores), then copied for each video. */
let made: Promise<Map<string, Buffer>> | undefined;

function ffmpeg(args: string[], cwd: string) {
  // An argument array, never a shell; generous time: the machine is shared.
  return run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { cwd, timeout: 120_000 });
}

async function makeFiles(): Promise<Map<string, Buffer>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-video-'));
  const source = ['-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '4'];
  const h264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-g', '25', '-c:a', 'aac', '-b:a', '64k', '-ar', '44100'];
  // HLS: two-second segments, a media playlist and the master playlist naming it (as the worker's ladder does, with one rung).
  await ffmpeg([...source, ...h264, '-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-hls_segment_filename', '360p_%03d.ts', '-master_pl_name', 'master.m3u8', '360p.m3u8'], dir);
  await ffmpeg([...source, ...h264, '-movflags', '+faststart', 'video.mp4'], dir);
  await ffmpeg(['-ss', '1', '-i', 'video.mp4', '-frames:v', '1', '-q:v', '3', 'poster.jpg'], dir);
  await ffmpeg(['-i', 'video.mp4', '-vf', 'fps=1,scale=160:90,tile=4x1', '-frames:v', '1', '-q:v', '5', 'sprite.jpg'], dir);
  const files = new Map<string, Buffer>();
  for (const name of await fs.readdir(dir)) files.set(name, await fs.readFile(path.join(dir, name)));
  await fs.rm(dir, { recursive: true, force: true });
  if (!files.has('master.m3u8') || !files.has('360p_000.ts')) throw new Error(`ffmpeg made no HLS output: ${[...files.keys()].join(', ')}`);
  return files;
}

const SPRITE_VTT = ['WEBVTT', '', ...[0, 1, 2, 3].flatMap((i) => [`00:00:0${i}.000 --> 00:00:0${i + 1}.000`, `sprite.jpg#xywh=${i * 160},0,160,90`, ''])].join('\n');

let seq = 0;

export async function readyVideo(app: App, opts: ReadyVideoOptions = {}): Promise<ReadyVideo> {
  made ??= makeFiles();
  const files = await made;
  const db = app.store.db;
  const now = new Date().toISOString();
  seq++;
  const slug = opts.slug ?? `video-${process.pid}-${seq}`;
  const { media: poster } = await uploadImage(
    { db, media: app.media, images: app.images, now: () => new Date() },
    // The same frame for every video: the library keeps one image row for it, which each video's poster names.
    { filename: `${slug}.jpg`, data: files.get('poster.jpg')! },
    SYSTEM,
    { alt: `Mire de test (${slug})`, credit: opts.credit ?? undefined },
  );
  const published = opts.published ?? true;
  const row = await db
    .insertInto('videos')
    .values({
      edition: opts.edition ?? 'fr',
      slug,
      section_id: opts.sectionId ?? null,
      status: published ? 'published' : 'draft',
      published_at: published ? (opts.publishedAt ?? '2026-11-20T08:00:00.000Z') : null,
      title: opts.title ?? `Le journal ${seq}`,
      description: opts.description === undefined ? 'Le journal de la nuit, en quatre secondes.' : opts.description,
      credit: opts.credit === undefined ? 'Rédaction TV' : opts.credit,
      copyright: opts.copyright === undefined ? '© Dépêche TV' : opts.copyright,
      licence: opts.licence === undefined ? null : opts.licence,
      language: opts.language ?? 'fr',
      chapters: JSON.stringify(opts.chapters ?? []),
      width: 640,
      height: 360,
      duration_ms: 4000,
      state: 'ready',
      progress: 100,
      renditions: '[]',
      poster_image_id: poster.id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  const dir = `videos/${id}/${randomBytes(6).toString('hex')}`;
  for (const [name, data] of files) if (name !== 'poster.jpg') await app.media.write(`${dir}/${name}`, data);
  await app.media.write(`${dir}/sprite.vtt`, Buffer.from(SPRITE_VTT));
  const subtitleKeys: string[] = [];
  const subtitles = opts.subtitles ?? [{ language: 'fr', label: 'Français', vtt: FRENCH_VTT }];
  for (const s of subtitles) {
    const k = `${dir}/subtitles-${s.language}-${randomBytes(4).toString('hex')}.vtt`;
    await app.media.write(k, Buffer.from(s.vtt));
    subtitleKeys.push(k);
    await db
      .insertInto('video_subtitles')
      .values({ video_id: id, language: s.language, label: s.label ?? null, vtt: s.vtt, cues: (s.vtt.match(/-->/g) ?? []).length, key: k, updated_at: now })
      .execute();
  }
  const hlsKey = `${dir}/master.m3u8`;
  const mp4Key = `${dir}/video.mp4`;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('videos')
      .set({ hls_key: hlsKey, mp4_key: mp4Key, sprite_key: `${dir}/sprite.jpg`, sprite_vtt_key: `${dir}/sprite.vtt`, renditions: JSON.stringify([{ name: '360p', width: 640, height: 360, bandwidth: 800_000, key: `${dir}/360p.m3u8` }]) })
      .where('id', '=', id)
      .execute();
    await bumpContentVersion(trx, [key.video(id), key.videos(opts.edition ?? 'fr'), SITEMAPS_KEY]);
  });
  announceContentChange(app.bus);
  return { id, slug, hlsKey, mp4Key, posterImageId: poster.id, subtitleKeys };
}

/**
 * Makes an imported article lead with a video, or adds video blocks to its body, as the article pipeline stores
 * them (StoredVideoLead, the lead_video_id column); written directly until the pipeline takes `{ video }` itself.
 */
export async function setArticleVideos(app: App, articleId: number, v: { lead?: { video: number; caption?: string }; blocks?: Array<{ video: number; caption?: string }> }): Promise<void> {
  const db = app.store.db;
  const article = await db.selectFrom('articles').select(['body', 'lead']).where('id', '=', articleId).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = {};
    if (v.lead) {
      const video = await trx.selectFrom('videos').select(['poster_image_id', 'title', 'credit']).where('id', '=', v.lead.video).executeTakeFirstOrThrow();
      set.lead = JSON.stringify({ video: v.lead.video, ...(video.poster_image_id ? { imageId: video.poster_image_id } : {}), alt: video.title, ...(v.lead.caption ? { caption: v.lead.caption } : {}), ...(video.credit ? { credit: video.credit } : {}) });
      set.lead_video_id = v.lead.video;
      set.lead_image_id = video.poster_image_id;
    }
    if (v.blocks) set.body = JSON.stringify([...JSON.parse(article.body), ...v.blocks.map((b) => ({ type: 'video', ...b }))]);
    await trx.updateTable('articles').set(set).where('id', '=', articleId).execute();
    await bumpContentVersion(trx, [key.article(articleId)]);
  });
  announceContentChange(app.bus);
}
