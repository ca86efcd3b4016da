/**
 * A URL slug from any title. Latin letters lose their accents (été → ete); letters of other scripts are kept
 * (Arabic, Greek, Cyrillic, CJK…), with the Arabic vowel marks and the elongation stroke left out, so an Arabic
 * headline gives an Arabic slug rather than `sans-titre`. Lowercase, single hyphens. Links carry it
 * percent-encoded (paths.ts); routes receive it decoded.
 */
export function slugify(input: string, max = 80): string {
  const s = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Arabic short vowels, shadda, sukun, superscript alef, Quranic marks and the tatweel: spelling aids, not letters.
    .replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const chars = [...s];
  if (chars.length <= max) return s || 'sans-titre';
  const cut = chars.slice(0, max).join('');
  const at = cut.lastIndexOf('-');
  return (at > cut.length / 2 ? cut.slice(0, at) : cut).replace(/-+$/, '');
}

/** A slug as slugify makes them: lowercase or caseless letters, marks and digits of any script, single hyphens. */
export const SLUG_RE = /^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}]+)*$/u;
