import { beforeAll, describe, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { adminClient, type AdminClient } from '../test/admin-client.ts';
import { ADMIN, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { ArticleEditorPage, PublicationPanel } from './pages/newsroom.page.ts';
import { LanguageSwitcher, TranslationsField } from './pages/translations.page.ts';

/**
 * Translations in the editor, in Chromium: an English article linked to a
 * French one through the "Traductions" group, saved with the article, seen by
 * readers as a language switcher and hreflang links, then unlinked. Editions
 * and articles are made in the setup, through the store and the Admin API.
 */

const nr = newsroomJourneys();
const { newPage, signedIn, api, expectNoAxeViolations } = nr;

let admin: AdminClient;

async function publishedArticle(input: Record<string, unknown>): Promise<{ id: number; path: string; slug: string }> {
  const { article } = await admin.json('POST', '/api/admin/articles', { standfirst: 'Un chapô.', body: [{ type: 'paragraph', text: 'Premier paragraphe.' }], ...input });
  const { article: published } = await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
  expect(published.status).toBe('published');
  return published;
}

beforeAll(async () => {
  await ensureEdition(nr.site.app.store.db, { code: 'en', name: 'Dépêche English', timeZone: 'Europe/London' });
  await nr.site.app.site.refresh();
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  admin = await api(ADMIN.email);
});

describe('translations in the editor, in Chromium', () => {
  it(
    'links an English article to a French one, readers get the language switcher and hreflang, and unlinking removes them',
    async () => {
      const french = await publishedArticle({ edition: 'fr', section: 'monde', headline: 'Sommet sur le climat à Belém' });
      await publishedArticle({ edition: 'fr', section: 'monde', headline: 'Élections au Chili' });
      const english = await publishedArticle({ edition: 'en', section: 'world', headline: 'Climate summit in Belém' });
      const translationsOf = async () => (await admin.json('GET', `/api/admin/articles/${english.id}`)).article.translations.map((m: { id: number }) => m.id);

      const editor = new ArticleEditorPage(await signedIn(ADMIN.email));
      await editor.goto(nr.site.url, english.id);
      const field = new TranslationsField(editor);
      await field.none.waitFor();
      // Only the other editions can hold a translation.
      expect(await field.otherEdition.locator('option').allInnerTexts()).toEqual(['Dépêche (fr)']);

      await field.search('climat');
      await field.pick('Sommet sur le climat à Belém');
      await field.pending.waitFor();
      await expectNoAxeViolations(editor.page, 'editor, translation picked');
      // Nothing is linked before the article is saved.
      expect(await translationsOf()).toEqual([]);

      await editor.saveButton.click();
      await field.list.getByRole('link', { name: 'Sommet sur le climat à Belém', exact: true }).waitFor();
      await field.pending.waitFor({ state: 'hidden' });
      expect(await translationsOf()).toEqual([french.id]);
      await expectNoAxeViolations(editor.page, 'editor, translation saved');

      const reader = await newPage();
      const switcher = new LanguageSwitcher(reader, 'This article in other languages');
      const read = async () => {
        await reader.goto(nr.site.url + english.path, { waitUntil: 'load' });
        return { switcher: await switcher.link('Français').count(), hreflang: await switcher.hreflang('fr') };
      };
      await expect.poll(read).toEqual({ switcher: 1, hreflang: `https://news.example${french.path}` });

      // The listed translation opens in the editor.
      await field.list.getByRole('link', { name: 'Sommet sur le climat à Belém', exact: true }).click();
      await editor.page.getByRole('heading', { level: 1, name: 'Modifier « Sommet sur le climat à Belém »' }).waitFor();
      await new TranslationsField(editor).list.getByRole('link', { name: 'Climate summit in Belém', exact: true }).waitFor();

      await editor.goto(nr.site.url, english.id);
      await field.removeButton.click();
      await field.pending.waitFor();
      await editor.saveButton.click();
      await field.none.waitFor();
      expect(await translationsOf()).toEqual([]);
      await expect.poll(read).toEqual({ switcher: 0, hreflang: null });
    },
    JOURNEY_MS,
  );

  it(
    'shows the server’s refusal next to the field when the French article already has an English translation',
    async () => {
      const french = await publishedArticle({ edition: 'fr', section: 'monde', headline: 'La COP ferme ses portes' });
      const first = await publishedArticle({ edition: 'en', section: 'world', headline: 'COP closes its doors' });
      const { article: current } = await admin.json('GET', `/api/admin/articles/${first.id}`);
      await admin.json('PUT', `/api/admin/articles/${first.id}`, { ...current, translationOf: french.id }, { headers: { 'if-match': `"${current.version}"` } });
      const { article: second } = await admin.json('POST', '/api/admin/articles', { edition: 'en', section: 'world', headline: 'COP: the reactions', body: [] });

      const editor = new ArticleEditorPage(await signedIn(ADMIN.email));
      await editor.goto(nr.site.url, second.id);
      const field = new TranslationsField(editor);
      await field.search('COP');
      await field.pick('La COP ferme ses portes');
      await editor.saveButton.click();
      // The server's refusal, in the admin's language.
      await field.refusal(`article ${french.id} a déjà une traduction dans l’édition en : ${first.slug}`).waitFor();
      await new PublicationPanel(editor).saveFailed.waitFor();
      await expectNoAxeViolations(editor.page, 'editor, translation refused');
      // Taking the change back lets the article save again.
      await field.group.getByRole('button', { name: 'Annuler ce changement' }).click();
      await editor.saveButton.click();
      await editor.waitSaved();
      await field.none.waitFor();
    },
    JOURNEY_MS,
  );
});
