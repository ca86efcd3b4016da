import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../test/admin-client.ts';
import { jpegWithIptc } from '../test/iptc-fixture.ts';
import { ADMIN, CONTRIBUTOR, EDITOR, JOURNEY_MS, OTHER_CONTRIBUTOR, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { AppShell, ArticleEditorPage, ArticleListPage, FigureDialog, HomepageCurationPage, MediaLibraryPage, PublicationPanel, RefusalPage, editorHasFocus, navLinkNames } from './pages/newsroom.page.ts';

/**
 * The newsroom workflow in Chromium: a photo's IPTC prefilling the figure
 * form, an article scheduled from the publication panel going live on its own,
 * what a contributor is refused in the UI, and axe on the media library and the
 * home page curation screen. Accounts are made through the API; each journey
 * makes its own articles.
 */

/** The fr edition's time zone; the browser runs in it too, so that the datetime input means Paris time. */
const EDITION_TZ = 'Europe/Paris';

/**
 * The site's clock: the real one, moved forward by `clockShiftMs`. The
 * scheduling journey moves it (forward only, by less than a minute) so that
 * the next whole minute, which is all a datetime input takes, is 3 s away.
 */
let clockShiftMs = 0;
const siteNow = () => new Date(Date.now() + clockShiftMs);

const nr = newsroomJourneys({ site: { schedulerMs: 200 }, now: () => siteNow(), timezoneId: 'America/New_York' });
const { newPage, signedIn, api, expectNoAxeViolations } = nr;

function upload(client: AdminClient, data: Buffer, filename: string): Promise<any> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), filename);
  return client.json('POST', '/api/admin/media', form);
}

/** An article as the API takes it, ready to publish: headline, section, a paragraph. */
function articleInput(headline: string, section: string): Record<string, unknown> {
  return { edition: 'fr', section, headline, standfirst: 'Un chapô.', body: [{ type: 'paragraph', text: 'Premier paragraphe.' }] };
}

