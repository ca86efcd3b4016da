import type { Db } from '../store/db.ts';
import type { ParsedQuery } from './query.ts';

/**
 * The search module's one interface. The SQL engine (SQLite FTS5 or PostgreSQL
 * tsvector, chosen by the store) implements it; an external engine (OpenSearch,
 * Meilisearch) would implement the same, fed from an outbox written in the
 * write's transaction instead of writing its index in it (docs/search.md).
 */

export type SearchSort = 'relevance' | 'date';

/** What an article is, for the type filter. */
export type ArticleKind = 'article' | 'video' | 'wire';

export interface ArticleSearch {
  q: string;
  /** Readers: published and visible at `now` only. Newsroom: every status. */
  audience: 'readers' | 'newsroom';
  /** Required for readers; the newsroom may search all editions. */
  edition?: string;
  sort?: SearchSort;
  sectionId?: number;
  tagId?: number;
  personId?: number;
  authorId?: number;
  kind?: ArticleKind;
  /** Publication time bounds, ISO instants, inclusive. */
  from?: string;
  to?: string;
  /** Newsroom only. */
  status?: string;
  ownerId?: number;
  /** 1-based. */
  page?: number;
  perPage?: number;
  /** Prefix mode: the last word is being typed (suggestions). */
  prefix?: boolean;
  /** ISO instant: what "visible now" means. */
  now: string;
}

export interface ArticleHit {
  articleId: number;
  /** Higher is better; comparable within one answer only. */
  score: number;
}

export interface ArticleSearchAnswer {
  query: ParsedQuery;
  hits: ArticleHit[];
  /** Exact up to TOTAL_EXACT_UP_TO, then a lower bound with `totalIsEstimate`. */
  total: number;
  totalIsEstimate: boolean;
  page: number;
  perPage: number;
}

export type NameKind = 'tag' | 'person' | 'author';

export interface NameHit {
  kind: NameKind;
  id: number;
  slug: string;
  name: string;
}

export interface SearchEngine {
  /** Which engine answers, for logs and docs: 'sqlite-fts5' | 'postgres-tsvector' | … */
  readonly name: string;
  /** Indexes (again) these articles as they are in `trx`; an id no longer there is removed. Called in the write's transaction. */
  indexArticles(trx: Db, ids: number[]): Promise<void>;
  searchArticles(db: Db, input: ArticleSearch): Promise<ArticleSearchAnswer>;
  /** Tags (of the edition), people and authors whose names match, for readers only those a visible article uses. */
  searchNames(db: Db, input: { q: string; edition: string; audience: 'readers' | 'newsroom'; now: string; limit: number; prefix?: boolean }): Promise<NameHit[]>;
  /** Rebuilds the whole index in batches; `progress(done, total)` after each. */
  rebuild(db: Db, progress?: (done: number, total: number) => void): Promise<{ articles: number }>;
}
