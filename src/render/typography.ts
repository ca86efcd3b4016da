/**
 * French typography applied at render time: a narrow no-break space (U+202F)
 * before ; : ! ? and inside « », so a line never breaks before the mark, and
 * the typographic apostrophe.
 * Web addresses are left exactly as written.
 */
const NNBSP = '\u202f';
const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|mailto:|www\.)[^\s<>«»"]*[^\s<>«»".,;:!?)]/gi;

function fixSegment(s: string): string {
  return (
    s
      // The typewriter apostrophe between letters becomes the typographic one: l'été → l’été.
      .replace(/(\p{L})'(?=\p{L})/gu, '$1’')
      // « text » : any spaces (or none) inside the guillemets become one narrow no-break space.
      .replace(/«[ \u00a0\u202f]*/g, `«${NNBSP}`)
      .replace(/[ \u00a0\u202f]*»/g, `${NNBSP}»`)
      // A space before ; ! ? becomes narrow and unbreakable; a missing one is added after a word.
      .replace(/[ \u00a0]+([;!?])/g, `${NNBSP}$1`)
      .replace(/([\p{L}\p{N}»)\]’'"%€$])([;!?])/gu, (_m, a: string, p: string) => `${a}${NNBSP}${p}`)
      // The colon: same, except between digits (9:30, 2:1) where it is no punctuation.
      .replace(/[ \u00a0]+:/g, `${NNBSP}:`)
      .replace(/([\p{L}»)\]’'"%€$])(:)(?=\s|$)/gu, `$1${NNBSP}$2`)
  );
}

/** A mark right after a URL is spaced too (the URL itself was left alone). */
function fixAfterUrl(segment: string, afterUrl: boolean): string {
  const fixed = fixSegment(segment);
  return afterUrl && /^(?:[;!?]|:(?=\s|$))/.test(fixed) ? NNBSP + fixed : fixed;
}

export function frenchTypography(text: string): string {
  if (!/[;:!?«»']/.test(text)) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    out += fixAfterUrl(text.slice(last, m.index), last > 0) + m[0];
    last = m.index! + m[0].length;
  }
  return out + fixAfterUrl(text.slice(last), last > 0);
}

/** The typography function for an edition's language (typographyForLanguage, below). */
export function typographyFor(language: string): (s: string) => string {
  return typographyForLanguage(language);
}

/**
 * Arabic punctuation: a comma, semicolon or question mark typed on a Latin keyboard right after an Arabic
 * letter becomes the Arabic one (، ؛ ؟), which faces the right way in right-to-left text. Numbers
 * (3,5) and Latin text are left alone.
 */
const ARABIC_LETTER = '[\\u0600-\\u06ff\\u0750-\\u077f\\u08a0-\\u08ff]';
const ARABIC_MARKS: Array<[RegExp, string]> = [
  [new RegExp(`(${ARABIC_LETTER}[\\u064b-\\u065f]*) ?,(?=\\s|$)`, 'gu'), '$1،'],
  [new RegExp(`(${ARABIC_LETTER}[\\u064b-\\u065f]*) ?;(?=\\s|$)`, 'gu'), '$1؛'],
  [new RegExp(`(${ARABIC_LETTER}[\\u064b-\\u065f]*) ?\\?`, 'gu'), '$1؟'],
];

export function arabicTypography(text: string): string {
  if (!/[,;?]/.test(text)) return text;
  let out = text;
  for (const [re, to] of ARABIC_MARKS) out = out.replace(re, to);
  return out;
}

/** Each language's own rules: French spacing for French only, Arabic punctuation for Arabic, nothing for others. */
export function typographyForLanguage(language: string): (s: string) => string {
  const base = language.toLowerCase().split('-')[0];
  if (base === 'fr') return frenchTypography;
  if (base === 'ar') return arabicTypography;
  return (s) => s;
}
