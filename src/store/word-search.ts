import { sql, SqliteAdapter, type RawBuilder } from 'kysely';
import type { Db } from './db.ts';
import { lowerContains } from './like.ts';

/**
 * Word search over a few text columns of one table, for the newsroom's
 * libraries (pictures, wire copy): each word typed matches the start of a word
 * of one of the columns, whatever its case and accents ("negoc" finds
 * "Négociations", "tram" finds "chantier-tram_02.jpg"), and every word must be
 * found. A query with no word at all ("%", "-") falls back to a substring test
 * over the columns (a scan, the only slow case).
 *
 * The index is made by a migration (2026-12-07-0110-newsroom-search.ts):
 * - SQLite: an FTS5 table whose content is the table itself, kept in step by
 *   triggers, named `<table>_fts`, tokenize 'unicode61 remove_diacritics 2';
 * - PostgreSQL: a GIN index over `pgWordVector(columns)`: 'simple'
 *   configuration, punctuation made spaces, accents folded by translate(), no
 *   extension needed. This file queries it with the very same expression:
 *   changing one means a new migration for the other.
 *
 * Articles are not searched here: they have the search engine (src/search/),
 * with stemming per language, weights and highlighting.
 */

export interface WordIndex {
  /** The searched table, as the query names it (the FTS5 table is `<table>_fts`). */
  table: string;
  /** The searched columns, in the index's order. */
  columns: readonly string[];
}

/** Words are kept to a handful and a sane length: a pasted paragraph is not a query. */
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;

/** Must match the translate() of the migrations' indexes, character for character. */
const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőùúûüūůűųýÿžźżśšşřťÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĖĘĚÌÍÎÏĪĮŁÑŃŇÒÓÔÕÖØŌŐÙÚÛÜŪŮŰŲÝŸŽŹŻŚŠŞŘŤ';
const PLAIN = 'aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooouuuuuuuuyyzzzsssrtaaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooouuuuuuuuyyzzzsssrt';

/** The words of a query, folded as the indexes fold them: lower case, no accents. */
export function searchTerms(q: string): string[] {
  const folded = String(q).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ł/g, 'l').replace(/ø/g, 'o');
  const words = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS).map((w) => w.slice(0, MAX_TERM_LENGTH));
}

/** FTS5 query: every term quoted (nothing typed is read as FTS5 syntax), each a prefix. */
export function fts5Query(terms: string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ');
}

/** tsquery: the terms are letters and digits only, each a prefix (`:*`). */
export function tsQuery(terms: string[]): string {
  return terms.map((t) => `${t}:*`).join(' & ');
}

/**
 * PostgreSQL's indexed expression over `columns` (unqualified, as in the index):
 * the columns joined by spaces, every run of anything but letters and digits a
 * space (so a file name is words), accents folded.
 */
export function pgWordVector(columns: readonly string[]): RawBuilder<unknown> {
  const joined = columns.map((c) => `coalesce(${c}, '')`).join(` || ' ' || `);
  return sql`to_tsvector('simple'::regconfig, translate(regexp_replace(${sql.raw(joined)}, '[^[:alnum:]]+', ' ', 'g'), ${sql.lit(ACCENTED)}, ${sql.lit(PLAIN)}))`;
}

/** A condition on the index's table (named as `index.table` in the query, unaliased): the row matches every word of `q`. */
export function wordsMatch(db: Db, index: WordIndex, q: string): RawBuilder<boolean> {
  const terms = searchTerms(q);
  if (!terms.length) return sql<boolean>`(${sql.join(index.columns.map((c) => lowerContains(sql.ref(`${index.table}.${c}`), String(q))), sql` or `)})`;
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? sql<boolean>`${sql.ref(`${index.table}.id`)} in (select rowid from ${sql.table(`${index.table}_fts`)} where ${sql.table(`${index.table}_fts`)} match ${fts5Query(terms)})`
    : sql<boolean>`${pgWordVector(index.columns)} @@ to_tsquery('simple'::regconfig, ${tsQuery(terms)})`;
}
