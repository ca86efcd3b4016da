import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { NO_BACKGROUND_PASSES, startTestSite, type DialectName, type TestSite } from './harness.ts';

/**
 * The relevance test set: articles written for it (test/fixtures/search-relevance), imported the
 * ordinary way, and queries with the results a newsroom expects, written from reading the articles.
 * Every query runs for readers on SQLite and on PostgreSQL; each must give what is expected, and
 * both must give the same top results. A failure shows both databases' answers.
 */

const DIR = path.join(import.meta.dirname, 'fixtures/search-relevance');
const FILES = ['articles-fr.json', 'articles-en.json', 'articles-ar.json'];
/** The readers' "now": after every published article, before the embargoed and scheduled ones. */
const NOW = '2026-12-01T12:00:00Z';
const DIALECTS: DialectName[] = ['sqlite', 'postgres'];
/** Both databases must agree on this many first results in order, and on the set of the first AGREE_SET. */
const AGREE_ORDER = 3;
const AGREE_SET = 5;

interface RelevanceQuery {
  q: string;
  edition: string;
  sort?: 'relevance' | 'date';
  /** Suggestions' mode: the last word is a prefix. */
  prefix?: boolean;
  /** The first results, in this order (or in any order with `anyOrder`). */
  expectTop?: string[];
  anyOrder?: boolean;
  /** Never in the answer. */
  expectAbsent?: string[];
  /** The whole answer's size. */
  expectTotal?: number;
  /** Names (people, topics) that must be among the matching names. */
  expectNames?: string[];
  note: string;
  /**
   * Known shortfalls, each with its reason, by check: the check is then expected to fail
   * (it.fails), so that it is reported, and noticed when it starts passing.
   */
  todo?: Partial<Record<DialectName | 'agree', string>>;
}

interface FixtureArticle {
  edition: string;
  slug: string;
  status?: string;
  publishedAt?: string;
}

const queries: RelevanceQuery[] = JSON.parse(fsSync.readFileSync(path.join(DIR, 'queries.json'), 'utf8'));
const fixture: FixtureArticle[] = FILES.flatMap((f) => JSON.parse(fsSync.readFileSync(path.join(DIR, f), 'utf8')));
/** What a reader must never get: drafts, scheduled, unpublished and embargoed articles. */
const hidden = new Set(fixture.filter((a) => a.status !== 'published' || !a.publishedAt || a.publishedAt > NOW).map((a) => `${a.edition}/${a.slug}`));

interface Answer {
  slugs: string[];
  scores: number[];
  total: number;
  names: string[];
  error?: string;
}

