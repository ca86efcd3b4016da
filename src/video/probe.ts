import { spawn } from 'node:child_process';

/** What ffprobe says of an accepted upload: stored as JSON in videos.probe. */
export interface VideoProbe {
  /** ffprobe's format name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  container: string;
  durationMs: number;
  /** The frame as shown (a phone's 90° rotation already applied). */
  width: number;
  height: number;
  videoCodec: string;
  /** Frames a second (rounded to two decimals); 25 when the file does not say. */
  frameRate: number;
  /** null: no sound track (the ladder then has no audio-only rendition). */
  audioCodec: string | null;
}

/** A file refused by the probe; `message` is the reason, in words an editor can act on. */
export class VideoRejected extends Error {}

export interface ProbeLimits {
  ffprobe: string;
  timeoutMs: number;
  maxPixels: number;
  maxDurationMs: number;
}

/** The most ffprobe may print; a file with thousands of streams or chapters is refused rather than read. */
const MAX_OUTPUT_BYTES = 512 * 1024;

/**
 * Containers a newsroom's cameras, phones and editing suites write. ffprobe
 * reads many more (a text file opens as the `tty` format, a picture as
 * `image2`), and those are not videos we transcode.
 */
const CONTAINERS = new Set(['mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2', 'matroska', 'webm', 'mpegts', 'avi', 'mxf', 'flv', 'mpeg', 'mpegvideo', 'asf', 'ogg', 'dv']);

/** Codecs of still pictures: a "video" stream of one of these in an accepted container is a cover picture. */
const STILL_CODECS = new Set(['mjpeg', 'png', 'bmp', 'gif', 'webp', 'tiff']);

interface RawStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: Array<{ rotation?: number }>;
}

/**
 * Runs ffprobe on a file we named (never a name from the upload), with an
 * argument array and no shell, bounded in what it reads (-probesize,
 * -analyzeduration), in time (a kill timer) and in what it prints. Throws
 * VideoRejected naming the reason when the file is not a video we take.
 */
export async function probeVideo(file: string, limits: ProbeLimits): Promise<VideoProbe> {
  const args = ['-v', 'error', '-probesize', '50000000', '-analyzeduration', '20000000', '-print_format', 'json', '-show_format', '-show_streams', '-i', file];
  const out = await runBounded(limits.ffprobe, args, limits.timeoutMs);
  let data: { format?: { format_name?: string; duration?: string }; streams?: RawStream[] };
  try {
    data = JSON.parse(out);
  } catch {
    throw new VideoRejected('this file is not a video that can be read');
  }
  return judge(data, limits);
}

/** The verdict on ffprobe's answer; exported for unit tests of hostile answers. */
export function judge(data: { format?: { format_name?: string; duration?: string }; streams?: RawStream[] }, limits: Pick<ProbeLimits, 'maxPixels' | 'maxDurationMs'>): VideoProbe {
  const container = data.format?.format_name ?? '';
  if (!container.split(',').some((c) => CONTAINERS.has(c))) throw new VideoRejected(`this file is not a video (its format is ${container || 'unknown'}); send an MP4, MOV, MKV, WebM, MXF, AVI or MPEG-TS file`);
  const streams = data.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic && !STILL_CODECS.has(s.codec_name ?? ''));
  if (!video) throw new VideoRejected('this file has no video track');
  let width = Number(video.width);
  let height = Number(video.height);
  if (!(width > 0 && height > 0)) throw new VideoRejected('the video track has no frame size');
  if (width * height > limits.maxPixels) throw new VideoRejected(`the frame (${width}×${height}) is larger than the ${limits.maxPixels.toLocaleString('en')} pixels accepted`);
  const rotation = Math.abs(Number(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video.tags?.rotate ?? 0)) % 180;
  if (rotation === 90) [width, height] = [height, width];
  const seconds = Number(data.format?.duration ?? video.duration);
  // A live stream or a truncated file has no duration; a zero-length one has nothing to transcode.
  if (!Number.isFinite(seconds) || seconds <= 0) throw new VideoRejected('the video has no duration (an empty, endless or broken file)');
  const durationMs = Math.round(seconds * 1000);
  if (durationMs > limits.maxDurationMs) throw new VideoRejected(`the video lasts ${formatDuration(durationMs)}, longer than the ${formatDuration(limits.maxDurationMs)} accepted`);
  const audio = streams.find((s) => s.codec_type === 'audio');
  return { container, durationMs, width, height, videoCodec: video.codec_name ?? 'unknown', frameRate: frameRate(video), audioCodec: audio?.codec_name ?? null };
}

function frameRate(s: RawStream): number {
  for (const r of [s.avg_frame_rate, s.r_frame_rate]) {
    const [n, d] = (r ?? '').split('/').map(Number);
    if (n > 0 && d > 0 && n / d <= 240) return Math.round((n / d) * 100) / 100;
  }
  return 25;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Standard output of a program, killed past `timeoutMs` or MAX_OUTPUT_BYTES; a failure is the file's fault. */
function runBounded(bin: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let verdict: VideoRejected | undefined;
    const kill = (why: VideoRejected) => {
      verdict ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill(new VideoRejected(`the file could not be read within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_OUTPUT_BYTES) kill(new VideoRejected('the file describes too many tracks to be a video we take'));
      else chunks.push(c);
    });
    // Its complaints are not needed (the verdict is ours); read and dropped so the pipe never fills.
    child.stderr.resume();
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${bin}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (verdict) reject(verdict);
      else if (code !== 0) reject(new VideoRejected('this file is not a video that can be read'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
