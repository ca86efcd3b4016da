import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../test/admin-client.ts';
import { ADMIN, CONTRIBUTOR, EDITOR, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { navLinkNames } from './pages/newsroom.page.ts';
import { PeoplePage } from './pages/people.page.ts';

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
});
