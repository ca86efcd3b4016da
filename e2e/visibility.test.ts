import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/admin-client.ts';
import { ADMIN, EDITOR, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { ArticleEditorPage, ArticleListPage } from './pages/newsroom.page.ts';

/**
 * Hostile audit, items 17 and 19, in Chromium: the article list sorts by the column
 * header a journalist clicks (and says so with aria-sort), and an editor can mark the
 * save of a published article as a minor correction that readers are not told of.
 */

const nr = newsroomJourneys();
const { signedIn, api, expectNoAxeViolations } = nr;

const input = (headline: string) => ({ edition: 'fr', section: 'tv', headline, standfirst: 'Un chapô.', body: [{ type: 'paragraph', text: 'Premier paragraphe.' }] });

beforeAll(async () => {
  expect((await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD })).status).toBe(201);
  await (await api(ADMIN.email)).json('POST', '/api/admin/users', { ...EDITOR, role: 'editor', password: PASSWORD });
});

describe('article list and silent fixes in Chromium', () => {
  it(
    'lists the last change first and sorts by a clicked column header, both ways, with aria-sort',
    async () => {
      const editor = await api(EDITOR.email);
      // Created one after the other: the last one is the latest change.
      for (const headline of ['Zèbres en ville', 'Abeilles au balcon', 'Moineaux de Paris']) await editor.json('POST', '/api/admin/articles', input(headline));
      const page = await signedIn(EDITOR.email);
      const list = new ArticleListPage(page);
      await page.goto(`${nr.site.url}/admin/articles`, { waitUntil: 'load' });
      await list.table.waitFor();
      expect(await list.headlines()).toEqual(['Moineaux de Paris', 'Abeilles au balcon', 'Zèbres en ville']);
      expect(await list.columnHeader('Modifié le').getAttribute('aria-sort')).toBe('descending');
      expect(await list.columnHeader('Titre').getAttribute('aria-sort')).toBeNull();

      await list.sortBy('Titre');
      await page.waitForURL(/[?&]sort=headline(&|$)/);
      await expect.poll(() => list.headlines()).toEqual(['Abeilles au balcon', 'Moineaux de Paris', 'Zèbres en ville']);
      expect(await list.columnHeader('Titre').getAttribute('aria-sort')).toBe('ascending');
      expect(await list.columnHeader('Modifié le').getAttribute('aria-sort')).toBeNull();

      await list.sortBy('Titre');
      await page.waitForURL(/[?&]sort=-headline(&|$)/);
      await expect.poll(() => list.headlines()).toEqual(['Zèbres en ville', 'Moineaux de Paris', 'Abeilles au balcon']);
      expect(await list.columnHeader('Titre').getAttribute('aria-sort')).toBe('descending');
      await expectNoAxeViolations(page, 'article list sorted by headline');

      // The order is in the address: a reload keeps it.
      await page.reload({ waitUntil: 'load' });
      await expect.poll(() => list.headlines()).toEqual(['Zèbres en ville', 'Moineaux de Paris', 'Abeilles au balcon']);
    },
    JOURNEY_MS,
  );

  it(
    'saves a published article as a minor correction when the editor ticks the box, and as an update otherwise',
    async () => {
      const editorApi = await api(EDITOR.email);
      const { article } = await editorApi.json('POST', '/api/admin/articles', input('Un titre avec une coquile'));
      await editorApi.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
      const current = async () => (await editorApi.json('GET', `/api/admin/articles/${article.id}`)).article;

      const editor = new ArticleEditorPage(await signedIn(EDITOR.email));
      await editor.goto(nr.site.url, article.id);
      await editor.silentFix.check();
      await editor.headline.fill('Un titre avec une coquille');
      await editor.saveButton.click();
      await expect.poll(async () => (await current()).headline).toBe('Un titre avec une coquille');
      expect((await current()).updatedAt).toBeUndefined();
      // The box is for one save.
      await expect.poll(() => editor.silentFix.isChecked()).toBe(false);
      await expectNoAxeViolations(editor.page, 'editor of a published article');

      await editor.standfirst.fill('Un chapô complété.');
      await editor.saveButton.click();
      await expect.poll(async () => (await current()).updatedAt ?? null).not.toBeNull();
    },
    JOURNEY_MS,
  );
});
