/**
 * Statements over many rows are cut into batches. SQLite (as built into
 * better-sqlite3) takes at most 32,766 bound values per statement and
 * PostgreSQL's protocol 65,535; far below both, a statement also stays quick
 * to prepare and small in memory.
 */
export const MAX_BOUND_VALUES = 10_000;
export const MAX_ROWS = 1_000;

/** How many rows of `valuesPerRow` bound values go in one statement (an IN list has one per row). */
export function rowsPerStatement(valuesPerRow: number): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_BOUND_VALUES / Math.max(1, valuesPerRow))));
}

/** The list in consecutive slices of at most `size`. */
export function* slices<T>(xs: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

/** Runs `f` over the list one statement-sized slice at a time, in order, and joins the results. */
export async function inBatches<T, R>(xs: readonly T[], valuesPerRow: number, f: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const slice of slices(xs, rowsPerStatement(valuesPerRow))) for (const r of await f(slice)) out.push(r);
  return out;
}