/** `2026-11-20T09:30`: what a datetime-local input holds for this instant in this time zone. */
function localDateTime(d: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

async function publicStatus(urlPath: string): Promise<number> {
  const r = await fetch(nr.site.url + urlPath, { redirect: 'manual' });
  await r.arrayBuffer();
  return r.status;
}

beforeAll(async () => {
  // The scheduler looks for due articles every 200 ms instead of every 5 s.
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
});

describe('newsroom workflow in Chromium', () => {
  it(
    'prefills the figure form from the uploaded photo’s IPTC, accents intact, and saves it in the figure block',
    async () => {
      const CAPTION = 'Négociations à Genève';
      const CREDIT = 'Photo Agence Méridien';
      const BYLINE = 'Inès Faure';
      const COPYRIGHT = '© Agence Méridien 2026';
      const alt = 'Deux délégations face à face autour d’une longue table';
      const jpeg = await jpegWithIptc({ caption: CAPTION, credit: CREDIT, copyright: COPYRIGHT, byline: BYLINE }, { color: '#224466' });

      const page = await signedIn(CONTRIBUTOR.email);
      const editor = await new ArticleListPage(page).newArticle();
      await editor.headline.fill('Reprise des négociations à Genève');
      await editor.chooseSection('international', { create: true });

      const figure = await FigureDialog.upload(editor, { name: 'geneve.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      // What the photo says about itself is the starting point of the form.
      await expect.poll(() => figure.caption.inputValue()).toBe(CAPTION);
      await expect.poll(() => figure.credit.inputValue()).toBe(CREDIT);
      expect(await figure.alt.inputValue()).toBe('');
      await figure.alt.fill(alt);
      await figure.insertButton.click();
      await editorHasFocus(page);
      await editor.block('Photo').getByText(alt).waitFor();
      const id = await editor.create();

      const contributor = await api(CONTRIBUTOR.email);
      const { article } = await contributor.json('GET', `/api/admin/articles/${id}`);
      const figures = article.body.filter((b: any) => b.type === 'figure');
      expect(figures).toEqual([expect.objectContaining({ type: 'figure', image: expect.any(Number), alt, caption: CAPTION, credit: CREDIT })]);
      // The library entry keeps the by-line and the copyright, accents intact too.
      const media = await contributor.json('GET', `/api/admin/media/${figures[0].image}`);
      expect(media).toMatchObject({ filename: 'geneve.jpg', caption: CAPTION, credit: CREDIT, creator: BYLINE, copyright: COPYRIGHT });
    },
    JOURNEY_MS,
  );

  it(
    'schedules an article from the datetime input in Paris time; the public page turns from 404 to 200 on time and the home page lists it',
    async () => {
      const headline = 'Le budget de la ville adopté au petit matin';
      const section = 'politique';
      const { editions } = await (await api(ADMIN.email)).json('GET', '/api/admin/editions');
      expect(editions.find((e: any) => e.code === 'fr')?.timeZone).toBe(EDITION_TZ);

      // A contributor's article, submitted for review: ready to publish.
      const contributor = await api(CONTRIBUTOR.email);
      const { article: created } = await contributor.json('POST', '/api/admin/articles', articleInput(headline, section));
      await contributor.json('POST', `/api/admin/articles/${created.id}/transitions`, { to: 'in_review' });
      const publicPath = `/fr/${section}/${created.slug}`;
      expect(created.path).toBe(publicPath);

      const editor = new ArticleEditorPage(await signedIn(EDITOR.email));
      await editor.goto(nr.site.url, created.id);
      await editor.waitStatus('En relecture');
      const panel = new PublicationPanel(editor);
      await panel.scheduleAt.waitFor();

      // The input takes whole minutes: move the site's clock so that the next minute is 3 s away.
      const LEAD_MS = 3000;
      const at = new Date(Math.ceil((siteNow().getTime() + LEAD_MS) / 60_000) * 60_000);
      clockShiftMs += at.getTime() - LEAD_MS - siteNow().getTime();
      await panel.schedule(localDateTime(at, EDITION_TZ));

      await editor.waitStatus('Programmé');
      const hhmm = new Intl.DateTimeFormat('fr-FR', { timeZone: EDITION_TZ, hour: '2-digit', minute: '2-digit' }).format(at);
      expect(await panel.scheduledFor.textContent()).toContain(hhmm);
      // The time typed was read as Paris time.
      const scheduled = (await contributor.json('GET', `/api/admin/articles/${created.id}`)).article;
      expect(scheduled).toMatchObject({ status: 'scheduled', scheduledAt: at.toISOString() });

      // Before its time, readers do not see it.
      const before = await publicStatus(publicPath);
      expect(siteNow().getTime(), 'the 404 check came after the scheduled time: the machine is too slow for this journey').toBeLessThan(at.getTime());
      expect(before).toBe(404);

      // Then the scheduler publishes it, and the page answers.
      await expect.poll(() => publicStatus(publicPath), { timeout: 20_000, interval: 200 }).toBe(200);
      const published = (await contributor.json('GET', `/api/admin/articles/${created.id}`)).article;
      expect(published).toMatchObject({ status: 'published', publishedAt: at.toISOString(), scheduledAt: null });

      const reader = await newPage();
      await expect
        .poll(
          async () => {
            await reader.goto(`${nr.site.url}/fr/`, { waitUntil: 'load' });
            return reader.getByRole('main').getByRole('link', { name: headline }).count();
          },
          { timeout: 20_000, interval: 200 },
        )
        .toBeGreaterThan(0);
    },
    JOURNEY_MS,
  );

  it(
    'refuses a contributor in the UI: no publish button, the server’s 403 on someone else’s article, no accounts or tokens',
    async () => {
      const contributor = await api(CONTRIBUTOR.email);
      const other = await api(OTHER_CONTRIBUTOR.email);
      const admin = await api(ADMIN.email);
      const { article: own } = await contributor.json('POST', '/api/admin/articles', articleInput('Mon propre brouillon', 'societe'));
      const { article: theirs } = await other.json('POST', '/api/admin/articles', articleInput('Le brouillon de Paule', 'societe'));

      const page = await signedIn(CONTRIBUTOR.email);
      const requested: string[] = [];
      page.on('request', (r) => requested.push(new URL(r.url()).pathname));

      // Their own draft: submit for review, nothing that publishes.
      const editor = new ArticleEditorPage(page);
      await editor.goto(nr.site.url, own.id);
      await editor.waitStatus('Brouillon');
      const panel = new PublicationPanel(editor);
      const buttons = await panel.buttonNames();
      expect(buttons).toContain('Soumettre à la relecture');
      for (const publishing of ['Publier', 'Publier maintenant', 'Republier', 'Dépublier', 'Programmer']) expect(buttons).not.toContain(publishing);
      expect(await panel.scheduleAt.count()).toBe(0);

      // No accounts or tokens in the navigation, and a refusal at their addresses. The video library,
      // like the pictures', is every contributor's; the channel and its schedule are editors'.
      expect(await navLinkNames(page)).toEqual(['Articles', 'Dépêches', 'Médiathèque', 'Vidéos']);
      const refusal = new RefusalPage(page);
      for (const where of ['/users', '/tokens']) {
        await refusal.goto(nr.site.url, where);
        await refusal.message.waitFor();
        expect(await page.getByRole('table').count(), `a table at ${where}`).toBe(0);
        const text = (await page.getByRole('main').textContent()) ?? '';
        expect(text).not.toContain(ADMIN.email);
        expect(text).not.toContain(OTHER_CONTRIBUTOR.email);
      }
      expect(requested.filter((p) => p.startsWith('/api/admin/users') || p.startsWith('/api/admin/tokens'))).toEqual([]);
      // The server refuses too.
      expect((await contributor.call('GET', '/api/admin/users')).status).toBe(403);
      expect((await contributor.call('GET', '/api/admin/tokens')).status).toBe(403);

      // Someone else's draft: the save is refused with the server's message, and nothing changes.
      const before = (await admin.json('GET', `/api/admin/articles/${theirs.id}`)).article;
      await editor.goto(nr.site.url, theirs.id);
      // The article has loaded into the form before the contributor types (under load it can come late).
      await expect.poll(() => editor.standfirst.inputValue(), { timeout: 15_000 }).toBe(before.standfirst);
      await editor.standfirst.fill('Réécrit par quelqu’un d’autre.');
      await editor.saveButton.click();
      await panel.saveFailed.waitFor();
      expect(await panel.saveFailed.textContent()).toContain('vous ne pouvez pas modifier cet article');
      expect((await admin.json('GET', `/api/admin/articles/${theirs.id}`)).article).toEqual(before);
      const { entries } = await admin.json('GET', `/api/admin/audit?subject=article:${theirs.id}`);
      expect(entries.map((e: any) => e.action)).toEqual(['article.create']);
    },
    JOURNEY_MS,
  );

  it(
    'has no axe violations on the media library and the home page curation screen',
    async () => {
      const editorApi = await api(EDITOR.email);
      await upload(editorApi, await jpegWithIptc({ caption: 'Le port de Marseille à l’aube', credit: 'Photo Agence Méridien' }, { color: '#557799' }), 'port.jpg');
      const headline = 'La une du jour en quelques lignes';
      const { article } = await editorApi.json('POST', '/api/admin/articles', articleInput(headline, 'une'));
      await editorApi.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
      await editorApi.json('PUT', '/api/admin/home/fr', { articleIds: [article.id] });

      const page = await signedIn(EDITOR.email);
      const shell = new AppShell(page);

      await shell.open('Médiathèque');
      const library = new MediaLibraryPage(page);
      await library.editButton('port.jpg').waitFor();
      await expectNoAxeViolations(page, 'media library');

      await library.editButton('port.jpg').click();
      await page.getByRole('dialog', { name: 'Modifier « port.jpg »' }).getByLabel('Crédit').waitFor();
      await expectNoAxeViolations(page, 'media library, edit dialog');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });

      await shell.open('Une');
      const home = new HomepageCurationPage(page);
      await home.pinnedStory(headline).waitFor();
      await expectNoAxeViolations(page, 'home page curation');
      await home.search('une du jour');
      await home.result(headline).waitFor();
      await expectNoAxeViolations(page, 'home page curation, search results');
    },
    JOURNEY_MS,
  );
});
