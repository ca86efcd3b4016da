import fs from 'node:fs/promises';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { broadcasterArticle, writeImportFolder } from '../test/fixtures.ts';
import { makeArticle, startTestSite, type TestSite } from '../test/harness.ts';
import { formatViolations, launchBrowser, runAxe } from './browser.ts';
import { ArticlePage } from './pages/article.page.ts';

const PUBLIC_URL = 'https://news.example';
const NNBSP = '\u202f';

let site: TestSite;
let browser: Browser;
let story: Record<string, any>;
let articlePath: string;
let canonical: string;
const contexts: BrowserContext[] = [];

/** A fresh context per test, so no test sees another's permissions, cookies or routes. */
async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  contexts.push(context);
  // Nothing leaves the machine: any request off the test server is refused.
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  return { context, page };
}

beforeAll(async () => {
  // The browser first: without Chromium the suite fails here, it is never skipped.
  browser = await launchBrowser();
  site = await startTestSite('sqlite');

  story = broadcasterArticle();
  const others = [
    makeArticle({ section: 'tv', headline: 'La grille de rentrée dévoilée', tags: ['Débats'], publishedAt: '2026-11-19T08:00:00Z' }),
    makeArticle({
      section: 'monde',
      headline: 'Sommet régional à Genève',
      standfirst: 'Les délégations arrivent ce soir.',
      tags: ['Diplomatie'],
      lead: { image: 'photos/small.png', alt: 'La salle du sommet' },
      publishedAt: '2026-11-20T07:00:00Z',
    }),
    makeArticle({ section: 'monde', headline: 'Élections : le calendrier fixé', publishedAt: '2026-11-18T12:00:00Z' }),
    makeArticle({ section: 'economie', headline: 'Le prix du blé recule', tags: ['Agriculture'], publishedAt: '2026-11-17T12:00:00Z' }),
  ];
  const { dir, file } = await writeImportFolder([story, ...others]);
  const text = await fs.readFile(file, 'utf8');
  const imported = await importArticles(
    { db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() },
    [{ name: 'a.json', baseDir: dir, text }],
  );
  await fs.rm(dir, { recursive: true, force: true });
  // The site polls the content version; refresh now rather than wait for the poll.
  await site.app.site.refresh();

  const mine = imported.find((a) => a.slug === story.slug)!;
  articlePath = mine.path;
  canonical = `${PUBLIC_URL}/fr/tv/${story.slug}`;
  expect(articlePath).toBe(`/fr/tv/${story.slug}`);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('reader journeys in Chromium', () => {
  it('reads an article: headline, kicker, figures, quote, share links and source', async () => {
    const { page } = await newPage();
    const a = new ArticlePage(page);
    const res = await a.goto(site.url + articlePath);
    expect(res.status()).toBe(200);
    expect(await a.canonicalUrl()).toBe(canonical);

    // Headline, with French typography (narrow no-break space before "?").
    expect(await a.heading.count()).toBe(1);
    expect(await a.heading.textContent()).toBe(`Faut-il encore croire aux négociations${NNBSP}?`);

    // Kicker: a link to the TV section.
    expect(await a.kicker.textContent()).toBe('TV');
    expect(await a.kicker.getAttribute('href')).toBe('/fr/tv/');

    // Lead figure: the image (actually served), its caption and its credit; not an archive photo.
    const lead = a.figureWithImage('Le plateau du débat');
    expect(await lead.count()).toBe(1);
    const leadCaption = lead.locator('figcaption');
    expect(await leadCaption.innerText()).toContain('Le plateau de l’émission.');
    expect(await leadCaption.innerText()).toContain('(Photo Agence Exemple)');
    expect(await leadCaption.innerText()).not.toContain('Photo d’archives');
    const leadImg = lead.getByRole('img', { name: 'Le plateau du débat' });
    expect(await leadImg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // Archive photo: says so, between its caption and its credit.
    const archive = a.figureWithImage('Une poignée de main en 2019');
    expect(await archive.count()).toBe(1);
    const archiveCaption = (await archive.locator('figcaption').innerText()).replace(/\s+/g, ' ');
    expect(archiveCaption).toContain('Photo d’archives');
    expect(archiveCaption.indexOf('Une rencontre précédente.')).toBeLessThan(archiveCaption.indexOf('Photo d’archives'));
    expect(archiveCaption.indexOf('Photo d’archives')).toBeLessThan(archiveCaption.indexOf('© http://example.org/photos'));

    // Quote: the words, the speaker (a link to their page) and their role.
    const quote = a.quoteBy('Hervé Lantier');
    expect(await quote.count()).toBe(1);
    expect(await quote.getByRole('blockquote').innerText()).toContain('Personne ne signe un accord qu’il ne peut pas défendre devant les siens.');
    expect(await quote.getByRole('link', { name: 'Hervé Lantier' }).getAttribute('href')).toBe('/fr/personne/herve-lantier');
    expect(await quote.locator('figcaption').innerText()).toContain('général à la retraite');

    // Share: one link per network, each carrying the canonical URL, correctly encoded.
    expect(await a.shareRegion.getByRole('heading', { name: 'Partager cet article' }).count()).toBe(1);
    expect(await a.shareLinks.allInnerTexts()).toEqual(['X', 'Facebook', 'WhatsApp', 'Telegram', 'LinkedIn', 'E-mail']);
    const href = async (name: string) => new URL((await a.shareLink(name).getAttribute('href'))!);
    const headline = story.headline as string;

    const expected: Array<[string, string, Record<string, string>]> = [
      ['X', 'https://x.com/intent/post', { url: canonical, text: headline }],
      ['Facebook', 'https://www.facebook.com/sharer/sharer.php', { u: canonical }],
      ['WhatsApp', 'https://wa.me/', { text: `${headline} ${canonical}` }],
      ['Telegram', 'https://t.me/share/url', { url: canonical, text: headline }],
      ['LinkedIn', 'https://www.linkedin.com/sharing/share-offsite/', { url: canonical }],
    ];
    for (const [name, endpoint, params] of expected) {
      const u = await href(name);
      expect(u.origin + u.pathname, name).toBe(endpoint);
      expect(Object.fromEntries(u.searchParams), name).toEqual(params);
    }

    const mail = await href('E-mail');
    expect(mail.protocol).toBe('mailto:');
    expect(mail.searchParams.get('subject')).toBe(headline);
    expect(mail.searchParams.get('body')).toBe(`${headline}\n\n${canonical}`);

    // Links to other sites open in a new tab without handing them the opener.
    for (const name of ['X', 'Facebook', 'WhatsApp', 'Telegram', 'LinkedIn']) {
      expect(await a.shareLink(name).getAttribute('target')).toBe('_blank');
      expect(await a.shareLink(name).getAttribute('rel')).toContain('noopener');
    }

    // Source line: "SOURCE :" then a link to the source.
    expect(await a.sourceLine.count()).toBe(1);
    const sourceLink = a.sourceLine.getByRole('link', { name: 'Agence Exemple Presse', exact: true });
    expect(await sourceLink.getAttribute('href')).toBe('https://example.org/depeches/123');

    // Following the kicker leads to the TV section page, which lists the article.
    await Promise.all([page.waitForURL(`${site.url}/fr/tv/`), a.kicker.click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('TV');
    expect(await page.getByRole('main').getByRole('link', { name: `Faut-il encore croire aux négociations${NNBSP}?` }).getAttribute('href')).toBe(articlePath);
  });

  it('copies the canonical link to the clipboard', async () => {
    const { context, page } = await newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    const a = new ArticlePage(page);
    await a.goto(site.url + articlePath);

    // The button is hidden in the markup; the script shows it when the clipboard exists.
    await a.copyButton.waitFor({ state: 'visible' });
    expect(await a.copyButton.evaluate((b: HTMLButtonElement) => b.hidden)).toBe(false);
    expect(await a.shareStatus.textContent()).toBe('');
    await page.evaluate(() => navigator.clipboard.writeText('something else'));

    await a.copyButton.click();
    await expect.poll(() => a.shareStatus.textContent()).toBe('Lien copié');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(canonical);
  });

  it('shows the "Partager…" button only where the browser can share natively', async () => {
    const { page } = await newPage();
    const a = new ArticlePage(page);
    await a.goto(site.url + articlePath);
    await a.copyButton.waitFor({ state: 'visible' }); // the script has run
    // Headless Chromium on Linux has no Web Share API: the button would do nothing.
    expect(await page.evaluate(() => typeof navigator.share)).toBe('undefined');
    expect(await a.nativeShareButtonElement.count()).toBe(1);
    expect(await a.nativeShareButtonElement.isHidden()).toBe(true);
    expect(await a.nativeShareButton.count()).toBe(0);
  });

  it('is fully readable without JavaScript', async () => {
    const { page } = await newPage({ javaScriptEnabled: false });
    const a = new ArticlePage(page);
    const res = await a.goto(site.url + articlePath);
    expect(res.status()).toBe(200);

    expect(await a.heading.textContent()).toBe(`Faut-il encore croire aux négociations${NNBSP}?`);
    expect(await a.article.getByText('Le débat de la semaine réunit deux anciens diplomates et un militaire.').isVisible()).toBe(true);
    const body = a.article.locator('.article-body').getByRole('paragraph');
    const bodyText = (await body.allInnerTexts()).join('\n');
    expect(bodyText).toContain('Le débat a commencé à 20:30');
    expect(bodyText).toContain('trois invités, une question.');
    expect(bodyText).toContain('Lire aussi notre dossier et le rapport');
    expect(await a.figureWithImage('Le plateau du débat').isVisible()).toBe(true);
    expect(await a.quoteBy('Hervé Lantier').isVisible()).toBe(true);

    // Sharing still works through plain links.
    expect(await a.shareLinks.allInnerTexts()).toEqual(['X', 'Facebook', 'WhatsApp', 'Telegram', 'LinkedIn', 'E-mail']);
    for (const link of await a.shareLinks.all()) expect(await link.isVisible()).toBe(true);
    expect(new URL((await a.shareLink('X').getAttribute('href'))!).searchParams.get('url')).toBe(canonical);

    // The copy button is in the markup but hidden: it cannot work without the script.
    expect(await a.copyButtonElement.count()).toBe(1);
    expect(await a.copyButtonElement.isHidden()).toBe(true);
    expect(await a.copyButton.count()).toBe(0);
    expect(await a.nativeShareButtonElement.isHidden()).toBe(true);

    // The video stays a link to the provider; its load button is hidden.
    const watch = a.watchVideoLink('YouTube');
    expect(await watch.isVisible()).toBe(true);
    expect(await watch.getAttribute('href')).toBe('https://www.youtube.com/watch?v=abcdefghijk');
    expect(await a.loadVideoButton('YouTube').count()).toBe(0);
    expect(await page.locator('iframe').count()).toBe(0);

    expect(await a.sourceLine.getByRole('link', { name: 'Agence Exemple Presse' }).isVisible()).toBe(true);
  });

  it('loads the video player only when the reader asks', async () => {
    const { context, page } = await newPage();
    const requests: string[] = [];
    page.on('request', (r: Request) => requests.push(r.url()));
    const player: string[] = [];
    // The player is answered locally: no network, and the request is observable.
    await context.route(/^https:\/\/www\.youtube-nocookie\.com\//, (route) => {
      player.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title><p>player</p>' });
    });

    const a = new ArticlePage(page);
    await a.goto(site.url + articlePath);
    const button = a.loadVideoButton('YouTube');
    await button.waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');

    // Before the click: no iframe, and every request went to the test server only.
    expect(await page.locator('iframe').count()).toBe(0);
    expect(requests.length).toBeGreaterThan(0);
    const offServer = requests.filter((u) => new URL(u).hostname !== '127.0.0.1');
    expect(offServer, `requests off the test server before the click:\n${offServer.join('\n')}`).toEqual([]);
    expect(player).toEqual([]);

    await button.click();

    const frame = a.videoFrame('Extrait du débat');
    await frame.waitFor({ state: 'attached' });
    expect(await page.locator('iframe').count()).toBe(1);
    const src = (await frame.getAttribute('src'))!;
    expect(src.startsWith('https://www.youtube-nocookie.com/embed/abcdefghijk')).toBe(true);
    // The page allows the player origin (CSP frame-src) and the frame really asked for it.
    await expect.poll(() => player.length).toBeGreaterThan(0);
    expect(player[0].startsWith('https://www.youtube-nocookie.com/embed/abcdefghijk')).toBe(true);
    // The load button was replaced by the player and focus moved to it.
    expect(await button.count()).toBe(0);
    expect(await frame.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  describe('accessibility (axe-core, WCAG 2.x A and AA)', () => {
    const pages: Array<[string, () => string, number]> = [
      ['home page', () => '/fr/', 200],
      ['article page', () => articlePath, 200],
      ['section page', () => '/fr/tv/', 200],
      ['tag page', () => '/fr/sujet/diplomatie', 200],
      ['404 page', () => '/fr/nope/nope', 404],
    ];
    it.each(pages)('has no violations on the %s', async (name, path, status) => {
      const { page } = await newPage();
      const res = await page.goto(site.url + path(), { waitUntil: 'load' });
      expect(res?.status()).toBe(status);
      // The page has real content, so the audit is of something.
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      if (name !== '404 page') expect(await page.getByRole('main').getByRole('link').count()).toBeGreaterThan(0);
      const violations = await runAxe(page);
      expect(violations, formatViolations(`${name} (${path()})`, violations)).toEqual([]);
    });
  });

  it('offers a skip link on the first Tab that moves focus to the main content', async () => {
    const { page } = await newPage();
    const a = new ArticlePage(page);
    await a.goto(site.url + articlePath);

    const inViewport = () =>
      a.skipLink.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top >= 0 && r.top < window.innerHeight;
      });
    // Off-screen until focused.
    expect(await inViewport()).toBe(false);

    await page.keyboard.press('Tab');
    expect(await a.skipLink.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await a.skipLink.getAttribute('href')).toBe('#main');
    await expect.poll(inViewport).toBe(true);

    await page.keyboard.press('Enter');
    await expect.poll(() => a.main.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(new URL(page.url()).hash).toBe('#main');
  });
});
