import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './db.ts';

/**
 * Queries on the reader's hot path, built and compiled once per database and
 * per shape, then run with fresh values. On a page that costs a third of a
 * millisecond, Kysely's building and compiling cost more than SQLite running
 * the statement.
 *
 * Values are named placeholders (`param('edition')`); a query whose shape
 * varies (a list of n ids) names its shape so each one is compiled once.
 */
const PARAM = Symbol('param');
type Placeholder = { [PARAM]: string };

/** A named value in a prepared query. */
export function param<T = any>(name: string): T {
  return { [PARAM]: name } as unknown as T;
}

export function preparedQuery<V extends Record<string, unknown>, R>(build: (db: Db, shape: number) => Compilable<R>) {
  const compiled = new WeakMap<Db, Map<number, CompiledQuery<R>>>();
  return async (db: Db, values: V, shape = 0): Promise<R[]> => {
    let byShape = compiled.get(db);
    if (!byShape) compiled.set(db, (byShape = new Map()));
    let q = byShape.get(shape);
    if (!q) byShape.set(shape, (q = build(db, shape).compile()));
    const parameters = q.parameters.map((p) => {
      if (p === null || typeof p !== 'object' || !(PARAM in p)) return p;
      const name = (p as Placeholder)[PARAM];
      if (!(name in values)) throw new Error(`prepared query: no value for ${name}`);
      return values[name];
    });
    const result = await db.executeQuery<R>(CompiledQuery.raw(q.sql, parameters) as CompiledQuery<R>);
    return result.rows;
  };
}
