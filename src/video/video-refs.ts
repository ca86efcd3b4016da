import type { FieldIssue } from '../errors.ts';
import { inBatches } from '../store/batches.ts';
import type { Db } from '../store/db.ts';

/**
 * Videos as articles refer to them: a lead `{ video: <id> }` or a body block
 * `{ type: 'video', video: <id> }` (docs/import-format.md). What an article
 * keeps of its lead video (poster, title, credit) comes from here; the
 * publishing checks and the search index read the rest. Imports only the
 * store, so the content pipeline can use it without a cycle.
 */
export interface VideoRef {
  id: number;
  edition: string;
  title: string;
  credit: string | null;
  /** The spoken language (BCP 47): the publishing checks want subtitles in it. */
  language: string;
  /** waiting | transcoding | ready | failed. */
  state: string;
  error: string | null;
  posterImageId: number | null;
}

/** The videos with these ids, by id (ids that name no video are left out). */
export async function loadVideoRefs(db: Db, ids: Iterable<number>): Promise<Map<number, VideoRef>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = await inBatches(list, 1, (slice) =>
    db.selectFrom('videos').select(['id', 'edition', 'title', 'credit', 'language', 'state', 'error', 'poster_image_id']).where('id', 'in', slice).execute(),
  );
  return new Map(
    rows.map((r) => [r.id, { id: r.id, edition: r.edition, title: r.title, credit: r.credit, language: r.language, state: r.state, error: r.error, posterImageId: r.poster_image_id }]),
  );
}

/** Where an article (or a live entry) names a video: `lead.video`, `body[3].video`. */
export interface VideoMention {
  field: string;
  video: number;
}

/** The videos an article's lead and body name, with the field of each. */
export function videoMentions(a: { lead?: unknown; body: readonly unknown[] }, prefix = ''): VideoMention[] {
  const out: VideoMention[] = [];
  const lead = a.lead as { video?: unknown } | null | undefined;
  if (lead && typeof lead.video === 'number') out.push({ field: `${prefix}lead.video`, video: lead.video });
  a.body.forEach((b, i) => {
    const block = b as { type?: unknown; video?: unknown };
    if (block?.type === 'video' && typeof block.video === 'number') out.push({ field: `${prefix}body[${i}].video`, video: block.video });
  });
  return out;
}

/** The video ids of stored blocks (an article's body, a live entry's). */
export function blockVideoIds(body: readonly unknown[]): number[] {
  return videoMentions({ body }).map((m) => m.video);
}

/**
 * Checks that every mention names a video of the library; an issue names the
 * field of each that does not. Answers the videos found.
 */
export async function checkVideoMentions(db: Db, mentions: VideoMention[], issues: FieldIssue[]): Promise<Map<number, VideoRef>> {
  const videos = await loadVideoRefs(
    db,
    mentions.map((m) => m.video),
  );
  for (const m of mentions) if (!videos.has(m.video)) issues.push({ field: m.field, message: `no video with id ${m.video}` });
  return videos;
}

/**
 * The ids of the articles that show a video: as their lead, in their body, or
 * in one of their live entries. The JSON texts are matched loosely first and
 * each candidate is then read, so that `"video":12` never matches video 123.
 */
export async function articlesUsingVideo(db: Db, videoId: number): Promise<number[]> {
  const like = `%"video":${videoId}%`;
  const [leads, bodies, entries] = await Promise.all([
    db.selectFrom('articles').select('id').where('lead_video_id', '=', videoId).execute(),
    db.selectFrom('articles').select(['id', 'body']).where('body', 'like', like).execute(),
    db.selectFrom('live_entries').select(['article_id', 'body']).where('body', 'like', like).execute(),
  ]);
  const ids = new Set(leads.map((r) => r.id));
  for (const r of bodies) if (blockVideoIds(JSON.parse(r.body) as unknown[]).includes(videoId)) ids.add(r.id);
  for (const r of entries) if (blockVideoIds(JSON.parse(r.body) as unknown[]).includes(videoId)) ids.add(r.article_id);
  return [...ids].sort((x, y) => x - y);
}
