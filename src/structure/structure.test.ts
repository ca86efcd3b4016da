import { describe, expect, it } from 'vitest';
import { defaultPageSlug } from './pages.service.ts';
import { isMenuUrl, slugField } from './structure.schema.ts';
import { structureLabels, STRUCTURE_LABELS } from './structure-labels.ts';

describe('structure validation', () => {
  it('takes slugs of lowercase words of any script joined by single hyphens', () => {
    for (const ok of ['monde', 'moyen-orient', 'covid-19', 'الشرق-الأوسط']) expect(slugField.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', 'Monde', 'moyen orient', 'moyen--orient', '-monde', 'monde/', 'a.b', 'x'.repeat(81)]) expect(slugField.safeParse(bad).success, bad).toBe(false);
  });

  it('refuses the words the site uses in its own addresses, saying so', () => {
    for (const word of ['sujet', 'page', 'admin', 'api', 'recherche', 'topic']) {
      const r = slugField.safeParse(word);
      expect(r.success, word).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/reserved/);
    }
  });

  it('takes http(s) addresses and site paths for menu links, nothing else', () => {
    for (const ok of ['https://example.org/', 'http://example.org/a?b=c', '/fr/page/contact', '/']) expect(isMenuUrl(ok), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', '//evil.example/', 'mailto:a@b.c', 'ftp://x.example/', 'exemple.org', '/a b', '/\\evil']) expect(isMenuUrl(bad), bad).toBe(false);
  });
});

describe('static pages', () => {
  it('gives each kind its usual slug in the edition’s language, English for a language not listed', () => {
    expect(defaultPageSlug('legal', 'fr', 'x')).toBe('mentions-legales');
    expect(defaultPageSlug('about', 'fr-FR', 'x')).toBe('a-propos');
    expect(defaultPageSlug('charter', 'en', 'x')).toBe('editorial-charter');
    expect(defaultPageSlug('privacy', 'es', 'x')).toBe('privacidad');
    expect(defaultPageSlug('about', 'ar', 'x')).toBe('من-نحن');
    expect(defaultPageSlug('legal', 'de', 'x')).toBe('legal-notice');
    expect(defaultPageSlug('other', 'fr', 'Nos équipes')).toBe('nos-equipes');
  });

  it('has every default slug valid', () => {
    for (const lang of ['fr', 'en', 'es', 'ar']) {
      for (const kind of ['about', 'contact', 'legal', 'privacy', 'charter'] as const) expect(slugField.safeParse(defaultPageSlug(kind, lang, '')).success, `${lang} ${kind}`).toBe(true);
    }
  });

  it('has its reader labels in fr, en, es and ar', () => {
    for (const lang of ['fr', 'en', 'es', 'ar'] as const) {
      expect(Object.keys(STRUCTURE_LABELS[lang]).sort()).toEqual(Object.keys(STRUCTURE_LABELS.fr).sort());
      expect(structureLabels(lang).footerNav).toBe(STRUCTURE_LABELS[lang].footerNav);
    }
    expect(structureLabels('de')).toBe(STRUCTURE_LABELS.en);
  });
});
