import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { writeImportFolder } from '../test/fixtures.ts';
import { makeArticle, startTestSite, waitFor, type TestSite } from '../test/harness.ts';
import { FRENCH_VTT, readyVideo, setArticleVideos, type ReadyVideo } from '../test/support/video.ts';
import { RECORD_PLAYING, WITHOUT_NATIVE_HLS, formatViolations, launchBrowser, runAxe } from './browser.ts';

/**
 * The reader's player in Chromium: an article leading with a video, played
 * through hls.js (and through the browser's own HLS where it has one), with
 * its subtitles in the menu and as text tracks, keyboard control, visible
 * focus, and nothing but the poster loaded before play.
 *
 * Debian's Chromium 156 answers "maybe" to canPlayType('application/vnd.apple.mpegurl'):
 * it has a built-in HLS player, and no command-line switch of this build turns it
 * off (no feature of that name is compiled in; `--disable-features=BuiltInHlsPlayer`
 * changes nothing). The hls.js path is the one every browser without native HLS
 * takes (Firefox, older Chromium), so the first test makes this browser one of
 * them honestly: before any page script runs, an init script makes canPlayType
 * answer "" for HLS types, exactly what those browsers answer. Everything else —
 * MediaSource, the codecs, the network — is the browser's own. The second test
 * leaves the browser as it is and plays through its native HLS.
 */

let site: TestSite;
let browser: Browser;
let video: ReadyVideo;
const contexts: BrowserContext[] = [];
const article = makeArticle({ section: 'tv', headline: 'Le journal de la nuit', publishedAt: '2026-11-21T09:00:00Z' });
const ENGLISH_VTT = 'WEBVTT\n\n00:00.000 --> 00:02.000\nGood evening and welcome.\n\n00:02.000 --> 00:04.000\nHere are the headlines.\n';

const refused = (page: Page) => page.evaluate(() => (window as any).__refused as string[]);

async function newPage(withoutNativeHls: boolean): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
  if (withoutNativeHls) await context.addInitScript(WITHOUT_NATIVE_HLS);
  await context.addInitScript(RECORD_PLAYING);
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  return { page, requests };
}

const isMedia = (p: string) => /\.(m3u8|ts|mp4|vtt)$/.test(p) || /\/assets\/hls\./.test(p);

beforeAll(async () => {
  browser = await launchBrowser();
  site = await startTestSite('sqlite');
  const { dir } = await writeImportFolder([]);
  await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [{ name: 'a.json', baseDir: dir, text: JSON.stringify([article]) }]);
  video = await readyVideo(site.app, {
    title: 'Le journal de la nuit',
    subtitles: [
      { language: 'fr', label: 'Français', vtt: FRENCH_VTT },
      { language: 'en', label: 'English', vtt: ENGLISH_VTT },
    ],
  });
  const id = (await site.app.store.db.selectFrom('articles').select('id').where('slug', '=', article.slug).executeTakeFirstOrThrow()).id;
  await setArticleVideos(site.app, id, { lead: { video: video.id } });
  await site.app.site.refresh();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await site?.close();
});

const path = () => `/fr/tv/${article.slug}`;

