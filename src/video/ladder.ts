import type { VideoProbe } from './probe.ts';

/** One HLS rendition as made (videos.renditions). */
export interface Rendition {
  /** The step and folder name: v1080, v720, v480, v360, v<h> for a small source, or audio. */
  name: string;
  width: number | null;
  height: number | null;
  /** Peak bits a second over its segments (the master playlist's BANDWIDTH). */
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  /** The rendition's playlist (a media key). */
  key: string;
}

/** What one rung of the ladder is made with. */
export interface Rung {
  name: string;
  width: number;
  height: number;
  /** Video bits a second, kbit. */
  videoKbps: number;
  /** H.264 level (10 × the level number), so the CODECS attribute tells the truth. */
  level: number;
}

/** The short side of each rung and its video bit rate; never above the source (no upscaling). */
const RUNGS: Array<[number, number]> = [
  [1080, 5000],
  [720, 2800],
  [480, 1400],
  [360, 800],
];

export const AUDIO_KBPS = 128;
export const AUDIO_ONLY_KBPS = 96;

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/**
 * The HLS ladder for a source: each rung whose short side fits within the
 * source's, sized to keep its shape (portrait videos too). A source smaller
 * than the lowest rung gets one rendition at its own size.
 */
export function ladder(p: Pick<VideoProbe, 'width' | 'height' | 'frameRate'>): Rung[] {
  const short = Math.min(p.width, p.height);
  const scaled = (side: number) => {
    const k = side / short;
    return { width: even(p.width * k), height: even(p.height * k) };
  };
  const fast = p.frameRate > 30;
  const rungs = RUNGS.filter(([side]) => side <= short).map(([side, kbps]) => ({ name: `v${side}`, ...scaled(side), videoKbps: fast ? Math.round(kbps * 1.5) : kbps, level: levelFor(side, fast) }));
  if (rungs.length) return rungs;
  const { width, height } = { width: even(p.width), height: even(p.height) };
  return [{ name: `v${Math.min(width, height)}`, width, height, videoKbps: Math.max(200, Math.round((800 * width * height) / (640 * 360))), level: 30 }];
}

function levelFor(side: number, fast: boolean): number {
  if (side >= 1080) return fast ? 42 : 41;
  if (side >= 720) return fast ? 32 : 31;
  return 30;
}

/** The MP4 fallback: the tallest rung up to 720 (or the only one). */
export function mp4Rung(rungs: Rung[]): Rung {
  return rungs.find((r) => Math.min(r.width, r.height) <= 720) ?? rungs[rungs.length - 1];
}

/** RFC 6381 codecs of a rung (H.264 Main at its level, and AAC-LC when there is sound). */
export function codecsOf(r: Rung | null, audio: boolean): string {
  const parts = r ? [`avc1.4d40${r.level.toString(16).padStart(2, '0')}`] : [];
  if (audio) parts.push('mp4a.40.2');
  return parts.join(',');
}

/** ffmpeg's arguments for one video rendition as HLS (~6 s segments, a key frame every 2 s so they cut cleanly). */
export function hlsVideoArgs(source: string, r: Rung, audio: boolean, outDir: string): string[] {
  const kbps = r.videoKbps;
  return [
    '-i', source,
    '-map', '0:v:0', ...(audio ? ['-map', '0:a:0'] : []),
    '-vf', `scale=${r.width}:${r.height},format=yuv420p`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-level:v', String(r.level / 10),
    '-b:v', `${kbps}k`, '-maxrate', `${Math.round(kbps * 1.1)}k`, '-bufsize', `${kbps * 2}k`,
    '-force_key_frames', 'expr:gte(t,n_forced*2)', '-sc_threshold', '0',
    ...(audio ? ['-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ac', '2', '-ar', '48000'] : ['-an']),
    '-sn', '-dn', '-map_metadata', '-1',
    '-f', 'hls', '-hls_time', '6', '-hls_playlist_type', 'vod', '-hls_segment_type', 'mpegts',
    '-hls_segment_filename', `${outDir}/seg%04d.ts`, `${outDir}/index.m3u8`,
  ];
}

/** The audio-only rendition (AAC), for listeners on a weak connection. */
export function hlsAudioArgs(source: string, outDir: string): string[] {
  return [
    '-i', source, '-map', '0:a:0', '-vn', '-sn', '-dn', '-map_metadata', '-1',
    '-c:a', 'aac', '-b:a', `${AUDIO_ONLY_KBPS}k`, '-ac', '2', '-ar', '48000',
    '-f', 'hls', '-hls_time', '6', '-hls_playlist_type', 'vod', '-hls_segment_type', 'mpegts',
    '-hls_segment_filename', `${outDir}/seg%04d.ts`, `${outDir}/index.m3u8`,
  ];
}

