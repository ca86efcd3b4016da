/**
 * The scripts the theme has typefaces for. An edition's pages link the
 * theme stylesheet of its language's script only, so a French page carries
 * no Arabic @font-face rules and an Arabic page no serif Latin ones.
 */
export const THEME_SCRIPTS = ['latin', 'arabic'] as const;
export type ThemeScript = (typeof THEME_SCRIPTS)[number];

/** Languages written in the Arabic script (primary subtags), unless a script subtag says otherwise. */
const ARABIC_SCRIPT = new Set(['ar', 'fa', 'ur', 'ps', 'sd', 'ug', 'ckb', 'ks', 'prs', 'bal']);

/** The script a language (BCP 47) is written in, as far as the theme's typefaces go. */
export function themeScript(language: string): ThemeScript {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(language);
  } catch {
    return 'latin';
  }
  if (locale.script) return locale.script === 'Arab' ? 'arabic' : 'latin';
  return ARABIC_SCRIPT.has(locale.language) ? 'arabic' : 'latin';
}
