/** A video as the Admin API answers it (docs/video.md). */
export interface Video {
  id: number;
  status: 'waiting' | 'transcoding' | 'ready' | 'failed';
  progress: number;
  hls: string | null;
  mp4: string | null;
  poster: string | null;
  posterPath: string | null;
  error: string | null;
  title: string;
  description: string | null;
  credit: string | null;
  copyright: string | null;
  licence: string | null;
  language: string;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  edition: string;
  slug: string;
  section: string | null;
  published: boolean;
  publishedAt: string | null;
  chapters: Array<{ startMs: number; title: string }>;
  subtitles: Array<{ language: string; label: string | null; url: string | null; cues: number }>;
  renditions: Array<{ name: string; width: number | null; height: number | null; bandwidth: number; url: string }>;
  sprite: string | null;
  spriteVtt: string | null;
  posterImage: number | null;
  posterAtMs: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  filename: string | null;
  bytes: number | null;
  usedIn: number[];
  job: { id: number; kind: string; status: string; progress: number; error: string | null; steps: string[] } | null;
}

/** Whether the video's state may still change by itself (the screens look again while it does). */
export function busy(v: Video): boolean {
  return v.status === 'waiting' || v.status === 'transcoding' || (v.job !== null && (v.job.status === 'waiting' || v.job.status === 'working'));
}
