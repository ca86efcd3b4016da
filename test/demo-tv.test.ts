import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { dayIn, addDays, dayWindow } from '../src/tv/schedule.service.ts';
import { forEachDialect, freshDatabase, startTestSite, testConfig, waitFor, type TestSite } from './harness.ts';

/**
 * The demo's TV content (docs/demo.md): with ffmpeg, a video added as an upload
 * is, transcoded by the worker, then its article published by the scheduler;
 * the schedule of today and tomorrow; and without ffmpeg, the rest of the demo
 * all the same, with one log line saying why there is no video.
 */
forEachDialect('demo TV content with ffmpeg', (dialect) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite(dialect, { demoContent: true });
  }, 120_000);
  afterAll(() => site?.close());

  it('adds the demo video through the video service, with French subtitles, its page published in the TV section, its transcode queued', async () => {
    const db = site.app.store.db;
    const videos = await db.selectFrom('videos as v').leftJoin('sections as s', 's.id', 'v.section_id').select(['v.id', 'v.state', 'v.status', 'v.language', 'v.source_key', 'v.duration_ms', 'v.width', 's.slug as section']).execute();
    expect(videos).toHaveLength(1);
    const v = videos[0]!;
    expect(v).toMatchObject({ status: 'published', language: 'fr', section: 'tv', width: 640 });
    // Probed as an upload is, and copied into the media storage as its source.
    expect(v.duration_ms).toBeGreaterThan(14_000);
    expect(v.source_key).toMatch(new RegExp(`^videos/${v.id}/source/[0-9a-f]+\\.mp4$`));
    const subs = await db.selectFrom('video_subtitles').select(['language', 'cues']).where('video_id', '=', v.id).orderBy('language').execute();
    expect(subs.map((s) => s.language)).toEqual(['en', 'fr']);
    expect(subs.every((s) => s.cues >= 5)).toBe(true);
    const jobs = await db.selectFrom('video_jobs').select(['kind', 'status']).where('video_id', '=', v.id).execute();
    expect(jobs).toEqual([{ kind: 'transcode', status: 'waiting' }]);
  });

  it('imports the demo TV article leading with the video, scheduled: not public before the transcode', async () => {
    const db = site.app.store.db;
    const video = await db.selectFrom('videos').select(['id', 'slug']).executeTakeFirstOrThrow();
    const a = await db.selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id').select(['a.slug', 'a.status', 'a.lead_video_id', 's.slug as section']).where('a.lead_video_id', '=', video.id).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ section: 'tv', status: 'scheduled' });
    expect((await fetch(`${site.url}/fr/tv/${a.slug}`)).status).toBe(404);
    expect((await fetch(`${site.url}/fr/videos/${video.slug}`)).status).toBe(404);
  });

  it('once the worker made the video ready, the scheduler publishes the article: its page plays the video, which has its own page', async () => {
    const db = site.app.store.db;
    while (await site.app.videos.runOnce()) {
      // one job after the other, as the worker takes them
    }
    const video = await db.selectFrom('videos').select(['id', 'slug', 'state', 'error', 'hls_key']).executeTakeFirstOrThrow();
    expect(video.error).toBeNull();
    expect(video.state).toBe('ready');
    const article = await db.selectFrom('articles').select(['id', 'slug']).where('lead_video_id', '=', video.id).executeTakeFirstOrThrow();
    await waitFor('the scheduler to publish the demo TV article', async () => (await db.selectFrom('articles').select('status').where('id', '=', article.id).executeTakeFirstOrThrow()).status === 'published', 30_000, 200);
    const page = await fetch(`${site.url}/fr/tv/${article.slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-player');
    expect(html).toContain(`/media/${video.hls_key}`);
    expect(html).toContain('Bienvenue sur Dépêche TV.'); // the transcript, from the French subtitles
    expect((await fetch(`${site.url}/fr/videos/${video.slug}`)).status).toBe(200);
    expect(await (await fetch(`${site.url}/fr/videos`)).text()).toContain(`/fr/videos/${video.slug}`);
  }, 180_000);

  it('imports the programme schedule for today and tomorrow in the edition’s time zone, shown on the schedule pages', async () => {
    const db = site.app.store.db;
    const ed = await db.selectFrom('editions').select('time_zone').where('code', '=', 'fr').executeTakeFirstOrThrow();
    const today = dayIn(new Date(), ed.time_zone);
    const tomorrow = addDays(today, 1);
    for (const day of [today, tomorrow]) {
      const w = dayWindow(day, ed.time_zone);
      const morning = await db.selectFrom('programmes').select(['starts_at']).where('title', '=', 'Le Réveil du monde').where('starts_at', '>=', w.from).where('starts_at', '<', w.to).execute();
      expect(morning, day).toHaveLength(1);
      const html = await (await fetch(`${site.url}/fr/programmes?date=${day}`)).text();
      expect(html, day).toContain('Le Réveil du monde');
      expect(html, day).toContain('Grand Format');
    }
    // A show page per show, listing its broadcasts.
    const show = await db.selectFrom('shows').select('slug').where('title', '=', 'Grand Format').executeTakeFirstOrThrow();
    expect(await (await fetch(`${site.url}/fr/emission/${show.slug}`)).text()).toContain('Les Derniers Gardiens');
    // No stream: the channel stays off air, and the live page says so with the schedule.
    const direct = await fetch(`${site.url}/fr/direct`);
    expect(direct.status).toBe(200);
    expect(await direct.text()).not.toContain('data-player');
  });
});

describe('demo content without ffmpeg', () => {
  let app: App;
  let drop: () => Promise<void>;
  const lines: string[] = [];
  beforeAll(async () => {
    const db = await freshDatabase('sqlite');
    drop = db.drop;
    const base = testConfig(db.dataDir, db.database);
    // A machine without Debian's ffmpeg package: the configured program does not exist.
    const config = { ...base, demoContent: true, logLevel: 'info' as const, video: { ...base.video, ffmpeg: '/nonexistent/bin/ffmpeg' } };
    app = await buildApp(config, { logStream: { write: (line: string) => void lines.push(line) } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('loads the articles and the schedule, no video, and says why in one log line', async () => {
    const db = app.store.db;
    expect(await db.selectFrom('videos').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('articles').select('id').where('lead_video_id', 'is not', null).execute()).toEqual([]);
    const published = await db.selectFrom('articles').select('id').where('status', '=', 'published').execute();
    expect(published.length).toBeGreaterThanOrEqual(12);
    expect((await db.selectFrom('programmes').select('id').execute()).length).toBeGreaterThanOrEqual(20);
    const why = lines.filter((l) => l.includes('no demo video'));
    expect(why).toHaveLength(1);
    expect(JSON.parse(why[0]!).reason).toMatch(/\/nonexistent\/bin\/ffmpeg is not installed/);
  });
});
