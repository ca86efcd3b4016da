import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const publicDir = path.join(import.meta.dirname, '..', '..', 'public');
const css = fs.readFileSync(path.join(publicDir, 'site.css'), 'utf8');
/** site.css and the page kinds' own stylesheets written by the design (their weight with the theme's: test/css-budget.test.ts). */
const sheets = ['site.css', 'search.css', 'tv.css'].map((name) => ({ name, css: fs.readFileSync(path.join(publicDir, name), 'utf8') }));

/** Physical properties that have a logical twin: site.css must use the twin, so a right-to-left edition mirrors. */
const PHYSICAL = /^(?:(?:margin|padding|border)-(?:left|right|top|bottom)(?:-[a-z]+)?|border-(?:top|bottom)-(?:left|right)-radius|left|right|top|bottom|(?:min-|max-)?(?:width|height)|float|clear)$/;

describe('public/site.css', () => {
  it('uses logical properties only, as do the page kinds\' stylesheets', () => {
    for (const sheet of sheets) {
      const declarations = [...sheet.css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/[{;]\s*([a-z-]+)\s*:\s*([^;}]*)/g)].map((m) => ({ prop: m[1], value: m[2].trim() }));
      expect(declarations.length, sheet.name).toBeGreaterThan(sheet.name === 'site.css' ? 200 : 10);
      const physical = declarations.filter((d) => PHYSICAL.test(d.prop) || (/^(?:text-align|float|clear|justify-self|align-self)$/.test(d.prop) && /\b(?:left|right)\b/.test(d.value)));
      expect(physical, sheet.name).toEqual([]);
    }
  });
  it('turns every focal class into an object position, and crops card pictures to one ratio', () => {
    for (const c of ['fx0', 'fx1', 'fx3', 'fx4', 'fy0', 'fy1', 'fy3', 'fy4']) expect(css).toContain(`.${c}{`);
    expect(css).toMatch(/\.card picture img\{[^}]*aspect-ratio:16 \/ 9;object-fit:cover;object-position:var\(--fx, ?50%\) var\(--fy, ?50%\)/);
  });
});
