/**
 * The admin's language, per user (French unless the user chose English). Set once
 * from the session before the app renders (main.tsx); a change reloads the app.
 */
export type AdminLang = 'fr' | 'en';

let current: AdminLang = 'fr';

const KEY = 'depeche-admin-lang';

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

/** The language last used in this browser, for the sign-in form before anyone is known. */
export function rememberedLang(): AdminLang | null {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'en' || v === 'fr' ? v : null;
  } catch {
    return null;
  }
}

/**
 * Switches to `lang` for good: remembered in this browser, then the app is
 * loaded again so that every label is chosen anew.
 */
export function reloadIn(lang: AdminLang): void {
  try {
    globalThis.localStorage?.setItem(KEY, lang);
  } catch {
    // Private browsing: the session's answer still says it.
  }
  location.reload();
}

/** Keeps the signed-in person's language for the next sign-in form. */
export function remember(lang: AdminLang): void {
  try {
    globalThis.localStorage?.setItem(KEY, lang);
  } catch {
    // Nothing to keep it in.
  }
}
