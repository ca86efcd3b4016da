import { describe, expect, it } from 'vitest';
import type { Catalog } from '../content/catalog.ts';
import type { EditionRow } from '../store/schema.ts';
import { editionContext, withNumbering } from './context.ts';

const row = (over: Partial<EditionRow>): EditionRow => ({
  code: 'fr',
  name: 'Dépêche',
  base_url: 'https://news.example',
  time_zone: 'Europe/Paris',
  is_default: 1,
  position: 0,
  language: '',
  dir: 'ltr',
  numbering: null,
  identity: null,
  ...over,
});
const ctxOf = (over: Partial<EditionRow>) => editionContext(row(over), {} as Catalog, { css: '/a.css', js: '/a.js' }, 'Dépêche');

describe('an edition’s context', () => {
  it('writes an Arabic edition right to left, in Arabic, its dates with its numerals and zone', () => {
    const ctx = ctxOf({ code: 'ar', time_zone: 'Asia/Beirut', dir: 'rtl', numbering: 'arab' });
    expect(ctx.dir).toBe('rtl');
    expect(ctx.language).toBe('ar');
    expect(ctx.labels.latest).toBe('آخر الأخبار');
    expect(ctx.dates.short('2026-11-20T22:30:00Z')).toMatch(/٢١/); // already the 21st in Beirut
    expect(ctx.dates.long('2026-11-20T09:30:00Z')).not.toMatch(/[0-9]/);
    expect(ctx.t('هل وصل?')).toBe('هل وصل؟');
    expect(ctx.ogLocale).toBe('ar_AR');
  });
  it('keeps Latin digits when the edition says latn', () => {
    expect(ctxOf({ code: 'ar', dir: 'rtl', numbering: 'latn' }).dates.short('2026-11-20T09:30:00Z')).toMatch(/2026/);
  });
  it('reads the language apart from the code', () => {
    const ctx = ctxOf({ code: 'be', language: 'fr-BE', time_zone: 'Europe/Brussels' });
    expect(ctx.language).toBe('fr-BE');
    expect(ctx.labels.latest).toBe('Dernières informations');
    expect(ctx.t('Vraiment ?')).toBe('Vraiment\u202f?');
    expect(ctx.dir).toBe('ltr');
  });
  it('adds the numbering system to a locale, and leaves it alone without one', () => {
    expect(withNumbering('ar', 'arab')).toBe('ar-u-nu-arab');
    expect(withNumbering('fa-IR', null)).toBe('fa-IR');
  });
});
