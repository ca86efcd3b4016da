import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive, restoreArchive } from '../src/content/archive.service.ts';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { createSearchEngine } from '../src/search/sql-engine.ts';
import type { ArticleSearch, SearchEngine } from '../src/search/search.types.ts';
import { forEachDialect, makeArticle, scratchDir, startTestSite, type TestSite } from './harness.ts';

/** What a search finds: filters, phrases, exclusions, prefixes, date order, totals, names, editions. */

const NOW = new Date('2026-11-25T10:00:00Z');

const accord = makeArticle({
  section: 'monde',
  headline: 'Accord de paix signé à Genève',
  standfirst: 'Trois semaines de discussions ont abouti.',
  tags: ['Diplomatie'],
  authors: ['Claire Dubreuil'],
  body: [{ type: 'paragraph', text: 'Les délégations ont signé un accord de paix après trois semaines de négociations.' }],
  publishedAt: '2026-11-10T08:00:00Z',
});
const social = makeArticle({
  section: 'economie',
  headline: 'La paix sociale menacée par les prix',
  tags: ['Énergie'],
  authors: ['Hugo Ferrand'],
  body: [{ type: 'paragraph', text: 'Un accord salarial reste possible, disent les syndicats, mais la paix sociale vacille.' }],
  publishedAt: '2026-11-12T08:00:00Z',
});
const quoted = makeArticle({
  section: 'monde',
  headline: 'La ministre défend sa réforme',
  body: [
    { type: 'paragraph', text: 'Devant les députés, elle a plaidé pour la paix civile.' },
    { type: 'quote', text: 'Nous tiendrons bon.', speaker: { name: 'Martine Lebrun', role: 'ministre' } },
  ],
  publishedAt: '2026-11-14T08:00:00Z',
});
const wire = makeArticle({
  section: 'monde',
  headline: 'Séisme au large des côtes',
  authors: [],
  source: { name: 'Agence Exemple Presse', url: 'https://example.org/depeches/1' },
  body: [{ type: 'paragraph', text: 'Les secours appellent au calme et à la paix des familles.' }],
  publishedAt: '2026-11-15T08:00:00Z',
});
const video = makeArticle({
  section: 'tv',
  headline: 'Le sommet de Genève en images',
  body: [{ type: 'embed', url: 'https://vimeo.com/76979871', title: 'La paix en débat' }],
  publishedAt: '2026-11-16T08:00:00Z',
});
const draft = makeArticle({ section: 'monde', headline: 'Brouillon sur la paix', tags: ['Secretissime'], status: 'draft', publishedAt: undefined });
const english = makeArticle({ edition: 'en', section: 'world', headline: 'Peace deal signed in Geneva', body: [{ type: 'paragraph', text: 'Delegations signed the peace agreements.' }], publishedAt: '2026-11-11T08:00:00Z' });
// Twelve of a kind, a day apart, for totals and paging.
const tides = Array.from({ length: 12 }, (_, i) => makeArticle({ section: 'sciences', headline: `Marée exceptionnelle numéro ${i}`, publishedAt: new Date(Date.parse('2026-10-01T06:00:00Z') + i * 86_400_000).toISOString() }));

