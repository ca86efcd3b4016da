import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { createSearchEngine } from '../src/search/sql-engine.ts';
import type { ArticleSearch } from '../src/search/search.types.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';
import { spyStore } from './support/query-plans.ts';

/**
 * A search reads its index as a range, newest first, whatever the archive's size: SQLite's FTS5
 * table answers `ORDER BY rowid DESC` itself (no sort), PostgreSQL walks the time key's btree
 * backwards or reads the GIN index, never the whole table; and each search is one statement.
 */

const NOW = new Date('2026-11-25T10:00:00Z');

forEachDialect('search query plans', (dialect) => {
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, searchBackfillMs: 0 }, () => NOW);
    const articles = Array.from({ length: 40 }, (_, i) => makeArticle({ headline: `Budget régional ${i}`, tags: ['Budget'], publishedAt: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 3_600_000).toISOString() }));
    await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => NOW }, [{ name: 'a.json', baseDir: '.', text: JSON.stringify(articles) }]);
  });
  afterAll(() => site.close());

  it('reads the terms newest first from the index, sorting only the page or the candidates, one statement per search', async () => {
    const spy = spyStore(site.config.database);
    try {
      const engine = createSearchEngine(dialect);
      const ask = (more: Partial<ArticleSearch>) => engine.searchArticles(spy.db, { q: 'budget', audience: 'readers', edition: 'fr', now: NOW.toISOString(), ...more });
      for (const more of [{}, { sort: 'date' as const }, { sort: 'date' as const, page: 2, perPage: 10 }, { tagId: 1, from: '2026-11-02T00:00:00Z' }]) {
        spy.captured.length = 0;
        await ask(more);
        expect(spy.captured, JSON.stringify(more)).toHaveLength(1);
        const lines = await spy.explain(spy.captured[0]!);
        const what = `${JSON.stringify(more)}: ${lines.join(' / ')}`;
        if (dialect === 'sqlite') {
          // FTS5's plan flags 192: ORDER BY rowid DESC answered by the table itself; the doclists are read newest first.
          const scans = lines.flatMap((l, i) => (l.startsWith('SCAN search_documents_fts') ? [i] : []));
          expect(scans.length, what).toBeGreaterThan(0);
          expect(lines.some((l) => /^SCAN search_documents_fts VIRTUAL TABLE INDEX 192:M/.test(l)), what).toBe(true);
          for (const i of scans) expect(lines[i + 1], what).not.toBe('USE TEMP B-TREE FOR ORDER BY');
          expect(lines.filter((l) => /^SCAN (d|search_documents)\b(?!_fts)/.test(l)), what).toEqual([]);
        } else {
          expect(lines.filter((l) => l.startsWith('Seq Scan')), what).toEqual([]);
          const i = lines.indexOf('Index Scan on search_documents_fts using search_documents_fts_pkey');
          expect(i, what).toBeGreaterThan(0);
          // The key's btree, in its order, straight under the LIMIT: no sort of the matches.
          expect(lines[i - 1], what).toBe('Limit');
        }
      }
      spy.captured.length = 0;
      await engine.searchNames(spy.db, { q: 'budget', edition: 'fr', audience: 'readers', now: NOW.toISOString(), limit: 5 });
      expect(spy.captured).toHaveLength(1);
    } finally {
      await spy.close();
    }
  });
});
