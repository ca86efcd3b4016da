import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/admin-client.ts';
import { ADMIN, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { ArticleSearchPage, WireSearch } from './pages/article-search.page.ts';
import { IngestPage } from './pages/newsroom.page.ts';

/** Searching the article list in Chromium: a word only the body holds finds the draft, and the list says where. */

const nr = newsroomJourneys();
const { signedIn, api, expectNoAxeViolations } = nr;

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  const admin = await api(ADMIN.email);
  await admin.json('POST', '/api/admin/articles', {
    edition: 'fr',
    section: 'societe',
    headline: 'La ligne 3 attendra encore',
    body: [
      { type: 'paragraph', text: 'Le chantier de la ligne a pris six mois de retard.' },
      { type: 'quote', text: 'Nous tiendrons les délais', speaker: { name: 'Martine Lefranc' } },
    ],
  });
  await admin.json('POST', '/api/admin/articles', { edition: 'fr', section: 'societe', headline: 'Le marché de Noël ouvre', body: [{ type: 'paragraph', text: 'Des chalets en bois.' }] });
  const { source } = await admin.json('POST', '/api/admin/ingest/sources', { edition: 'fr', section: 'monde', name: 'Agence Exemple', kind: 'ninjs' });
  await admin.json('POST', `/api/admin/ingest/ninjs?source=${source.id}`, [
    { guid: 'w1', headline: 'Grève des contrôleurs aériens', description_text: 'Vols annulés à Orly.', body_text: 'Texte.', firstcreated: '2026-11-23T05:00:00Z' },
    { guid: 'w2', headline: 'Récolte de sel à Guérande', description_text: 'Une saison exceptionnelle.', body_text: 'Texte.', firstcreated: '2026-11-23T06:00:00Z' },
  ]);
});

describe('newsroom search in Chromium', () => {
  it(
    'searches the article list for a word of a body and shows the passage it was found in',
    async () => {
      const list = new ArticleSearchPage(await signedIn(ADMIN.email));
      await list.heading.waitFor();
      await list.search('chantier');
      expect(await list.headlines()).toEqual([expect.stringContaining('La ligne 3 attendra encore')]);
      await expect.poll(() => list.foundIn('La ligne 3 attendra encore').textContent()).toBe('Trouvé dans : corps du texte');
      expect(await list.marked('La ligne 3 attendra encore').allTextContents()).toEqual(['chantier']);
      await expectNoAxeViolations(list.page, 'article list, searched');

      await list.search('Martine');
      await expect.poll(() => list.foundIn('La ligne 3 attendra encore').textContent()).toBe('Trouvé dans : personne citée, personnes');
    },
    JOURNEY_MS,
  );

  it(
    'searches the wire queue by a word of a summary',
    async () => {
      const ingest = new IngestPage(await signedIn(ADMIN.email));
      await ingest.open();
      const wire = new WireSearch(ingest);
      await expect.poll(() => wire.titles()).toHaveLength(2);
      await wire.search('orly');
      await expect.poll(() => wire.titles()).toEqual(['Grève des contrôleurs aériens']);
      await expectNoAxeViolations(ingest.page, 'wire queue, searched');
    },
    JOURNEY_MS,
  );
});
