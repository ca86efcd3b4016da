import { z } from 'zod';
import { ValidationFailed, type FieldIssue } from '../errors.ts';
import { fieldIssues } from './article.schema.ts';
import { RESERVED_SLUGS } from './paths.ts';

/**
 * What an edition is made of, as the Admin API and the CLI give it: its code (the
 * URL prefix, a lowercase BCP 47 tag), its name, language, direction, numerals,
 * time zone, own base URL, position and whether it is the default one.
 */

/** Languages written right to left, when Intl cannot say (docs/editions.md). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku-arab', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** The direction a language is written in: rtl for Arabic, Hebrew, Persian, Urdu…, otherwise ltr. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  try {
    const loc = new Intl.Locale(language) as Intl.Locale & { textInfo?: { direction?: string }; getTextInfo?: () => { direction?: string } };
    const info = typeof loc.getTextInfo === 'function' ? loc.getTextInfo() : loc.textInfo;
    if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
  } catch {
    // not a tag Intl knows: the list below decides
  }
  const lower = language.toLowerCase();
  return RTL_LANGUAGES.has(lower) || RTL_LANGUAGES.has(lower.split('-')[0]!) ? 'rtl' : 'ltr';
}

/** A BCP 47 tag Intl accepts. */
export function isLanguageTag(tag: string): boolean {
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(tag)) return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** An IANA time zone Intl knows (Europe/Paris, Asia/Beirut, UTC). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const NUMBERING = new Set(Intl.supportedValuesOf('numberingSystem'));

const code = z
  .string()
  .max(35, 'at most 35 characters')
  .refine((c) => /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/.test(c), 'expected a lowercase language tag (BCP 47) such as fr, en, ar or pt-br: it is the edition’s path prefix')
  .refine((c) => !/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/.test(c) || isLanguageTag(c), 'not a language tag (BCP 47) Intl knows')
  .refine((c) => !RESERVED_SLUGS.has(c), 'a reserved path word (api, admin, media, assets…), which no edition may take');

const name = z.string().trim().min(1, 'expected the edition’s name').max(100, 'at most 100 characters');
const language = z.string().max(35, 'at most 35 characters').refine((l) => l === '' || isLanguageTag(l), 'expected a language tag (BCP 47) such as fr, en, ar, or empty for the code');
const timeZone = z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Paris or Asia/Beirut');
const dir = z.enum(['ltr', 'rtl'], 'expected ltr or rtl');
const numbering = z
  .string()
  .nullable()
  .refine((n) => n === null || NUMBERING.has(n), 'expected a numbering system such as latn (0–9) or arab (٠–٩), or null for the language’s own');
const baseUrl = z
  .string()
  .max(300, 'at most 300 characters')
  .refine((u) => {
    if (u === '') return true;
    try {
      const p = new URL(u);
      return (p.protocol === 'https:' || p.protocol === 'http:') && !p.username && !p.password && !p.search && !p.hash;
    } catch {
      return false;
    }
  }, 'expected an http(s) address such as https://ar.example.com, without query or fragment, or empty for the site’s own address');
const position = z.number().int('expected a whole number').min(0, 'at least 0').max(1000, 'at most 1000');

export const EditionCreate = z.strictObject({
  code,
  name,
  timeZone,
  language: language.optional(),
  dir: dir.optional(),
  numbering: numbering.optional(),
  baseUrl: baseUrl.optional(),
  position: position.optional(),
  isDefault: z.boolean('expected true or false').optional(),
});
export type EditionCreate = z.infer<typeof EditionCreate>;

export const EditionUpdate = z.strictObject({
  name: name.optional(),
  timeZone: timeZone.optional(),
  language: language.optional(),
  dir: dir.optional(),
  numbering: numbering.optional(),
  baseUrl: baseUrl.optional(),
  position: position.optional(),
  isDefault: z.literal(true, 'only true: to change the default, make another edition the default').optional(),
});
export type EditionUpdate = z.infer<typeof EditionUpdate>;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ValidationFailed([{ field: 'body', message: 'expected a JSON object' }]);
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues: FieldIssue[] = fieldIssues(r.error);
  throw new ValidationFailed(issues);
}

export const parseEditionCreate = (value: unknown): EditionCreate => parse(EditionCreate, value);
export const parseEditionUpdate = (value: unknown): EditionUpdate => parse(EditionUpdate, value);

/** An address without its trailing slashes, as base URLs are stored. */
export const trimBase = (u: string): string => u.replace(/\/+$/, '');