/** The MP4 fallback, its index first (+faststart) so a player starts before it has it all. */
export function mp4Args(source: string, r: Rung, audio: boolean, out: string): string[] {
  return [
    '-i', source, '-map', '0:v:0', ...(audio ? ['-map', '0:a:0'] : []),
    '-vf', `scale=${r.width}:${r.height},format=yuv420p`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-level:v', String(r.level / 10),
    '-crf', '23', '-maxrate', `${Math.round(r.videoKbps * 1.2)}k`, '-bufsize', `${r.videoKbps * 2}k`,
    ...(audio ? ['-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ac', '2'] : ['-an']),
    '-sn', '-dn', '-map_metadata', '-1', '-movflags', '+faststart', out,
  ];
}

/** One frame at `atMs` as a JPEG, at most 1920 px wide. */
export function posterArgs(source: string, atMs: number, out: string): string[] {
  return ['-ss', (atMs / 1000).toFixed(3), '-i', source, '-frames:v', '1', '-vf', "scale='min(1920,iw)':-2", '-q:v', '2', '-f', 'image2', out];
}

/** Where the poster frame is taken when the editor chose none: at 10 % of the duration. */
export function defaultPosterMs(durationMs: number): number {
  return Math.floor(durationMs / 10);
}

/** The thumbnail sprite's grid: a thumbnail every `intervalMs` (at most 100 of them), 10 a row. */
export interface SpriteGrid {
  intervalMs: number;
  count: number;
  columns: number;
  rows: number;
  width: number;
  height: number;
}

export function spriteGrid(p: Pick<VideoProbe, 'width' | 'height' | 'durationMs'>): SpriteGrid {
  const intervalMs = Math.max(1000, Math.ceil(p.durationMs / 100 / 1000) * 1000);
  const count = Math.max(1, Math.ceil(p.durationMs / intervalMs));
  const columns = Math.min(10, count);
  const width = 160;
  const height = even((160 * p.height) / p.width);
  return { intervalMs, count, columns, rows: Math.ceil(count / columns), width, height };
}

export function spriteArgs(source: string, g: SpriteGrid, out: string): string[] {
  return ['-i', source, '-map', '0:v:0', '-an', '-vf', `fps=1000/${g.intervalMs},scale=${g.width}:${g.height},tile=${g.columns}x${g.rows}`, '-frames:v', '1', '-q:v', '4', '-f', 'image2', out];
}

/** The sprite's WebVTT index: each interval names its thumbnail by `#xywh=`. */
export function spriteVtt(g: SpriteGrid, durationMs: number, spriteName: string): string {
  const lines = ['WEBVTT', ''];
  for (let i = 0; i < g.count; i++) {
    const start = i * g.intervalMs;
    const end = Math.min(durationMs, start + g.intervalMs);
    const x = (i % g.columns) * g.width;
    const y = Math.floor(i / g.columns) * g.height;
    lines.push(`${vttTime(start)} --> ${vttTime(end)}`, `${spriteName}#xywh=${x},${y},${g.width},${g.height}`, '');
  }
  return lines.join('\n');
}

export function vttTime(ms: number): string {
  const h = Math.floor(ms / 3600_000);
  const m = Math.floor((ms % 3600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

/**
 * The master playlist: each video rendition, tallest first, then the
 * audio-only one. URIs are relative (`v720/index.m3u8`), so the run folder
 * can be served from any host.
 */
export function masterPlaylist(renditions: Rendition[], runPrefix: string): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  const rel = (key: string) => (key.startsWith(runPrefix) ? key.slice(runPrefix.length) : key);
  const video = renditions.filter((r) => r.height !== null).sort((a, b) => (b.height ?? 0) - (a.height ?? 0));
  for (const r of [...video, ...renditions.filter((r) => r.height === null)]) {
    const attrs = [`BANDWIDTH=${r.bandwidth}`, `AVERAGE-BANDWIDTH=${r.averageBandwidth}`, `CODECS="${r.codecs}"`];
    if (r.width && r.height) attrs.push(`RESOLUTION=${r.width}x${r.height}`);
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, rel(r.key));
  }
  return lines.join('\n') + '\n';
}

/** Peak and average bits a second of a media playlist's segments, from their sizes and EXTINF durations. */
export function measureBandwidth(playlist: string, sizeOf: (uri: string) => number): { bandwidth: number; averageBandwidth: number } {
  let peak = 0;
  let bits = 0;
  let seconds = 0;
  const lines = playlist.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^#EXTINF:([\d.]+)/.exec(lines[i]);
    if (!m) continue;
    const uri = lines[i + 1]?.trim();
    const d = Number(m[1]);
    if (!uri || !(d > 0)) continue;
    const b = sizeOf(uri) * 8;
    bits += b;
    seconds += d;
    // A short last segment would make a false peak: it counts only against a full one's length.
    peak = Math.max(peak, b / Math.max(d, 2));
  }
  const average = seconds > 0 ? bits / seconds : 0;
  return { bandwidth: Math.max(1, Math.ceil(Math.max(peak, average))), averageBandwidth: Math.max(1, Math.ceil(average)) };
}
