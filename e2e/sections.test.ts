import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../test/admin-client.ts';
import { waitFor } from '../test/harness.ts';
import { ADMIN, EDITOR, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { SectionsPage } from './pages/sections.page.ts';

/**
 * Sections in Chromium: an editor renames a section (name and address) and moves
 * it up from the "Rubriques" screen, with the keyboard; a reader sees the
 * navigation change, and the section's old address answers 301 to the new one.
 * axe on the screen, listed and while editing.
 */

const nr = newsroomJourneys({ site: { contentPollMs: 50 } });
const { newPage, signedIn, api, expectNoAxeViolations } = nr;
let admin: AdminClient;

/** The reader's navigation, in order. */
async function readerNav(): Promise<string[]> {
  const page = await newPage();
  await page.goto(`${nr.site.url}/fr/`);
  const names = await page.getByRole('navigation', { name: 'Rubriques' }).getByRole('link').allTextContents();
  await page.context().close();
  return names.map((n) => n.trim());
}

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  admin = await api(ADMIN.email);
  await admin.json('POST', '/api/admin/users', { ...EDITOR, role: 'editor', password: PASSWORD });
  await admin.json('POST', '/api/admin/sections', { edition: 'fr', name: 'Économie', slug: 'economie' });
  await admin.json('POST', '/api/admin/sections', { edition: 'fr', name: 'Culture', slug: 'culture' });
  const { article } = await admin.json('POST', '/api/admin/articles', {
    edition: 'fr',
    section: 'culture',
    slug: 'festival-ouvre',
    headline: 'Le festival ouvre ses portes',
    standfirst: 'Trois jours de concerts.',
    body: [{ type: 'paragraph', text: 'Premier paragraphe.' }],
  });
  await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
});

describe('sections in Chromium', () => {
  it(
    'an editor renames and moves up a section; readers see the navigation change and the old address answers 301',
    async () => {
      const before = await readerNav();
      expect(before.indexOf('Culture')).toBeGreaterThan(before.indexOf('Économie'));

      const screen = new SectionsPage(await signedIn(EDITOR.email));
      await screen.open();
      await screen.row('Culture').waitFor();
      await expectNoAxeViolations(screen.page, 'sections, listed');

      const form = await screen.edit('Culture');
      await form.getByRole('textbox', { name: 'Nom' }).fill('Arts et culture');
      await form.getByRole('textbox', { name: 'Adresse (slug)' }).fill('Arts Culture');
      await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      // A bad slug is refused next to its field.
      const slug = form.getByRole('textbox', { name: 'Adresse (slug)' });
      await waitFor('the slug marked invalid', async () => (await slug.getAttribute('aria-invalid')) === 'true');
      await expectNoAxeViolations(screen.page, 'sections, refused slug');
      await slug.fill('arts');
      await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      const row = screen.row('Arts et culture');
      await row.waitFor();
      await row.getByText('Anciennes adresses : culture').waitFor();

      // Moved up with the keyboard until it leads Économie.
      const names = await screen.names();
      const steps = names.indexOf('Arts et culture') - names.indexOf('Économie');
      expect(steps).toBeGreaterThan(0);
      const up = screen.list.getByRole('button', { name: 'Monter Arts et culture', exact: true });
      for (let i = 0; i < steps; i++) {
        const expected = names.indexOf('Arts et culture') - i - 1;
        await up.focus();
        await screen.page.keyboard.press('Enter');
        await waitFor('the section moved', async () => (await screen.names()).indexOf('Arts et culture') === expected);
      }
      const after = await screen.names();
      expect(after.indexOf('Arts et culture')).toBeLessThan(after.indexOf('Économie'));

      // Readers see the new name, in its new place.
      await waitFor('the reader navigation changed', async () => {
        const nav = await readerNav();
        return nav.includes('Arts et culture') && !nav.includes('Culture') && nav.indexOf('Arts et culture') < nav.indexOf('Économie');
      });

      // The old addresses answer 301 to the new ones; a reader following one lands on the section.
      const old = await fetch(`${nr.site.url}/fr/culture/`, { redirect: 'manual' });
      expect(old.status).toBe(301);
      expect(old.headers.get('location')).toBe('/fr/arts/');
      const oldArticle = await fetch(`${nr.site.url}/fr/culture/festival-ouvre`, { redirect: 'manual' });
      expect(oldArticle.status).toBe(301);
      expect(oldArticle.headers.get('location')).toBe('/fr/arts/festival-ouvre');
      const reader = await newPage();
      const response = await reader.goto(`${nr.site.url}/fr/culture/`);
      expect(response?.status()).toBe(200);
      expect(new URL(reader.url()).pathname).toBe('/fr/arts/');
      await reader.getByRole('heading', { level: 1, name: 'Arts et culture' }).waitFor();
    },
    JOURNEY_MS,
  );

  it(
    'an editor writes and publishes an "À propos" page in the block editor, and puts a link in the footer menu; readers find both in the footer',
    async () => {
      const page = await signedIn(EDITOR.email);
      await page.getByRole('link', { name: 'Pages', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Pages' }).waitFor();
      await page.getByRole('button', { name: 'Nouvelle page', exact: true }).click();
      const form = page.getByRole('region', { name: 'Nouvelle page' });
      await form.getByRole('textbox', { name: 'Titre' }).fill('À propos de la rédaction');
      await form.getByRole('combobox', { name: 'État' }).selectOption('published');
      await form.getByRole('textbox', { name: 'Texte' }).click();
      await page.keyboard.type('Une rédaction de quarante journalistes.');
      await expectNoAxeViolations(page, 'pages, writing');
      await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      const list = page.getByRole('region', { name: 'Pages de l’édition' });
      await list.getByRole('link', { name: '/fr/page/a-propos', exact: true }).waitFor();

      await page.getByRole('link', { name: 'Menus', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Menus' }).waitFor();
      await page.getByRole('button', { name: 'Ajouter un lien (Menu du pied de page)', exact: true }).click();
      const item = page.getByRole('group', { name: 'Menu du pied de page – Lien 1' });
      await item.getByRole('combobox', { name: 'Type de lien' }).selectOption('url');
      await item.getByRole('textbox', { name: 'Adresse', exact: true }).fill('javascript:alert(1)');
      await item.getByRole('textbox', { name: 'Libellé' }).fill('Nous écrire');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      // Refused next to the field.
      const url = item.getByRole('textbox', { name: 'Adresse', exact: true });
      await waitFor('the address marked invalid', async () => (await url.getAttribute('aria-invalid')) === 'true');
      await expectNoAxeViolations(page, 'menus, refused address');
      await url.fill('/fr/page/a-propos');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await waitFor('the menu saved', async () => (await url.getAttribute('aria-invalid')) === null).catch(async (e) => {
        throw new Error(`${e.message}: ${await page.locator('.error-summary').allTextContents()}`);
      });

      await waitFor('both links in the reader footer', async () => {
        const reader = await newPage();
        await reader.goto(`${nr.site.url}/fr/`);
        const links = await reader.locator('footer').getByRole('link').evaluateAll((as) => as.map((a) => `${a.textContent?.trim()} ${a.getAttribute('href')}`));
        await reader.context().close();
        return links.includes('Nous écrire /fr/page/a-propos') && links.includes('À propos de la rédaction /fr/page/a-propos');
      });
      const reader = await newPage();
      await reader.goto(`${nr.site.url}/fr/page/a-propos`);
      await reader.getByRole('heading', { level: 1, name: 'À propos de la rédaction' }).waitFor();
      await reader.getByText('Une rédaction de quarante journalistes.').waitFor();
    },
    JOURNEY_MS,
  );
});
