import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../content/catalog.ts';
import type { EditionRow, SectionRow } from '../store/schema.ts';
import { editionContext, type EditionContext } from './context.ts';
import { Layout } from './layout.tsx';

const fr: EditionRow = { code: 'fr', name: 'Dépêche <&>', base_url: 'https://news.example', time_zone: 'Europe/Paris', is_default: 1, position: 0, language: '', dir: 'ltr', numbering: null, identity: null };
const en: EditionRow = { ...fr, code: 'en', name: 'Dispatch', is_default: 0, position: 1 };
const section = (id: number, slug: string, name: string, in_nav = 1) => ({ id, edition: 'fr', slug, name, in_nav, position: id }) as unknown as SectionRow;
const sections = [section(1, 'monde', 'Monde'), section(2, 'sport', 'Sport <b>&</b>'), section(3, 'cache', 'Caché', 0)];
const headerMenu = sections.filter((s) => s.in_nav === 1).map((s) => ({ label: s.name, href: `/fr/${s.slug}/`, kind: 'section', targetId: s.id }));
const catalog = {
  editions: [fr, en],
  sections: () => sections,
  channel: () => undefined,
  menu: (_e: string, which: string) => (which === 'header' ? headerMenu : []),
  pages: () => [{ id: 1, slug: 'mentions-legales', title: 'Mentions légales', kind: 'legal', inFooter: true }],
} as unknown as Catalog;
const context = () => editionContext(fr, catalog, { css: '/a.css', js: '/a.js' }, 'Dépêche');
const page = (ctx: EditionContext, sectionId?: number, banner?: string) =>
  renderToString(
    <Layout ctx={ctx} meta={{ title: 'T', sectionId }} banner={banner}>
      <p>corps</p>
    </Layout>,
  );

describe('the layout', () => {
  it('links the live channel in the header while it is on air, in the edition’s words', () => {
    const onAir = { ...catalog, channel: () => ({ name: 'Info', streams: ['https://live.example/a.m3u8'], onAir: true }) } as unknown as Catalog;
    expect(page(editionContext(fr, onAir, { css: '/a.css', js: '/a.js' }, 'Dépêche'))).toContain('<a class="on-air" href="/fr/direct">DIRECT</a>');
    expect(page(editionContext(en, onAir, { css: '/a.css', js: '/a.js' }, 'Dépêche'))).toContain('<a class="on-air" href="/en/live">LIVE</a>');
    expect(page(context())).not.toContain('on-air');
  });

  it('renders the header and the footer with the edition, its sections and the other editions, escaped', () => {
    const html = page(context(), 2);
    expect(html).toContain(
      '<header class="site-header"><div class="masthead wrap"><a class="brand" href="/fr/">Dépêche &lt;&amp;></a>' +
        '<form class="site-search" role="search" aria-label="Recherche" method="get" action="/fr/recherche">' +
        '<label class="visually-hidden" for="site-search-q">Rechercher sur le site</label>' +
        '<input id="site-search-q" type="search" name="q" maxlength="200" autocomplete="off" data-suggest="/api/content/search/suggest?edition=fr" data-suggest-label="Suggestions"/>' +
        '<button type="submit">Rechercher</button></form>' +
        '<nav class="editions" aria-label="Éditions"><ul><li><a href="/fr/" hreflang="fr" lang="fr" aria-current="true">FR</a></li>' +
        '<li><a href="/en/" hreflang="en" lang="en">EN</a></li></ul></nav></div>' +
        '<nav class="sections" aria-label="Rubriques"><ul class="wrap"><li><a href="/fr/monde/">Monde</a></li>' +
        '<li><a href="/fr/sport/" aria-current="page">Sport &lt;b>&amp;&lt;/b></a></li></ul></nav></header>',
    );
    expect(html).toContain('<footer class="site-footer"><div class="wrap"><div class="footer-top"><a class="brand" href="/fr/">Dépêche &lt;&amp;></a><p class="push-optin" hidden data-edition="fr"');
    // The footer's columns: the sections (no footer menu of its own), the static pages, the feeds, the other editions.
    expect(html).toContain('<div class="footer-col"><h2>Rubriques</h2><ul><li><a href="/fr/monde/">Monde</a></li><li><a href="/fr/sport/">Sport &lt;b>&amp;&lt;/b></a></li></ul></div>');
    expect(html).toContain('<div class="footer-col"><h2>À propos</h2><ul><li><a href="/fr/page/mentions-legales">Mentions légales</a></li></ul></div>');
    expect(html).toContain('<a href="/fr/feed.xml">Toute l’actualité (RSS)</a>');
    expect(html).toContain('<div class="footer-col"><h2>Nos éditions</h2><ul><li><a href="/en/" lang="en" hreflang="en">Dispatch</a></li></ul></div>');
    // The alerts region is there even without alerts, for alerts.js to fill and screen readers to announce.
    expect(html).toContain('<section class="site-alerts" id="site-alerts" aria-label="Alertes" aria-live="polite" data-alerts="/api/content/alerts?edition=fr"');
  });

  it('marks the current section of each page, whatever pages came before with the same context', () => {
    const ctx = context();
    for (const current of [2, 1, undefined, 2]) expect(page(ctx, current)).toBe(page(context(), current));
    expect(page(ctx, 1)).toContain('<a href="/fr/monde/" aria-current="page">');
    expect(page(ctx, undefined)).not.toContain('aria-current="page"');
  });

  it('keeps the banner out of the markup made once', () => {
    const ctx = context();
    const html = page(ctx, 1, 'Aperçu <i>');
    expect(html).toContain('<p class="page-banner" role="note">Aperçu &lt;i></p>');
    expect(html.indexOf('page-banner')).toBeLessThan(html.indexOf('<header'));
    expect(page(ctx, 1)).not.toContain('page-banner');
  });
});
