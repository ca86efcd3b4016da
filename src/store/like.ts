import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * `lower(column) LIKE '%needle%'` with the needle's `%`, `_` and `\` taken as
 * themselves on both databases (PostgreSQL reads `\` as LIKE's escape by
 * default, SQLite has none), so what a person types is what is searched for.
 * The needle is lowercased here; lower() folds only ASCII on SQLite.
 */
export function lowerContains(column: Expression<unknown> | RawBuilder<unknown>, needle: string): RawBuilder<boolean> {
  // A query parameter given twice arrives as an array despite its type: searched as its text, never a crash.
  const pattern = `%${String(needle).toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${column}) like ${pattern} escape '\\'`;
}
