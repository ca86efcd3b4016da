import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { FieldIssue } from '../errors.ts';
import type { MediaBatch } from '../media/storage.ts';
import type { Db } from '../store/db.ts';
import { probeVideo, type VideoProbe } from '../video/probe.ts';
import { parseVtt } from '../video/subtitles.ts';
import { checkLanguage, subtitlesKey } from '../video/subtitles.service.ts';
import { newRun, sourceExtension } from '../video/video.service.ts';
import { EditionCode, Slug } from './article.schema.ts';

/**
 * The video library and the TV schedule in an export archive (format version
 * 3): videos with their words, subtitles and source file, channels, shows and
 * programmes. Rows name each other by edition and slug, never by id; articles
 * name their videos the same way (`"lead": { "video": { "edition", "slug" } }`),
 * rewritten from ids on export and back to the new ids on restore.
 * docs/backup.md describes the layout.
 */

const code = EditionCode;
const slug = Slug;
const text = (max: number) => z.string().max(max);
const VideoName = z.strictObject({ edition: code, slug });
export type VideoName = z.infer<typeof VideoName>;

const Subtitles = z.strictObject({ language: z.string().max(35), label: text(200).nullable(), vtt: z.string().max(5 * 1024 * 1024) });

const VideoRow = z.strictObject({
  edition: code,
  slug,
  title: z.string().trim().min(1, 'required').max(500),
  description: text(10_000).nullable(),
  credit: text(500).nullable(),
  copyright: text(500).nullable(),
  licence: text(500).nullable(),
  language: z.string().min(2).max(35),
  section: slug.nullable(),
  published: z.boolean(),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  chapters: z.array(z.strictObject({ startMs: z.number().int().min(0), title: z.string().trim().min(1).max(500) })).max(500),
  posterAtMs: z.number().int().min(0).nullable(),
  /** The uploaded original, under media/videos/ in the archive; null for a video whose upload never arrived. */
  source: z.string().startsWith('media/videos/', 'expected a path under media/videos/ in the archive').max(500).nullable(),
  sourceName: text(500).nullable(),
  subtitles: z.array(Subtitles).max(100),
});
export type VideoRow = z.infer<typeof VideoRow>;

const ChannelRow = z.strictObject({
  edition: code,
  name: z.string().trim().min(1).max(200),
  streams: z.array(z.url({ protocol: /^https?$/ })).max(20),
  enabled: z.boolean(),
  schedule: z.strictObject({ url: z.url({ protocol: /^https?$/ }), channel: text(200).nullable(), pollMinutes: z.number().int().min(1).max(24 * 60) }).nullable(),
});
export type ChannelRow = z.infer<typeof ChannelRow>;

const ShowRow = z.strictObject({ edition: code, slug, title: z.string().trim().min(1).max(500), description: text(10_000).nullable() });
export type ShowRow = z.infer<typeof ShowRow>;

const ProgrammeRow = z.strictObject({
  edition: code,
  show: slug.nullable(),
  title: z.string().trim().min(1).max(500),
  episodeTitle: text(500).nullable(),
  description: text(10_000).nullable(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  season: z.number().int().min(0).nullable(),
  episode: z.number().int().min(0).nullable(),
  category: text(200).nullable(),
  source: z.enum(['xmltv', 'admin']),
  replay: VideoName.nullable(),
  articles: z.array(z.strictObject({ edition: code, slug })).max(100),
});
export type ProgrammeRow = z.infer<typeof ProgrammeRow>;

/** The rows of the version 3 data files, by kind. */
export const TV_ROWS = { videos: VideoRow, channels: ChannelRow, shows: ShowRow, programmes: ProgrammeRow } as const;

/** A source file's key under `media/` in the archive: by edition and slug, so no id travels. */
export function archiveSourceKey(edition: string, slug: string, sourceKey: string): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(sourceKey)?.[1] ?? 'bin';
  return `videos/${edition}/${slug}.${ext.toLowerCase()}`;
}

