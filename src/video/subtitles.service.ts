import { createHash } from 'node:crypto';
import { key } from '../cdn/keys.ts';
import { mediaHref } from '../content/paths.ts';
import { languageName } from '../render/i18n.ts';
import { BadRequest, NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import type { MediaStorage } from '../media/storage.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { indexArticles } from '../search/index-writer.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { cuesToVtt, parseVtt, problemText, type Cue } from './subtitles.ts';
import { articlesUsingVideo } from './video-refs.ts';

/**
 * A video's subtitles, one WebVTT file per language (docs/subtitles.md). The
 * text is kept in video_subtitles; the file readers load is written to the
 * media storage under a key named by its content
 * (`videos/<id>/subtitles/<hash>.<lang>.vtt`), since media files are served
 * as immutable: a new version is a new address, and the pages that show the
 * video are purged (their keys, and the articles', bumped) so they name it.
 */
export interface SubtitlesDeps {
  db: Db;
  media: MediaStorage;
  now: () => Date;
  /** Where media files are read from, for the URLs answered (MEDIA_PUBLIC_URL, else the site). */
  publicUrl: string;
  mediaUrl?: string;
}

/** A subtitles language: a BCP 47 tag such as fr, en or pt-BR. */
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
/** A label at most, in characters ("Français", "English (SDH)"). */
const MAX_LABEL = 100;

export interface ApiSubtitles {
  language: string;
  label: string;
  cues: number;
  url: string | null;
  updatedAt: string;
}

export interface ApiSubtitlesFull extends ApiSubtitles {
  vtt: string;
  /** The cues as the cue editor shows them. */
  cueList: Cue[];
}

/** What PUT accepts: a WebVTT text, or cues typed in the admin; with an optional label. */
export interface SubtitlesInput {
  vtt?: unknown;
  cues?: unknown;
  label?: unknown;
}

export function checkLanguage(language: string): string {
  if (!LANGUAGE.test(language)) throw new NotFound(`no subtitles language "${language}": expected a language tag such as fr or pt-BR`);
  return language;
}

async function requireVideo(db: Db, id: number) {
  const v = await db.selectFrom('videos').select(['id', 'title']).where('id', '=', id).executeTakeFirst();
  if (!v) throw new NotFound(`no video ${id}`);
  return v;
}

function present(deps: Pick<SubtitlesDeps, 'publicUrl' | 'mediaUrl'>, r: { language: string; label: string | null; cues: number; key: string | null; updated_at: string }): ApiSubtitles {
  return {
    language: r.language,
    label: r.label ?? languageName(r.language),
    cues: r.cues,
    url: r.key ? mediaHref(r.key, deps.publicUrl, deps.mediaUrl) : null,
    updatedAt: r.updated_at,
  };
}

export async function listSubtitles(deps: SubtitlesDeps, videoId: number): Promise<{ subtitles: ApiSubtitles[] }> {
  await requireVideo(deps.db, videoId);
  const rows = await deps.db.selectFrom('video_subtitles').select(['language', 'label', 'cues', 'key', 'updated_at']).where('video_id', '=', videoId).orderBy('language').execute();
  return { subtitles: rows.map((r) => present(deps, r)) };
}

export async function getSubtitles(deps: SubtitlesDeps, videoId: number, language: string): Promise<{ subtitles: ApiSubtitlesFull }> {
  await requireVideo(deps.db, videoId);
  const r = await deps.db.selectFrom('video_subtitles').selectAll().where('video_id', '=', videoId).where('language', '=', checkLanguage(language)).executeTakeFirst();
  if (!r) throw new NotFound(`video ${videoId} has no subtitles in ${language}`);
  const parsed = parseVtt(r.vtt);
  return { subtitles: { ...present(deps, r), vtt: r.vtt, cueList: parsed.ok ? parsed.cues : [] } };
}

/** The WebVTT text of a PUT body: a file as sent, or cues written out; a malformed file is a 400 naming its lines. */
export function vttOf(input: SubtitlesInput): { vtt: string; cues: number } {
  if (input.vtt !== undefined && input.cues !== undefined) throw new ValidationFailed([{ field: 'cues', message: 'give either vtt or cues' }]);
  if (typeof input.vtt === 'string') {
    const r = parseVtt(input.vtt);
    if (!r.ok) {
      const issues = r.problems.slice(0, 50).map((p) => ({ field: 'vtt', line: p.line, message: problemText(p) }));
      throw new BadRequest(`malformed WebVTT: ${issues[0].message}`, issues);
    }
    return { vtt: r.vtt, cues: r.cues.length };
  }
  if (Array.isArray(input.cues)) {
    const cues: Cue[] = [];
    const issues: FieldIssue[] = [];
    input.cues.forEach((c: unknown, i) => {
      const o = c as Record<string, unknown> | null;
      const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100 * 3_600_000;
      if (!o || typeof o !== 'object') issues.push({ field: `cues[${i}]`, message: 'expected { startMs, endMs, text }' });
      else if (!whole(o.startMs)) issues.push({ field: `cues[${i}].startMs`, message: 'expected milliseconds, a whole number from 0' });
      else if (!whole(o.endMs)) issues.push({ field: `cues[${i}].endMs`, message: 'expected milliseconds, a whole number from 0' });
      else if (typeof o.text !== 'string') issues.push({ field: `cues[${i}].text`, message: 'expected the cue text' });
      else cues.push({ startMs: o.startMs as number, endMs: o.endMs as number, text: o.text });
    });
    if (issues.length) throw new ValidationFailed(issues.slice(0, 50));
    const r = cuesToVtt(cues);
    if (!r.ok) throw new ValidationFailed(r.problems.slice(0, 50).map((p) => ({ field: p.cue < 0 ? 'cues' : `cues[${p.cue}]`, message: p.message })));
    return { vtt: r.vtt, cues: r.cues.length };
  }
  throw new ValidationFailed([{ field: 'vtt', message: 'send a WebVTT file (text/vtt), or JSON { vtt } or { cues: [{ startMs, endMs, text }] }' }]);
}

function labelOf(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string' || raw.trim().length > MAX_LABEL) throw new ValidationFailed([{ field: 'label', message: `expected a text of at most ${MAX_LABEL} characters` }]);
  return raw.trim() || null;
}

/** The media key of a subtitles file: named by its content, so each version has an address of its own. */
export function subtitlesKey(videoId: number, language: string, vtt: string): string {
  const hash = createHash('sha256').update(vtt).digest('hex').slice(0, 16);
  return `videos/${videoId}/subtitles/${hash}.${language}.vtt`;
}

/**
 * What changes with a video's subtitles: its own pages and every article
 * showing it (bumped, and re-indexed, since their searchable text holds the
 * transcript).
 */
async function changed(trx: Db, videoId: number): Promise<number[]> {
  const articles = await articlesUsingVideo(trx, videoId);
  await indexArticles(trx, articles);
  await bumpContentVersion(trx, [key.video(videoId), ...articles.map(key.article)]);
  return articles;
}

export async function putSubtitles(deps: SubtitlesDeps, videoId: number, language: string, input: SubtitlesInput, actor: Actor): Promise<{ subtitles: ApiSubtitles }> {
  checkLanguage(language);
  await requireVideo(deps.db, videoId);
  const label = labelOf(input.label);
  const { vtt, cues } = vttOf(input);
  const fileKey = subtitlesKey(videoId, language, vtt);
  const now = deps.now().toISOString();
  const batch = deps.media.batch();
  try {
    await batch.put(fileKey, Buffer.from(vtt, 'utf8'), 'text/vtt; charset=utf-8');
    const row = await deps.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('video_subtitles').select(['id', 'cues', 'label']).where('video_id', '=', videoId).where('language', '=', language).executeTakeFirst();
      const values = { label: label ?? before?.label ?? null, vtt, cues, key: fileKey, updated_at: now, updated_by: actor.userId };
      if (before) await trx.updateTable('video_subtitles').set(values).where('id', '=', before.id).execute();
      else await trx.insertInto('video_subtitles').values({ video_id: videoId, language, ...values }).execute();
      const articles = await changed(trx, videoId);
      await audit(trx, deps.now(), actor, before ? 'video.subtitles.update' : 'video.subtitles.create', `video:${videoId}`, { language, cues, key: fileKey, articles });
      return { language, ...values };
    });
    await batch.commit();
    return { subtitles: present(deps, row) };
  } catch (e) {
    await batch.discard();
    throw e;
  }
}

export async function deleteSubtitles(deps: SubtitlesDeps, videoId: number, language: string, actor: Actor): Promise<void> {
  checkLanguage(language);
  await requireVideo(deps.db, videoId);
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('video_subtitles').where('video_id', '=', videoId).where('language', '=', language).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new NotFound(`video ${videoId} has no subtitles in ${language}`);
    const articles = await changed(trx, videoId);
    // The file stays in the media storage: pages cached before the purge may still name it.
    await audit(trx, deps.now(), actor, 'video.subtitles.delete', `video:${videoId}`, { language, articles });
  });
}
