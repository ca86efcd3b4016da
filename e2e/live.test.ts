import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pollDue } from '../src/ingest/poller.ts';
import { adminClient, type AdminClient } from '../test/admin-client.ts';
import { makeImage, waitFor } from '../test/harness.ts';
import { ADMIN, CONTRIBUTOR, EDITOR, JOURNEY_MS, OTHER_CONTRIBUTOR, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import type { Page } from 'playwright-core';
import { LiveDeskPage, LivePanel, ReaderLivePage } from './pages/live-desk.page.ts';

/**
 * Live coverage in Chromium: an editor makes a published article a live from
 * the editor's "Direct" panel; two reporters, each in their own browser
 * context, post into it at the same moment with Ctrl+Entrée while a reader's
 * page (JavaScript on) receives both entries without a reload, and a reader
 * with JavaScript off reads the whole page. Then the desk's version check
 * between two people editing one entry, a contributor's proposed entry
 * published by an editor, and a wire item added to the live in one click.
 */

const nr = newsroomJourneys({ site: { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 } });
const { newPage, signedIn, api, expectNoAxeViolations } = nr;

const HOSTILE = '<script>alert(1)</script> "onmouseover=alert(2)';

let liveId = 0;
let livePath = '';

/** A published article with a summary, made through the API; the live is made in the UI. */
async function publishedArticle(headline: string): Promise<{ id: number; path: string }> {
  const ed = await api(EDITOR.email);
  const { article } = await ed.json('POST', '/api/admin/articles', {
    edition: 'fr',
    section: 'monde',
    headline,
    standfirst: 'Les chefs d’État réunis pour deux jours.',
    body: [{ type: 'paragraph', text: 'Le résumé du direct, au-dessus des entrées.' }],
  });
  await ed.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
  const full = await ed.json('GET', `/api/admin/articles/${article.id}`);
  return { id: article.id, path: full.article.path ?? new URL(full.article.url).pathname };
}

/** A picture into the media library through the Admin API. */
function upload(client: AdminClient, data: Buffer, filename: string): Promise<{ id: number; filename: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), filename);
  return client.json('POST', '/api/admin/media', form);
}

/** The kinds of the blocks of an entry on the public page, in the page's order. */
function publicBlocks(page: Page, entryId: number): Promise<string[]> {
  return page.locator(`#entree-${entryId} .live-entry-body > *`).evaluateAll((els) =>
    els.map((el) => {
      if (el.tagName === 'P') return 'paragraph';
      if (el.tagName === 'UL' || el.tagName === 'OL') return 'list';
      for (const k of ['quote', 'embed', 'figure']) if (el.classList.contains(k)) return k;
      return el.tagName.toLowerCase();
    }),
  );
}

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  const admin = await api(ADMIN.email);
  for (const [u, role] of [
    [CONTRIBUTOR, 'contributor'],
    [OTHER_CONTRIBUTOR, 'contributor'],
    [EDITOR, 'editor'],
  ] as const) {
    await admin.json('POST', '/api/admin/users', { ...u, role, password: PASSWORD });
  }
  const a = await publishedArticle('Sommet de Genève : suivez la journée en direct');
  liveId = a.id;
  livePath = a.path;
});