describe('search relevance on SQLite and PostgreSQL', () => {
  const sites = new Map<DialectName, TestSite>();
  const answers = new Map<DialectName, Answer[]>();

  beforeAll(async () => {
    for (const dialect of DIALECTS) {
      const site = await startTestSite(dialect, NO_BACKGROUND_PASSES, () => new Date(NOW));
      sites.set(dialect, site);
      const { app, config } = site;
      const db = app.store.db;
      await ensureEdition(db, { code: 'en', name: 'Dispatch', timeZone: 'Europe/London', baseUrl: 'https://news.example/en' });
      await ensureEdition(db, { code: 'ar', name: 'Dispatch', timeZone: 'Asia/Beirut', baseUrl: 'https://news.example/ar' });
      const sources = await Promise.all(FILES.map(async (name) => ({ name, baseDir: DIR, text: await fs.readFile(path.join(DIR, name), 'utf8') })));
      await importArticles({ db, media: app.media, images: app.images, config, now: () => new Date(NOW) }, sources);
      const rows = await db.selectFrom('articles').select(['id', 'slug', 'edition']).execute();
      const slugOf = new Map(rows.map((r) => [Number(r.id), `${r.edition}/${r.slug}`]));
      const list: Answer[] = [];
      for (const query of queries) {
        try {
          const a = await app.search.searchArticles(db, { q: query.q, edition: query.edition, audience: 'readers', now: NOW, perPage: 20, prefix: query.prefix, sort: query.sort });
          const names = query.expectNames ? await app.search.searchNames(db, { q: query.q, edition: query.edition, audience: 'readers', now: NOW, limit: 10 }) : [];
          list.push({
            slugs: a.hits.map((h) => slugOf.get(h.articleId) ?? `#${h.articleId}`),
            scores: a.hits.map((h) => h.score),
            total: a.total,
            names: names.map((n) => n.name),
          });
        } catch (e) {
          list.push({ slugs: [], scores: [], total: 0, names: [], error: (e as Error).stack ?? String(e) });
        }
      }
      answers.set(dialect, list);
    }
  });
  afterAll(async () => {
    for (const site of sites.values()) await site.close();
  });

  /** Both databases' answers to one query, for the failure message. */
  function shown(i: number): string {
    const q = queries[i]!;
    const lines = [`query ${JSON.stringify(q.q)} (${q.edition}): ${q.note}`];
    for (const dialect of DIALECTS) {
      const a = answers.get(dialect)![i]!;
      if (a.error) lines.push(`  ${dialect}: ERROR ${a.error}`);
      else {
        lines.push(`  ${dialect} (total ${a.total}):`, ...a.slugs.slice(0, 8).map((s, k) => `    ${k + 1}. ${s}  ${a.scores[k]!.toPrecision(4)}`));
        if (q.expectNames) lines.push(`    names: ${a.names.join(', ') || 'none'}`);
      }
    }
    return lines.join('\n');
  }

  /** What is wrong with one database's answer to one query; empty when it is as expected. */
  function problems(q: RelevanceQuery, a: Answer): string[] {
    if (a.error) return ['the search failed'];
    const out: string[] = [];
    const full = (slug: string) => `${q.edition}/${slug}`;
    if (q.expectTop) {
      const want = q.expectTop.map(full);
      const got = a.slugs.slice(0, want.length);
      const same = q.anyOrder ? [...got].sort().join() === [...want].sort().join() : got.join() === want.join();
      if (!same) out.push(`top ${want.length}${q.anyOrder ? ' (any order)' : ''}: expected ${want.join(', ')}; got ${got.join(', ') || 'nothing'}`);
    }
    for (const slug of q.expectAbsent ?? []) if (a.slugs.includes(full(slug))) out.push(`${full(slug)} must be absent`);
    for (const slug of a.slugs) if (hidden.has(slug)) out.push(`${slug} is not visible to readers`);
    for (const slug of a.slugs) if (!slug.startsWith(`${q.edition}/`)) out.push(`${slug} is from another edition`);
    if (q.expectTotal !== undefined && (a.total !== q.expectTotal || a.slugs.length !== Math.min(q.expectTotal, 20))) out.push(`total: expected ${q.expectTotal}; got ${a.total} (${a.slugs.length} hits)`);
    for (const name of q.expectNames ?? []) if (!a.names.includes(name)) out.push(`names: expected ${name} among ${a.names.join(', ') || 'none'}`);
    return out;
  }

  queries.forEach((q, i) => {
    const title = `${q.edition} ${JSON.stringify(q.q.length > 60 ? `${q.q.slice(0, 57)}…` : q.q)}${q.prefix ? ' (prefix)' : ''}${q.sort ? ` (by ${q.sort})` : ''}`;
    const check = (name: DialectName | 'agree', label: string, fn: () => void) => {
      const known = q.todo?.[name];
      if (known) it.fails(`${title} [${label}] known: ${known}`, fn);
      else it(`${title} [${label}]`, fn);
    };
    for (const dialect of DIALECTS) {
      check(dialect, dialect, () => {
        expect(problems(q, answers.get(dialect)![i]!), shown(i)).toEqual([]);
      });
    }
    check('agree', 'same top results on both', () => {
      const [a, b] = DIALECTS.map((d) => answers.get(d)![i]!);
      expect({ order: a!.slugs.slice(0, AGREE_ORDER), set: [...a!.slugs.slice(0, AGREE_SET)].sort() }, shown(i)).toEqual({
        order: b!.slugs.slice(0, AGREE_ORDER),
        set: [...b!.slugs.slice(0, AGREE_SET)].sort(),
      });
    });
  });

  // The articles readers must not get, each by a word only it has: indexed (the newsroom finds it), never shown to readers.
  const HIDDEN_WORDS: Array<[edition: string, q: string, slug: string]> = [
    ['fr', 'coulisses', 'negociations-secretes-brouillon'],
    ['fr', 'salariales', 'negociations-salariales-accord-dans-la-fonction-publique'],
    ['fr', 'nocturnes', 'musee-des-beaux-arts-nocturnes-de-decembre'],
    ['fr', 'éboueurs', 'greve-des-eboueurs-article-retire'],
    ['en', 'means', 'energy-prices-draft-do-not-publish'],
    ['en', 'replay', 'cup-final-preview-under-embargo'],
    ['ar', 'مسودة', 'musawwada-al-mufawadat'],
  ];
  for (const dialect of DIALECTS) {
    it(`finds drafts, scheduled, unpublished and embargoed articles for the newsroom only [${dialect}]`, async () => {
      const { app } = sites.get(dialect)!;
      const db = app.store.db;
      const ids = new Map((await db.selectFrom('articles').select(['id', 'slug']).execute()).map((r) => [r.slug, Number(r.id)]));
      for (const [edition, q, slug] of HIDDEN_WORDS) {
        expect(hidden.has(`${edition}/${slug}`), slug).toBe(true);
        const newsroom = await app.search.searchArticles(db, { q, edition, audience: 'newsroom', now: NOW });
        expect(newsroom.hits.map((h) => h.articleId), `${q} for the newsroom`).toEqual([ids.get(slug)]);
        const readers = await app.search.searchArticles(db, { q, edition, audience: 'readers', now: NOW });
        expect(readers.hits, `${q} for readers`).toEqual([]);
      }
    });
  }

  it('imported every fixture article, and the set covers what it claims to', async () => {
    for (const site of sites.values()) {
      const n = await site.app.store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(fixture.length);
    }
    expect(fixture.length).toBeGreaterThanOrEqual(30);
    expect(queries.length).toBeGreaterThanOrEqual(40);
    expect(hidden.size).toBeGreaterThanOrEqual(4);
  });
});
