import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { ArticleCard } from '../content/article.repository.ts';
import type { Catalog } from '../content/catalog.ts';
import type { EditionRow, SectionRow } from '../store/schema.ts';
import { Card } from './cards.tsx';
import { editionContext } from './context.ts';

const fr: EditionRow = { code: 'fr', name: 'Dépêche', base_url: 'https://news.example', time_zone: 'Europe/Paris', is_default: 1, position: 0, language: '', dir: 'ltr', numbering: null, identity: null };
const sport = { id: 2, edition: 'fr', slug: 'sport', name: 'Sport & co', in_nav: 1, position: 2 } as unknown as SectionRow;
const catalog = { editions: [fr], sections: () => [sport], sectionById: (id: number) => (id === 2 ? sport : undefined) } as unknown as Catalog;
const context = () => editionContext(fr, catalog, { css: '/a.css', js: '/a.js' }, 'Dépêche');
const variants = JSON.stringify([{ format: 'jpeg', width: 480, height: 320, key: 'ab/480.jpg' }]);
const card: ArticleCard = {
  id: 5, edition: 'fr', section_id: 2, slug: 'le-match', headline: 'Le <match> & après ?', standfirst: 'Un résumé.', published_at: '2026-12-01T10:00:00.000Z',
  image: { id: 9, original: 'ab/original.jpg', variants, width: 1200, height: 800 },
};
type Props = { card: ArticleCard; level: 2 | 3; size?: 'lead' | 'normal' | 'compact'; eager?: boolean; kicker?: boolean };
const render = (ctx: ReturnType<typeof context>, p: Props) => renderToString(<Card ctx={ctx} {...p} />);

describe('cards made once', () => {
  it('keep the markup of a card, escaped', () => {
    const ctx = context();
    for (const _ of [1, 2])
      expect(render(ctx, { card, level: 3, kicker: true })).toBe(
        '<article class="card card-normal"><picture><img src="/media/ab/480.jpg" srcset="/media/ab/480.jpg 480w" sizes="(min-width: 64rem) 22rem, (min-width: 40rem) 50vw, 100vw" width="1200" height="800" alt loading="lazy" decoding="async"/></picture>' +
          '<div class="card-text"><p class="kicker">Sport &amp; co</p><h3><a href="/fr/sport/le-match">Le &lt;match> &amp; après\u202f?</a></h3><p class="standfirst">Un résumé.</p>' +
          `<time datetime="2026-12-01T10:00:00.000Z">${ctx.dates.short(card.published_at)}</time></div></article>`,
      );
  });

  it('differ with every field and prop they are made from', () => {
    const ctx = context();
    const cases: Props[] = [
      { card, level: 3 },
      { card, level: 2 },
      { card, level: 3, size: 'lead', eager: true },
      { card, level: 3, size: 'compact', kicker: true },
      { card: { ...card, headline: 'Autre titre' }, level: 3 },
      { card: { ...card, standfirst: null }, level: 3 },
      { card: { ...card, slug: 'autre' }, level: 3 },
      { card: { ...card, published_at: '2026-12-02T10:00:00.000Z' }, level: 3 },
      { card: { ...card, image: null }, level: 3 },
      { card: { ...card, image: { ...card.image!, variants: variants.replace('480.jpg', '481.jpg') } }, level: 3 },
    ];
    const seen = new Set<string>();
    for (const round of [1, 2])
      for (const c of cases) {
        const html = render(ctx, c);
        expect(html, `round ${round}`).toBe(render(context(), c));
        if (round === 1) seen.add(html);
      }
    expect(seen.size).toBe(cases.length);
  });
});

describe('cards in the design', () => {
  it('say when a card has no picture, so a lead without one is a panel and not an empty frame', () => {
    const ctx = context();
    expect(render(ctx, { card: { ...card, image: null }, level: 2, size: 'lead' })).toMatch(/^<article class="card card-lead card-text-only">/);
    expect(render(ctx, { card, level: 2, size: 'lead' })).toMatch(/^<article class="card card-lead">/);
  });
  it('crop on the focal point, in quarters, the centre needing no class', () => {
    const ctx = context();
    expect(render(ctx, { card: { ...card, image: { ...card.image!, focal_x: 0.1, focal_y: 0.8 } }, level: 3 })).toContain('<picture class="fx0 fy3">');
    expect(render(ctx, { card: { ...card, image: { ...card.image!, focal_x: 0.5, focal_y: null } }, level: 3 })).toContain('<picture>');
  });
  it('give the time today and "hier" yesterday when the page passes its clock', () => {
    const ctx = context();
    const at = (now: string) => render(ctx, { card, level: 3, size: 'compact', now } as Props);
    expect(at('2026-12-01T15:00:00Z')).toContain('>11:00</time>');
    expect(at('2026-12-02T15:00:00Z')).toContain('>hier</time>');
    expect(at('2026-12-09T15:00:00Z')).toContain('>1 déc. 2026</time>');
  });
});
