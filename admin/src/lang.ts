/**
 * The admin's language, per user (French unless the user chose English). Set once
 * from the session before the app renders; a change reloads the app.
 */
export type AdminLang = 'fr' | 'en';

let current: AdminLang = 'fr';

export function setAdminLang(lang: string | null | undefined): void {
  current = lang === 'en' ? 'en' : 'fr';
}

export function adminLang(): AdminLang {
  return current;
}

/** A screen's labels in the current language, from its catalogue of both. */
export function pick<T>(catalogue: { fr: T; en: T }): T {
  return catalogue[current];
}
