import type { FieldIssue } from '../errors.ts';

/**
 * Text both databases keep alike. PostgreSQL refuses U+0000 in `text` columns
 * and in its parameters (SQLite keeps it), and a lone UTF-16 surrogate is
 * turned into U+FFFD by Node's UTF-8 encoder on its way to either database,
 * so what was stored would not be what was sent. Writes carrying either are
 * refused with the field named; addresses carrying U+0000 name no page.
 */
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE}`);
const LONE_SURROGATES = new RegExp(LONE_SURROGATE, 'g');

/** Why a string cannot be stored as it is, or null. */
export function unstorableReason(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'contains a NUL character (U+0000), which cannot be stored' : 'contains an unpaired UTF-16 surrogate, which cannot be stored';
}

/** The string with U+0000 removed and lone surrogates replaced by U+FFFD: for text from other systems (wire copy, photo metadata). */
export function storableText(s: string): string {
  return UNSTORABLE.test(s) ? s.replace(/\u0000/g, '').replace(LONE_SURROGATES, '\ufffd') : s;
}

/** True when a decoded address part could not be looked up alike on both databases. */
export function hasNul(s: string): boolean {
  return s.includes('\u0000');
}

const MAX_DEPTH = 64;

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * Every string of a parsed JSON value (keys included) that cannot be stored,
 * named by its path as the validation errors name fields (`body[2].speaker.name`).
 * At most `max` issues: one bad document must not make a huge answer.
 */
export function unstorableTextIssues(value: unknown, path = '', max = 20): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const walk = (v: unknown, at: string, depth: number): void => {
    if (issues.length >= max) return;
    if (typeof v === 'string') {
      const reason = unstorableReason(v);
      if (reason) issues.push({ field: at, message: reason });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    // Deeper than any shape we accept: not walked (no stack overflow); the schema behind refuses it with its own message.
    if (depth >= MAX_DEPTH) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, join(at, i), depth + 1));
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      const reason = unstorableReason(k);
      if (reason) {
        issues.push({ field: join(at, k.replace(LONE_SURROGATES, '\ufffd').replace(/\u0000/g, '\\u0000')), message: `field name ${reason}` });
        continue;
      }
      walk(x, join(at, k), depth + 1);
    }
  };
  walk(value, path, 0);
  return issues;
}

/** A parsed JSON value with every string (and key) made storable by storableText(). */
export function storableValue<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(storableValue) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableValue(v)])) as T;
}
