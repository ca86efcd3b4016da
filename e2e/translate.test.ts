import { beforeAll, describe, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { adminClient, type AdminClient } from '../test/admin-client.ts';
import { ADMIN, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { ArticleEditorPage } from './pages/newsroom.page.ts';
import { ENGLISH, TranslatePanel } from './pages/translate.page.ts';

/**
 * "Traduire en…" in Chromium: a French article becomes an English draft with
 * its blocks; when the French one changes, the translation says so with what
 * changed, until it is marked up to date. And a person who reads the admin in
 * English gets it in English, down to the server's refusals, and can switch.
 */

const nr = newsroomJourneys();
const { signedIn, api, expectNoAxeViolations } = nr;
const EMMA = { name: 'Emma English', email: 'emma@example.org' };

let admin: AdminClient;

beforeAll(async () => {
  await ensureEdition(nr.site.app.store.db, { code: 'en', name: 'Dépêche English', timeZone: 'Europe/London' });
  await nr.site.app.site.refresh();
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  admin = await api(ADMIN.email);
  // The English edition's "world" section, made by a first article there.
  await admin.json('POST', '/api/admin/articles', { edition: 'en', section: 'world', headline: 'World news', body: [] });
  await admin.json('POST', '/api/admin/users', { ...EMMA, role: 'editor', password: PASSWORD, language: 'en' });
});

describe('"Traduire en…", in Chromium', () => {
  it(
    'makes the English draft of a French article, tells when the French one changed with the diff, and marks it up to date',
    async () => {
      const { article: source } = await admin.json('POST', '/api/admin/articles', {
        edition: 'fr',
        section: 'monde',
        headline: 'Accord sur le climat à Genève',
        standfirst: 'Les délégués ont trouvé un terrain d’entente.',
        body: [{ type: 'paragraph', text: 'La conférence s’est achevée dans la nuit.' }],
      });

      const editor = new ArticleEditorPage(await signedIn(ADMIN.email));
      await editor.goto(nr.site.url, source.id);
      const panel = new TranslatePanel(editor.page);
      await panel.region.waitFor();
      expect(await panel.edition.locator('option').allInnerTexts()).toEqual(['Dépêche English (en)']);
      // No "monde" section in English: the newsroom chooses one.
      await expect.poll(() => panel.section.locator('option').allInnerTexts()).toContain('World');
      expect(await panel.create.isDisabled()).toBe(true);
      await panel.section.selectOption('world');
      await expectNoAxeViolations(editor.page, 'editor, Traduire en…');
      await panel.create.click();

      // The new draft opens, in English and with the French text to translate.
      await editor.page.getByRole('heading', { level: 1, name: 'Modifier « Accord sur le climat à Genève »' }).waitFor();
      await expect.poll(() => new URL(editor.page.url()).pathname).not.toBe(`/admin/articles/${source.id}`);
      const translationId = Number(new URL(editor.page.url()).pathname.split('/').pop());
      await editor.body.getByText('La conférence s’est achevée dans la nuit.').waitFor();
      expect(await editor.body.getAttribute('lang')).toBe('en');
      await panel.upToDate(source.version).waitFor();
      const { article: made } = await admin.json('GET', `/api/admin/articles/${translationId}`);
      expect(made).toMatchObject({ edition: 'en', section: 'world', status: 'draft', translations: [expect.objectContaining({ id: source.id })] });

      // The French article changes after the translation was made.
      const { article: current } = await admin.json('GET', `/api/admin/articles/${source.id}`);
      await admin.json('PUT', `/api/admin/articles/${source.id}`, { ...current, headline: 'Accord historique sur le climat à Genève' }, { headers: { 'if-match': `"${current.version}"` } });
      await editor.goto(nr.site.url, translationId);
      await panel.changedBadge.waitFor();
      await expect.poll(() => panel.changes.allInnerTexts()).toEqual([expect.stringMatching(/Titre[\s\S]*Accord sur le climat à Genève[\s\S]*Accord historique sur le climat à Genève/)]);
      await expectNoAxeViolations(editor.page, 'editor, source changed');

      await panel.markUpToDate.click();
      await panel.upToDate(current.version + 1).waitFor();
      await panel.changedBadge.waitFor({ state: 'detached' });
      expect((await admin.json('GET', `/api/admin/articles/${translationId}`)).article.translationSource).toMatchObject({ changed: false, translatedVersion: current.version + 1 });
    },
    JOURNEY_MS,
  );

  it(
    'shows the admin in English to a person who chose English, refusals included, and switches back to French',
    async () => {
      const page = await signedIn(EMMA.email);
      // Signed in through the French form (the browser is French), the app reloads in her language.
      await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
      await page.getByRole('link', { name: 'New article' }).waitFor();
      await expectNoAxeViolations(page, 'article list, in English');

      // A refusal of the server: one English sentence, with the server's English words as the detail.
      await page.goto(`${nr.site.url}/admin/articles/999999`, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: 'This article does not exist, or no longer does.' }).waitFor();
      await page.getByText('What you are looking for does not exist, or no longer does.').waitFor();
      await page.getByText('Detail: no article 999999').waitFor();

      // A French-speaking colleague sees the same refusal in French only.
      const french = await signedIn(ADMIN.email);
      await french.goto(`${nr.site.url}/admin/articles/999999`, { waitUntil: 'load' });
      await french.getByText('Ce que vous cherchez n’existe pas ou plus.').waitFor();
      await french.getByText('Détail : aucun article 999999').waitFor();
      expect(await french.getByText('no article 999999').count()).toBe(0);

      const { article } = await admin.json('POST', '/api/admin/articles', { edition: 'fr', section: 'monde', headline: 'Élections au Chili', body: [] });
      await page.goto(`${nr.site.url}/admin/articles/${article.id}`, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: 'Edit “Élections au Chili”' }).waitFor();
      await new TranslatePanel(page, ENGLISH).region.waitFor();
      // The text stays in its edition's language whatever the admin's.
      expect(await page.getByRole('textbox', { name: 'Article body' }).getAttribute('lang')).toBe('fr');

      await page.getByLabel('Interface language').selectOption('fr');
      await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Modifier « Élections au Chili »' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect((await (await api(EMMA.email)).json('GET', '/api/admin/session')).user.language).toBe('fr');
    },
    JOURNEY_MS,
  );
});