/** Where an article's stored or exported JSON names a video: the lead, video blocks of the body and of live entries. */
function eachVideoSlot(art: Record<string, any>, visit: (holder: Record<string, any>, field: string) => void): void {
  if (art.lead && typeof art.lead === 'object' && 'video' in art.lead) visit(art.lead, 'lead.video');
  const blocks = (body: unknown, prefix: string) => {
    if (Array.isArray(body)) body.forEach((b, i) => b && typeof b === 'object' && b.type === 'video' && visit(b, `${prefix}body[${i}].video`));
  };
  blocks(art.body, '');
  if (Array.isArray(art.entries)) art.entries.forEach((e: any, i: number) => blocks(e?.body, `entries[${i}].`));
}

/** Export: every video id an article names replaced by the video's edition and slug. */
export async function portableVideoRefs(db: Db, articles: Array<Record<string, any>>): Promise<void> {
  const ids = new Set<number>();
  for (const a of articles) eachVideoSlot(a, (h) => typeof h.video === 'number' && ids.add(h.video));
  if (!ids.size) return;
  const names = new Map((await db.selectFrom('videos').select(['id', 'edition', 'slug']).where('id', 'in', [...ids]).execute()).map((v) => [v.id, { edition: v.edition, slug: v.slug }]));
  for (const a of articles) eachVideoSlot(a, (h) => {
    if (typeof h.video === 'number' && names.has(h.video)) h.video = names.get(h.video);
  });
}

/**
 * Restore: each portable reference replaced by a number (`idOf`), so that the
 * article parses as the import format; a reference naming no video of the
 * archive is an issue. Numeric references (version 2 archives) are left as
 * they are: they name videos of the site's own library.
 */
export function resolveVideoRefs(art: unknown, idOf: (edition: string, slug: string) => number | undefined, at: string, issues: FieldIssue[]): unknown {
  if (!art || typeof art !== 'object') return art;
  eachVideoSlot(art as Record<string, any>, (h, field) => {
    if (typeof h.video !== 'object' || h.video === null) return;
    const n = VideoName.safeParse(h.video);
    const id = n.success ? idOf(n.data.edition, n.data.slug) : undefined;
    if (id === undefined) {
      issues.push({ field: `${at}: ${field}`, message: n.success ? `no video ${n.data.edition}/${n.data.slug} in the archive` : 'expected { edition, slug } or a video id' });
      h.video = 1;
    } else h.video = id;
  });
  return art;
}

// ---- export ----

export async function videoLines(db: Db, after: number | undefined, limit: number, files: Map<string, string>) {
  const rows = await db
    .selectFrom('videos as v')
    .leftJoin('sections as s', 's.id', 'v.section_id')
    .select(['v.id', 'v.edition', 'v.slug', 'v.title', 'v.description', 'v.credit', 'v.copyright', 'v.licence', 'v.language', 'v.status', 'v.published_at', 'v.chapters', 'v.poster_at_ms', 'v.source_key', 'v.source_name', 's.slug as section'])
    .$if(after !== undefined, (q) => q.where('v.id', '>', after!))
    .orderBy('v.id')
    .limit(limit)
    .execute();
  if (!rows.length) return { rows: [], last: undefined };
  const subs = await db.selectFrom('video_subtitles').select(['video_id', 'language', 'label', 'vtt']).where('video_id', 'in', rows.map((r) => r.id)).orderBy('video_id').orderBy('language').execute();
  const lines = rows.map((v): VideoRow => {
    let source: string | null = null;
    if (v.source_key) {
      const key = archiveSourceKey(v.edition, v.slug, v.source_key);
      files.set(key, v.source_key);
      source = `media/${key}`;
    }
    return {
      edition: v.edition,
      slug: v.slug,
      title: v.title,
      description: v.description,
      credit: v.credit,
      copyright: v.copyright,
      licence: v.licence,
      language: v.language,
      section: v.section ?? null,
      published: v.status === 'published',
      publishedAt: v.published_at,
      chapters: JSON.parse(v.chapters),
      posterAtMs: v.poster_at_ms,
      source,
      sourceName: v.source_name,
      subtitles: subs.filter((s) => s.video_id === v.id).map((s) => ({ language: s.language, label: s.label, vtt: s.vtt })),
    };
  });
  return { rows: lines, last: rows[rows.length - 1].id };
}

