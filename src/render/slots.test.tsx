import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../content/catalog.ts';
import type { EditionRow } from '../store/schema.ts';
import { editionContext } from './context.ts';
import { Layout } from './layout.tsx';
import { SLOT_NAMES, type ThemeSlots } from './slots.ts';

const fr: EditionRow = { code: 'fr', name: 'Dépêche', base_url: 'https://news.example', time_zone: 'Europe/Paris', is_default: 1, position: 0, language: '', dir: 'ltr', numbering: null, identity: null };
const catalog = { editions: [fr], sections: () => [], channel: () => undefined, menu: () => [], pages: () => [] } as unknown as Catalog;

describe('template slots', () => {
  it('put a theme’s markup in the header, under the navigation and in the footer, escaped', () => {
    const slots: ThemeSlots = {
      header: (ctx) => <a class="watch" href={`/${ctx.edition.code}/direct`}>Regarder</a>,
      belowNav: () => <p class="band">Élections &lt;2027&gt;</p>,
      footer: () => <p class="apps">Nos applications</p>,
      footerEnd: () => <p class="end">{'<b>fin</b>'}</p>,
    };
    const ctx = editionContext(fr, catalog, { css: '/a.css', js: '/a.js' }, 'Dépêche', undefined, undefined, slots);
    const html = renderToString(<Layout ctx={ctx} meta={{ title: 'T' }}><p>corps</p></Layout>);
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    expect(header).toContain('<a class="watch" href="/fr/direct">Regarder</a></div>');
    expect(header).toContain('<p class="band">Élections &lt;2027></p>');
    const footer = html.slice(html.indexOf('<footer'));
    expect(footer.indexOf('<p class="apps">')).toBeLessThan(footer.indexOf('class="footer-cols"'));
    expect(footer).toContain('<p class="end">&lt;b>fin&lt;/b></p></div></footer>');
  });
  it('leave no trace when a theme fills none', () => {
    const ctx = editionContext(fr, catalog, { css: '/a.css', js: '/a.js' }, 'Dépêche');
    const html = renderToString(<Layout ctx={ctx} meta={{ title: 'T' }}><p>corps</p></Layout>);
    expect(html).not.toMatch(/undefined|null/);
    expect(SLOT_NAMES).toHaveLength(7);
  });
});
