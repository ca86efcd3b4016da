import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { key } from '../src/cdn/keys.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, NO_BACKGROUND_PASSES, startTestSite, waitFor, type TestSite } from './harness.ts';
import { makeLive, postEntry } from './support/live.ts';
import { readyVideo, type ReadyVideo } from './support/video.ts';

/**
 * Library videos in live entries: a video block of an entry is the site's
 * player, on the page and in the frames of the live's event stream, and the
 * page then loads the player's script (docs/video-player.md).
 */
forEachDialect('videos in live entries', (dialect) => {
  let site: TestSite;
  let video: ReadyVideo;
  const running = makeArticle({ section: 'monde', slug: `direct-video-${dialect}-${process.pid}`, headline: 'Inondations : le direct', publishedAt: '2026-12-07T06:00:00Z' });
  const ended = makeArticle({ section: 'monde', slug: `direct-fini-${dialect}-${process.pid}`, headline: 'Un direct terminé', publishedAt: '2026-12-07T05:00:00Z' });
  let runningId: number;
  let endedId: number;
  const runningPath = `/fr/monde/${running.slug}`;
  const endedPath = `/fr/monde/${ended.slug}`;

  beforeAll(async () => {
    site = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, livePollMs: 0 });
    const { dir } = await writeImportFolder([]);
    await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [{ name: 'a.json', baseDir: dir, text: JSON.stringify([running, ended]) }]);
    const idOf = async (slug: string) => (await site.app.store.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    runningId = await idOf(running.slug);
    endedId = await idOf(ended.slug);
    await makeLive(site.app, runningId, '2026-12-07T06:00:00Z');
    await makeLive(site.app, endedId, '2026-12-07T05:00:00Z', '2026-12-07T07:00:00Z');
    video = await readyVideo(site.app, { title: 'La crue vue du pont' });
    await postEntry(site.app, runningId, { title: 'Les images du pont', body: [{ type: 'paragraph', text: 'Notre équipe est sur place.' }, { type: 'video', video: video.id, caption: 'La crue ce matin' }], postedAt: '2026-12-07T08:00:00Z' });
    await postEntry(site.app, endedId, { text: 'Un direct sans vidéo.', postedAt: '2026-12-07T06:30:00Z' });
    await site.app.site.refresh();
  }, 120_000);
  afterAll(() => site?.close());

  const page = async (p: string) => {
    const r = await fetch(site.url + p);
    expect(r.status, p).toBe(200);
    return { html: await r.text(), keys: r.headers.get('surrogate-key') ?? r.headers.get('cache-tag') ?? '' };
  };

  it('renders an entry’s video block as the player, with its caption, and loads the player’s script', async () => {
    const { html } = await page(runningPath);
    const entry = html.slice(html.indexOf('class="live-entries"'));
    expect(entry).toContain('data-player');
    expect(entry).toContain(`/media/${video.hlsKey}`);
    expect(entry).toContain(`href="/media/${video.mp4Key}"`);
    expect(entry).toContain('La crue ce matin');
    expect(html).toMatch(/<script src="\/assets\/video\.[^"]+\.js" defer><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/video\.[^"]+\.css"\/>/);
  });

  it('carries the key of the entry’s video, so that a change to the video purges the page', async () => {
    const r = await fetch(site.url + runningPath);
    const keys = Object.fromEntries(r.headers);
    expect(Object.values(keys).join(' ')).toContain(key.video(video.id));
  });

  it('leaves the player’s script off an ended live whose entries show no video', async () => {
    const { html } = await page(endedPath);
    expect(html).not.toContain('data-player');
    expect(html).not.toMatch(/\/assets\/video\.[^"]+\.js/);
  });

  it('sends an entry with a video block by the event stream with the player’s markup', async () => {
    const ctrl = new AbortController();
    const r = await fetch(`${site.url}${runningPath}/events?lastEventId=0`, { headers: { accept: 'text/event-stream' }, signal: ctrl.signal });
    expect(r.status).toBe(200);
    let text = '';
    const reading = (async () => {
      const dec = new TextDecoder();
      try {
        for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) text += dec.decode(chunk, { stream: true });
      } catch {
        // aborted
      }
    })();
    try {
      await postEntry(site.app, runningId, { title: 'Nouvelle vidéo', body: [{ type: 'video', video: video.id }], postedAt: '2026-12-07T09:00:00Z' });
      await waitFor('the new entry’s frame', () => text.includes('Nouvelle vidéo'));
      const frames = text
        .split('\n\n')
        .filter((f) => f.includes('event: entry'))
        .map((f) => JSON.parse(f.slice(f.indexOf('data: ') + 6)) as { html: string });
      const fresh = frames.find((m) => m.html.includes('Nouvelle vidéo'))!;
      expect(fresh.html).toContain('data-player');
      expect(fresh.html).toContain(`/media/${video.hlsKey}`);
      // Without a caption of its own, the video's title.
      expect(fresh.html).toContain('La crue vue du pont');
    } finally {
      ctrl.abort();
      await reading;
    }
  });
});