describe('live coverage in Chromium', () => {
  it(
    'two reporters post into one live at once; the reader’s page gets both entries without a reload, and reads in full with JavaScript off',
    async () => {
      // The editor makes the article a live and opens posting to contributors, from the editor's panel.
      const editor = await signedIn(EDITOR.email);
      await editor.goto(`${nr.site.url}/admin/articles/${liveId}`, { waitUntil: 'load' });
      const panel = new LivePanel(editor);
      await panel.makeLive();
      await panel.setOpenPosting(true);
      await expectNoAxeViolations(editor, 'the editor with its Direct panel');
      const live = (await (await api(EDITOR.email)).json('GET', `/api/admin/articles/${liveId}`)).article.live;
      expect(live).toMatchObject({ endedAt: null, openPosting: true });
      const deskA = await panel.openDesk();
      // The cursor is in the text: typing and Ctrl+Entrée is all a post takes.
      await deskA.textHasFocus();
      await expectNoAxeViolations(editor, 'the live desk');

      const contributor = await signedIn(CONTRIBUTOR.email);
      const deskB = await new LiveDeskPage(contributor).goto(nr.site.url, liveId);
      // Open posting: the contributor publishes, not proposes.
      await deskB.composer.getByRole('button', { name: 'Publier' }).waitFor();

      // The reader's page, JavaScript on, opened before the posts.
      const readerPage = await newPage();
      let dialogs = 0;
      readerPage.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await readerPage.goto(nr.site.url + livePath, { waitUntil: 'load' });
      await readerPage.getByText('EN DIRECT', { exact: true }).first().waitFor();
      await readerPage.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));
      const reader = new ReaderLivePage(readerPage);

      const TEXT_A = 'Les délégations entrent dans la salle plénière.';
      const TEXT_B = 'Devant le palais, les manifestants se rassemblent.';
      await deskA.type(TEXT_A, { title: `Ouverture ${HOSTILE}` });
      await deskB.type(TEXT_B);
      // Both at the same moment: entries are separate records, no conflict between them.
      await Promise.all([deskA.pressPost(), deskB.pressPost()]);
      await deskA.announced('Entrée publiée.');
      await deskB.announced('Entrée publiée.');
      // The composers are empty again, ready for the next entry.
      expect(await deskA.text.inputValue()).toBe('');
      expect(await deskB.text.inputValue()).toBe('');

      // Each desk shows both entries (its own at once, the other's by the refresh), who posted them, and the time with its zone.
      for (const desk of [deskA, deskB]) {
        await desk.entry(TEXT_A).waitFor();
        await desk.entry(TEXT_B).waitFor();
      }
      expect(await deskA.entry(TEXT_B).textContent()).toContain(`par ${CONTRIBUTOR.name}`);
      expect(await deskB.entry(TEXT_A).textContent()).toMatch(/\d\d:\d\d \(Europe\/Paris\)/);
      expect(await deskB.entry(TEXT_A).textContent()).toContain(`Ouverture ${HOSTILE}`);

      const { entries } = await (await api(EDITOR.email)).json('GET', `/api/admin/articles/${liveId}/entries`);
      expect(entries.map((e: { status: string }) => e.status)).toEqual(['published', 'published']);
      expect(new Set(entries.map((e: { postedBy: string }) => e.postedBy))).toEqual(new Set([EDITOR.name, CONTRIBUTOR.name]));

      // The reader's page receives both, without a reload (the same window object), hostile text as text.
      await reader.receive(TEXT_A);
      await reader.receive(TEXT_B);
      expect(await readerPage.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
      expect(await reader.entry(TEXT_A).textContent()).toContain(`Ouverture ${HOSTILE}`);
      expect(await readerPage.locator('article[id^="entree-"] script').count()).toBe(0);
      expect(dialogs).toBe(0);

      // With JavaScript off, the page reads in full: the label, the summary and both entries with their anchors.
      const plain = await newPage({ javaScriptEnabled: false });
      await plain.goto(nr.site.url + livePath, { waitUntil: 'load' });
      const plainReader = new ReaderLivePage(plain);
      await plain.getByText('EN DIRECT', { exact: true }).first().waitFor();
      expect(await plain.getByText('Le résumé du direct, au-dessus des entrées.').count()).toBeGreaterThan(0);
      for (const e of entries as Array<{ id: number }>) expect(await plain.locator(`#entree-${e.id}`).count()).toBe(1);
      expect(await plainReader.entry(TEXT_A).count()).toBe(1);
      expect(await plainReader.entry(TEXT_B).count()).toBe(1);
    },
    JOURNEY_MS,
  );

  it(
    'editing an entry someone else saved meanwhile shows their version and lets the user keep theirs or take the other',
    async () => {
      const { entry } = await (await api(CONTRIBUTOR.email)).json('POST', `/api/admin/articles/${liveId}/entries`, { body: [{ type: 'paragraph', text: 'Bilan provisoire : trois blessés.' }] });

      const contributor = await signedIn(CONTRIBUTOR.email);
      const mine = new LiveDeskPage(contributor);
      await mine.goto(nr.site.url, liveId);
      const editor = await signedIn(EDITOR.email);
      const theirs = new LiveDeskPage(editor);
      await theirs.goto(nr.site.url, liveId);

      // Both open the entry; the editor saves first.
      const item = contributor.locator(`li#entry-${entry.id}`);
      const theirItem = editor.locator(`li#entry-${entry.id}`);
      await item.getByRole('button', { name: /^Modifier l’entrée/ }).click();
      await item.getByLabel('Texte', { exact: true }).fill('Bilan : quatre blessés, selon la préfecture.');
      await theirItem.getByRole('button', { name: /^Modifier l’entrée/ }).click();
      await theirItem.getByLabel('Texte', { exact: true }).fill('Bilan : trois blessés légers.');
      await theirItem.getByRole('button', { name: 'Enregistrer l’entrée' }).click();
      await theirs.entry('trois blessés légers').getByRole('button', { name: /^Modifier l’entrée/ }).waitFor();

      // The contributor saves over a stale version: nothing is overwritten, the other version is shown.
      await item.getByRole('button', { name: 'Enregistrer l’entrée' }).click();
      const conflict = item.getByRole('alert').filter({ has: contributor.getByRole('heading', { name: 'Entrée modifiée entre-temps' }) });
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('Bilan : trois blessés légers.');
      expect(await conflict.textContent()).toContain('Bilan : quatre blessés, selon la préfecture.');
      let now = (await (await api(EDITOR.email)).json('GET', `/api/admin/articles/${liveId}/entries`)).entries.find((e: { id: number }) => e.id === entry.id);
      expect(now.body).toEqual([{ type: 'paragraph', text: 'Bilan : trois blessés légers.' }]);
      await expectNoAxeViolations(contributor, 'an entry in conflict');

      // The contributor keeps theirs, knowingly: saved over the other version.
      await conflict.getByRole('button', { name: 'Garder la mienne (écraser)' }).click();
      await mine.announced('Entrée enregistrée.');
      now = (await (await api(EDITOR.email)).json('GET', `/api/admin/articles/${liveId}/entries`)).entries.find((e: { id: number }) => e.id === entry.id);
      expect(now.body).toEqual([{ type: 'paragraph', text: 'Bilan : quatre blessés, selon la préfecture.' }]);
      expect(now.version).toBeGreaterThan(entry.version + 1);
      await theirs.entry('quatre blessés').waitFor();
    },
    JOURNEY_MS,
  );

  it(
    'a contributor without open posting proposes an entry; the reader never sees it until an editor publishes it',
    async () => {
      const ed = await api(EDITOR.email);
      const { article } = await ed.json('GET', `/api/admin/articles/${liveId}`);
      const editorPage = await signedIn(EDITOR.email);
      await editorPage.goto(`${nr.site.url}/admin/articles/${liveId}`, { waitUntil: 'load' });
      await new LivePanel(editorPage).setOpenPosting(false);
      expect((await ed.json('GET', `/api/admin/articles/${liveId}`)).article.live.openPosting).toBe(false);
      expect(article.live.openPosting).toBe(true);

      const other = await signedIn(OTHER_CONTRIBUTOR.email);
      const desk = new LiveDeskPage(other);
      await desk.goto(nr.site.url, liveId);
      const PROPOSED = 'Le communiqué final est attendu vers 18 h.';
      await desk.type(PROPOSED);
      await desk.composer.getByRole('button', { name: 'Proposer' }).waitFor();
      await desk.pressPost();
      await desk.announced('Entrée proposée : un éditeur la publiera.');
      await desk.drafts.getByText(PROPOSED).waitFor();

      const readerPage = await newPage({ javaScriptEnabled: false });
      await readerPage.goto(nr.site.url + livePath, { waitUntil: 'load' });
      expect(await new ReaderLivePage(readerPage).entry(PROPOSED).count()).toBe(0);

      const editorDesk = new LiveDeskPage(editorPage);
      await editorDesk.goto(nr.site.url, liveId);
      await editorDesk.drafts.getByRole('button', { name: /^Publier l’entrée/ }).click();
      await editorDesk.announced('Entrée publiée.');
      await editorDesk.entries.getByText(PROPOSED).waitFor();
      await waitFor('the published entry on the reader’s page', async () => {
        await readerPage.goto(nr.site.url + livePath, { waitUntil: 'load' });
        return (await new ReaderLivePage(readerPage).entry(PROPOSED).count()) === 1;
      });
    },
    JOURNEY_MS,
  );

  it(
    'turns a wire item into an entry of a running live in one choice, keeping its source; the entry into an article draft; and deletes it after a confirmation',
    async () => {
      const ed = await api(EDITOR.email);
      const { source } = await ed.json('POST', '/api/admin/ingest/sources', { name: 'Agence Lémanique', kind: 'ninjs', edition: 'fr', section: 'monde' });
      await fs.writeFile(
        path.join(source.dropFolder, 'flash-1.json'),
        JSON.stringify({ guid: 'alm-1', headline: 'Accord trouvé sur le texte final', body_html: '<p>Les négociateurs ont trouvé un accord dans la nuit.</p>', firstcreated: '2026-12-07T06:00:00Z' }),
      );
      const log = { info() {}, warn() {}, error() {} };
      await pollDue({ db: nr.site.app.store.db, now: () => new Date(), log, ingestDir: nr.site.config.ingestDir }, { all: true });

      const page = await signedIn(EDITOR.email);
      await page.goto(`${nr.site.url}/admin/ingest`, { waitUntil: 'load' });
      await page.getByRole('button', { name: 'Ajouter au direct… « Accord trouvé sur le texte final »' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ajouter la dépêche à un direct' });
      await dialog.getByLabel(/Sommet de Genève/).check();
      await expectNoAxeViolations(page, 'the wire queue’s "Ajouter au direct…" dialog');
      await dialog.getByRole('button', { name: 'Ajouter l’entrée' }).click();
      await page.getByRole('status').filter({ hasText: 'Dépêche ajoutée au direct' }).waitFor();
      await page.getByRole('link', { name: 'Ouvrir le direct' }).click();
      const desk = new LiveDeskPage(page);
      await desk.heading.waitFor();
      const item = desk.page.locator('li.live-entry').filter({ hasText: 'Les négociateurs ont trouvé un accord' });
      await item.waitFor();
      expect(await item.textContent()).toContain('source : Agence Lémanique');

      // One click turns the entry into a full article draft, linked from the entry.
      await item.getByRole('button', { name: /^Créer un article à partir de l’entrée/ }).click();
      await desk.announced('Brouillon d’article créé à partir de l’entrée.');
      const link = item.getByRole('link', { name: 'Ouvrir l’article tiré de l’entrée' });
      await link.waitFor();
      const { entries } = await ed.json('GET', `/api/admin/articles/${liveId}/entries`);
      const wired = entries.find((e: { source: { name: string } | null }) => e.source?.name === 'Agence Lémanique');
      expect(wired.articleDraftId).toEqual(expect.any(Number));
      expect(await link.getAttribute('href')).toBe(`/admin/articles/${wired.articleDraftId}`);
      const draft = (await ed.json('GET', `/api/admin/articles/${wired.articleDraftId}`)).article;
      expect(draft.status).toBe('draft');

      // Deleting asks first, then the entry leaves the desk and the live.
      page.once('dialog', (d) => void d.accept());
      await item.getByRole('button', { name: /^Supprimer l’entrée/ }).click();
      await desk.announced('Entrée supprimée.');
      await item.waitFor({ state: 'detached' });
      const after = (await ed.json('GET', `/api/admin/articles/${liveId}/entries`)).entries;
      expect(after.map((e: { id: number }) => e.id)).not.toContain(wired.id);
    },
    JOURNEY_MS,
  );

  it(
    'edits a mixed entry in place without moving any block (the public page keeps their order); a published entry links to its permalink, copied in one click',
    async () => {
      const ed = await api(EDITOR.email);
      const media = await upload(ed, await makeImage(800, 600, 'jpeg', '#aa5533'), 'place-du-palais.jpg');
      const body = [
        { type: 'paragraph', text: 'Premier paragraphe du point.' },
        { type: 'figure', image: media.id, alt: 'La place du palais', caption: 'La foule devant le palais', credit: 'Photo Agence Lémanique' },
        { type: 'paragraph', text: 'Deuxième paragraphe, après la photo.' },
        { type: 'quote', text: 'Nous ne partirons pas', speaker: { name: 'Une manifestante' } },
        { type: 'list', items: ['Trois délégations', 'Deux accords'] },
      ];
      const { entry } = await ed.json('POST', `/api/admin/articles/${liveId}/entries`, { title: 'Point de la mi-journée', body });

      const page = await signedIn(EDITOR.email);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: nr.site.url });
      const desk = await new LiveDeskPage(page).goto(nr.site.url, liveId);
      const item = page.locator(`li#entry-${entry.id}`);
      await item.getByRole('button', { name: /^Modifier l’entrée/ }).click();
      const text = item.getByLabel('Texte', { exact: true });
      expect(await text.inputValue()).toBe('Premier paragraphe du point.');
      await text.fill('Premier paragraphe du point, précisé.');
      await item.getByLabel('Légende', { exact: true }).fill('La foule devant le palais, à midi');
      await item.getByRole('button', { name: 'Enregistrer l’entrée' }).click();
      await desk.announced('Entrée enregistrée.');

      // Only what was changed changed; every block is where it was.
      const saved = (await ed.json('GET', `/api/admin/articles/${liveId}/entries/${entry.id}`)).entry;
      expect(saved.body).toEqual([
        { type: 'paragraph', text: 'Premier paragraphe du point, précisé.' },
        { ...body[1], caption: 'La foule devant le palais, à midi' },
        body[2],
        body[3],
        body[4],
      ]);

      // The reader's page (JavaScript off) shows the blocks in the same order.
      const plain = await newPage({ javaScriptEnabled: false });
      const reader = new ReaderLivePage(plain);
      await waitFor('the edited entry on the reader’s page', async () => {
        await plain.goto(nr.site.url + livePath, { waitUntil: 'load' });
        return (await reader.entry('Premier paragraphe du point, précisé.').count()) === 1;
      });
      expect(await publicBlocks(plain, entry.id)).toEqual(['paragraph', 'figure', 'paragraph', 'quote', 'list']);
      expect(await plain.locator(`#entree-${entry.id} .live-entry-body > p`).allTextContents()).toEqual(['Premier paragraphe du point, précisé.', 'Deuxième paragraphe, après la photo.']);
      expect(await plain.locator(`#entree-${entry.id} figure.figure figcaption`).textContent()).toContain('La foule devant le palais, à midi');

      // The desk links each published entry to its public permalink, and copies it in one click.
      const link = item.getByRole('link', { name: /^Lien public de l’entrée/ });
      expect(await link.getAttribute('href')).toBe(saved.url);
      const permalink = new URL(saved.url).pathname;
      expect(permalink).toBe(`${livePath}/entree/${entry.id}`);
      await item.getByRole('button', { name: /^Copier le lien de l’entrée/ }).click();
      await desk.announced('Lien de l’entrée copié.');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(saved.url);
      await expectNoAxeViolations(page, 'the desk with entries and their public links');
      await plain.goto(nr.site.url + permalink, { waitUntil: 'load' });
      expect(await plain.locator(`#entree-${entry.id}`).count()).toBe(1);
      expect(await plain.locator('meta[property="og:title"]').getAttribute('content')).toContain('Point de la mi-journée');
      // A proposed entry has no public link yet.
      const { entry: proposed } = await ed.json('POST', `/api/admin/articles/${liveId}/entries`, { status: 'draft', body: [{ type: 'paragraph', text: 'Proposition sans lien public.' }] });
      await desk.goto(nr.site.url, liveId);
      const draftItem = desk.drafts.locator(`li#entry-${proposed.id}`);
      await draftItem.waitFor();
      expect(await draftItem.getByRole('link', { name: /^Lien public/ }).count()).toBe(0);
      await ed.call('DELETE', `/api/admin/articles/${liveId}/entries/${proposed.id}`);
    },
    JOURNEY_MS,
  );

  it(
    'posts a photo from the camera roll and one from the media library; the public page shows each figure with its caption and credit',
    async () => {
      const ed = await api(EDITOR.email);
      const library = await upload(ed, await makeImage(900, 600, 'jpeg', '#2d8a4e'), 'tribune-officielle.jpg');
      const page = await signedIn(EDITOR.email);
      const desk = await new LiveDeskPage(page).goto(nr.site.url, liveId);
      const entryWith = async (text: string) => {
        let found: { body: Array<Record<string, unknown> & { type: string; image?: number }> } | undefined;
        await waitFor(`the entry “${text}” in the API`, async () => {
          const { entries } = await ed.json('GET', `/api/admin/articles/${liveId}/entries?limit=5`);
          found = entries.find((e: { body: Array<{ text?: string }> }) => e.body.some((b) => b.text === text));
          return !!found;
        });
        return found!;
      };

      // From the camera roll: the file goes to the media library, then into the entry as a figure.
      await desk.composer.getByLabel('Photo de l’appareil').setInputFiles({ name: 'appareil-photo.jpg', mimeType: 'image/jpeg', buffer: await makeImage(1000, 700, 'jpeg', '#8a2d6b') });
      await desk.announced(/^Photo .+ ajoutée à la médiathèque\.$/);
      await desk.composer.getByLabel('Texte alternatif').fill('Les délégués sur les marches du palais');
      await desk.composer.getByLabel('Légende', { exact: true }).fill('Sur les marches, à 14 h');
      await desk.composer.getByLabel('Crédit', { exact: true }).fill('Photo Élise Éditrice');
      const ROLL = 'Photo prise à l’instant devant le palais.';
      await desk.type(ROLL);
      await desk.pressPost();
      const rolled = await entryWith(ROLL);
      const rollFigure = rolled.body.find((b) => b.type === 'figure')!;
      expect(rollFigure).toMatchObject({ alt: 'Les délégués sur les marches du palais', caption: 'Sur les marches, à 14 h', credit: 'Photo Élise Éditrice' });
      const uploaded = await ed.json('GET', `/api/admin/media/${rollFigure.image}`);
      expect((uploaded.media ?? uploaded).filename).toBe('appareil-photo.jpg');
      // The composer is empty again, without the photo.
      await desk.composer.getByLabel('Texte alternatif').waitFor({ state: 'detached' });

      // From the media library: the dialog lists it, one choice puts it in.
      await desk.composer.getByRole('button', { name: 'Photo de la médiathèque' }).click();
      const dialog = page.getByRole('dialog', { name: 'Choisir une photo' });
      await dialog.getByRole('button', { name: 'Choisir tribune-officielle.jpg' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await desk.composer.getByLabel('Texte alternatif').fill('La tribune officielle vide');
      await desk.composer.getByLabel('Légende', { exact: true }).fill('La tribune avant les discours');
      await desk.composer.getByLabel('Crédit', { exact: true }).fill('Photo Agence Lémanique');
      const LIB = 'La tribune attend les chefs d’État.';
      await desk.type(LIB);
      await desk.pressPost();
      const picked = await entryWith(LIB);
      expect(picked.body.find((b) => b.type === 'figure')).toEqual({ type: 'figure', image: library.id, alt: 'La tribune officielle vide', caption: 'La tribune avant les discours', credit: 'Photo Agence Lémanique' });

      // The reader's page (JavaScript off) shows both figures with their captions and credits.
      const plain = await newPage({ javaScriptEnabled: false });
      const reader = new ReaderLivePage(plain);
      await waitFor('both entries on the reader’s page', async () => {
        await plain.goto(nr.site.url + livePath, { waitUntil: 'load' });
        return (await reader.entry(ROLL).count()) === 1 && (await reader.entry(LIB).count()) === 1;
      });
      for (const [text, alt, caption, credit] of [
        [ROLL, 'Les délégués sur les marches du palais', 'Sur les marches, à 14 h', 'Photo Élise Éditrice'],
        [LIB, 'La tribune officielle vide', 'La tribune avant les discours', 'Photo Agence Lémanique'],
      ]) {
        const figure = reader.entry(text).locator('figure.figure');
        expect(await figure.count(), text).toBe(1);
        expect(await figure.locator('img').getAttribute('alt')).toBe(alt);
        expect(await figure.locator('figcaption .caption').textContent()).toBe(caption);
        expect(await figure.locator('figcaption .credit').textContent()).toBe(credit);
        const src = await figure.locator('img').getAttribute('src');
        const img = await fetch(new URL(src!, nr.site.url));
        expect(img.status, src!).toBe(200);
        expect(img.headers.get('content-type')).toMatch(/^image\//);
      }
    },
    JOURNEY_MS,
  );

  it(
    'ends the live from the editor’s panel in one click and a confirmation; the page stays as an archive without the label',
    async () => {
      const page = await signedIn(EDITOR.email);
      await page.goto(`${nr.site.url}/admin/articles/${liveId}`, { waitUntil: 'load' });
      const panel = new LivePanel(page);
      page.once('dialog', (d) => void d.accept());
      await panel.region.getByRole('button', { name: 'Terminer le direct' }).click();
      await panel.region.getByText(/Direct terminé le .*\(Europe\/Paris\)/).waitFor();
      const { article } = await (await api(EDITOR.email)).json('GET', `/api/admin/articles/${liveId}`);
      expect(article.live.endedAt).not.toBeNull();
      expect(article.status).toBe('published');

      const desk = await panel.openDesk();
      await desk.page.getByText('Direct terminé', { exact: true }).waitFor();

      const plain = await newPage({ javaScriptEnabled: false });
      await waitFor('the archive without the label', async () => {
        await plain.goto(nr.site.url + livePath, { waitUntil: 'load' });
        return (await plain.getByText('EN DIRECT', { exact: true }).count()) === 0;
      });
      expect(await plain.getByText('Le résumé du direct, au-dessus des entrées.').count()).toBeGreaterThan(0);
      expect(await new ReaderLivePage(plain).entry('Les délégations entrent dans la salle plénière.').count()).toBe(1);
    },
    JOURNEY_MS,
  );
});
