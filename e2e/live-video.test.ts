import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { writeImportFolder } from '../test/fixtures.ts';
import { makeArticle, startTestSite, waitFor, type TestSite } from '../test/harness.ts';
import { makeLive, postEntry } from '../test/support/live.ts';
import { readyVideo, type ReadyVideo } from '../test/support/video.ts';
import { launchBrowser } from './browser.ts';

/**
 * A live entry with a video, arriving by the live's event stream after the
 * page loaded, plays in the site's player in Chromium: the running live's page
 * loaded public/video.js, which starts players put on the page later.
 */

let site: TestSite;
let browser: Browser;
let video: ReadyVideo;
let liveId: number;
const contexts: BrowserContext[] = [];
const live = makeArticle({ section: 'monde', slug: 'crue-en-direct', headline: 'Crue de la Loire : le direct', publishedAt: new Date(Date.now() - 3600_000).toISOString() });

beforeAll(async () => {
  browser = await launchBrowser();
  site = await startTestSite('sqlite');
  const { dir } = await writeImportFolder([]);
  await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [{ name: 'a.json', baseDir: dir, text: JSON.stringify([live]) }]);
  liveId = (await site.app.store.db.selectFrom('articles').select('id').where('slug', '=', live.slug).executeTakeFirstOrThrow()).id;
  await makeLive(site.app, liveId, live.publishedAt);
  await postEntry(site.app, liveId, { text: 'Le niveau monte depuis cette nuit.', postedAt: new Date(Date.now() - 600_000).toISOString() });
  video = await readyVideo(site.app, { title: 'La crue vue du pont' });
  await site.app.site.refresh();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await site?.close();
});

it('plays the video of an entry that arrived by the event stream', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
  await context.addInitScript(() => document.addEventListener('playing', () => ((window as any).__playing = true), true));
  const page = await context.newPage();
  await page.goto(`${site.url}/fr/monde/${live.slug}`);
  await page.waitForLoadState('load');
  // No player yet, but the player's script is there for one the stream may bring.
  expect(await page.locator('[data-player]').count()).toBe(0);
  expect(await page.locator('script[src*="/assets/video."]').count()).toBe(1);
  await page.waitForFunction(() => document.querySelector('.live-feed')?.getAttribute('data-active') === 'true');
  // The stream is open once the server counts a reader of this live.
  await waitFor('the page’s event stream', () => site.app.liveHub.stats().connections === 1);

  await postEntry(site.app, liveId, { title: 'Les images du pont', body: [{ type: 'video', video: video.id, caption: 'La crue ce matin' }] });
  const poster = page.locator('.live-entry .player__poster');
  await poster.waitFor({ timeout: 20_000 });
  await poster.click();
  await page.waitForFunction(() => (window as any).__playing === true, null, { timeout: 60_000 });
  expect(await page.locator('.live-entry [data-player]').getAttribute('data-engine')).toMatch(/^(native|hls\.js)$/);
  expect(await page.locator('.live-entry video').count()).toBe(1);
}, 120_000);
