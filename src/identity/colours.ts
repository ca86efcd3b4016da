import Color from 'colorjs.io';
import type { FieldIssue } from '../errors.ts';
import type { EditionIdentity } from './identity.ts';

export type BrandColours = NonNullable<EditionIdentity['colours']>;
export type ColourName = keyof Required<BrandColours>;

/** Every brand colour an edition may set, in the order the admin shows them. */
export const COLOUR_NAMES: ColourName[] = ['ink', 'paper', 'link', 'accent', 'accentInk', 'header', 'headerInk'];

/**
 * The theme's own colours (public/tokens.css holds the same values): what a
 * colour the edition leaves unset is checked against, and what pages show.
 */
export const DEFAULT_COLOURS: Required<BrandColours> = {
  ink: '#16181d',
  paper: '#ffffff',
  link: '#0b4f9c',
  accent: '#b0122a',
  accentInk: '#ffffff',
  header: '#ffffff',
  headerInk: '#16181d',
};

/** The custom property (public/tokens.css, docs/theming.md) each brand colour sets. */
export const COLOUR_TOKENS: Record<ColourName, string> = {
  ink: '--color-ink',
  paper: '--color-paper',
  link: '--color-link',
  accent: '--color-accent',
  accentInk: '--color-accent-ink',
  header: '--color-header',
  headerInk: '--color-header-ink',
};

/** WCAG 2.x AA for body text: 4.5:1. */
export const AA_TEXT = 4.5;

/** The pairs shown together as text on a background: [text, background]. */
export const CONTRAST_PAIRS: Array<[ColourName, ColourName]> = [
  ['ink', 'paper'],
  ['link', 'paper'],
  ['accentInk', 'accent'],
  ['headerInk', 'header'],
  // The accent also colours text on the page (the kicker, the "DIRECT" outline).
  ['accent', 'paper'],
];

export const HEX = /^#[0-9a-f]{6}$/;

/** The contrast ratio of two #rrggbb colours as WCAG 2.1 measures it (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  return new Color(a).contrast(new Color(b), 'WCAG21');
}

/** A ratio as people read it: 4.48:1 rather than 4.5:1 when it falls just short. */
export function ratioText(r: number): string {
  return `${Math.floor(r * 100) / 100}:1`;
}

/**
 * Checks a set of brand colours: each #rrggbb (lower-cased), and each text
 * colour readable on its background (AA, 4.5:1), with the theme's colour
 * standing in for one left unset. A refusal names the colour the edition set
 * (the text one when both were set) and the measured ratio.
 */
export function checkColours(input: Record<string, unknown>): { colours: BrandColours; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const colours: BrandColours = {};
  for (const [name, v] of Object.entries(input)) {
    const field = `colours.${name}`;
    if (!(COLOUR_NAMES as string[]).includes(name)) {
      issues.push({ field, message: `unknown colour; expected one of ${COLOUR_NAMES.join(', ')}` });
      continue;
    }
    if (v === null || v === '') continue;
    if (typeof v !== 'string' || !HEX.test(v.trim().toLowerCase())) {
      issues.push({ field, message: 'expected a colour written #rrggbb, for example #c8102e' });
      continue;
    }
    colours[name as ColourName] = v.trim().toLowerCase();
  }
  if (issues.length) return { colours, issues };
  const full = { ...DEFAULT_COLOURS, ...colours };
  for (const [text, bg] of CONTRAST_PAIRS) {
    if (colours[text] === undefined && colours[bg] === undefined) continue;
    const r = contrastRatio(full[text], full[bg]);
    if (r + 1e-9 >= AA_TEXT) continue;
    const blamed = colours[text] !== undefined ? text : bg;
    const other = blamed === text ? bg : text;
    issues.push({
      field: `colours.${blamed}`,
      message: `contrast ${ratioText(r)} between ${text} (${full[text]}) and ${bg} (${full[bg]}) is under the ${AA_TEXT}:1 that WCAG AA requires for text; choose a ${blamed} further from ${other}`,
    });
  }
  return { colours, issues };
}
