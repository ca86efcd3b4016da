import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { forEachDialect, freshDatabase, listFiles, testConfig } from './harness.ts';
import { cliEnv, depeche } from './cli-runner.ts';

const WP = path.resolve('test/fixtures/wordpress');
const GHOST = path.resolve('test/fixtures/ghost');


forEachDialect('import from WordPress and Ghost', (dialect) => {
  let env: Record<string, string>;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const exported = async () => JSON.parse((await depeche(env, ['export'])).stdout) as any[];

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    env = cliEnv(db.dataDir, db.database);
    await depeche(env, ['migrate']);
  });
  afterAll(() => db.drop());

  it('refuses a WXR with an external entity or a billion-laughs DOCTYPE, and writes nothing', async () => {
    const before = await depeche(env, ['export']);
    for (const f of ['xxe.xml', 'billion-laughs.xml']) {
      const r = await depeche(env, ['import', '--from', 'wordpress', path.join(WP, f)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${f}: refused: the file declares a DOCTYPE or entities`);
      expect(r.stderr).not.toContain('root:');
    }
    expect((await depeche(env, ['export'])).stdout).toBe(before.stdout);
  });

  it('dry-run lists the WordPress articles, what cannot be mapped and the redirects, and writes nothing', async () => {
    const before = await depeche(env, ['export']);
    const media = await listFiles(path.join(db.dataDir, 'media'));
    const r = await depeche(env, ['import', '--from', 'wordpress', '--dry-run', path.join(WP, 'export.xml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('would import la-jetee-nord-rouvre (wordpress post) into fr/vie-locale as published');
    expect(r.stdout).toContain('would import projet-un-second-ponton-pour-les-kayaks (wordpress post) into fr/uncategorized as draft');
    expect(r.stdout).toContain('would import contact (wordpress page) into fr/pages as published');
    expect(r.stdout).toContain('1 item of type "nav_menu_item" not imported');
    expect(r.stdout).toContain('shortcode [gallery] not mapped');
    expect(r.stdout).toMatch(/picture \S+absente\.jpg not imported \(no file at uploads\/2026\/03\/absente\.jpg\)/);
    expect(r.stdout).toContain('postmeta meteo_du_jour: custom field not mapped');
    expect(r.stdout).toContain('2 comments not imported');
    expect(r.stdout).toContain('redirect https://courrier-brume.example/2026/03/14/la-jetee-nord-rouvre/ → /fr/vie-locale/la-jetee-nord-rouvre');
    expect(r.stdout).toContain('dry run: nothing was written');
    expect((await depeche(env, ['export'])).stdout).toBe(before.stdout);
    expect(await listFiles(path.join(db.dataDir, 'media'))).toEqual(media);
  });

  it('imports WordPress posts and pages with sections, tags, authors, times, figures and the featured image', async () => {
    const r = await depeche(env, ['import', '--from', 'wordpress', path.join(WP, 'export.xml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('imported la-jetee-nord-rouvre https://news.example/fr/vie-locale/la-jetee-nord-rouvre\n');
    expect(r.stdout).toContain('imported contact https://news.example/fr/pages/contact\n');
    expect(r.stderr).toContain('redirect https://courrier-brume.example/contact/ → /fr/pages/contact');
    const all = await exported();
    const post = all.find((a) => a.slug === 'la-jetee-nord-rouvre');
    expect(post).toMatchObject({
      section: 'vie-locale',
      status: 'published',
      publishedAt: '2026-03-14T09:30:00.000Z',
      standfirst: "Six mois de chantier pour consolider l'ouvrage.",
      authors: ['Odile Quéméner'],
      tags: ['Patrimoine', 'Travaux'],
      lead: { alt: 'Une jetée de pierre sous la brume', caption: 'La jetée nord au petit matin.', credit: 'Photo Loïc Garrec' },
    });
    expect(post.body.map((b: any) => b.type)).toEqual(['paragraph', 'figure', 'heading', 'paragraph', 'figure', 'paragraph', 'list']);
    expect(post.body[5]).toEqual({ type: 'paragraph', text: 'Introuvable.' }); // the missing picture's caption
    expect(post.body[1]).toMatchObject({ type: 'figure', alt: 'Une jetée de pierre sous la brume', caption: 'La jetée, rouverte samedi.', credit: 'Photo Loïc Garrec' });
    expect(post.body[3].content[3]).toEqual({ text: 'notre dossier', href: 'https://courrier-brume.example/dossier-jetee' });
    expect(post.body[4]).toMatchObject({ alt: 'Des étals de poissons', caption: 'Le marché, juste à côté.', credit: 'Photo Anaïg Pennec' });
    expect(all.find((a) => a.slug === 'projet-un-second-ponton-pour-les-kayaks')).toMatchObject({ status: 'draft', section: 'uncategorized', authors: ['Tanguy Le Ruz'], tags: ['Nautisme'] });
    expect((await listFiles(path.join(db.dataDir, 'media'))).length).toBeGreaterThan(0);
  });

  it('neutralises a script and a javascript: link in a WordPress post and reports both', async () => {
    const r = await depeche(env, ['import', '--from', 'wordpress', path.join(WP, 'hostile.xml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('title: markup removed; imported as plain text');
    expect(r.stderr).toContain('<script> element removed with its content');
    expect(r.stderr).toContain('link to "javascript:alert(1)" removed');
    const a = (await exported()).find((x) => x.slug === 'les-mouettes');
    expect(a.headline).toBe('Les mouettes du port');
    expect(JSON.stringify(a)).not.toMatch(/javascript:|alert|evil\.example|onclick/);
    expect(a.body).toEqual([{ type: 'paragraph', text: 'Les mouettes volent les crêpes.' }, { type: 'paragraph', text: 'Cliquez pour la suite.' }, { type: 'paragraph', text: 'Fin.' }]);
  });

  it('imports a Ghost export: html body, excerpt, public tags, authors, times, status and feature image', async () => {
    const dry = await depeche(env, ['import', '--from', 'ghost', '--dry-run', path.join(GHOST, 'export.json')]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('would import verger-conservatoire (ghost post) into fr/jardins as published');
    expect(dry.stdout).toContain('mobiledoc: body has no rendered html');
    expect(dry.stdout).toContain('internal tag "#une" not mapped');
    expect(dry.stdout).toContain('1 members not imported');
    expect((await exported()).some((a) => a.slug === 'verger-conservatoire')).toBe(false);

    const r = await depeche(env, ['import', '--from', 'ghost', path.join(GHOST, 'export.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('imported verger-conservatoire https://news.example/fr/jardins/verger-conservatoire');
    expect(r.stderr).toContain('redirect /verger-conservatoire/ → /fr/jardins/verger-conservatoire');
    const all = await exported();
    expect(all.find((a) => a.slug === 'verger-conservatoire')).toMatchObject({
      section: 'jardins',
      status: 'published',
      publishedAt: '2026-04-02T08:15:00.000Z',
      updatedAt: '2026-04-03T10:00:00.000Z',
      standfirst: "Cent variétés anciennes sauvées de l'oubli.",
      tags: ['Patrimoine vivant'],
      authors: ['Gwenola Trévidic', 'Paol Kersaudy'],
      lead: { alt: 'Un pommier en fleurs', caption: 'Photo Maëlys Kerbrat' },
      body: [
        { type: 'paragraph', content: [{ text: 'Cent variétés de pommes ' }, { text: 'anciennes', bold: true }, { text: ' sont plantées.' }] },
        { type: 'figure', alt: 'Des rangées de pommiers', caption: 'Le verger en avril.' },
        { type: 'heading', text: 'Des visites guidées' },
        { type: 'paragraph', content: [{ text: 'Inscriptions ' }, { text: 'en ligne', href: 'https://verger.example/visites' }, { text: '.' }] },
      ],
    });
    expect(all.find((a) => a.slug === 'notes-saison-cidres')).toMatchObject({ status: 'draft', section: 'uncategorized', authors: ['Paol Kersaudy'], body: [] });
  });

  it('keeps the old WordPress and Ghost addresses: the site answers them with a 301 to the new page', async () => {
    const app = await buildApp(testConfig(db.dataDir, db.database));
    try {
      const moved = async (url: string) => {
        const r = await app.server.inject({ method: 'GET', url });
        return `${r.statusCode} ${r.headers.location ?? ''}`;
      };
      expect(await moved('/2026/03/14/la-jetee-nord-rouvre/')).toBe('301 /fr/vie-locale/la-jetee-nord-rouvre');
      expect(await moved('/?p=201')).toBe('301 /fr/vie-locale/la-jetee-nord-rouvre');
      expect(await moved('/contact/')).toBe('301 /fr/pages/contact');
      expect(await moved('/?page_id=301')).toBe('301 /fr/pages/contact');
      expect(await moved('/verger-conservatoire/')).toBe('301 /fr/jardins/verger-conservatoire');
      // The draft's address leads nowhere until it is published.
      expect(await moved('/?p=202')).toBe('404 ');
    } finally {
      await app.close();
    }
  });
});
