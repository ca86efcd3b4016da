import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { writeImportFolder } from '../test/fixtures.ts';
import { makeArticle, startTestSite, waitFor, type TestSite } from '../test/harness.ts';
import { deleteEntry, editEntry, makeLive, postEntry } from '../test/support/live.ts';
import { launchBrowser } from './browser.ts';

let site: TestSite;
let browser: Browser;
let liveId: number;
const contexts: BrowserContext[] = [];
const live = makeArticle({
  section: 'monde',
  slug: 'sommet-europeen-en-direct',
  headline: 'Sommet européen : les Vingt-Sept cherchent un accord sur le budget',
  standfirst: 'Les chefs d’État et de gouvernement sont réunis à Bruxelles depuis ce matin. Suivez les négociations en direct.',
  body: [{ type: 'paragraph', text: 'Les discussions portent sur le cadre financier pluriannuel et l’aide à l’Ukraine. Nos envoyés spéciaux suivent le sommet sur place.' }],
  authors: ['Claire Dubreuil'],
  publishedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
});
const SCREENSHOTS = process.env.LIVE_SCREENSHOTS;

async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  contexts.push(context);
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
  return context.newPage();
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeAll(async () => {
  browser = await launchBrowser();
  site = await startTestSite('sqlite');
  const { dir } = await writeImportFolder([]);
  await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [{ name: 'a.json', baseDir: dir, text: JSON.stringify([live]) }]);
  liveId = (await site.app.store.db.selectFrom('articles').select('id').where('slug', '=', live.slug).executeTakeFirstOrThrow()).id;
  await makeLive(site.app, liveId, live.publishedAt);
  const texts = [
    'Arrivée des premiers dirigeants au bâtiment Europa, sous une pluie fine.',
    'La présidente de la Commission appelle à « un compromis rapide » sur le budget.',
    'Les Pays-Bas et l’Autriche maintiennent leurs réserves sur le niveau des contributions.',
    'Réunion bilatérale entre les délégations française et allemande avant la séance plénière.',
    'La séance plénière s’ouvre avec trente minutes de retard.',
  ];
  for (let i = 0; i < 22; i++) {
    await postEntry(site.app, liveId, { text: `${texts[i % texts.length]} (${i + 1})`, author: i % 3 ? 'Claire Dubreuil' : 'Yanis Kerouani', postedAt: minutesAgo(170 - i * 7) });
  }
  await postEntry(site.app, liveId, { title: 'Accord de principe sur l’aide à l’Ukraine', text: 'Les Vingt-Sept s’entendent sur une enveloppe de 50 milliards d’euros.', keyPoint: true, author: 'Claire Dubreuil', postedAt: minutesAgo(12) });
  await postEntry(site.app, liveId, { title: 'Ce qu’il faut savoir', body: [{ type: 'list', items: ['Le sommet doit se terminer vendredi soir.', 'Le budget reste le principal point de blocage.', 'Une conférence de presse est prévue à 18 heures.'] }], pinned: true, source: { name: 'Rédaction' }, postedAt: minutesAgo(160) });
  await postEntry(site.app, liveId, { title: 'Le chancelier allemand optimiste', body: [{ type: 'quote', text: 'Nous sommes plus proches d’un accord que ce matin.', speaker: { name: 'Le chancelier', role: 'à son arrivée' } }], author: 'Yanis Kerouani', postedAt: minutesAgo(4) });
  await site.app.site.refresh();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await site?.close();
});

const path = `/fr/monde/${live.slug}`;

it('inserts a new entry at once for a reader at the top, and edits and removes entries in place', async () => {
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(site.url + path);
  await waitFor('the stream', () => site.app.liveHub.stats().connections === 1);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/live-1280.png`, fullPage: false });
  const e = await postEntry(site.app, liveId, { title: 'Dernière minute', text: 'La conférence de presse est avancée à 17 heures.', author: 'Claire Dubreuil' });
  await page.locator(`#entree-${e.id}`).waitFor();
  expect(await page.locator('.live-entries > .live-entry').first().getAttribute('id')).toBe(`entree-${e.id}`);
  await editEntry(site.app, liveId, e.id, { title: 'Dernière minute (corrigé)', correction: 'L’heure était fausse.' });
  await page.getByText('Dernière minute (corrigé)').waitFor();
  await deleteEntry(site.app, liveId, e.id);
  await page.locator(`#entree-${e.id}`).waitFor({ state: 'detached' });
});

it('counts new entries for a reader further down, never moving what they read, and shows them when asked', async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await page.goto(site.url + path);
  await waitFor('the stream', () => site.app.liveHub.stats().connections >= 1);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/live-390.png`, fullPage: false });
  const reading = page.locator('.live-entries > .live-entry').nth(5);
  await reading.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 200));
  const before = (await reading.boundingBox())!.y;
  const a = await postEntry(site.app, liveId, { text: 'Première nouvelle entrée.' });
  const b = await postEntry(site.app, liveId, { text: 'Deuxième nouvelle entrée.' });
  const button = page.getByRole('button', { name: '2 nouvelles entrées' });
  await button.waitFor();
  expect(await page.locator(`#entree-${a.id}`).count()).toBe(0);
  expect((await reading.boundingBox())!.y).toBeCloseTo(before, 0);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/live-390-button.png`, fullPage: false });
  await button.click();
  await page.locator(`#entree-${b.id}`).waitFor();
  const ids = await page.locator('.live-entries > .live-entry').evaluateAll((els) => els.slice(0, 2).map((el) => el.id));
  expect(ids).toEqual([`entree-${b.id}`, `entree-${a.id}`]);
  for (const x of [a, b]) await deleteEntry(site.app, liveId, x.id);
});