forEachDialect('search queries', (dialect) => {
  let site: TestSite;
  let engine: SearchEngine;
  const id = new Map<Record<string, unknown>, number>();

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, searchBackfillMs: 0 }, () => NOW);
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Dépêche EN', timeZone: 'Europe/London' });
    engine = site.app.search;
    const all = [accord, social, quoted, wire, video, draft, english, ...tides];
    const done = await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => NOW }, [{ name: 'a.json', baseDir: '.', text: JSON.stringify(all) }]);
    all.forEach((a, i) => id.set(a, done[i]!.id));
  });
  afterAll(() => site.close());

  const ask = (q: string, more: Partial<ArticleSearch> = {}, e = engine) => e.searchArticles(site.app.store.db, { q, audience: 'readers', edition: 'fr', now: NOW.toISOString(), ...more });
  const found = async (q: string, more: Partial<ArticleSearch> = {}) => (await ask(q, more)).hits.map((h) => h.articleId);
  const sorted = async (q: string, more: Partial<ArticleSearch> = {}) => (await found(q, more)).sort((a, b) => a - b);
  const ids = (...as: Array<Record<string, unknown>>) => as.map((a) => id.get(a)!).sort((a, b) => a - b);
  const refId = async (table: 'sections' | 'tags' | 'people' | 'authors', slug: string) => (await site.app.store.db.selectFrom(table as 'tags').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

  it('finds every visible article with the word, stemmed and accent-folded, and never the draft', async () => {
    expect(await sorted('paix')).toEqual(ids(accord, social, quoted, wire, video));
    expect(await sorted('PAÏX')).toEqual(ids(accord, social, quoted, wire, video));
    expect(await sorted('negociation')).toEqual(ids(accord));
    expect(await sorted('paix', { audience: 'newsroom' })).toEqual(ids(accord, social, quoted, wire, video, draft));
  });

  it('ranks a headline match above a body match', async () => {
    const hits = (await ask('paix')).hits.map((h) => h.articleId);
    expect(hits.indexOf(id.get(accord)!)).toBeLessThan(hits.indexOf(id.get(quoted)!));
    expect(hits.indexOf(id.get(social)!)).toBeLessThan(hits.indexOf(id.get(wire)!));
  });

  it('filters by section, topic, person, author, type and dates', async () => {
    expect(await sorted('paix', { sectionId: await refId('sections', 'monde') })).toEqual(ids(accord, quoted, wire));
    expect(await sorted('paix', { tagId: await refId('tags', 'diplomatie') })).toEqual(ids(accord));
    expect(await sorted('paix', { personId: await refId('people', 'martine-lebrun') })).toEqual(ids(quoted));
    expect(await sorted('paix', { authorId: await refId('authors', 'hugo-ferrand') })).toEqual(ids(social));
    expect(await sorted('paix', { kind: 'wire' })).toEqual(ids(wire));
    expect(await sorted('paix', { kind: 'video' })).toEqual(ids(video));
    expect(await sorted('paix', { kind: 'article' })).toEqual(ids(accord, social, quoted));
    expect(await sorted('paix', { from: '2026-11-12T00:00:00Z', to: '2026-11-14T23:59:59Z' })).toEqual(ids(social, quoted));
  });

  it('matches a phrase in order, excludes words, and completes a word being typed', async () => {
    expect(await sorted('"accord de paix"')).toEqual(ids(accord));
    expect(await sorted('accord paix')).toEqual(ids(accord, social));
    expect(await sorted('paix -genève')).toEqual(ids(social, quoted, wire));
    expect(await sorted('paix -"paix sociale"')).toEqual(ids(accord, quoted, wire, video));
    expect(await sorted('accord négo', { prefix: true })).toEqual(ids(accord));
    expect(await sorted('marée excep', { prefix: true })).toEqual(ids(...tides));
    expect(await sorted('mar', { prefix: true })).toEqual(ids(quoted, ...tides));
  });

  it('keeps to the edition asked for, in its language; the newsroom without an edition asks each in its own', async () => {
    expect(await sorted('peace', { edition: 'en' })).toEqual(ids(english));
    expect(await sorted('agreement', { edition: 'en' })).toEqual(ids(english));
    expect(await sorted('peace')).toEqual([]);
    expect(await sorted('genève', { audience: 'newsroom', edition: undefined })).toEqual(ids(accord, video));
    expect(await sorted('agreement', { audience: 'newsroom', edition: undefined })).toEqual(ids(english));
  });

  it('sorts by date newest first, and pages through every match once', async () => {
    const byDate = (await ask('marée', { sort: 'date', perPage: 50 })).hits.map((h) => h.articleId);
    expect(byDate).toEqual(tides.map((t) => id.get(t)!).reverse());
    const paged: number[] = [];
    for (let page = 1; page <= 4; page++) paged.push(...(await ask('marée', { sort: 'date', perPage: 5, page })).hits.map((h) => h.articleId));
    expect(paged).toEqual(byDate);
  });

  it('counts exactly up to the threshold, then says the total is a lower bound; relevance pages go on past the candidates in date order', async () => {
    const small = createSearchEngine(dialect, { exactTotalUpTo: 5, candidates: 6 });
    const exact = await ask('paix', {}, small);
    expect([exact.total, exact.totalIsEstimate]).toEqual([5, false]);
    const many = await ask('marée', { perPage: 4 }, small);
    expect([many.total, many.totalIsEstimate]).toEqual([5, true]);
    const seen: number[] = [];
    for (let page = 1; page <= 4; page++) seen.push(...(await ask('marée', { perPage: 4, page }, small)).hits.map((h) => h.articleId));
    expect(seen.sort((a, b) => a - b)).toEqual(ids(...tides));
    // Past the six candidates (the newest), the oldest six in date order.
    expect(seen.length).toBe(12);
    expect(await ask('marée', { sort: 'date' }, small).then((a) => [a.total, a.totalIsEstimate])).toEqual([5, true]);
  });

  it('answers stop words alone, hostile syntax and overlong queries sanely', async () => {
    expect(await ask('le la les de')).toMatchObject({ hits: [], total: 0, totalIsEstimate: false });
    for (const q of ['"', 'paix*', 'NEAR(paix accord)', 'title:paix', "l'\\'\"*:^()", '-', '-paix', 'paix OR', '{title}: paix']) {
      await expect(ask(q)).resolves.toMatchObject({ page: 1 });
      await expect(ask(q, { prefix: true })).resolves.toMatchObject({ page: 1 });
    }
    // The facet terms filters use are never found by what a reader types.
    expect(await found('zedfr')).toEqual([]);
    expect(await found('ze', { prefix: true })).toEqual([]);
    expect(await found('zst', { prefix: true, audience: 'newsroom' })).toEqual([]);
    const long = await ask(`paix ${'mot '.repeat(100)}`);
    expect(long.query.cut).toBe(true);
    expect((await ask('paix', { page: 10_000 })).hits).toEqual([]);
  });

  describe('names', () => {
    const names = (q: string, audience: 'readers' | 'newsroom' = 'readers') => engine.searchNames(site.app.store.db, { q, edition: 'fr', audience, now: NOW.toISOString(), limit: 5 }).then((r) => r.map((n) => `${n.kind}:${n.slug}`));

    it('finds topics, people and authors by their words, stemmed or as a prefix being typed', async () => {
      expect(await names('Lebrun')).toEqual(['person:martine-lebrun']);
      expect(await names('marti')).toEqual(['person:martine-lebrun']);
      expect(await names('diplomatique')).toEqual(['tag:diplomatie']);
      expect(await names('énergie')).toEqual(['tag:energie']);
      expect(await names('claire dubreuil')).toEqual(['author:claire-dubreuil']);
      expect(await names('le la')).toEqual([]);
    });

    it('shows readers only names a visible article uses; the newsroom all', async () => {
      expect(await names('secretissime')).toEqual([]);
      expect(await names('secretissime', 'newsroom')).toEqual(['tag:secretissime']);
    });
  });

  it('is rebuilt whole, the same as kept by the writes, and a restored archive arrives indexed', async () => {
    const before = await sorted('paix', { audience: 'newsroom' });
    const r = await engine.rebuild(site.app.store.db);
    expect(r.articles).toBe(id.size);
    expect(await sorted('paix', { audience: 'newsroom' })).toEqual(before);

    const restored = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, searchBackfillMs: 0 }, () => NOW);
    try {
      const file = path.join(await scratchDir('search-archive-'), 'site.tar.gz');
      await exportArchive({ db: site.app.store.db, media: site.app.media, now: () => NOW }, file);
      await restoreArchive({ db: restored.app.store.db, media: restored.app.media, config: restored.config, now: () => NOW }, file);
      const again = await restored.app.search.searchArticles(restored.app.store.db, { q: 'paix', audience: 'readers', edition: 'fr', now: NOW.toISOString() });
      expect(again.total).toBe(5);
      expect(await restored.app.search.searchNames(restored.app.store.db, { q: 'lebrun', edition: 'fr', audience: 'readers', now: NOW.toISOString(), limit: 5 })).toHaveLength(1);
    } finally {
      await restored.close();
    }
  });
});
