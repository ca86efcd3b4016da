/// <reference types="vite/client" />
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every label file of the admin (admin/src/i18n*.ts, those of screens added
 * later too) exports its French and English catalogues, as an object
 * `{ fr, en }` (`export const catalogue = { fr, en }`) or as `fr` and `en`; here every key of one must be in the other, at every depth,
 * and a list must have as many entries (what a `Record<string, string>` or a
 * cast lets the type checker miss).
 */
const modules = import.meta.glob<Record<string, unknown>>(['./i18n*.ts', '!./*.test.ts'], { eager: true });
const dir = path.dirname(new URL(import.meta.url).pathname);

type Pair = { fr: unknown; en: unknown };
const isPair = (v: unknown): v is Pair => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).sort().join() === 'en,fr';

/** The places where the two catalogues differ in shape: "nav.logout: only in fr". */
function differences(fr: unknown, en: unknown, at: string, out: string[]): string[] {
  const kind = (v: unknown) => (Array.isArray(v) ? 'list' : v instanceof RegExp ? 'pattern' : typeof v);
  // A list of server wordings may be empty in the language the server speaks already.
  if (Array.isArray(fr) && Array.isArray(en)) {
    if (en.length && fr.length && en.length !== fr.length) out.push(`${at}: ${fr.length} entries in fr, ${en.length} in en`);
    return out;
  }
  if (kind(fr) !== kind(en)) {
    out.push(`${at}: ${kind(fr)} in fr, ${kind(en)} in en`);
    return out;
  }
  if (fr && typeof fr === 'object' && !(fr instanceof RegExp)) {
    const a = fr as Record<string, unknown>;
    const b = en as Record<string, unknown>;
    for (const k of Object.keys(a)) if (!(k in b)) out.push(`${at}.${k}: only in fr`);
    for (const k of Object.keys(b)) if (!(k in a)) out.push(`${at}.${k}: only in en`);
    for (const k of Object.keys(a)) if (k in b) differences(a[k], b[k], `${at}.${k}`, out);
  }
  if (typeof fr === 'string' && (fr as string).trim() !== '' && (en as string).trim() === '') out.push(`${at}: empty in en`);
  return out;
}

describe('the admin in French and in English', () => {
  const files = Object.keys(modules).filter((f) => !f.endsWith('.test.ts'));

  it('finds the label files', () => {
    expect(files).toContain('./i18n.ts');
  });

  for (const file of files) {
    it(`${file} has every label in both languages`, () => {
      const mod = modules[file];
      const pairs = Object.entries(mod).filter(([, v]) => isPair(v)) as Array<[string, Pair]>;
      // `export const fr = {…}; export const en: typeof fr = {…}` does as well.
      if ('fr' in mod && 'en' in mod) pairs.push(['fr/en', { fr: mod.fr, en: mod.en }]);
      expect(pairs.length, `${file} must export its labels as { fr, en } (export const catalogue = { fr, en })`).toBeGreaterThan(0);
      for (const [name, { fr, en }] of pairs) {
        const found = differences(fr, en, name, []);
        expect(found, `${file}`).toEqual([]);
      }
    });
  }

  it('chooses the labels through pick() in every label file, so the signed-in person’s language applies', () => {
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(source, file).toMatch(/\bpick\(/);
    }
  });
});