it('reconnects after the connection drops and catches up on what was posted meanwhile', async () => {
  // The earlier readers leave: this one is alone.
  for (const c of contexts.splice(0)) await c.close();
  await waitFor('the earlier streams to end', () => site.app.liveHub.stats().connections === 0);
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(site.url + path);
  await waitFor('the stream', () => site.app.liveHub.stats().connections === 1);
  // The network drops: the node's end of every stream goes away.
  const hub = site.app.liveHub as any;
  for (const live of hub.lives.values()) for (const c of live.conns) c.res.socket.destroy();
  await waitFor('the stream to be gone', () => site.app.liveHub.stats().connections === 0);
  const missed = await postEntry(site.app, liveId, { title: 'Pendant la coupure', text: 'Posté pendant que le lecteur était déconnecté.' });
  await page.locator(`#entree-${missed.id}`).waitFor({ timeout: 15_000 });
  expect(site.app.liveHub.stats().connections).toBe(1);
  await deleteEntry(site.app, liveId, missed.id);
  await page.locator(`#entree-${missed.id}`).waitFor({ state: 'detached' });
});

it('reads on a node holding all the streams it may, and follows the live once a place is free', async () => {
  const node = await startTestSite('sqlite', { database: site.config.database, liveMaxStreams: 1 });
  const held = new AbortController();
  try {
    // Someone else holds the node's only stream.
    const other = await fetch(`${node.url}${path}/events`, { signal: held.signal });
    expect(other.status).toBe(200);
    await waitFor('the held stream', () => node.app.liveHub.stats().connections === 1);
    const refused: number[] = [];
    const page = await newPage({ viewport: { width: 1280, height: 900 } });
    page.on('response', (r) => {
      if (r.url().includes('/events')) refused.push(r.status());
    });
    await page.goto(node.url + path);
    await expect(page.locator('.live-entries > .live-entry').count()).resolves.toBe(20);
    await waitFor('the page’s stream to be refused', () => refused.includes(503), 10_000);
    expect(node.app.liveHub.stats().connections).toBe(1);
    // The place frees: live.js comes back on its own, later.
    held.abort();
    await waitFor('the page’s stream', () => node.app.liveHub.stats().connections === 1 && refused.includes(200), 30_000);
    const e = await postEntry(node.app, liveId, { title: 'Après l’attente', text: 'Le lecteur suit de nouveau.' });
    await page.locator(`#entree-${e.id}`).waitFor({ timeout: 15_000 });
    await deleteEntry(node.app, liveId, e.id);
  } finally {
    held.abort();
    await node.app.close();
  }
}, 90_000);

it('offers "Suivre ce direct" on a live sent by push, next to the footer’s alerts button, only with JavaScript on', async () => {
  await site.app.store.db.updateTable('articles').set({ live_push: 1 }).where('id', '=', liveId).execute();
  await makeLive(site.app, liveId, live.publishedAt); // bumps the content version: caches re-render
  try {
    const on = await newPage({ viewport: { width: 1280, height: 900 } });
    await on.goto(site.url + path);
    const follow = on.getByRole('button', { name: 'Suivre ce direct' });
    await follow.waitFor({ state: 'visible' });
    await expect(on.getByRole('button', { name: 'Recevoir les alertes' }).isVisible()).resolves.toBe(true);
    // Nothing asked on arrival: no permission prompt until pressed.
    await expect(on.evaluate(() => Notification.permission)).resolves.toBe('default');
    const off = await newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await off.goto(site.url + path);
    expect(await off.locator('.live-follow').count()).toBe(1);
    await expect(off.locator('.live-follow').isVisible()).resolves.toBe(false);
    await expect(off.locator('.live-entries > .live-entry').count()).resolves.toBe(20);
  } finally {
    await site.app.store.db.updateTable('articles').set({ live_push: 0 }).where('id', '=', liveId).execute();
    await makeLive(site.app, liveId, live.publishedAt);
  }
});

it('reads completely with JavaScript off', async () => {
  const page = await newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  await page.goto(site.url + path);
  await expect(page.locator('.live-label').textContent()).resolves.toContain('EN DIRECT');
  expect(await page.locator('.live-entries > .live-entry').count()).toBe(20);
  await page.getByRole('link', { name: 'Entrées précédentes' }).click();
  await page.waitForURL(/page=2/);
  expect(await page.locator('.live-entries > .live-entry').count()).toBe(5);
  await page.getByRole('link', { name: 'Accord de principe sur l’aide à l’Ukraine' }).click();
  await page.waitForURL(/\/entree\/\d+$/);
  await expect(page.locator('.live-entry.is-target .live-entry-title').textContent()).resolves.toBe('Accord de principe sur l’aide à l’Ukraine');
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/live-1280-full.png`, fullPage: true });
});
