/**
 * The reader's string catalogues: each label file (src/render/i18n.ts, src/live/live-labels.ts…) exports
 * `catalogue`, one object per language with the same keys, so a page is never half in English.
 * src/render/catalogue.test.ts checks every catalogue has every key in every language.
 */
export const READER_LANGUAGES = ['fr', 'en', 'es', 'ar'] as const;
export type ReaderLanguage = (typeof READER_LANGUAGES)[number];
export type Catalogue<T> = Record<ReaderLanguage, T>;

/** The words for a language tag (ar, ar-LB, es-419…); a language without its own words reads English. */
export function inLanguage<T>(catalogue: Catalogue<T>, language: string): T {
  const lower = language.toLowerCase();
  const base = lower.split('-')[0]!;
  return (catalogue as Record<string, T>)[lower] ?? (catalogue as Record<string, T>)[base] ?? catalogue.en;
}
