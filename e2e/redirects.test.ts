import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../test/admin-client.ts';
import { ADMIN, CONTRIBUTOR, EDITOR, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { ArticlePage } from './pages/article.page.ts';
import { navLinkNames } from './pages/newsroom.page.ts';
import { RedirectsPage } from './pages/redirects.page.ts';

/**
 * Redirects in Chromium: an editor stores a former address of an article from
 * the "Redirections" screen (refused first on the article's own address,
 * the refusal shown next to the field), a reader following the old address
 * lands on the article, then the editor removes it and the address is a 404
 * again. axe on the screen, empty and filled.
 */

const nr = newsroomJourneys();
const { newPage, signedIn, api, expectNoAxeViolations } = nr;

const HEADLINE = 'La digue du Braek rouvre aux promeneurs';
const OLD = '/2016/09/14/digue-braek';
let admin: AdminClient;
let article: { id: number; path: string };

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  admin = await api(ADMIN.email);
  await admin.json('POST', '/api/admin/users', { ...EDITOR, role: 'editor', password: PASSWORD });
  await admin.json('POST', '/api/admin/users', { ...CONTRIBUTOR, role: 'contributor', password: PASSWORD });
  const { article: draft } = await admin.json('POST', '/api/admin/articles', {
    edition: 'fr',
    section: 'regions',
    headline: HEADLINE,
    standfirst: 'Fermée depuis les tempêtes de l’hiver, elle a été renforcée.',
    body: [{ type: 'paragraph', text: 'Premier paragraphe.' }],
  });
  article = (await admin.json('POST', `/api/admin/articles/${draft.id}/transitions`, { to: 'published' })).article;
});

describe('redirects in Chromium', () => {
  it('is offered to editors and not to contributors', async () => {
    expect(await navLinkNames(await signedIn(CONTRIBUTOR.email))).not.toContain('Redirections');
    expect(await navLinkNames(await signedIn(EDITOR.email))).toContain('Redirections');
  });

  it(
    'an editor adds a former address, readers following it reach the article, and deleting it makes it a 404 again',
    async () => {
      const screen = new RedirectsPage(await signedIn(EDITOR.email));
      await screen.open();
      await screen.list.getByText('Aucune redirection.', { exact: true }).waitFor();
      await expectNoAxeViolations(screen.page, 'redirects, empty');

      // The article's own address is refused, next to the field.
      await screen.fromField.fill(article.path);
      await screen.chooseArticle('digue', HEADLINE);
      await screen.submit();
      await screen.form.getByText(/C’est l’adresse d’une page de ce site/).waitFor();
      expect(await screen.fromField.getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(screen.page, 'redirects, refused address');

      await screen.fromField.fill(`https://ancien-site.example${OLD}/?utm_source=lettre`);
      await screen.submit();
      const row = screen.row(OLD);
      await row.waitFor();
      expect(await screen.fromField.inputValue()).toBe('');
      expect(await row.getByRole('link', { name: HEADLINE, exact: true }).getAttribute('href')).toBe(`/admin/articles/${article.id}`);
      expect(await row.getByRole('link', { name: article.path, exact: true }).getAttribute('href')).toBe(article.path);
      await expectNoAxeViolations(screen.page, 'redirects, one stored');

      await screen.search('2016/09');
      await screen.page.waitForURL(/\/admin\/redirects\?q=2016%2F09$/);
      await row.waitFor();

      // A reader following the old address lands on the article.
      const reader = new ArticlePage(await newPage());
      const response = await reader.goto(`${nr.site.url}${OLD}/`);
      expect(response.status()).toBe(200);
      expect(new URL(reader.page.url()).pathname).toBe(article.path);
      expect(await reader.heading.textContent()).toBe(HEADLINE);

      await screen.remove(OLD);
      await screen.list.getByText('Aucune redirection.', { exact: true }).waitFor();
      const gone = await reader.goto(`${nr.site.url}${OLD}/`);
      expect(gone.status()).toBe(404);
    },
    JOURNEY_MS,
  );
});
