import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { create, extract } from 'tar';
import { buildApp, type App } from '../src/app.ts';
import { migrate, openStore, type Store } from '../src/store/db.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, freshDatabase, listFiles, makeArticle, NO_BACKGROUND_PASSES, scratchDir, testConfig, waitFor, type DialectName } from './harness.ts';
import { cliEnv, depeche } from './cli-runner.ts';
import { FRENCH_VTT } from './support/video.ts';

/**
 * The video library and the TV schedule in an export archive (format version
 * 3): the demo's video (a real upload, with its subtitles), an article leading
 * with it, one with a video block, and the demo's schedule with a replay and a
 * linked article travel to an empty site on the other database, where the
 * video waits for its transcode and the articles name its new id.
 */
forEachDialect('export archive with videos and the TV schedule', (dialect) => {
  const other: DialectName = dialect === 'sqlite' ? 'postgres' : 'sqlite';
  let source: Awaited<ReturnType<typeof freshDatabase>>;
  let target: Awaited<ReturnType<typeof freshDatabase>>;
  let targetStore: Store;
  let archive: string;
  let videoId: number;
  let shows: number;
  let programmes: number;

  beforeAll(async () => {
    source = await freshDatabase(dialect);
    target = await freshDatabase(other);
    const sourceEnv = cliEnv(source.dataDir, source.database);
    // With ffmpeg present the demo uploads a video (French and English subtitles) and a TV article leading with it.
    expect((await depeche(sourceEnv, ['demo'])).code).toBe(0);
    const store = openStore(source.database);
    const v = await store.db.selectFrom('videos').select(['id', 'source_key']).executeTakeFirstOrThrow();
    videoId = v.id;
    expect(v.source_key).toBeTruthy();
    // Subtitles of our own in French, replacing the demo's: their text must come back as written.
    await store.db.updateTable('video_subtitles').set({ vtt: FRENCH_VTT, label: 'Français (test)' }).where('video_id', '=', v.id).where('language', '=', 'fr').execute();
    const { file } = await writeImportFolder([makeArticle({ slug: 'avec-un-bloc-video', body: [{ type: 'paragraph', text: 'Avant la vidéo.' }, { type: 'video', video: v.id, caption: 'La mire' }] })]);
    expect((await depeche(sourceEnv, ['import', file])).code).toBe(0);
    const blockArticle = await store.db.selectFrom('articles').select('id').where('slug', '=', 'avec-un-bloc-video').executeTakeFirstOrThrow();
    const programme = await store.db.selectFrom('programmes').select('id').where('show_id', 'is not', null).orderBy('starts_at').executeTakeFirstOrThrow();
    await store.db.updateTable('programmes').set({ video_id: v.id }).where('id', '=', programme.id).execute();
    await store.db.insertInto('programme_articles').values({ programme_id: programme.id, article_id: blockArticle.id }).execute();
    await store.db
      .insertInto('channels')
      .values({ edition: 'fr', name: 'Dépêche TV', streams: JSON.stringify(['https://live.example/fr/master.m3u8']), enabled: 1, schedule_url: 'https://tv.example/xmltv.xml', schedule_channel: 'depeche.fr', schedule_poll_minutes: 30, updated_at: new Date().toISOString() })
      .execute();
    shows = Number((await store.db.selectFrom('shows').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    programmes = Number((await store.db.selectFrom('programmes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(shows).toBeGreaterThan(0);
    await store.close();

    archive = path.join(await scratchDir('archive-video-'), 'site.tar.gz');
    const r = await depeche(sourceEnv, ['export', '--out', archive]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/with 1 videos and \d+ programmes/);
    targetStore = openStore(target.database);
    await migrate(targetStore);
  }, 240_000);
  afterAll(async () => {
    await targetStore?.close();
    await source?.drop();
    await target?.drop();
  });

  it('names videos by edition and slug, and carries the source, subtitles and schedule', async () => {
    const dir = await scratchDir('archive-video-unpacked-');
    await extract({ file: archive, cwd: dir });
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'depeche-export.json'), 'utf8'));
    expect(manifest.version).toBe(4);
    expect(manifest.counts).toMatchObject({ videos: 1, shows, programmes, channels: expect.any(Number) });
    const lines = async (kind: string) => (await fs.readFile(path.join(dir, kind, '000001.ndjson'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const [video] = await lines('videos');
    expect(video.source).toMatch(/^media\/videos\/fr\/[a-z0-9-]+\.[a-z0-9]+$/);
    expect((await fs.stat(path.join(dir, video.source))).size).toBeGreaterThan(1000);
    expect(video.subtitles.map((s: any) => s.language).sort()).toEqual(['en', 'fr']);
    expect(video.subtitles.find((s: any) => s.language === 'fr').vtt).toBe(FRENCH_VTT);
    const articles = await lines('articles');
    const block = articles.find((a) => a.slug === 'avec-un-bloc-video');
    expect(block.body[1]).toEqual({ type: 'video', video: { edition: 'fr', slug: video.slug }, caption: 'La mire' });
    // No id travels: every video reference is a name.
    expect(JSON.stringify(articles)).not.toMatch(/"video":\d/);
    expect(articles.filter((a) => a.lead?.video).map((a) => a.lead.video)).toContainEqual({ edition: 'fr', slug: video.slug });
    const replay = (await lines('programmes')).find((p) => p.replay);
    expect(replay).toMatchObject({ replay: { edition: 'fr', slug: video.slug }, articles: [{ edition: 'fr', slug: 'avec-un-bloc-video' }] });
  });

  it('restores the video, its subtitles, the articles naming it and the schedule; the worker transcodes it again', async () => {
    const r = await depeche(cliEnv(target.dataDir, target.database), ['import', archive]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`restored 1 videos \\(transcodes queued\\), 1 channels, ${shows} shows and ${programmes} programmes`));
    const db = targetStore.db;
    const v = await db.selectFrom('videos').selectAll().executeTakeFirstOrThrow();
    expect(v.title).toMatch(/mire/i);
    expect(v.state).toBe('waiting');
    // Staged before the row existed, so under a folder of its own rather than the id's.
    expect(v.source_key).toMatch(/^videos\/restored\/[0-9a-f]+\/source\/[0-9a-f]+\.mp4$/);
    expect((await fs.stat(path.join(target.dataDir, 'media', v.source_key!))).size).toBeGreaterThan(1000);
    const subs = await db.selectFrom('video_subtitles').selectAll().where('video_id', '=', v.id).orderBy('language').execute();
    expect(subs.map((s) => [s.language, s.label])).toEqual([
      ['en', expect.any(String)],
      ['fr', 'Français (test)'],
    ]);
    expect(subs[1].vtt).toBe(FRENCH_VTT);
    // The published file, where the subtitles service writes it.
    expect(await fs.readFile(path.join(target.dataDir, 'media', subs[1].key!), 'utf8')).toBe(FRENCH_VTT);
    const jobs = await db.selectFrom('video_jobs').select(['kind', 'status']).where('video_id', '=', v.id).execute();
    expect(jobs).toEqual([{ kind: 'transcode', status: 'waiting' }]);

    const lead = await db.selectFrom('articles').select(['lead', 'lead_video_id']).where('lead_video_id', 'is not', null).executeTakeFirstOrThrow();
    expect(lead.lead_video_id).toBe(v.id);
    expect(JSON.parse(lead.lead!).video).toBe(v.id);
    const block = await db.selectFrom('articles').select(['id', 'body']).where('slug', '=', 'avec-un-bloc-video').executeTakeFirstOrThrow();
    expect(JSON.parse(block.body)[1]).toMatchObject({ type: 'video', video: v.id, caption: 'La mire' });

    expect(Number((await db.selectFrom('shows').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(shows);
    expect(Number((await db.selectFrom('programmes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(programmes);
    const replay = await db.selectFrom('programmes').select(['id', 'show_id']).where('video_id', '=', v.id).executeTakeFirstOrThrow();
    expect(replay.show_id).not.toBeNull();
    expect(await db.selectFrom('channels').select(['edition', 'name', 'streams', 'enabled', 'schedule_url', 'schedule_channel', 'schedule_poll_minutes']).execute()).toEqual([
      { edition: 'fr', name: 'Dépêche TV', streams: JSON.stringify(['https://live.example/fr/master.m3u8']), enabled: 1, schedule_url: 'https://tv.example/xmltv.xml', schedule_channel: 'depeche.fr', schedule_poll_minutes: 30 },
    ]);
    expect(await db.selectFrom('programme_articles').select('article_id').where('programme_id', '=', replay.id).execute()).toEqual([{ article_id: block.id }]);

    // The worker makes the outputs again from the restored source.
    const app: App = await buildApp(testConfig(target.dataDir, target.database, { ...NO_BACKGROUND_PASSES }));
    try {
      await waitFor('the video ready', async () => {
        await app.videos.runOnce();
        return (await db.selectFrom('videos').select('state').where('id', '=', v.id).executeTakeFirstOrThrow()).state === 'ready';
      }, 300_000, 500);
    } finally {
      await app.close();
    }
  }, 400_000);

  it('refuses a hostile or damaged version 3 archive, naming the fault, writing nothing', async () => {
    /** The archive unpacked, changed by `change`, and packed again: the manifest first, then data files, then media. */
    const variant = async (name: string, change: (dir: string) => Promise<void>) => {
      const dir = await scratchDir('archive-video-variant-');
      await extract({ file: archive, cwd: dir });
      await change(dir);
      const files = (await listFiles(dir)).map((f) => path.relative(dir, f));
      const order = (f: string) => (f === 'depeche-export.json' ? 0 : f.startsWith('media/') ? 2 : 1);
      const out = path.join(path.dirname(archive), name);
      await create({ gzip: true, file: out, cwd: dir, portable: true, noDirRecurse: true }, files.sort((x, y) => order(x) - order(y) || (x < y ? -1 : 1)));
      return out;
    };
    const lines = async (file: string) => (await fs.readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const writeLines = (file: string, rows: any[]) => fs.writeFile(file, rows.map((r) => JSON.stringify(r) + '\n').join(''));
    const videos = async (dir: string) => path.join(dir, 'videos', '000001.ndjson');

    // An empty site of its own: the one above holds the restored site.
    const empty = await freshDatabase(other);
    const store = openStore(empty.database);
    await migrate(store);
    const env = cliEnv(empty.dataDir, empty.database);
    const before = async () => ({
      videos: Number((await store.db.selectFrom('videos').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      shows: Number((await store.db.selectFrom('shows').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      files: await listFiles(path.join(empty.dataDir, 'media')),
    });
    try {
    const cases: Array<[string, (dir: string) => Promise<void>, RegExp]> = [
      [
        'not-a-video.tar.gz',
        async (dir) => {
          const [v] = await lines(await videos(dir));
          await fs.writeFile(path.join(dir, v.source), 'ceci n’est pas une vidéo '.repeat(100));
        },
        /videos\/000001\.ndjson: line 1: source/,
      ],
      [
        'unnamed-video-file.tar.gz',
        async (dir) => {
          await fs.mkdir(path.join(dir, 'media', 'videos', 'fr'), { recursive: true });
          await fs.writeFile(path.join(dir, 'media', 'videos', 'fr', 'intrus.mp4'), 'x');
        },
        /media\/videos\/fr\/intrus\.mp4: not named by depeche-export\.json/,
      ],
      [
        'video-count.tar.gz',
        async (dir) => {
          const m = JSON.parse(await fs.readFile(path.join(dir, 'depeche-export.json'), 'utf8'));
          m.counts.videos = 2;
          await fs.writeFile(path.join(dir, 'depeche-export.json'), JSON.stringify(m));
        },
        /videos: 1 rows in the archive, where its manifest says 2/,
      ],
      [
        'unknown-video.tar.gz',
        async (dir) => {
          const file = path.join(dir, 'articles', '000001.ndjson');
          const rows = await lines(file);
          const block = rows.find((a) => a.slug === 'avec-un-bloc-video');
          block.body[1].video = { edition: 'fr', slug: 'absente' };
          await writeLines(file, rows);
        },
        /body\[1\]\.video: no video fr\/absente in the archive/,
      ],
    ];
    for (const [name, change, message] of cases) {
      const file = await variant(name, change);
      const was = await before();
      const r = await depeche(env, ['import', file]);
      expect(r.code, name + r.stdout).toBe(1);
      expect(r.stderr, name).toMatch(message);
      expect(await before(), name).toEqual(was);
    }
    // A source over MAX_VIDEO_BYTES is refused before it is unpacked.
    const r = await depeche({ ...env, MAX_VIDEO_BYTES: '1000' }, ['import', archive]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/media\/videos\/fr\/[a-z0-9-]+\.mp4: \d+ bytes, over the limit of 1000/);
    expect(await before()).toEqual({ videos: 0, shows: 0, files: [] });
    } finally {
      await store.close();
      await empty.drop();
    }
  }, 300_000);
});
