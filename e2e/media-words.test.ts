import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/admin-client.ts';
import { makeImage } from '../test/harness.ts';
import { ADMIN, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { AppShell, ArticleListPage, FigureDialog, LeadPhotoField, MediaLibraryPage, editorHasFocus } from './pages/newsroom.page.ts';

/**
 * Hostile audit, item 18, in Chromium: the words an author types beside a
 * picture uploaded from an article's figure form become the picture's own in
 * the library (shown there, found by its search), and are the starting point
 * when the picture is placed again as another article's lead photo, where a
 * change is the placement's own and leaves the library as it is.
 */

const nr = newsroomJourneys();
const { signedIn, api, expectNoAxeViolations } = nr;

const AUTHOR = { name: 'Aurélie Autrice', email: 'aurelie@example.org' };

const ALT = 'Un phare battu par de hautes vagues grises';
const CAPTION = 'Le phare de Cordouan sous la tempête, mardi soir';
const CREDIT = 'Photo Agence Littorale';
const LEAD_CREDIT = 'Photo Agence Littorale / Pool';

beforeAll(async () => {
  expect((await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD })).status).toBe(201);
  await (await api(ADMIN.email)).json('POST', '/api/admin/users', { ...AUTHOR, role: 'author', password: PASSWORD });
  // Another picture of the library, so that the search has something to leave out.
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await makeImage(600, 400, 'jpeg', '#aa7733'))], { type: 'image/jpeg' }), 'marche.jpg');
  form.append('alt', 'Des chalets de bois illuminés');
  form.append('caption', 'Le marché de Noël de Strasbourg ouvre ses portes');
  await (await api(ADMIN.email)).json('POST', '/api/admin/media', form);
});

describe('the words typed with an uploaded picture in Chromium', () => {
  it(
    'keeps alt, caption and credit typed in the figure form as the library’s, finds the picture by its caption, and pre-fills them for a lead photo whose override stays its own',
    async () => {
      const page = await signedIn(AUTHOR.email);
      const list = new ArticleListPage(page);
      const editor = await list.newArticle();
      await editor.headline.fill('La tempête frappe la côte atlantique');
      await editor.chooseSection('regions', { create: true });

      // A picture with no words of its own: what the library keeps is what the author types.
      const figure = await FigureDialog.upload(editor, { name: 'phare.jpg', mimeType: 'image/jpeg', buffer: await makeImage(900, 600, 'jpeg', '#335577') });
      expect(await figure.alt.inputValue()).toBe('');
      await figure.alt.fill(ALT);
      await figure.caption.fill(CAPTION);
      await figure.credit.fill(CREDIT);
      await figure.insertButton.click();
      await editorHasFocus(page);
      await editor.block('Photo').getByText(ALT).waitFor();
      await editor.create();

      // The library shows the picture with those words, not as a picture without alt text.
      const shell = new AppShell(page);
      await shell.open('Médiathèque');
      const library = new MediaLibraryPage(page);
      const card = library.card('phare.jpg');
      await card.waitFor();
      await card.getByRole('img', { name: ALT, exact: true }).waitFor();
      await card.getByText(CAPTION, { exact: true }).waitFor();
      expect(await card.textContent()).toContain(CREDIT);
      expect(await card.getByText('sans texte alternatif').count()).toBe(0);
      await library.card('marche.jpg').waitFor();
      await expectNoAxeViolations(page, 'media library with captions');

      // A word of the caption, in another case, finds it, and only it.
      await library.search('cordouan');
      await expect.poll(() => library.card('marche.jpg').count()).toBe(0);
      await library.card('phare.jpg').getByText(CAPTION, { exact: true }).waitFor();
      await library.search('Strasbourg');
      await library.card('marche.jpg').waitFor();
      await expect.poll(() => library.card('phare.jpg').count()).toBe(0);

      // Placed again as the lead photo of another article: the library's words are the starting point.
      await shell.open('Articles');
      const second = await list.newArticle();
      await second.headline.fill('Les dégâts de la tempête recensés');
      await second.chooseSection('regions');
      const lead = new LeadPhotoField(second);
      const form = await lead.choose('phare.jpg');
      await expect.poll(() => form.alt.inputValue()).toBe(ALT);
      expect(await form.caption.inputValue()).toBe(CAPTION);
      expect(await form.credit.inputValue()).toBe(CREDIT);
      // This placement credits the pool too; the library keeps its credit.
      await form.credit.fill(LEAD_CREDIT);
      await form.insertButton.click();
      await lead.dialog.waitFor({ state: 'hidden' });
      await lead.group.getByText(LEAD_CREDIT, { exact: true }).waitFor();
      const secondId = await second.create();

      const author = await api(AUTHOR.email);
      const { article } = await author.json('GET', `/api/admin/articles/${secondId}`);
      expect(article.lead).toMatchObject({ image: expect.any(Number), alt: ALT, caption: CAPTION, credit: LEAD_CREDIT });
      const media = await author.json('GET', `/api/admin/media/${article.lead.image}`);
      expect(media).toMatchObject({ filename: 'phare.jpg', alt: ALT, caption: CAPTION, credit: CREDIT });

      await shell.open('Médiathèque');
      const again = library.card('phare.jpg');
      await again.getByText(CAPTION, { exact: true }).waitFor();
      expect(await again.textContent()).toContain(CREDIT);
      expect(await again.textContent()).not.toContain(LEAD_CREDIT);
    },
    JOURNEY_MS,
  );
});
