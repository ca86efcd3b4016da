import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../test/admin-client.ts';
import { ADMIN, CONTRIBUTOR, EDITOR, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { navLinkNames } from './pages/newsroom.page.ts';
import { NamesPage, PeoplePage } from './pages/people.page.ts';
import { waitFor } from '../test/harness.ts';

/**
 * People in Chromium: two spellings of one person are quoted in two articles;
 * an editor finds them on the "Personnes" screen, merges one into the other,
 * and a reader following the merged one's old address is sent (301) to the
 * kept person's page, which lists both articles. axe on the screens.
 */

const nr = newsroomJourneys();
const { newPage, signedIn, api, expectNoAxeViolations } = nr;

const KEPT = 'Hervé Lantier';
const MERGED = 'H. Lantier';
let admin: AdminClient;

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  admin = await api(ADMIN.email);
  await admin.json('POST', '/api/admin/users', { ...EDITOR, role: 'editor', password: PASSWORD });
  await admin.json('POST', '/api/admin/users', { ...CONTRIBUTOR, role: 'contributor', password: PASSWORD });
  for (const [headline, speaker] of [
    ['Le général appelle au calme', KEPT],
    ['Le général reçoit les négociateurs', MERGED],
  ]) {
    const { article } = await admin.json('POST', '/api/admin/articles', {
      edition: 'fr',
      section: 'monde',
      headline,
      standfirst: 'Un chapô.',
      tags: ['Diplomatie'],
      authors: ['Léa Martin'],
      body: [{ type: 'quote', text: 'Il faut se parler.', speaker: { name: speaker, role: 'général à la retraite' } }],
    });
    await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
  }
});

describe('people in Chromium', () => {
  it('is offered to editors and not to contributors', async () => {
    expect(await navLinkNames(await signedIn(CONTRIBUTOR.email))).not.toContain('Personnes');
    expect(await navLinkNames(await signedIn(EDITOR.email))).toContain('Personnes');
  });

  it(
    'an editor merges two people, and the merged one’s old address leads readers to the kept one',
    async () => {
      const reader = await newPage();
      const before = await reader.goto(`${nr.site.url}/fr/personne/h-lantier`);
      expect(before?.status()).toBe(200);

      const screen = new PeoplePage(await signedIn(EDITOR.email));
      await screen.open();
      await screen.search('lantier');
      await screen.page.waitForURL(/\/admin\/people\?q=lantier$/);
      await screen.row(KEPT).waitFor();
      await screen.row(MERGED).waitFor();
      await expectNoAxeViolations(screen.page, 'people, list');

      await screen.edit(MERGED);
      await expectNoAxeViolations(screen.page, 'people, edit');
      await screen.mergeInto('Hervé', KEPT);
      expect(await screen.aliasesField.inputValue()).toContain(MERGED);

      // The list no longer shows the merged person.
      await screen.page.goto(`${nr.site.url}/admin/people?q=lantier`);
      await screen.row(KEPT).waitFor();
      expect(await screen.row(MERGED).count()).toBe(0);

      // A reader following the old address lands on the kept person's page (301), with both articles.
      const response = await reader.goto(`${nr.site.url}/fr/personne/h-lantier`);
      expect(response?.status()).toBe(200);
      expect(response?.request().redirectedFrom()?.url()).toBe(`${nr.site.url}/fr/personne/h-lantier`);
      expect((await response!.request().redirectedFrom()!.response())?.status()).toBe(301);
      expect(new URL(reader.url()).pathname).toBe('/fr/personne/herve-lantier');
      expect(await reader.getByRole('heading', { level: 1 }).textContent()).toBe(KEPT);
      await reader.getByRole('link', { name: 'Le général appelle au calme' }).waitFor();
      await reader.getByRole('link', { name: 'Le général reçoit les négociateurs' }).waitFor();
    },
    JOURNEY_MS,
  );

  it(
    'an editor renames and features a topic on the "Sujets" screen: its old address and the home page follow',
    async () => {
      const screen = new NamesPage(await signedIn(EDITOR.email), 'Sujets', 'Sujets', 'Sujet');
      await screen.open();
      await expectNoAxeViolations(screen.page, 'topics, list');
      await screen.edit('Diplomatie');
      await screen.field('Nom').fill('Diplomatie mondiale');
      await screen.page.getByRole('checkbox', { name: 'Mettre en avant sur la page d’accueil' }).check();
      await screen.save();
      await screen.heading('Diplomatie mondiale').waitFor();
      expect(await screen.field('Adresse (slug)').inputValue()).toBe('diplomatie-mondiale');
      await expectNoAxeViolations(screen.page, 'topics, edit');

      await waitFor('the home page to feature the topic', async () => (await (await fetch(`${nr.site.url}/fr/`)).text()).includes('home-topics'));
      const reader = await newPage();
      await reader.goto(`${nr.site.url}/fr/`);
      await reader.getByRole('navigation', { name: 'À suivre' }).getByRole('link', { name: 'Diplomatie mondiale' }).click();
      await reader.waitForURL(/\/fr\/sujet\/diplomatie-mondiale$/);
      const old = await reader.goto(`${nr.site.url}/fr/sujet/diplomatie`);
      expect((await old!.request().redirectedFrom()!.response())?.status()).toBe(301);
      expect(new URL(reader.url()).pathname).toBe('/fr/sujet/diplomatie-mondiale');
    },
    JOURNEY_MS,
  );

  it(
    'an editor gives an author a role and a link on the "Auteurs" screen, a link that is not http(s) refused in French',
    async () => {
      const screen = new NamesPage(await signedIn(EDITOR.email), 'Auteurs', 'Auteurs', 'Auteur');
      await screen.open();
      await screen.edit('Léa Martin');
      await screen.field('Fonction').fill('Correspondante à Genève');
      await screen.field('Réseau ou site (1)').fill('Mastodon');
      await screen.field('Adresse (1)').fill('javascript:alert(1)');
      await screen.save();
      await screen.page.getByText('Adresse (1) : une adresse complète commençant par http:// ou https:// est attendue.').waitFor();
      expect(await screen.field('Adresse (1)').getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(screen.page, 'authors, refused link');
      await screen.field('Adresse (1)').fill('https://mastodon.example/@lea');
      await screen.save();
      await screen.page.getByRole('alert').waitFor({ state: 'detached' });

      await waitFor('the author page to show the link', async () => (await (await fetch(`${nr.site.url}/fr/auteur/lea-martin`)).text()).includes('mastodon.example'));
      const reader = await newPage();
      await reader.goto(`${nr.site.url}/fr/auteur/lea-martin`);
      expect(await reader.getByRole('link', { name: 'Mastodon' }).getAttribute('href')).toBe('https://mastodon.example/@lea');
      await reader.getByText('Correspondante à Genève').first().waitFor();
      await expectNoAxeViolations(reader, 'author page with its profile');
    },
    JOURNEY_MS,
  );
});
