import { z } from 'zod';
import { fieldIssues } from '../content/article.schema.ts';
import { RESERVED_SLUGS } from '../content/paths.ts';
import { ValidationFailed } from '../errors.ts';

/**
 * Validation shared by sections, menus and pages: every refusal names its
 * field. Slugs are lowercase words of any script (Arabic letters are kept)
 * joined by single hyphens, at most 80 characters, never a path word.
 */
const SLUG = /^[\p{Ll}\p{Lo}\p{Nd}\p{M}]+(?:-[\p{Ll}\p{Lo}\p{Nd}\p{M}]+)*$/u;

export const slugField = z
  .string()
  .trim()
  .min(1, 'required')
  .max(80, 'at most 80 characters')
  .regex(SLUG, 'expected lowercase letters and digits joined by single hyphens (for example moyen-orient)')
  .refine((s) => !RESERVED_SLUGS.has(s), { message: 'this word is reserved for the site’s own addresses; choose another slug' });

export const nameField = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
export const optionalLongText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).nullable().optional();

/** An address a menu may link to: http(s) URL, or a path of this site (/fr/page/contact). */
export function isMenuUrl(raw: string): boolean {
  if (raw.startsWith('/')) return !raw.startsWith('//') && !/[\s\\]/.test(raw);
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}

/** Parses with a schema, throwing ValidationFailed naming each field. */
export function parseOr422<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ValidationFailed(fieldIssues(r.error));
  return r.data;
}
