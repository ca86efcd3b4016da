import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pollDue } from '../src/ingest/poller.ts';
import { adminClient } from '../test/admin-client.ts';
import { waitFor } from '../test/harness.ts';
import { ADMIN, CONTRIBUTOR, EDITOR, JOURNEY_MS, OTHER_CONTRIBUTOR, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
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
