import { mediaHref } from '../content/paths.ts';
import { languageName } from '../render/i18n.ts';
import { inBatches } from '../store/batches.ts';
import type { Db } from '../store/db.ts';

/**
 * A video's files as the Content API and the ninjs export name them: the HLS
 * master playlist, the MP4 fallback and each subtitles file, as absolute URLs.
 * A video not ready has no playlist nor MP4 yet (null).
 */
export interface VideoMedia {
  id: number;
  title: string;
  description: string | null;
  credit: string | null;
  copyright: string | null;
  language: string;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  hls: string | null;
  mp4: string | null;
  posterImageId: number | null;
  subtitles: Array<{ language: string; label: string; url: string | null; cues: number }>;
}

/** The videos with these ids, their URLs made on `base` (the edition's) or the media host. */
export async function loadVideoMedia(db: Db, ids: Iterable<number>, base: string, mediaUrl?: string): Promise<Map<number, VideoMedia>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const [rows, subtitles] = await Promise.all([
    inBatches(list, 1, (slice) =>
      db
        .selectFrom('videos')
        .select(['id', 'title', 'description', 'credit', 'copyright', 'language', 'duration_ms', 'width', 'height', 'state', 'hls_key', 'mp4_key', 'poster_image_id'])
        .where('id', 'in', slice)
        .execute(),
    ),
    inBatches(list, 1, (slice) =>
      db.selectFrom('video_subtitles').select(['video_id', 'language', 'label', 'key', 'cues']).where('video_id', 'in', slice).orderBy('video_id').orderBy('language').execute(),
    ),
  ]);
  const href = (key: string | null) => (key ? mediaHref(key, base, mediaUrl) : null);
  const out = new Map<number, VideoMedia>();
  for (const r of rows) {
    const ready = r.state === 'ready';
    out.set(r.id, {
      id: r.id,
      title: r.title,
      description: r.description,
      credit: r.credit,
      copyright: r.copyright,
      language: r.language,
      durationMs: r.duration_ms,
      width: r.width,
      height: r.height,
      hls: ready ? href(r.hls_key) : null,
      mp4: ready ? href(r.mp4_key) : null,
      posterImageId: r.poster_image_id,
      subtitles: [],
    });
  }
  for (const s of subtitles) out.get(s.video_id)?.subtitles.push({ language: s.language, label: s.label ?? languageName(s.language), url: href(s.key), cues: s.cues });
  return out;
}
