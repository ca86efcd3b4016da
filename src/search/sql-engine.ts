import type { Db, Dialect } from '../store/db.ts';
import { indexArticles } from './index-writer.ts';
import { namesPlan } from './names-query.ts';
import { postgresSearch } from './pg-queries.ts';
import { rebuildIndex } from './rebuild.ts';
import { ENGINE_DEFAULTS, planSearch, type EngineOptions, type SearchPlan } from './search-plan.ts';
import type { ArticleHit, ArticleSearch, ArticleSearchAnswer, NameHit, SearchEngine } from './search.types.ts';
import { sqliteSearch } from './sqlite-queries.ts';

/**
 * The search engine of the store's own database: SQLite FTS5 or PostgreSQL
 * tsvector, chosen once by the composition root from the store's dialect. Both
 * read the same index shape (docs/search.md); each dialect's file holds its SQL.
 */

/** A page of hits and the total as far as it was counted. */
export interface Found {
  total: number;
  hits: ArticleHit[];
}

export interface NamesPlan {
  /** Each word's prefixes (any may match); every word must match. */
  parts: string[][];
  edition: string;
  readers: boolean;
  now: string;
  limit: number;
}

/** One dialect's statements: one statement per search. */
export interface DialectSearch {
  readonly name: string;
  relevance(db: Db, plan: SearchPlan, o: EngineOptions): Promise<Found>;
  byDate(db: Db, plan: SearchPlan, offset: number, limit: number, countUpTo: number): Promise<Found>;
  names(db: Db, plan: NamesPlan): Promise<NameHit[]>;
}

export function createSearchEngine(dialect: Dialect, options: Partial<EngineOptions> = {}): SearchEngine {
  const o: EngineOptions = { ...ENGINE_DEFAULTS, ...options };
  const d = dialect === 'sqlite' ? sqliteSearch : postgresSearch;
  return {
    name: d.name,
    indexArticles,
    async searchArticles(db: Db, input: ArticleSearch): Promise<ArticleSearchAnswer> {
      const { plan, query } = await planSearch(db, input);
      const page = Math.max(1, Math.floor(Number(input.page) || 1));
      if (!plan) return { query, hits: [], total: 0, totalIsEstimate: false, page, perPage: Math.max(1, Math.floor(Number(input.perPage) || 20)) };
      const found = plan.sort === 'date' ? await d.byDate(db, plan, plan.offset, plan.limit, o.exactTotalUpTo + 1) : await ranked(db, plan);
      const estimate = found.total > o.exactTotalUpTo;
      return { query, hits: found.hits, total: estimate ? o.exactTotalUpTo : found.total, totalIsEstimate: estimate, page: plan.page, perPage: plan.perPage };
    },
    searchNames(db, input) {
      return d.names(db, namesPlan(input));
    },
    rebuild: rebuildIndex,
  };

  /** Relevance over the candidates; a page past them goes on in date order with the older matches. */
  async function ranked(db: Db, plan: SearchPlan): Promise<Found> {
    const found = await d.relevance(db, plan, o);
    const missing = plan.limit - found.hits.length;
    if (missing > 0 && found.total > o.candidates) {
      const tail = await d.byDate(db, plan, Math.max(plan.offset, o.candidates), missing, 0);
      return { total: found.total, hits: [...found.hits, ...tail.hits] };
    }
    return found;
  }
}
