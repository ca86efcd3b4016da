import { sql, SqliteAdapter, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.ts';
import { lowerContains } from '../store/like.ts';

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

/** Words are kept to a handful and a sane length: a pasted paragraph is not a query. */
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;

/** Must match the translate() of migration 0090's index, character for character. */
const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőùúûüūůűųýÿžźżśšşřťÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĖĘĚÌÍÎÏĪĮŁÑŃŇÒÓÔÕÖØŌŐÙÚÛÜŪŮŰŲÝŸŽŹŻŚŠŞŘŤ';
const PLAIN = 'aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooouuuuuuuuyyzzzsssrtaaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooouuuuuuuuyyzzzsssrt';

/** The words of a query, folded as the index folds them: lower case, no accents. */
export function searchTerms(q: string): string[] {
  const folded = String(q).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ł/g, 'l').replace(/ø/g, 'o');
  const words = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS).map((w) => w.slice(0, MAX_TERM_LENGTH));
}

/** True when the query is nothing but words and spaces: the index alone answers it. */
function wordsOnly(q: string): boolean {
  return /^[\p{L}\p{N}\p{M}\s]*$/u.test(String(q));
}

/** FTS5 query: every term quoted (nothing typed is read as FTS5 syntax), each a prefix. */
export function fts5Query(terms: string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ');
}

/** tsquery: the terms are letters and digits only, each a prefix (`:*`). */
export function tsQuery(terms: string[]): string {
  return terms.map((t) => `${t}:*`).join(' & ');
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
