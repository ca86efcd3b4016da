import { sql, SqliteAdapter, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.ts';
import { lowerContains } from '../store/like.ts';
import { ACCENTED, fts5Query, PLAIN, searchTerms, tsQuery } from '../store/word-search.ts';

/**
 * The newsroom's headline search (`q=` of the article list), over the
 * full-text index made by migration 0090: each word typed matches the start of
 * a word of the headline, whatever its case and accents ("negoc" finds
 * "Négociations"). When the query holds more than words and spaces ("50 %",
 * "C:\d"), the headline must also contain it as typed, so punctuation still
 * narrows the result. A query without any word falls back to that substring
 * test alone (a scan, the only slow case).
 *
 * One place for search: a later search in every language extends this.
 */

/** True when the query is nothing but words and spaces: the index alone answers it. */
function wordsOnly(q: string): boolean {
  return /^[\p{L}\p{N}\p{M}\s]*$/u.test(String(q));
}

/** A condition on the list's `a` (articles) rows: the headline matches `q`. */
export function headlineMatches(db: Db, q: string): RawBuilder<boolean> {
  const terms = searchTerms(q);
  const exact = lowerContains(sql.ref('a.headline'), String(q));
  if (!terms.length) return exact;
  const indexed =
    db.getExecutor().adapter instanceof SqliteAdapter
      ? sql<boolean>`a.id in (select rowid from articles_fts where articles_fts match ${fts5Query(terms)})`
      : sql<boolean>`to_tsvector('simple'::regconfig, translate(a.headline, ${sql.lit(ACCENTED)}, ${sql.lit(PLAIN)})) @@ to_tsquery('simple'::regconfig, ${tsQuery(terms)})`;
  return wordsOnly(q) ? indexed : sql<boolean>`(${indexed} and ${exact})`;
}
