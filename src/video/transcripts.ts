import { inBatches } from '../store/batches.ts';
import type { Db } from '../store/db.ts';
import { sameLanguage } from './video-checks.ts';
import { videoMentions } from './video-refs.ts';
import { transcriptText } from './subtitles.ts';

/**
 * The transcripts of the videos articles show (lead and body), for their
 * search documents: a word said in a report finds the article that leads with
 * it. Each video gives the transcript of its subtitles in the article's
 * language, else in its own spoken language.
 */
export async function articleTranscripts(db: Db, articles: Array<{ id: number; edition: string; lead: string | null; body: string }>): Promise<Map<number, string[]>> {
  const wanted = new Map<number, number[]>();
  for (const a of articles) {
    let lead: unknown = null;
    let body: unknown[] = [];
    try {
      lead = a.lead ? JSON.parse(a.lead) : null;
      body = JSON.parse(a.body) as unknown[];
    } catch {
      continue;
    }
    const ids = [...new Set(videoMentions({ lead, body }).map((m) => m.video))];
    if (ids.length) wanted.set(a.id, ids);
  }
  const out = new Map<number, string[]>();
  if (!wanted.size) return out;
  const videoIds = [...new Set([...wanted.values()].flat())];
  const [videos, subtitles] = await Promise.all([
    inBatches(videoIds, 1, (slice) => db.selectFrom('videos').select(['id', 'language']).where('id', 'in', slice).execute()),
    inBatches(videoIds, 1, (slice) => db.selectFrom('video_subtitles').select(['video_id', 'language', 'vtt']).where('video_id', 'in', slice).execute()),
  ]);
  const spoken = new Map(videos.map((v) => [v.id, v.language]));
  const byVideo = new Map<number, Array<{ language: string; vtt: string }>>();
  for (const s of subtitles) byVideo.set(s.video_id, [...(byVideo.get(s.video_id) ?? []), s]);
  // One transcript per video and language, whatever the number of articles showing it.
  const made = new Map<string, string>();
  const transcript = (videoId: number, s: { language: string; vtt: string }) => {
    const k = `${videoId}\u0000${s.language}`;
    if (!made.has(k)) made.set(k, transcriptText(s.vtt));
    return made.get(k)!;
  };
  for (const a of articles) {
    const texts: string[] = [];
    for (const id of wanted.get(a.id) ?? []) {
      const files = byVideo.get(id) ?? [];
      const chosen = files.find((s) => sameLanguage(s.language, a.edition)) ?? files.find((s) => sameLanguage(s.language, spoken.get(id) ?? ''));
      if (chosen) texts.push(transcript(id, chosen));
    }
    if (texts.length) out.set(a.id, texts);
  }
  return out;
}