export async function channelLines(db: Db): Promise<ChannelRow[]> {
  const rows = await db.selectFrom('channels').selectAll().orderBy('edition').execute();
  return rows.map((c) => ({
    edition: c.edition,
    name: c.name,
    streams: JSON.parse(c.streams) as string[],
    enabled: Boolean(c.enabled),
    schedule: c.schedule_url ? { url: c.schedule_url, channel: c.schedule_channel, pollMinutes: Number(c.schedule_poll_minutes) } : null,
  }));
}

/** Shows without their picture: a show's image is chosen again after a restore (docs/backup.md). */
export async function showLines(db: Db, after: number | undefined, limit: number) {
  const rows = await db.selectFrom('shows').select(['id', 'edition', 'slug', 'title', 'description']).$if(after !== undefined, (q) => q.where('id', '>', after!)).orderBy('id').limit(limit).execute();
  return { rows: rows.map((s): ShowRow => ({ edition: s.edition, slug: s.slug, title: s.title, description: s.description })), last: rows.length ? rows[rows.length - 1].id : undefined };
}

export async function programmeLines(db: Db, after: number | undefined, limit: number) {
  const rows = await db
    .selectFrom('programmes as p')
    .leftJoin('shows as s', 's.id', 'p.show_id')
    .leftJoin('videos as v', 'v.id', 'p.video_id')
    .select(['p.id', 'p.edition', 'p.title', 'p.episode_title', 'p.description', 'p.starts_at', 'p.ends_at', 'p.season', 'p.episode', 'p.category', 'p.source', 's.slug as show', 'v.edition as video_edition', 'v.slug as video_slug'])
    .$if(after !== undefined, (q) => q.where('p.id', '>', after!))
    .orderBy('p.id')
    .limit(limit)
    .execute();
  if (!rows.length) return { rows: [], last: undefined };
  const links = await db
    .selectFrom('programme_articles as pa')
    .innerJoin('articles as a', 'a.id', 'pa.article_id')
    .select(['pa.programme_id', 'a.edition', 'a.slug'])
    .where('pa.programme_id', 'in', rows.map((r) => r.id))
    .orderBy('a.id')
    .execute();
  return {
    rows: rows.map(
      (p): ProgrammeRow => ({
        edition: p.edition,
        show: p.show ?? null,
        title: p.title,
        episodeTitle: p.episode_title,
        description: p.description,
        startsAt: new Date(p.starts_at).toISOString(),
        endsAt: new Date(p.ends_at).toISOString(),
        season: p.season === null ? null : Number(p.season),
        episode: p.episode === null ? null : Number(p.episode),
        category: p.category,
        source: p.source === 'xmltv' ? 'xmltv' : 'admin',
        replay: p.video_edition && p.video_slug ? { edition: p.video_edition, slug: p.video_slug } : null,
        articles: links.filter((l) => l.programme_id === p.id).map((l) => ({ edition: l.edition, slug: l.slug })),
      }),
    ),
    last: rows[rows.length - 1].id,
  };
}

// ---- restore ----

/** Checks what the schema cannot of a video line: its subtitles are WebVTT in a known language, once each. */
export function checkVideoRow(v: VideoRow, at: string, issues: FieldIssue[]): void {
  const langs = new Set<string>();
  v.subtitles.forEach((s, i) => {
    try {
      checkLanguage(s.language);
    } catch {
      issues.push({ field: `${at}: subtitles[${i}].language`, message: `"${s.language}" is not a language tag` });
    }
    if (langs.has(s.language)) issues.push({ field: `${at}: subtitles[${i}].language`, message: `${s.language} is listed twice` });
    langs.add(s.language);
    if (!parseVtt(s.vtt).ok) issues.push({ field: `${at}: subtitles[${i}].vtt`, message: 'malformed WebVTT' });
  });
}

/** Probes an unpacked source as an upload is probed; the worker transcodes from what this finds. */
export async function probeSource(file: string, video: Config['video']): Promise<VideoProbe> {
  return probeVideo(file, { ffprobe: video.ffprobe, timeoutMs: video.probeTimeoutMs, maxPixels: video.maxPixels, maxDurationMs: video.maxDurationMs });
}

