import { HtmlValidate } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, launchBrowser, runAxe } from './browser.ts';
import { compareWithBaseline, designPages, startDesignSite, WIDTHS, type DesignSite, type PageKind } from './design-screens.ts';

/**
 * The reader's design at 390, 768, 1280 and 1600 px, on the demo content at a
 * fixed clock: each page kind compared with its stored screenshot (tolerant to
 * anti-aliasing; UPDATE_BASELINE=1 rewrites them), checked by axe-core, free of
 * layout shift, and valid HTML; the article under its weight limit.
 */

/** Share of a screenshot's pixels that may differ beyond anti-aliasing before a run fails. */
const MAX_DIFF_RATIO = 0.002;

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'void-style': 'off', 'long-title': 'off' },
});

let site: DesignSite;
let browser: Browser;
let pages: PageKind[];

beforeAll(async () => {
  browser = await launchBrowser();
  site = await startDesignSite();
  pages = await designPages(site);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** The layout shift each opened page had on its first load, before the reload that draws it in the web fonts. */
const firstShifts = new WeakMap<Page, number>();

/** Every picture loaded (lazy ones too, so a full-page screenshot shows them) and the fonts settled. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const img of document.images) img.loading = 'eager';
    await Promise.all([...document.images].map((img) => (img.complete ? null : new Promise((r) => ((img.onload = r), (img.onerror = r))))));
    await document.fonts.ready;
  });
}

/**
 * Opens a page at a width as a phone or a desktop would, as a first-time reader gets it (its layout shift is
 * kept), then again with the web fonts in the browser's cache, as every later page is drawn: fonts are
 * `font-display: optional`, so the first page may keep its fallback faces, and the screenshot is taken of the
 * second load, which is the same on every run.
 */
async function open(width: number, p: PageKind): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1, locale: 'fr-FR', timezoneId: 'Europe/Paris', reducedMotion: 'reduce' });
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as any).__shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) {
        if (e.hadRecentInput) continue;
        (window as any).__shifts += e.value;
        // What moved, for the failure message.
        (window as any).__moved = [...((window as any).__moved ?? []), ...e.sources.map((x: any) => `${x.node?.nodeName ?? '?'}.${x.node?.className ?? ''} ${JSON.stringify(x.previousRect)} → ${JSON.stringify(x.currentRect)}`)];
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const res = await page.goto(site.url + p.path, { waitUntil: 'load' });
  expect(res?.status(), p.path).toBe(200);
  await settle(page);
  firstShifts.set(page, await page.evaluate(() => (window as any).__shifts as number));
  // Every web font the page asked for is fetched (and kept in the cache) before the reload.
  await page.evaluate(async () => {
    await Promise.all([...document.fonts].map((f) => f.load().catch(() => null)));
  });
  await page.reload({ waitUntil: 'load' });
  await settle(page);
  return page;
}

describe('the reader design in Chromium', () => {
  for (const width of WIDTHS) {
    it(`matches its baselines at ${width} px, with no axe violation and no layout shift`, async () => {
      const failures: string[] = [];
      for (const p of pages) {
        const page = await open(width, p);
        try {
          const shifts = Math.max(firstShifts.get(page) ?? 0, await page.evaluate(() => (window as any).__shifts as number));
          if (shifts > 0) failures.push(`${p.name} at ${width}: layout shift ${shifts} (${await page.evaluate(() => ((window as any).__moved ?? []).join('; '))})`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 0) failures.push(`${p.name} at ${width}: ${overflow} px wider than the screen`);
          const violations = await runAxe(page);
          if (violations.length) failures.push(formatViolations(`${p.name} at ${width}`, violations));
          if (p.screenshot) {
            const shot = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
            const c = await compareWithBaseline(`${p.name}-${width}`, shot);
            if (c.sizeChanged) failures.push(`${p.name} at ${width}: size changed ${c.sizeChanged}`);
            else if (c.differing / c.total > MAX_DIFF_RATIO) failures.push(`${p.name} at ${width}: ${c.differing} pixels differ (see e2e/baselines/diffs)`);
          }
        } finally {
          await page.context().close();
        }
      }
      expect(failures).toEqual([]);
    }, 180_000);
  }

  it('aligns the section navigation with the page content', async () => {
    for (const width of [768, 1280, 1600]) {
      const page = await open(width, pages[0]);
      const [nav, brand, main] = await page.evaluate(() =>
        ['.sections li:first-child a', '.masthead .brand', 'main > *:not(h1)'].map((s) => document.querySelector(s)!.getBoundingClientRect().left),
      );
      expect(Math.abs(nav - main), `at ${width}`).toBeLessThan(1);
      expect(Math.abs(brand - main), `at ${width}`).toBeLessThan(1);
      await page.context().close();
    }
  }, 60_000);

  // The stylesheets' weight (the theme's, site.css and the brand's, together under 20 KB): test/css-budget.test.ts.
  it('serves valid HTML on every page kind, and the article under 30 KB', async () => {
    const errors: string[] = [];
    for (const p of pages) {
      const html = await (await fetch(site.url + p.path)).text();
      const report = await validator.validateString(html);
      errors.push(...report.results.flatMap((r) => r.messages.map((m) => `${p.name}: ${m.ruleId} ${m.message}`)));
      if (p.name === 'article') expect(Buffer.byteLength(html), 'article HTML').toBeLessThan(30 * 1024);
    }
    expect(errors).toEqual([]);
  });
});
