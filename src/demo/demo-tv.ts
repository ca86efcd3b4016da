import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config, VideoConfig } from '../config.ts';
import { importArticles, type ImportDeps, type ImportedArticle } from '../content/import.service.ts';
import { SYSTEM } from '../newsroom/roles.ts';
import { offsetMs, startOfDay } from '../search/search-filters.ts';
import { addDays, dayIn } from '../tv/schedule.service.ts';
import { importXmltv } from '../tv/xmltv-import.ts';
import { runFfmpeg } from '../video/ffmpeg.ts';
import { probeVideo } from '../video/probe.ts';
import { putSubtitles } from '../video/subtitles.service.ts';
import { createVideo, getVideo, updateVideo, type VideoDeps } from '../video/video.service.ts';

/** The day the demo schedule's times are written on (src/demo/content/schedule.xml): a template, moved to the present at load. */
export const TEMPLATE_DAY = '2000-01-03';

/** How long `ffmpeg -version` may take before the demo does without a video: start-up never waits on a stuck program. */
const VERSION_TIMEOUT_MS = 3000;

/** The demo video: a test card (ffmpeg's own pattern) with an A at 440 Hz, small enough to make in a second. */
const DEMO_VIDEO_SECONDS = 15;

export type DemoConfig = Pick<Config, 'publicUrl' | 'media' | 'video'>;

/**
 * Why the demo cannot make a video, or null when it can: ffmpeg and ffprobe
 * must both answer `-version` within a few seconds. Nothing is installed or
 * downloaded; without them the demo loads without its video.
 */
export async function ffmpegMissing(video: Pick<VideoConfig, 'ffmpeg' | 'ffprobe'>, timeoutMs = VERSION_TIMEOUT_MS): Promise<string | null> {
  const answers = await Promise.all([video.ffmpeg, video.ffprobe].map((bin) => versionOf(bin, timeoutMs)));
  return answers.find((a) => a !== null) ?? null;
}

function versionOf(bin: string, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(bin, ['-version'], { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(`${bin} did not answer within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code === 'ENOENT' ? `${bin} is not installed (Debian's ffmpeg package provides it)` : `${bin} could not be started: ${err.message}`);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : `${bin} -version failed (exit ${code})`);
    });
  });
}

/**
 * Draws the demo video into `file` once (later loads reuse it, as they do the
 * pictures): ffmpeg's moving test pattern and a beeping tone, 640×360, H.264
 * and AAC in MP4, a few hundred kilobytes. Written beside and renamed, so a
 * run cut short never leaves half a file to reuse.
 */
export async function writeDemoVideo(video: Pick<VideoConfig, 'ffmpeg' | 'niceness'>, file: string): Promise<void> {
  if (await fs.stat(file).then((s) => s.size > 0, () => false)) return;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const part = `${file}.part.mp4`;
  const s = DEMO_VIDEO_SECONDS;
  await runFfmpeg(
    [
      '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${s}`,
      '-f', 'lavfi', '-i', `sine=frequency=440:beep_factor=2:sample_rate=48000:duration=${s}`,
      '-filter:a', 'volume=0.2',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '30', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '64k', '-shortest', '-movflags', '+faststart',
      part,
    ],
    { bin: video.ffmpeg, niceness: video.niceness, durationMs: s * 1000 },
  );
  await fs.rename(part, file);
}

/**
 * Adds the demo video to the library as an upload is added: probed by
 * ffprobe, copied into the media storage, its transcode queued for the worker
 * (on a default node, the same process, in the background). Then its French
 * and English subtitles, its chapters, the TV section, and its page published
 * (the page answers once the transcode is done: a video page needs a ready video).
 */
export async function addDemoVideo(deps: Pick<ImportDeps, 'db' | 'media' | 'now'> & { config: DemoConfig }, contentDir: string, workDir: string): Promise<{ id: number; slug: string }> {
  const { config } = deps;
  const file = path.join(workDir, 'mire-depeche-tv.mp4');
  await writeDemoVideo(config.video, file);
  const v = config.video;
  const probe = await probeVideo(file, { ffprobe: v.ffprobe, timeoutMs: v.probeTimeoutMs, maxPixels: v.maxPixels, maxDurationMs: v.maxDurationMs });
  const videoDeps: VideoDeps = { db: deps.db, media: deps.media, now: deps.now, publicUrl: config.publicUrl, mediaUrl: config.media.publicUrl, defaultEdition: 'fr' };
  const bytes = (await fs.stat(file)).size;
  const created = await createVideo(
    videoDeps,
    {
      file,
      filename: 'mire-depeche-tv.mp4',
      bytes,
      probe,
      fields: {
        title: 'La mire de Dépêche TV : quinze secondes pour essayer le lecteur',
        edition: 'fr',
        language: 'fr',
        description: "Une mire d'essai animée et un la à 440 hertz, sous-titrés en français et en anglais : de quoi essayer le lecteur, ses sous-titres et ses commandes au clavier.",
        credit: 'Dépêche TV',
        copyright: '© Dépêche TV (contenu de démonstration)',
      },
    },
    SYSTEM,
  );
  for (const [language, label] of [['fr', 'Français'], ['en', 'English']] as const) {
    const vtt = await fs.readFile(path.join(contentDir, `mire.${language}.vtt`), 'utf8');
    await putSubtitles(videoDeps, created.id, language, { vtt, label }, SYSTEM);
  }
  const current = await getVideo(videoDeps, created.id);
  const done = await updateVideo(
    videoDeps,
    created.id,
    { section: 'tv', published: true, chapters: [{ startMs: 0, title: 'La mire' }, { startMs: 9000, title: 'Les commandes du lecteur' }] },
    `"${current.version}"`,
    SYSTEM,
  );
  return { id: done.id, slug: done.slug };
}

