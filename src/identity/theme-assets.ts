import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createFontStack } from '@capsizecss/core';
import arial from '@capsizecss/metrics/arial';
import notoSansArabic from '@capsizecss/metrics/notoSansArabic';
import sourceSans3 from '@capsizecss/metrics/sourceSans3';
import sourceSerif4 from '@capsizecss/metrics/sourceSerif4';
import timesNewRoman from '@capsizecss/metrics/timesNewRoman';
import icoEndec from 'ico-endec';
import sharp from 'sharp';
import type { AssetUrls } from '../render/context.ts';
import type { Asset } from '../site/assets.ts';
import { minifyCss } from '../site/minify-css.ts';
import { ICO_SIZES } from './icons.ts';
import { THEME_SCRIPTS, type ThemeScript } from './theme-script.ts';

const require = createRequire(import.meta.url);

/**
 * The theme's typefaces: open-licence (SIL OFL) variable fonts from
 * Fontsource's npm packages, served as our own files. Only the subsets named
 * are kept; their unicode-range lets a browser fetch a file only for the
 * characters a page holds.
 */
const SANS = { pkg: '@fontsource-variable/source-sans-3', family: 'Source Sans 3 Variable', subsets: ['latin', 'latin-ext'], metrics: sourceSans3, fallback: arial, alike: ['Liberation Sans', 'Arimo'] } as const;
const SERIF = { pkg: '@fontsource-variable/source-serif-4', family: 'Source Serif 4 Variable', subsets: ['latin', 'latin-ext'], metrics: sourceSerif4, fallback: timesNewRoman, alike: ['Liberation Serif', 'Tinos'] } as const;
const ARABIC = { pkg: '@fontsource-variable/noto-sans-arabic', family: 'Noto Sans Arabic Variable', subsets: ['arabic'], metrics: notoSansArabic, fallback: arial, alike: ['Liberation Sans', 'Arimo'] } as const;
type Face = typeof SANS | typeof SERIF | typeof ARABIC;

/**
 * The faces each script's stylesheet declares. A Latin-script edition gets
 * the sans and serif Latin faces; an Arabic-script one the Arabic face and
 * the Latin sans for the Latin names inside its text (tokens.css sets its
 * display type in the sans), and no serif.
 */
const FACES: Record<ThemeScript, readonly Face[]> = {
  latin: [SANS, SERIF],
  arabic: [ARABIC, SANS],
};

const hash = (b: Buffer | string) => createHash('sha256').update(b).digest('hex').slice(0, 12);

function add(files: Map<string, Asset>, name: string, body: Buffer, type: string): string {
  const h = hash(body);
  const dot = name.lastIndexOf('.');
  const hashed = `${name.slice(0, dot)}.${h}${name.slice(dot)}`;
  files.set(hashed, { body, type, etag: `"${h}"` });
  return `/assets/${hashed}`;
}

/**
 * The @font-face rules of one package, for the subsets kept, upright only
 * (italics are synthesised), each file added to the assets under its
 * fingerprinted name; then a fallback face: a local font scaled by Capsize's
 * metrics to take the same room as the web font, so that the first page, drawn in it, and the next, drawn
 * in the web font, are laid out alike.
 */
function fontFaces(files: Map<string, Asset>, face: Face): string {
  const dir = path.dirname(require.resolve(`${face.pkg}/package.json`));
  const css = fs.readFileSync(path.join(dir, 'index.css'), 'utf8');
  const rules: string[] = [];
  for (const m of css.matchAll(/\/\* ([a-z0-9-]+) \*\/\s*(@font-face\s*\{[^}]*\})/g)) {
    const subset = face.subsets.find((s) => m[1].endsWith(`-${s}-wght-normal`));
    if (!subset) continue;
    const rule = m[2].replace(/url\(\.\/files\/([a-z0-9-]+\.woff2)\)/g, (_, file: string) => `url(${add(files, file, fs.readFileSync(path.join(dir, 'files', file)), 'font/woff2')})`);
    // optional, not swap: a web font that is not there within the browser's short block period is used from the next
    // page on (it is cached a year), never swapped in under the reader's eyes, so fonts shift nothing (CLS 0).
    rules.push(rule.replace(/\s*\n\s*/g, '').replace(/font-display:\s*swap/, 'font-display: optional'));
  }
  if (!rules.length) throw new Error(`no font faces found in ${face.pkg} for ${face.subsets.join(', ')}`);
  const { fontFaces: fallback } = createFontStack([{ ...face.metrics, familyName: face.family }, face.fallback]);
  // Fonts drawn to the same metrics as the fallback (Linux systems have these rather than Arial or Times New Roman).
  const alike = face.alike.map((n) => `, local('${n}')`).join('');
  // The Arabic fallback face covers Arabic letters only: while the web fonts load, Latin words in an Arabic page
  // (the wordmark, names) take the Latin sans's fallback, whose metrics match the face that replaces it.
  const range = face === ARABIC ? ';unicode-range: U+600-6FF, U+750-77F, U+8A0-8FF, U+FB50-FDFF, U+FE70-FEFF' : '';
  return [...rules, fallback.replace(/\s*\n\s*/g, '').replace(/(src: [^;]*)/, `$1${alike}${range}`)].join('\n');
}

export interface ThemeAssets {
  /** The theme's favicon.ico (from public/logo.png), for /favicon.ico when the default edition has no icons of its own. */
  favicon: Buffer;
}

/**
 * The theme layer's files: per script, the stylesheet of the design tokens
 * (public/tokens.css) preceded by that script's typefaces' @font-face rules,
 * minified, and the font files, all added to the site's fingerprinted assets
 * (`assets`) and named in `assets.urls.theme`; and a favicon made from the
 * theme's logo.
 */
export async function loadTheme(publicDir: string, assets: { urls: AssetUrls; files: Map<string, Asset> }): Promise<ThemeAssets> {
  const tokens = fs.readFileSync(path.join(publicDir, 'tokens.css'), 'utf8');
  const theme = {} as Record<ThemeScript, string>;
  for (const script of THEME_SCRIPTS) {
    const faces = FACES[script].map((f) => fontFaces(assets.files, f)).join('\n');
    const name = script === 'latin' ? 'tokens.css' : `tokens-${script}.css`;
    theme[script] = add(assets.files, name, minifyCss(name, `${faces}\n${tokens}`), 'text/css; charset=utf-8');
  }
  assets.urls.theme = theme;
  const logo = fs.readFileSync(path.join(publicDir, 'logo.png'));
  const favicon = icoEndec.encode(await Promise.all(ICO_SIZES.map((s) => sharp(logo).resize(s, s, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer())));
  return { favicon };
}
