import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { adminClient } from './admin-client.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, makeDraft, NO_BACKGROUND_PASSES, startTestSite, type TestSite } from './harness.ts';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off', 'long-title': 'off' } });
const HOSTILE = '<img src=x onerror=alert(1)>';

forEachDialect('reader search', (dialect) => {
  let site: TestSite;
  const fr = {
    talks: makeArticle({
      section: 'monde',
      headline: 'Les négociations reprennent à Genève',
      standfirst: 'Les délégations se retrouvent lundi.',
      publishedAt: '2026-11-10T09:00:00Z',
      tags: ['Diplomatie'],
      body: [
        { type: 'paragraph', text: 'Après trois semaines de pause, les délégations reviennent à la table. L’armée observe la trêve depuis dimanche.' },
        { type: 'quote', text: 'Nous voulons un accord avant l’hiver.', speaker: { name: 'Martine Roussel', role: 'médiatrice' } },
      ],
    }),
    harvest: makeArticle({ section: 'tv', headline: 'La vendange commence en Bourgogne', lead: { image: 'photos/lead.jpg', alt: 'Des vignes' }, publishedAt: '2026-09-10T09:00:00Z' }),
    harvestVideo: makeArticle({ section: 'tv', headline: 'Reportage : une journée de vendange', publishedAt: '2026-09-11T09:00:00Z', body: [{ type: 'embed', url: 'https://www.youtube.com/watch?v=abcdefghijk', title: 'Les vendangeurs' }] }),
    armies: makeArticle({ section: 'monde', headline: 'Les armées européennes renforcent leur coopération', publishedAt: '2026-11-12T09:00:00Z', body: [{ type: 'paragraph', text: 'Un exercice commun est prévu au printemps.' }] }),
    daech: makeArticle({ section: 'monde', headline: 'Un rapport sur Daech publié à Bagdad', publishedAt: '2026-11-05T09:00:00Z' }),
    hostile: makeArticle({ section: 'tv', headline: `Chantier ${HOSTILE}`, tags: [`Chantiers ${HOSTILE}`], standfirst: `Chapô ${HOSTILE}`, publishedAt: '2026-11-15T09:00:00Z', body: [{ type: 'paragraph', text: `Le chantier ${HOSTILE} avance.` }] }),
    tvTalks: makeArticle({ section: 'tv', headline: 'Un débat télévisé sur les négociations', publishedAt: '2026-11-18T09:00:00Z' }),
    draft: makeArticle({ section: 'monde', headline: 'Brouillon sur le pipeline Xylophone', tags: ['Projet Xylophone'], status: 'draft', publishedAt: undefined }),
    embargoed: makeArticle({ section: 'monde', headline: 'Embargo sur le pipeline Xylophone', publishedAt: '2027-06-01T09:00:00Z' }),
    withdrawn: makeArticle({ section: 'monde', headline: 'Retrait du pipeline Xylophone', status: 'unpublished' }),
  };
  const matches = Array.from({ length: 23 }, (_, i) =>
    makeArticle({ section: 'sport', headline: `Tournoi de handball, journée ${i + 1}`, publishedAt: `2026-10-${String(i + 1).padStart(2, '0')}T18:00:00Z` }),
  );
  const en = makeArticle({ edition: 'en', section: 'world', headline: 'Ministers are negotiating a new treaty', publishedAt: '2026-11-11T09:00:00Z' });

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES);
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Dépêche English', timeZone: 'Europe/London' });
    const { dir } = await writeImportFolder([]);
    await importArticles(
      { db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() },
      [{ name: 'a.json', baseDir: dir, text: JSON.stringify([...Object.values(fr), ...matches, en]) }],
    );
    await site.app.site.refresh(true);
  });
  afterAll(() => site.close());

  const get = (path: string) => fetch(site.url + path, { redirect: 'manual' });
  const page = async (path: string) => {
    const r = await get(path);
    return { status: r.status, text: await r.text(), headers: r.headers };
  };
  const api = async (query: string) => {
    const r = await get(`/api/content/search?${query}`);
    return { status: r.status, body: await r.json(), headers: r.headers };
  };
  const slugs = (body: { articles: Array<{ slug: string }> }) => body.articles.map((a) => a.slug);

  it('finds French words without their accents, plural or elision, and marks them in the headline', async () => {
    const { status, text } = await page('/fr/recherche?q=negociation');
    expect(status).toBe(200);
    expect(text).toContain('<mark>négociations</mark> reprennent à Genève');
    expect(text).toContain(`href="/fr/monde/${fr.talks.slug}"`);
    expect(slugs((await api('edition=fr&q=l%27armee')).body).sort()).toEqual([fr.talks.slug, fr.armies.slug].sort());
    expect(slugs((await api('edition=fr&q=Daech')).body)).toEqual([fr.daech.slug]);
    const typographic = await api(`edition=fr&q=${encodeURIComponent('l’armée')}`);
    expect(typographic.body.total).toBe(2);
  });

  it('answers the English edition at /en/search with its stemmer, and no other edition’s word', async () => {
    const { status, text } = await page('/en/search?q=negotiations');
    expect(status).toBe(200);
    expect(text).toContain('<html lang="en" dir="ltr">');
    expect(text).toContain('Ministers are <mark>negotiating</mark> a new treaty');
    expect(text).not.toContain(fr.talks.slug);
    expect((await get('/en/recherche?q=x')).status).toBe(404);
    expect((await get('/fr/search?q=x')).status).toBe(404);
  });

  it('keeps a hostile headline as text, in the page and in the JSON', async () => {
    const { text } = await page('/fr/recherche?q=chantier');
    expect(text).toContain('<mark>Chantier</mark> &lt;img src=x onerror=alert(1)>');
    expect(text).not.toContain(HOSTILE);
    // The matching topic's name too, in the names above the results and in the filter.
    expect(text).toMatch(/<a href="\/fr\/sujet\/[a-z0-9-]+">Chantiers &lt;img src=x onerror=alert\(1\)><\/a>/);
    expect(text).toMatch(/<option value="[a-z0-9-]+">Chantiers &lt;img src=x onerror=alert\(1\)><\/option>/);
    const { body } = await api('edition=fr&q=chantier');
    expect(body.articles[0].highlights.headline).toEqual([{ text: 'Chantier', mark: true }, { text: ` ${HOSTILE}` }]);
  });

  it('never shows a draft, an embargoed or a withdrawn article', async () => {
    const { text } = await page('/fr/recherche?q=pipeline+xylophone');
    for (const a of [fr.draft, fr.embargoed, fr.withdrawn]) expect(text).not.toContain(a.slug);
    expect(text).toContain('Aucun article ne correspond à « pipeline xylophone ».');
    const { body } = await api('edition=fr&q=xylophone');
    expect(body).toMatchObject({ state: 'none', total: 0, articles: [], names: [] });
    // A topic only a draft uses is not suggested either.
    expect(text).not.toContain('projet-xylophone');
    const suggest = await (await get('/api/content/search/suggest?edition=fr&q=xyloph')).json();
    expect(suggest.suggestions).toEqual([]);
  });

  it('filters by section, topic, person and date range, in the page and the API', async () => {
    expect(slugs((await api('edition=fr&q=negociations')).body).sort()).toEqual([fr.talks.slug, fr.tvTalks.slug].sort());
    expect(slugs((await api('edition=fr&q=negociations&section=tv')).body)).toEqual([fr.tvTalks.slug]);
    expect(slugs((await api('edition=fr&q=negociations&topic=diplomatie')).body)).toEqual([fr.talks.slug]);
    expect(slugs((await api('edition=fr&q=negociations&person=martine-roussel')).body)).toEqual([fr.talks.slug]);
    expect(slugs((await api('edition=fr&q=negociations&from=2026-11-16&to=2026-11-30')).body)).toEqual([fr.tvTalks.slug]);
    expect(slugs((await api('edition=fr&q=negociations&to=2026-11-10')).body)).toEqual([fr.talks.slug]);
    expect(slugs((await api('edition=fr&q=negociations&topic=inconnu')).body)).toEqual([]);
    const { text } = await page('/fr/recherche?q=negociations&section=tv');
    expect(text).toContain(fr.tvTalks.slug);
    expect(text).not.toContain(fr.talks.slug);
    expect(text).toContain('<option value="tv" selected>TV</option>');
  });

  it('filters by type, and shows each hit’s picture', async () => {
    expect(slugs((await api('edition=fr&q=vendange&type=video')).body)).toEqual([fr.harvestVideo.slug]);
    expect(slugs((await api('edition=fr&q=vendange&type=article')).body)).toEqual([fr.harvest.slug]);
    const { text } = await page('/fr/recherche?q=vendange&type=article');
    expect(text).toMatch(/<article class="search-hit"><picture>.*<img [^>]*width="1600" height="900"/);
  });

  it('sorts by date when asked, newest first', async () => {
    expect(slugs((await api('edition=fr&q=negociations&sort=date')).body)).toEqual([fr.tvTalks.slug, fr.talks.slug]);
  });

  it('pages with real links, and counts the results', async () => {
    const first = await page('/fr/recherche?q=handball');
    expect(first.text).toContain('23 résultats');
    expect(first.text.match(/class="search-hit"/g)).toHaveLength(20);
    expect(first.text).toContain('<a href="/fr/recherche?q=handball&amp;page=2" rel="next">');
    const second = await page('/fr/recherche?q=handball&page=2');
    expect(second.text.match(/class="search-hit"/g)).toHaveLength(3);
    expect(second.text).toContain('<a href="/fr/recherche?q=handball" rel="prev">');
    const { body } = await api('edition=fr&q=handball&page=2&sort=date');
    expect(body).toMatchObject({ page: 2, perPage: 20, total: 23, totalIsEstimate: false, hasMore: false });
    expect(body.articles).toHaveLength(3);
  });

  it('links the people and topics that match above the articles', async () => {
    const { text } = await page('/fr/recherche?q=martine+roussel');
    expect(text).toContain('<a href="/fr/personne/martine-roussel">Martine Roussel</a>');
    expect(text.indexOf('/fr/personne/martine-roussel')).toBeLessThan(text.indexOf('class="search-hit"'));
    const { body } = await api('edition=fr&q=diplomatie');
    expect(body.names).toContainEqual({ kind: 'tag', slug: 'diplomatie', name: 'Diplomatie', path: '/fr/sujet/diplomatie', url: 'https://news.example/fr/sujet/diplomatie' });
  });

  it('suggests the closest topics when nothing matches', async () => {
    const { text } = await page('/fr/recherche?q=diplomatei');
    expect(text).toContain('Aucun article ne correspond');
    expect(text).toContain('<a href="/fr/sujet/diplomatie">Diplomatie</a>');
    const { body } = await api('edition=fr&q=xylophone');
    expect(body.closestTopics).toEqual([]);
  });

  it('answers an empty query, stop words only and a very long query with a page, never an error', async () => {
    const empty = await page('/fr/recherche');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('Saisissez un ou plusieurs mots');
    const stop = await page('/fr/recherche?q=le+la+les+de+des');
    expect(stop.status).toBe(200);
    expect(stop.text).toContain('Ces mots sont trop courants');
    const long = await page(`/fr/recherche?q=${encodeURIComponent('négociations '.repeat(40))}`);
    expect(long.status).toBe(200);
    expect(long.text).toContain('seuls ses 200 premiers caractères');
    expect((await api(`edition=fr&q=${'a'.repeat(5000)}`)).status).toBe(200);
    expect((await page('/fr/recherche?q=negociations&sort=nope&from=hier&page=abc')).status).toBe(200);
  });

  it('is noindex and cacheable briefly by a CDN, purged with any article of the edition', async () => {
    const { headers, text } = await page('/fr/recherche?q=negociations');
    expect(headers.get('x-robots-tag')).toBe('noindex');
    expect(text).toContain('<meta name="robots" content="noindex"/>');
    expect(headers.get('cache-control')).toMatch(/^public, max-age=30, s-maxage=60\b/);
    expect(headers.get('surrogate-key')!.split(' ')).toEqual(expect.arrayContaining(['ea-fr', 'e-fr', 'all']));
    const json = await api('edition=fr&q=negociations');
    expect(json.headers.get('surrogate-key')!.split(' ')).toContain('ea-fr');
    expect(json.headers.get('x-robots-tag')).toBe('noindex');
  });

  it('answers the API in the Content API’s shape, and 422 naming the field it cannot use', async () => {
    const { status, body } = await api('edition=fr&q=negociations&section=monde');
    expect(status).toBe(200);
    expect(body.query).toMatchObject({ q: 'negociations', sort: 'relevance', section: 'monde', cut: false });
    expect(body.articles[0]).toMatchObject({ slug: fr.talks.slug, path: `/fr/monde/${fr.talks.slug}`, section: { slug: 'monde' }, tags: [{ slug: 'diplomatie', name: 'Diplomatie' }] });
    // The words are in the headline only: the snippet is the body's start.
    expect(body.articles[0].highlights.snippet[0].text).toMatch(/^Après trois semaines/);
    for (const [query, field] of [['q=x', 'edition'], ['edition=zz&q=x', 'edition'], ['edition=fr&sort=best', 'sort'], ['edition=fr&from=2026-02-30', 'from'], ['edition=fr&type=poem', 'type'], ['edition=fr&page=0', 'page'], ['edition=fr&q=a&q=b', 'q']]) {
      const r = await api(query);
      expect(r.status, query).toBe(422);
      expect(r.body.field, query).toBe(field);
    }
  });

  it('suggests articles and names as one types, the last word a prefix', async () => {
    const r = await get('/api/content/search/suggest?edition=fr&q=n%C3%A9go');
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.suggestions.map((s: { path: string }) => s.path)).toContain(`/fr/monde/${fr.talks.slug}`);
    const names = await (await get('/api/content/search/suggest?edition=fr&q=diplo')).json();
    expect(names.suggestions[0]).toEqual({ kind: 'tag', label: 'Diplomatie', path: '/fr/sujet/diplomatie', url: 'https://news.example/fr/sujet/diplomatie' });
    expect((await (await get('/api/content/search/suggest?edition=fr&q=')).json()).suggestions).toEqual([]);
  });

  it('puts a labelled search box in every page’s header and a SearchAction on the home page', async () => {
    const home = await page('/fr/');
    expect(home.text).toContain('<form class="site-search" role="search" aria-label="Recherche" method="get" action="/fr/recherche">');
    expect(home.text).toContain('<label class="visually-hidden" for="site-search-q">Rechercher sur le site</label>');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(home.text)![1]!);
    expect(ld).toMatchObject({
      '@type': 'WebSite',
      potentialAction: { '@type': 'SearchAction', target: { urlTemplate: 'https://news.example/fr/recherche?q={search_term_string}' }, 'query-input': 'required name=search_term_string' },
    });
    const article = await page(`/fr/monde/${fr.talks.slug}`);
    expect(article.text).toContain('action="/fr/recherche"');
    expect((await page('/en/')).text).toContain('action="/en/search"');
  });

  it('writes valid HTML', async () => {
    for (const p of ['/fr/recherche?q=negociations', '/fr/recherche', '/fr/recherche?q=diplomatei', '/fr/recherche?q=handball&page=2']) {
      const report = await validator.validateString((await page(p)).text);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector})`)), p).toEqual([]);
    }
  });

  it('follows a publish and an unpublish at once, and both purge the edition’s search answers', async () => {
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'ed@example.org', name: 'Ed', password: 'correct horse battery' });
    const editor = await adminClient(site.url).login('ed@example.org', 'correct horse battery');
    const db = site.app.store.db;
    const queued = async () => (await db.selectFrom('cdn_purges').select('keys').execute()).flatMap((r) => r.keys.split(' '));
    const found = async () => slugs((await api('edition=fr&q=zeppelin')).body);
    const { article } = await editor.json('POST', '/api/admin/articles', makeDraft({ section: 'monde', slug: 'le-zeppelin-revient', headline: 'Le zeppelin revient' }));
    expect(await found()).toEqual([]);
    await db.deleteFrom('cdn_purges').execute();
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    expect(await found()).toEqual(['le-zeppelin-revient']);
    expect(await queued()).toContain('ea-fr');
    await db.deleteFrom('cdn_purges').execute();
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'unpublished' });
    expect(await found()).toEqual([]);
    expect(await queued()).toContain('ea-fr');
  });
});