/**
 * The demo's TV article, leading with the demo video. It goes through the
 * import like every demo article, scheduled for now rather than published:
 * the scheduler (a worker pass) publishes it at its first pass after the
 * transcode, once the publishing checks find the video ready with its French
 * subtitles. Start-up never waits for the transcode, and no reader meets an
 * article whose video cannot play yet.
 */
export async function importDemoTvArticle(deps: ImportDeps, contentDir: string, workDir: string, videoId: number): Promise<ImportedArticle[]> {
  const article = JSON.parse(await fs.readFile(path.join(contentDir, 'tv-video-article.json'), 'utf8')) as Record<string, unknown>;
  const scheduled = {
    ...article,
    lead: { video: videoId, caption: "La mire de Dépêche TV : quinze secondes pour essayer le lecteur, ses sous-titres et ses raccourcis clavier." },
    status: 'scheduled',
    scheduledAt: deps.now().toISOString(),
  };
  return importArticles(deps, [{ name: 'demo/tv-video-article.json', baseDir: workDir, text: JSON.stringify(scheduled) }]);
}

/** `YYYYMMDDhhmmss` in UTC, as XMLTV writes times (with ` +0000`). */
function xmltvUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The instant a wall-clock time of a day has in a time zone (offset asked twice, as startOfDay does). */
export function wallClock(day: string, h: number, m: number, s: number, timeZone: string): number {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, m, s);
  const first = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(first, timeZone);
}

/**
 * The demo schedule for `today` (YYYY-MM-DD in `timeZone`): the template
 * day's programmes moved to the same wall-clock times the day before, today
 * and tomorrow, keeping those that end after today began (the day before
 * gives only the programme crossing midnight into today). A valid XMLTV
 * document, for the ordinary import; on a day the clocks change, times keep
 * their place on the clock and the programme across the change gains or
 * loses the hour.
 */
export function demoSchedule(template: string, today: string, timeZone: string): string {
  const first = template.indexOf('<programme');
  const end = template.lastIndexOf('</tv>');
  if (first < 0 || end < 0) throw new Error('the demo schedule has no programmes');
  const blocks = template.slice(first, end).match(/<programme\b[\s\S]*?<\/programme>/g) ?? [];
  const dayStart = Date.parse(startOfDay(today, timeZone));
  const kept: string[] = [];
  for (const shift of [-1, 0, 1]) {
    for (const block of blocks) {
      const times: Record<string, number> = {};
      const moved = block.replace(/\b(start|stop)="(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2}) \+0000"/g, (_all, which: string, y: string, mo: string, d: string, h: string, mi: string, s: string) => {
        const templateDay = `${y}-${mo}-${d}`;
        const days = Math.round((Date.parse(templateDay) - Date.parse(TEMPLATE_DAY)) / 86_400_000);
        const at = wallClock(addDays(today, shift + days), Number(h), Number(mi), Number(s), timeZone);
        times[which] = at;
        return `${which}="${xmltvUtc(at)} +0000"`;
      });
      if (times.start === undefined || times.stop === undefined) throw new Error('a demo programme lacks its start or stop');
      if (times.stop > dayStart) kept.push(moved);
    }
  }
  return `${template.slice(0, first)}${kept.join('\n  ')}\n</tv>\n`;
}

/**
 * Imports the demo schedule for today and tomorrow in the edition's time
 * zone, through the XMLTV import (`depeche import --from xmltv` does the same
 * with a file). Answers the number of programmes imported.
 */
export async function importDemoSchedule(deps: Pick<ImportDeps, 'db' | 'now'>, contentDir: string, edition: string): Promise<number> {
  const ed = await deps.db.selectFrom('editions').select('time_zone').where('code', '=', edition).executeTakeFirstOrThrow();
  const template = await fs.readFile(path.join(contentDir, 'schedule.xml'), 'utf8');
  const xml = demoSchedule(template, dayIn(deps.now(), ed.time_zone), ed.time_zone);
  const r = await importXmltv({ db: deps.db, now: deps.now }, { edition, bytes: Buffer.from(xml), actor: SYSTEM, origin: 'demo/schedule.xml' });
  return r.imported;
}
