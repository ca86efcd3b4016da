import fs from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { writeImportFolder } from '../test/fixtures.ts';
import { makeArticle, NO_BACKGROUND_PASSES, startTestSite, type TestSite } from '../test/harness.ts';
import { formatViolations, launchBrowser, runAxe } from './browser.ts';
import { SearchPage } from './pages/search.page.ts';

let site: TestSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const inWorld = makeArticle({ section: 'monde', headline: 'Le chantier du tramway reprend à Lyon', standfirst: 'Les travaux avaient cessé en été.', publishedAt: '2026-11-20T08:00:00Z' });
const onTv = makeArticle({ section: 'tv', headline: 'Un documentaire sur les chantiers navals', publishedAt: '2026-11-21T08:00:00Z' });
const draft = makeArticle({ section: 'monde', headline: 'Chantier secret, pas encore publié', status: 'draft', publishedAt: undefined });

beforeAll(async () => {
  // The browser first: without Chromium the suite fails here, it is never skipped.
  browser = await launchBrowser();
  site = await startTestSite('sqlite', NO_BACKGROUND_PASSES);
  const { dir, file } = await writeImportFolder([inWorld, onTv, draft]);
  await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [{ name: 'a.json', baseDir: dir, text: await fs.readFile(file, 'utf8') }]);
  await fs.rm(dir, { recursive: true, force: true });
  await site.app.site.refresh(true);
  context = await browser.newContext({ locale: 'fr-FR' });
  // Nothing leaves the machine: any request off the test server is refused.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

it('types in the header’s search box, gets suggestions and results, filters by section and opens an article', async () => {
  const search = new SearchPage(page);
  await page.goto(`${site.url}/fr/`);
  await search.type('chanti');
  // Suggestions as one types, the last word a prefix.
  await expect.poll(() => search.suggestions.allTextContents()).toContain('Le chantier du tramway reprend à Lyon');
  await search.headerBox.fill('chantier');
  await search.submitHeaderSearch();
  expect(new URL(page.url()).pathname).toBe('/fr/recherche');
  expect((await search.resultLinks.allTextContents()).sort()).toEqual(['Le chantier du tramway reprend à Lyon', 'Un documentaire sur les chantiers navals']);
  expect(await search.resultLinks.count()).toBe(2);
  expect(await page.getByRole('main').getByText('Chantier secret').count()).toBe(0);
  expect(await page.locator('main mark').first().textContent()).toMatch(/^chantiers?$/i);
  expect(formatViolations('search page', await runAxe(page))).toBe('search page: no violations');

  await search.filterBySection('Monde');
  expect(new URL(page.url()).searchParams.get('section')).toBe('monde');
  expect(await search.resultLinks.allTextContents()).toEqual(['Le chantier du tramway reprend à Lyon']);

  await Promise.all([page.waitForURL(`**/fr/monde/${inWorld.slug}`), search.resultLinks.first().click()]);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Le chantier du tramway reprend à Lyon');
});

it('works without JavaScript: the header form is a plain GET form', async () => {
  const plain = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  try {
    const p = await plain.newPage();
    const search = new SearchPage(p);
    await p.goto(`${site.url}/fr/`);
    await search.headerBox.fill('tramway');
    await search.submitHeaderSearch();
    expect(await search.resultLinks.allTextContents()).toEqual(['Le chantier du tramway reprend à Lyon']);
    expect(await search.count.textContent()).toBe('1 résultat');
  } finally {
    await plain.close();
  }
});
