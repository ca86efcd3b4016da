import type { FieldIssue } from '../errors.ts';
import { inBatches } from '../store/batches.ts';
import type { Db } from '../store/db.ts';
import { videoMentions } from './video-refs.ts';

/**
 * The publishing checks of the videos an article shows (docs/subtitles.md): a
 * video not ready (still waiting or transcoding, or failed) blocks publishing;
 * a video without subtitles in its own language is flagged, as the European
 * Accessibility Act asks of audiovisual media, and the editor may publish
 * anyway with a reason (an override).
 */
export interface VideoCheck {
  id: number;
  state: string;
  error: string | null;
  language: string;
  /** The languages it has subtitles in. */
  subtitles: string[];
}

/** A publishing problem; `override` names the override that lets the article out anyway. */
export interface PublishingIssue extends FieldIssue {
  override?: 'subtitles';
}

export async function loadVideoChecks(db: Db, ids: Iterable<number>): Promise<Map<number, VideoCheck>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const [videos, subtitles] = await Promise.all([
    inBatches(list, 1, (slice) => db.selectFrom('videos').select(['id', 'state', 'error', 'language']).where('id', 'in', slice).execute()),
    inBatches(list, 1, (slice) => db.selectFrom('video_subtitles').select(['video_id', 'language']).where('video_id', 'in', slice).where('cues', '>', 0).execute()),
  ]);
  const out = new Map(videos.map((v) => [v.id, { id: v.id, state: v.state, error: v.error, language: v.language, subtitles: [] as string[] }]));
  for (const s of subtitles) out.get(s.video_id)?.subtitles.push(s.language);
  return out;
}

/** fr-CA subtitles serve a video in fr, and fr ones one in fr-CA: the spoken language is the same. */
export function sameLanguage(a: string, b: string): boolean {
  const primary = (t: string) => t.toLowerCase().split('-')[0];
  return primary(a) === primary(b);
}

/** The problems of the videos an article's lead and body show; `videos` holds them (loadVideoChecks). */
export function videoProblems(a: { lead: unknown; body: readonly unknown[] }, videos: ReadonlyMap<number, VideoCheck>): PublishingIssue[] {
  const issues: PublishingIssue[] = [];
  for (const m of videoMentions(a)) {
    const v = videos.get(m.video);
    if (!v) {
      issues.push({ field: m.field, message: `video ${m.video} is no longer in the library` });
      continue;
    }
    if (v.state === 'failed') issues.push({ field: m.field, message: `video ${v.id} failed to transcode${v.error ? `: ${v.error}` : ''}; retry it or choose another` });
    else if (v.state !== 'ready') issues.push({ field: m.field, message: `video ${v.id} is not ready yet (${v.state}); publish once it is transcoded` });
    if (!v.subtitles.some((l) => sameLanguage(l, v.language))) {
      issues.push({
        field: m.field,
        message: `video ${v.id} has no subtitles in its language (${v.language}), which accessibility requires; add them, or publish anyway with a reason (overrides.subtitles)`,
        override: 'subtitles',
      });
    }
  }
  return issues;
}