it('loads nothing but the poster, then plays through hls.js with the subtitles listed, by keyboard, with visible focus', async () => {
  const { page, requests } = await newPage(true);
  await page.goto(site.url + path());
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => document.createElement('video').canPlayType('application/vnd.apple.mpegurl'))).toBe('');
  // Before play: the poster picture only, no playlist, segment, MP4, subtitles or hls.js.
  expect(requests.filter(isMedia)).toEqual([]);
  expect(await page.locator('video').count()).toBe(0);

  // Start by keyboard: Tab to the poster link, Enter.
  const poster = page.locator('.player__poster');
  await poster.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (window as any).__playing === true, null, { timeout: 60_000 });
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.2, null, { timeout: 60_000 });
  expect(await page.locator('[data-player]').getAttribute('data-engine')).toBe('hls.js');
  expect(await page.evaluate(() => typeof (window as any).Hls)).toBe('function');
  expect(requests.some((p) => /\/assets\/hls\.[0-9a-f]{12}\.js$/.test(p))).toBe(true);
  expect(requests.some((p) => p.endsWith('/master.m3u8'))).toBe(true);
  expect(requests.some((p) => /360p_\d+\.ts$/.test(p))).toBe(true);
  const v = page.locator('video');
  expect(await v.getAttribute('preload')).toBe('none');

  // Subtitles: a text track per language, and the menu lists off and each language.
  expect(await page.evaluate(() => [...document.querySelector('video')!.textTracks].map((t) => `${t.kind}:${t.language}:${t.label}`))).toEqual(['subtitles:fr:Français', 'subtitles:en:English']);
  const menuItems = page.locator('.player__menu [role="menuitemradio"]');
  expect(await menuItems.allTextContents()).toEqual(['Désactivés', 'Français', 'English']);

  // Focus moved to the play button, now labelled Pause, and its focus ring shows.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Pause');
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);

  // k pauses and plays.
  await page.keyboard.press('k');
  await page.waitForFunction(() => document.querySelector('video')!.paused && document.querySelector('.player__toggle')!.getAttribute('aria-label') === 'Lire la vidéo');
  // Arrows seek five seconds (within the video's four).
  await page.evaluate(() => (document.querySelector('video')!.currentTime = 3));
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('video')!.currentTime < 0.5);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('video')!.currentTime > 3.5);
  await page.evaluate(() => (document.querySelector('video')!.currentTime = 0));
  await page.keyboard.press(' ');
  await page.waitForFunction(() => !document.querySelector('video')!.paused);
  // m mutes and unmutes, and the button says so.
  await page.keyboard.press('m');
  await page.waitForFunction(() => document.querySelector('video')!.muted && document.querySelector('.player__mute')!.getAttribute('aria-label') === 'Rétablir le son');
  await page.keyboard.press('m');
  await page.waitForFunction(() => !document.querySelector('video')!.muted);
  // c cycles the subtitles: French shows, the menu marks it.
  await page.keyboard.press('c');
  await page.waitForFunction(() => document.querySelector('video')!.textTracks[0].mode === 'showing');
  expect(await page.locator('.player__menu [aria-checked="true"]').textContent()).toBe('Français');
  // The menu by keyboard: open it, move down to English, choose it; focus returns to its button.
  await page.locator('.player__cc').focus();
  await page.keyboard.press('Enter');
  expect(await page.locator('.player__cc').getAttribute('aria-expanded')).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Français');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const t = document.querySelector('video')!.textTracks;
    return t[1].mode === 'showing' && t[0].mode === 'disabled';
  });
  expect(await page.locator('.player__menu').isHidden()).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.classList.contains('player__cc'))).toBe(true);
  // The cues of the chosen language are loaded and read.
  await page.waitForFunction(() => (document.querySelector('video')!.textTracks[1].cues?.length ?? 0) === 2);
  // f asks for full screen on the player.
  await page.locator('.player__toggle').focus();
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement?.classList.contains('player__ui') === true && document.querySelector('.player__full')!.getAttribute('aria-label') === 'Quitter le plein écran');
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === null);

  // Over the seek bar, the frame under the pointer from the thumbnail sprite (its index fetched on the first move).
  const seek = page.locator('.player__seek input');
  const box = (await seek.boundingBox())!;
  await waitFor('the sprite preview', async () => {
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width * 0.62, box.y + box.height / 2);
    return page.locator('.player__preview').isVisible();
  });
  expect(await page.locator('.player__preview').evaluate((e) => (e as HTMLElement).style.backgroundImage)).toMatch(/sprite\.jpg/);

  expect(await refused(page)).toEqual([]);
  // The built player passes the WCAG A/AA rules.
  const violations = await runAxe(page);
  expect(violations, formatViolations('article with a playing video', violations)).toEqual([]);
});

it('plays through the browser’s own HLS where it has one', async () => {
  const { page, requests } = await newPage(false);
  await page.goto(site.url + path());
  const native = await page.evaluate(() => document.createElement('video').canPlayType('application/vnd.apple.mpegurl'));
  expect(native).not.toBe('');
  await page.locator('.player__poster').click();
  await page.waitForFunction(() => (window as any).__playing === true, null, { timeout: 60_000 });
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.2, null, { timeout: 60_000 });
  expect(await page.locator('[data-player]').getAttribute('data-engine')).toBe('native');
  // The playlist itself went to the video element; hls.js was never fetched.
  expect(await page.evaluate(() => document.querySelector('video')!.currentSrc)).toMatch(/\/master\.m3u8$/);
  expect(requests.some((p) => /\/assets\/hls\./.test(p))).toBe(false);
  expect(await page.evaluate(() => document.querySelector('video')!.textTracks.length)).toBe(2);
  expect(await refused(page)).toEqual([]);
});

it('passes the accessibility rules before play, and reads with JavaScript off', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(site.url + path());
  expect(await page.locator('.player__poster').getAttribute('href')).toMatch(/\/video\.mp4$/);
  expect(await page.locator('.player__subtitles a').evaluateAll((as) => as.map((a) => a.getAttribute('hreflang')))).toEqual(['fr', 'en']);
  expect(await page.locator('details.player__transcript').textContent()).toContain('Bonjour et bienvenue dans le journal.');
  const { page: withJs } = await newPage(true);
  await withJs.goto(site.url + path());
  const violations = await runAxe(withJs);
  expect(violations, formatViolations('article with a video, before play', violations)).toEqual([]);
});
