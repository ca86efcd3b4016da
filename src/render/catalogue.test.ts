import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { READER_LANGUAGES, inLanguage, type Catalogue } from './catalogue.ts';
import { catalogue as reader } from './i18n.ts';
import { catalogue as live } from '../live/live-labels.ts';
import { catalogue as video } from '../video/video-labels.ts';
import { catalogue as tv } from '../tv/tv-labels.ts';
import { catalogue as alerts } from '../alerts/alert-labels.ts';
import { catalogue as structure } from '../structure/structure-labels.ts';
import { catalogue as profile } from '../people/profile-labels.ts';
import { catalogue as design } from './design-labels.ts';

/** Every reader label file; a new one (src/**\/*-labels.ts) must be listed here, which the last test enforces. */
const CATALOGUES: Record<string, Catalogue<unknown>> = {
  'src/render/i18n.ts': reader,
  'src/live/live-labels.ts': live,
  'src/video/video-labels.ts': video,
  'src/tv/tv-labels.ts': tv,
  'src/alerts/alert-labels.ts': alerts,
  'src/structure/structure-labels.ts': structure,
  'src/people/profile-labels.ts': profile,
  'src/render/design-labels.ts': design,
};

/** Every key path of a catalogue entry, with the kind of value at it (string, function, nested object). */
function shape(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k)).sort();
  return [`${prefix}:${typeof value}`];
}

/** Every string the entry holds, functions called with sample arguments. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return [String(value(2, 'X'))];
  if (value && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

describe('the reader string catalogues', () => {
  for (const [file, catalogue] of Object.entries(CATALOGUES)) {
    describe(file, () => {
      it('has every language', () => {
        expect(Object.keys(catalogue).sort()).toEqual([...READER_LANGUAGES].sort());
      });
      for (const language of READER_LANGUAGES) {
        it(`has in ${language} every key the French words have, of the same kind`, () => {
          expect(shape(catalogue[language])).toEqual(shape(catalogue.fr));
        });
        it(`has no empty words in ${language}`, () => {
          for (const t of texts(catalogue[language])) expect(t.trim()).not.toBe('');
        });
      }
      it('does not silently answer English for another language', () => {
        for (const language of READER_LANGUAGES) expect(inLanguage(catalogue, language)).toBe(catalogue[language]);
        expect(inLanguage(catalogue, 'ar-LB')).toBe(catalogue.ar);
        expect(inLanguage(catalogue, 'es-419')).toBe(catalogue.es);
        expect(inLanguage(catalogue, 'de')).toBe(catalogue.en);
      });
      it('writes Arabic words in Arabic', () => {
        const arabic = texts(catalogue.ar).filter((t) => /[\u0600-\u06ff]/.test(t));
        expect(arabic.length / texts(catalogue.ar).length).toBeGreaterThan(0.8);
      });
    });
  }

  it('lists every label file of the reader', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/-labels\.ts$/.test(e.name)) found.push(p.split(path.sep).join('/'));
      }
    };
    walk('src');
    for (const f of found) expect(Object.keys(CATALOGUES), `${f}: export its catalogue and list it in src/render/catalogue.test.ts`).toContain(f);
  });
});