/** Where a restored video's files were staged, before its row (and so its id) exists. */
export interface StagedVideo {
  sourceKey: string | null;
  bytes: number | null;
  subtitles: Map<string, { key: string; vtt: string; cues: number }>;
}

/**
 * Stages one archive video's files in the restore's media batch, before the
 * transaction: writing a file notes it in the media ledger, through a
 * connection the transaction would hold on SQLite. The id is not known yet, so
 * the files go under a folder of their own (`videos/restored/<random>/`); the
 * subtitles are named within it as the subtitles service names them.
 */
export async function stageVideo(batch: MediaBatch, dir: string, v: VideoRow, probe: VideoProbe | null): Promise<StagedVideo> {
  const folder = `videos/restored/${randomBytes(8).toString('hex')}`;
  let sourceKey: string | null = null;
  let bytes: number | null = null;
  if (v.source && probe) {
    const file = path.join(dir, v.source);
    sourceKey = `${folder}/source/${randomBytes(8).toString('hex')}.${sourceExtension(probe)}`;
    bytes = (await fs.stat(file)).size;
    await batch.put(sourceKey, createReadStream(file));
  }
  const subtitles = new Map<string, { key: string; vtt: string; cues: number }>();
  for (const s of v.subtitles) {
    const parsed = parseVtt(s.vtt);
    if (!parsed.ok) continue;
    const key = `${folder}/subtitles/${path.posix.basename(subtitlesKey(0, s.language, parsed.vtt))}`;
    await batch.put(key, Buffer.from(parsed.vtt, 'utf8'), 'text/vtt; charset=utf-8');
    subtitles.set(s.language, { key, vtt: parsed.vtt, cues: parsed.cues.length });
  }
  return { sourceKey, bytes, subtitles };
}

/**
 * Writes one archive video in the restore's transaction: the row (a new id,
 * waiting), naming its staged source, its subtitles and a transcode job,
 * which makes the outputs again. Answers the new id.
 */
export async function writeVideo(trx: Db, v: VideoRow, staged: StagedVideo, probe: VideoProbe | null, sectionId: number | null, nowIso: string): Promise<number> {
  const { id } = await trx
    .insertInto('videos')
    .values({
      edition: v.edition,
      slug: v.slug,
      section_id: sectionId,
      status: v.published ? 'published' : 'draft',
      published_at: v.publishedAt ? new Date(v.publishedAt).toISOString() : null,
      title: v.title,
      description: v.description,
      credit: v.credit,
      copyright: v.copyright,
      licence: v.licence,
      language: v.language,
      chapters: JSON.stringify(v.chapters),
      source_key: staged.sourceKey,
      source_name: v.sourceName,
      source_bytes: staged.bytes,
      probe: probe ? JSON.stringify(probe) : null,
      width: probe?.width ?? null,
      height: probe?.height ?? null,
      duration_ms: probe?.durationMs ?? null,
      poster_at_ms: v.posterAtMs,
      // Without a source there is nothing to transcode: the video stays in the library, failed, for an editor to replace.
      state: staged.sourceKey ? 'waiting' : 'failed',
      error: staged.sourceKey ? null : 'the archive held no source file for this video',
      created_at: nowIso,
      updated_at: nowIso,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (staged.sourceKey) await trx.insertInto('video_jobs').values({ video_id: id, kind: 'transcode', status: 'waiting', params: JSON.stringify({ run: newRun() }), created_at: nowIso }).execute();
  for (const s of v.subtitles) {
    const file = staged.subtitles.get(s.language);
    if (file) await trx.insertInto('video_subtitles').values({ video_id: id, language: s.language, label: s.label, vtt: file.vtt, cues: file.cues, key: file.key, updated_at: nowIso, updated_by: null }).execute();
  }
  return id;
}

/** The numeric video references of an article line (naming this site's own library), with their fields. */
export function numericVideoMentions(art: unknown): Array<{ field: string; video: number }> {
  const out: Array<{ field: string; video: number }> = [];
  if (art && typeof art === 'object') eachVideoSlot(art as Record<string, any>, (h, field) => typeof h.video === 'number' && out.push({ field, video: h.video }));
  return out;
}
