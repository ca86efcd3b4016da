import { z } from 'zod';
import { NotFound, ValidationFailed } from '../errors.ts';

/**
 * Numbers that arrive from outside (addresses, query strings, bodies, headers)
 * and reach a query. Ids and versions live in `integer` columns: PostgreSQL
 * refuses a value beyond 2^31-1 with an error where SQLite finds nothing, so
 * every such number is checked here, alike for both databases, before any
 * look-up. docs/limits.md, "Addresses and numbers", lists the rules.
 */

/** The largest value of an `integer` column (32-bit on PostgreSQL): the largest id or version there can be. */
export const MAX_ID = 2_147_483_647;

/** The deepest page of any paged list (reader pages and the Admin API alike). */
export const MAX_PAGE = 999_999;

/**
 * A whole number written the one plain way: ASCII digits, no sign, no leading
 * zero, no exponent, fraction, hex prefix or spaces. Ten digits at most
 * before the range check, so a 400-digit text is never turned into a number.
 */
const PLAIN = /^(?:0|[1-9]\d{0,9})$/;

/** The number a query or path text stands for, or null when it is not one plain whole number within [min, max]. */
export function plainWhole(raw: unknown, min: number, max: number): number | null {
  if (typeof raw !== 'string' || !PLAIN.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/** Whether a value from a JSON body can be an id: a whole number from 1 to MAX_ID. */
export function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_ID;
}

/** An id in a JSON body (zod), with the same bounds; a new schema each time, so the generated JSON Schema writes it out in place. */
export const idNumber = () => z.number().int('expected a whole number').min(1, 'expected an id from 1').max(MAX_ID, `expected an id up to ${MAX_ID}`);

/** An id in an address (`/api/admin/articles/:id`): anything but a possible id names nothing, so 404. */
export function pathId(raw: unknown, what: string): number {
  const n = plainWhole(raw, 1, MAX_ID);
  if (n === null) throw new NotFound(`no such ${what}`);
  return n;
}

/** An id in the query string: 422 naming the parameter when given and not a possible id. */
export function queryId(raw: unknown, field: string, opts: { required: true }): number;
export function queryId(raw: unknown, field: string, opts?: { required?: boolean }): number | undefined;
export function queryId(raw: unknown, field: string, opts: { required?: boolean } = {}): number | undefined {
  if (raw === undefined && !opts.required) return undefined;
  const n = plainWhole(raw, 1, MAX_ID);
  if (n === null) throw new ValidationFailed([{ field, message: `${raw === undefined ? 'required: ' : ''}expected an id, a whole number from 1 to ${MAX_ID}` }]);
  return n;
}

/**
 * A count or a page number in the query string: `fallback` when absent, 422
 * naming the parameter when it is not a plain whole number within [min, max]
 * (given twice, as `?page=1&page=2`, counts as not a number).
 */
export function queryNumber(raw: unknown, field: string, range: { min: number; max: number; fallback: number }): number {
  if (raw === undefined) return range.fallback;
  const n = plainWhole(raw, range.min, range.max);
  if (n === null) throw new ValidationFailed([{ field, message: `expected a whole number from ${range.min} to ${range.max}` }]);
  return n;
}

/** `?page=`: from 1 to MAX_PAGE, 1 when absent. */
export function queryPage(raw: unknown): number {
  return queryNumber(raw, 'page', { min: 1, max: MAX_PAGE, fallback: 1 });
}
