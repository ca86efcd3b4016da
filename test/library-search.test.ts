import { afterAll, beforeAll, expect, it } from 'vitest';
import { listMedia } from '../src/media/media.service.ts';
import { firstAdmin, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeImage, startTestSite, type TestSite } from './harness.ts';
import { spyStore } from './support/query-plans.ts';

/** Word search in the media library and the wire queue, over their own full-text indexes (migration 0110). */

const PASSWORD = 'correct horse battery';

function form(data: Buffer, filename: string, fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), filename);
  return f;
}

forEachDialect('newsroom library search', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  const pic: Record<string, number> = {};

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 });
    admin = await firstAdmin(site.url, PASSWORD);
    const pictures: Array<[string, string, Record<string, string>]> = [
      ['grue', 'chantier-tram_2026.jpg', { alt: 'Une grue au-dessus des rails', caption: 'Le chantier du tramway reprend à Besançon', credit: 'Photo Studio Corneille' }],
      ['port', 'IMG_0042.jpg', { alt: 'Des cargos à quai', caption: 'Le port de Saint-Nazaire à l’aube', copyright: '© Agence Éclair 2026' }],
      ['marche', 'marche.jpg', { alt: 'Étals de légumes', caption: 'Marché couvert', credit: 'Zoë Müller / Collectif Phare' }],
    ];
    for (const [i, [key, file, fields]] of pictures.entries()) {
      const r = await admin.call('POST', '/api/admin/media', form(await makeImage(400, 300, 'jpeg', `#1${i}3${i}5${i}`), file, fields));
      expect(r.status).toBe(201);
      pic[key] = (await r.json()).id;
    }
  });
  afterAll(() => site.close());

  const media = async (q: string) => (await admin.json('GET', `/api/admin/media?q=${encodeURIComponent(q)}`)).media.map((m: { id: number }) => m.id);

  it('finds a picture by its caption, credit, copyright, alt text and file name, by the start of each word, whatever the case and accents', async () => {
    expect(await media('chantier')).toEqual([pic.grue]);
    expect(await media('besancon tramw')).toEqual([pic.grue]);
    expect(await media('corneille')).toEqual([pic.grue]);
    expect(await media('ECLAIR 2026')).toEqual([pic.port]);
    expect(await media('cargos quai')).toEqual([pic.port]);
    expect(await media('etals')).toEqual([pic.marche]);
    expect(await media('zoe mull')).toEqual([pic.marche]);
    // A file name is words: its parts, and its extension.
    expect(await media('tram')).toEqual([pic.grue]);
    expect(await media('img_0042')).toEqual([pic.port]);
    expect(await media('jpg').then((ids: number[]) => ids.sort())).toEqual([pic.grue, pic.port, pic.marche].sort());
    // Every word must be found, in one field or another; the middle of a word is not a word.
    expect(await media('chantier cargos')).toEqual([]);
    expect(await media('antier')).toEqual([]);
    // Syntax of the engines is searched as words, never an error.
    for (const q of ['"chantier', 'chantier*', 'NEAR(a b)', 'alt:grue', 'a & !b', '(', '*', '%', "l'aube"]) {
      expect((await admin.call('GET', `/api/admin/media?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
    }
    expect(await media("l'aube")).toEqual([pic.port]);
  });

  it('follows changes to a picture’s words', async () => {
    await admin.json('PATCH', `/api/admin/media/${pic.marche}`, { caption: 'Halles de Lyon', credit: null });
    expect(await media('marche couvert')).toEqual([]);
    expect(await media('halles lyon')).toEqual([pic.marche]);
    expect(await media('phare')).toEqual([]);
  });

  it('reads the full-text index, not every picture', async () => {
    const spy = spyStore(site.config.database);
    try {
      await listMedia(spy.db, { q: 'chantier tram' });
      const q = spy.captured.find((x) => /from "images"/.test(x.sql))!;
      const lines = await spy.explain(q);
      expect(lines.some((l) => (dialect === 'sqlite' ? /images_fts/.test(l) : /images_search/.test(l))), lines.join('\n')).toBe(true);
    } finally {
      await spy.close();
    }
  });

  it('finds wire copy by its title and its summary', async () => {
    const source = (await admin.json('POST', '/api/admin/ingest/sources', { edition: 'fr', section: 'monde', name: 'Agence Exemple', kind: 'ninjs' })).source;
    const doc = [
      { guid: 'w1', headline: 'Grève des contrôleurs aériens', description_text: 'Les vols annulés à Orly jusqu’à dimanche.', body_text: 'Texte.', firstcreated: '2026-11-23T05:00:00Z' },
      { guid: 'w2', headline: 'Récolte de sel à Guérande', description_text: 'Une saison exceptionnelle pour les paludiers.', body_text: 'Texte.', firstcreated: '2026-11-23T06:00:00Z' },
      { guid: 'w3', headline: 'Trafic perturbé', body_text: 'Sans résumé.', firstcreated: '2026-11-23T07:00:00Z' },
    ];
    expect(await admin.json('POST', `/api/admin/ingest/ninjs?source=${source.id}`, doc)).toEqual({ added: 3, duplicates: 0 });
    const wire = async (q: string, more = '') => (await admin.json('GET', `/api/admin/ingest/items?q=${encodeURIComponent(q)}${more}`)).items.map((i: { guid: string }) => i.guid);
    expect(await wire('greve controleurs')).toEqual(['w1']);
    expect(await wire('orly')).toEqual(['w1']);
    expect(await wire('PALUDIER')).toEqual(['w2']);
    expect(await wire('guérande')).toEqual(['w2']);
    expect(await wire('perturb')).toEqual(['w3']);
    expect(await wire('orly guerande')).toEqual([]);
    // With the queue's other filters.
    expect(await wire('orly', `&source=${source.id}&status=new`)).toEqual(['w1']);
    expect(await wire('orly', '&status=dismissed')).toEqual([]);
    const w1 = (await admin.json('GET', `/api/admin/ingest/items?q=orly`)).items[0];
    await admin.json('POST', `/api/admin/ingest/items/${w1.id}/dismiss`);
    expect(await wire('orly', '&status=dismissed')).toEqual(['w1']);
  });
});
