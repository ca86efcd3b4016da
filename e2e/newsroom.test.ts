import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../test/harness.ts';
import { ADMIN, CONTRIBUTOR, EDITOR, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { ArticlePage } from './pages/article.page.ts';
import { AccountsPage, AppShell, ArticleEditorPage, ArticleListPage, SignInPage, editorHasFocus } from './pages/newsroom.page.ts';

/**
 * The newsroom at /admin in Chromium: first run, accounts, a contributor's
 * article with a photo, a quote and a pull quote going through review to the
 * public site, two editors saving the same article, and axe on the main screens.
 * The tests run in order and build on each other's accounts.
 */

const nr = newsroomJourneys();
const { newPage, signedIn, api, expectNoAxeViolations } = nr;

/** Ids used twice in the page: a <label for> or aria-labelledby would then point at the wrong element. */
function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
}

describe('newsroom journeys in Chromium', () => {
  it(
    'creates the first admin through the first-run form, then signs out and back in',
    async () => {
      const page = await newPage();
      const signIn = new SignInPage(page);
      await signIn.goto(nr.site.url);
      await signIn.createFirstAdmin(ADMIN.name, ADMIN.email, PASSWORD);
      await page.getByText(`${ADMIN.name} (administrateur)`).waitFor();

      await new AppShell(page).logOut();
      await signIn.logIn(ADMIN.email, PASSWORD);
      await page.getByText(`${ADMIN.name} (administrateur)`).waitFor();
      // The first-run form is gone for good.
      expect(await (await fetch(`${nr.site.url}/api/admin/setup`)).json()).toEqual({ needed: false });
    },
    JOURNEY_MS,
  );

  it(
    'lets the admin create a contributor and an editor on the accounts page',
    async () => {
      const page = await signedIn(ADMIN.email);
      await new AppShell(page).open('Comptes');
      const accounts = new AccountsPage(page);
      await accounts.createUser({ ...CONTRIBUTOR, role: 'contributeur', password: PASSWORD });
      await accounts.createUser({ ...EDITOR, role: 'éditeur', password: PASSWORD });
      const { users } = await (await api(ADMIN.email)).json('GET', '/api/admin/users');
      expect(users.map((u: any) => [u.email, u.role])).toEqual([
        [ADMIN.email, 'admin'],
        [CONTRIBUTOR.email, 'contributor'],
        [EDITOR.email, 'editor'],
      ]);
    },
    JOURNEY_MS,
  );

  it(
    'has no axe violations on the login page, the article list and the editor',
    async () => {
      const anon = await newPage();
      const signIn = new SignInPage(anon);
      await signIn.goto(nr.site.url);
      await signIn.loginHeading.waitFor();
      await expectNoAxeViolations(anon, 'login page');

      const page = await signedIn(EDITOR.email);
      await new ArticleListPage(page).heading.waitFor();
      await page.getByText('Aucun article ne correspond.').or(page.getByRole('table')).first().waitFor();
      await expectNoAxeViolations(page, 'article list');

      const editor = await new ArticleListPage(page).newArticle();
      await editor.body.waitFor();
      await expectNoAxeViolations(page, 'article editor');
      expect(await duplicateIds(page)).toEqual([]);

      // With the photo dialog open over it: every field's label must still name its own field.
      await editor.toolbarButton('Insérer une photo').click();
      await editor.dialog('Photo').getByLabel('Téléverser une image').waitFor();
      await expectNoAxeViolations(page, 'photo dialog');
      expect(await duplicateIds(page)).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'takes a contributor’s article with a photo, a quote and a pull quote through review to the public site',
    async () => {
      const headline = 'Le débat de la semaine sur les négociations';
      const alt = 'Le plateau du débat, trois invités autour d’une table';

      // The contributor writes, with bold text typed through Ctrl+B, and uploads the photo in the media dialog.
      const page = await signedIn(CONTRIBUTOR.email);
      const editor = await new ArticleListPage(page).newArticle();
      await editor.headline.fill(headline);
      await editor.standfirst.fill('Deux anciens diplomates et un militaire.');
      await editor.chooseSection('tv', { create: true });
      await editor.focusBodyEnd();
      await page.keyboard.type('Le débat commence par une question ');
      await page.keyboard.press('Control+b');
      await page.keyboard.type('simple');
      await page.keyboard.press('Control+b');
      await page.keyboard.type('.');
      await editor.insertPhoto(
        { name: 'plateau.jpg', mimeType: 'image/jpeg', buffer: await makeImage(1200, 800) },
        { alt, caption: 'Le plateau.', credit: '(Photo Agence Exemple)' },
      );
      await editor.block('Photo').getByText(alt).waitFor();
      await editor.insertQuote('Nous ne céderons pas.', 'Hervé Lantier', 'général à la retraite');
      await editor.insertPullquote('La paix se négocie.', 'Hervé Lantier');
      const id = await editor.create();

      const contributor = await api(CONTRIBUTOR.email);
      const saved = (await contributor.json('GET', `/api/admin/articles/${id}`)).article;
      expect(saved.status).toBe('draft');
      expect(saved.body).toEqual([
        { type: 'paragraph', content: [{ text: 'Le débat commence par une question ' }, { text: 'simple', bold: true }, { text: '.' }] },
        { type: 'figure', image: expect.any(Number), alt, caption: 'Le plateau.', credit: '(Photo Agence Exemple)' },
        { type: 'quote', text: 'Nous ne céderons pas.', speaker: { name: 'Hervé Lantier', role: 'général à la retraite' } },
        { type: 'pullquote', text: 'La paix se négocie.', attribution: 'Hervé Lantier' },
      ]);

      // A contributor may submit for review, not publish.
      expect(await editor.transitionButton('Publier').count()).toBe(0);
      await editor.transitionButton('Soumettre à la relecture').click();
      await editor.waitStatus('En relecture');

      // The editor finds it among the articles in review and publishes it.
      const editorPage = await signedIn(EDITOR.email);
      const list = new ArticleListPage(editorPage);
      await list.filterByStatus('En relecture');
      const review = await list.open(headline);
      await review.transitionButton('Publier').click();
      await review.waitStatus('Publié');

      const published = (await contributor.json('GET', `/api/admin/articles/${id}`)).article;
      expect(published.status).toBe('published');
      expect(published.path).toBe(`/fr/tv/${saved.slug}`);

      // Readers see it, with the photo, the quote and the pull quote.
      const reader = new ArticlePage(await newPage());
      let response = await reader.goto(nr.site.url + published.path);
      // The site learns of the change by polling the content version (every 100 ms in tests).
      for (let i = 0; i < 50 && response.status() === 404; i++) response = await reader.goto(nr.site.url + published.path);
      expect(response.status()).toBe(200);
      expect(await reader.heading.textContent()).toBe(headline);
      await reader.figureWithImage(alt).waitFor();
      await reader.quoteBy('Hervé Lantier').waitFor();
      expect(await reader.article.textContent()).toContain('La paix se négocie.');
    },
    JOURNEY_MS,
  );

  it(
    'shows the second editor a conflict panel, with their typed text kept, when the first saved in between',
    async () => {
      const admin = await api(ADMIN.email);
      const { article } = await admin.json('POST', '/api/admin/articles', {
        edition: 'fr',
        section: 'tv',
        headline: 'Article disputé',
        body: [{ type: 'paragraph', text: 'Premier paragraphe.' }],
      });

      const first = new ArticleEditorPage(await signedIn(EDITOR.email));
      await first.goto(nr.site.url, article.id);
      const second = new ArticleEditorPage(await signedIn(ADMIN.email));
      await second.goto(nr.site.url, article.id);

      // The first editor saves a new standfirst.
      await first.standfirst.fill('Le chapô du premier.');
      await first.saveButton.click();
      await first.waitSaved();

      // The second, still on version 1, types in the body; the autosave answers 412.
      await second.focusBodyEnd();
      await editorHasFocus(second.page);
      await second.page.keyboard.press('Enter');
      await second.page.keyboard.type('Le texte du second, à ne pas perdre.');
      await second.conflictPanel.waitFor({ timeout: 20_000 });

      expect(await second.body.textContent()).toContain('Le texte du second, à ne pas perdre.');
      const row = second.conflictPanel.getByRole('row', { name: /Chapô/ });
      expect(await row.getByRole('cell').allTextContents()).toEqual(['Le chapô du premier.', '(vide)']);
      // Nothing was overwritten on the server.
      const kept = (await admin.json('GET', `/api/admin/articles/${article.id}`)).article;
      expect(kept.standfirst).toBe('Le chapô du premier.');
      expect(JSON.stringify(kept.body)).not.toContain('second');

      // "Overwrite with mine" saves the second editor's text over the new version.
      await second.conflictPanel.getByRole('button', { name: 'Écraser avec la mienne' }).click();
      await second.conflictPanel.waitFor({ state: 'detached' });
      await second.waitSaved();
      const after = (await admin.json('GET', `/api/admin/articles/${article.id}`)).article;
      expect(after.version).toBe(3);
      expect(after.body).toEqual([
        { type: 'paragraph', text: 'Premier paragraphe.' },
        { type: 'paragraph', text: 'Le texte du second, à ne pas perdre.' },
      ]);
    },
    JOURNEY_MS,
  );
});
