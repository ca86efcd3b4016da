import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { broadcasterArticle, writeImportFolder } from './fixtures.ts';
import { forEachDialect, freshDatabase, listFiles, scratchDir, testConfig } from './harness.ts';
import { cliEnv, depeche } from './cli-runner.ts';

const FIX = path.resolve('test/fixtures/ninjs');


forEachDialect('ninjs export and import', (dialect) => {
  let env: Record<string, string>;
  let db: Awaited<ReturnType<typeof freshDatabase>>;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    env = cliEnv(db.dataDir, db.database);
  });
  afterAll(() => db.drop());

  it('exports an article as ninjs 2 and ninjs 3 with escaped HTML, subjects, source and the lead picture', async () => {
    const a = broadcasterArticle({ headline: 'Faut-il <vraiment> négocier ?' });
    const { file } = await writeImportFolder([a]);
    expect((await depeche(env, ['import', file])).code).toBe(0);
    for (const format of ['ninjs2', 'ninjs3'] as const) {
      const out = await scratchDir(`${format}-`);
      const r = await depeche(env, ['export', '--format', format, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const item = JSON.parse(await fs.readFile(path.join(out, `fr-${a.slug}.json`), 'utf8'));
      const ct = format === 'ninjs3' ? 'contentType' : 'contenttype';
      expect(item.$standard.version).toBe(format === 'ninjs3' ? '3.0' : '2.0');
      expect(item.uri).toBe(`https://news.example/fr/tv/${a.slug}`);
      expect(item.headlines[0]).toEqual({ role: 'main', [ct]: 'text/plain', value: 'Faut-il <vraiment> négocier ?' });
      expect(item.descriptions[0].value).toBe(a.standfirst);
      expect(item[format === 'ninjs3' ? 'pubStatus' : 'pubstatus']).toBe('usable');
      expect(item[format === 'ninjs3' ? 'firstCreated' : 'firstcreated']).toBe('2026-11-20T09:30:00.000Z');
      expect(item.by).toBe('Claire Dubreuil, Yanis Kerouani');
      expect(item.subjects).toEqual([{ name: 'TV', uri: 'https://news.example/fr/tv/', rel: 'section' }, { name: 'Diplomatie' }, { name: 'Débats' }]);
      expect(item[format === 'ninjs3' ? 'infoSources' : 'infosources']).toEqual([{ name: 'Agence Exemple Presse', uri: 'https://example.org/depeches/123', role: 'source' }]);
      const html = item.bodies.find((b: any) => b[ct] === 'text/html').value as string;
      expect(html).toContain('<h2>« Nous ne céderons pas »</h2>');
      expect(html).toContain('<blockquote><p>Personne ne signe');
      expect(html).toContain('<footer>Hervé Lantier, général à la retraite</footer>');
      expect(html).toContain('<a href="https://example.org/dossier"><em>notre dossier</em></a>');
      expect(html).toContain('<strong>rapport</strong>');
      expect(html).toContain('<ul><li>Premier point</li><li>Deuxième point</li></ul>');
      const text = item.bodies.find((b: any) => b[ct] === 'text/plain').value as string;
      expect(text.split('\n\n')[0]).toBe('Le débat a commencé à 20:30 : trois invités, une question.');
      const pic = item.associations[0];
      expect(pic).toMatchObject({ name: 'featureimage', type: 'picture', headlines: [{ value: 'Le plateau de l’émission.' }] });
      expect(pic.renditions[0]).toMatchObject({ name: 'original', href: expect.stringMatching(/^https:\/\/news\.example\/media\/.+\.jpg$/), width: 1600, height: 900, [ct]: 'image/jpeg' });
      expect(pic.renditions.length).toBeGreaterThan(2);
    }
  });

  it('dry-run lists what would be imported and what cannot be mapped, and writes nothing', async () => {
    const before = await depeche(env, ['export']);
    const r = await depeche(env, ['import', '--from', 'ninjs', '--dry-run', '--section', 'depeches', FIX]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("would import les-phares-de-la-cote-nord-passent-a-l-energie-solaire (ninjs 1.x) into fr/depeches as published");
    expect(r.stdout).toContain('(ninjs 2.x) into fr/depeches as draft');
    expect(r.stdout).toContain('(ninjs 3.x) into fr/depeches as published');
    expect(r.stdout).toMatch(/not mapped .*v1-item\.json: associations\.featureimage: picture https:\/\/borealis\.example\/photos\/phare\.jpg not imported/);
    expect(r.stdout).toContain('v1-item.json: located: not mapped');
    expect(r.stdout).toContain('dry run: nothing was written');
    expect((await depeche(env, ['export'])).stdout).toBe(before.stdout);
  });

  it('reports progress on standard error during a long import, never on standard output', async () => {
    const dir = await scratchDir('ninjs-many-');
    for (let i = 1; i <= 24; i++) {
      await fs.writeFile(path.join(dir, `item-${String(i).padStart(2, '0')}.json`), JSON.stringify({ uri: `urn:test:many:${i}`, headline: `Dépêche en série ${i}`, body_text: 'Un paragraphe.', firstcreated: '2026-11-23T05:00:00Z' }));
    }
    const r = await depeche(env, ['import', '--from', 'ninjs', '--section', 'serie', dir]);
    expect(r.code, r.stderr).toBe(0);
    // Not a terminal: a plain line at each quarter.
    expect(r.stderr.split('\n').filter((l) => l.startsWith('articles: '))).toEqual(['articles: 6/24', 'articles: 12/24', 'articles: 18/24', 'articles: 24/24']);
    expect(r.stdout).not.toContain('articles: ');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('imported '))).toHaveLength(24);
  });

  it('imports ninjs 1.x, 2.x and 3.x items with their source, times and status', async () => {
    const media = await listFiles(path.join(db.dataDir, 'media'));
    const r = await depeche(env, ['import', '--from', 'ninjs', '--section', 'depeches', path.join(FIX, 'v1-item.json'), path.join(FIX, 'v2-item.json'), path.join(FIX, 'v3-item.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('imported les-phares-de-la-cote-nord-passent-a-l-energie-solaire https://news.example/fr/depeches/les-phares-de-la-cote-nord-passent-a-l-energie-solaire');
    expect(r.stdout).toContain('not imported (images referenced by URL are not fetched)');
    expect(r.stdout).toContain('v1-item.json: subjects[1]: subject sans-nom has no name; not imported');
    expect(r.stdout).toContain('v2-item.json: urgency: not mapped');
    expect(await listFiles(path.join(db.dataDir, 'media'))).toEqual(media);
    const all = JSON.parse((await depeche(env, ['export'])).stdout) as any[];
    const v1 = all.find((a) => a.slug === 'les-phares-de-la-cote-nord-passent-a-l-energie-solaire');
    expect(v1).toMatchObject({
      edition: 'fr',
      section: 'depeches',
      status: 'published',
      publishedAt: '2026-11-18T07:15:00.000Z',
      updatedAt: '2026-11-18T08:40:00.000Z',
      standfirst: "Onze phares automatisés recevront des panneaux d'ici le printemps.",
      authors: ['Maëlle Torvic'],
      tags: ['Énergie'],
      source: { name: 'Agence Borealis', url: 'https://borealis.example/depeches/0001' },
    });
    expect(v1.lead).toBeUndefined();
    expect(v1.body).toEqual([
      { type: 'paragraph', content: [{ text: 'Le chantier commence ' }, { text: 'lundi', bold: true }, { text: " sur l'île de Brume." }] },
      { type: 'heading', text: 'Un calendrier serré' },
      { type: 'paragraph', content: [{ text: 'Les équipes disposent de ' }, { text: 'six semaines', italic: true }, { text: ', selon ' }, { text: 'le plan publié', href: 'https://example.org/phares' }, { text: '.' }] },
      { type: 'list', items: ['Brume', 'Pointe-Grise'] },
    ]);
    const v2 = all.find((a) => a.slug === 'une-chorale-de-gardiens-de-phare-enregistre-son-premier-disque');
    expect(v2).toMatchObject({ status: 'draft', authors: ['Ilan Ferrec', 'Suzon Malo'], tags: ['Musique'], body: [{ type: 'paragraph', text: 'Ils chantent depuis vingt ans.' }, { type: 'paragraph', text: 'Le disque sortira en décembre.' }] });
    const v3 = all.find((a) => a.slug === 'le-bac-de-l-estuaire-reprend-son-service-apres-la-tempete');
    expect(v3).toMatchObject({ edition: 'fr', status: 'published', publishedAt: '2026-11-20T05:30:00.000Z', updatedAt: '2026-11-20T08:00:00.000Z', source: { name: 'Agence Borealis', url: 'https://borealis.example/' } });
    expect(v3.body[1]).toEqual({ type: 'pullquote', text: 'Nous avons tout vérifié deux fois.', attribution: 'Jorun Alvik' });
  });

  it('neutralises a script in the headline and a javascript: link, reports both, and the page shows the SOURCE line', async () => {
    const r = await depeche(env, ['import', '--from', 'ninjs', path.join(FIX, 'hostile.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('hostile.json: headline: markup removed; imported as plain text');
    expect(r.stdout).toContain('hostile.json: body: link to "javascript:alert(1)" removed');
    expect(r.stdout).toContain('hostile.json: body: <script> element removed with its content');
    const all = JSON.parse((await depeche(env, ['export'])).stdout) as any[];
    const a = all.find((x) => x.headline.startsWith('Alerte'));
    expect(a.headline).toBe('Alerte aux goélands');
    expect(a.section).toBe('tv'); // no --section: the edition's first section
    expect(a.body).toEqual([{ type: 'paragraph', text: 'Les goélands volent les frites sur le port.' }, { type: 'paragraph', text: 'Fin.' }]);

    const app = await buildApp(testConfig(db.dataDir, db.database));
    try {
      const page = await app.server.inject({ url: `/fr/tv/${a.slug}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/SOURCE\s:\s*Agence Borealis/);
      expect(page.body).not.toContain('alert(');
    } finally {
      await app.close();
    }
  });
});
