import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../content/catalog.ts';
import { editionContext } from '../render/context.ts';
import type { EditionRow } from '../store/schema.ts';
import type { PublicEntry } from './live-entries.repository.ts';
import { entryCard } from './live-meta.ts';
import { sseFrame } from './live-hub.ts';
import { blocksText, entryHeadline, EntryView } from './live-view.tsx';

const fr: EditionRow = { code: 'fr', name: 'Dépêche', base_url: 'https://news.example', time_zone: 'Europe/Paris', is_default: 1, position: 0, language: '', dir: 'ltr', numbering: null, identity: null };
const catalog = { editions: [fr], sections: () => [], sectionById: () => undefined } as unknown as Catalog;
const ctx = editionContext(fr, catalog, { css: '/a.css', js: '/a.js' }, 'Dépêche');
const place = { edition: 'fr', section: 'monde', slug: 'sommet' };
const entry = (over: Partial<PublicEntry> = {}): PublicEntry => ({
  id: 7, articleId: 1, postedAt: '2026-12-07T09:30:00.000Z', updatedAt: null, title: null, author: null, source: null,
  body: [{ type: 'paragraph', text: 'Premier paragraphe.' }], pinned: false, keyPoint: false, correction: null, ...over,
});

describe('an entry', () => {
  it('renders its anchor, its time with the zone, its author and its permalink, escaping every text', () => {
    const html = renderToString(<EntryView ctx={ctx} entry={entry({ title: '<b>Titre</b>', author: '"onmouseover=x', correction: '<i>note</i>' })} place={place} images={new Map()} />);
    expect(html).toContain('<article class="live-entry" id="entree-7" data-entry="7" aria-labelledby="entree-7-t">');
    expect(html).toContain('<span class="live-entry-time">10:30 UTC+1</span>');
    expect(html).toContain('&lt;b>Titre&lt;/b>');
    expect(html).toContain('Par &quot;onmouseover=x');
    expect(html).toContain('&lt;i>note&lt;/i>');
    expect(html).toContain('<a class="live-entry-link" href="/fr/monde/sommet/entree/7">');
  });

  it('as the pinned copy, leaves the anchor to the timeline', () => {
    const html = renderToString(<EntryView ctx={ctx} entry={entry({ pinned: true })} place={place} images={new Map()} copy />);
    expect(html).not.toContain('id="entree-7"');
    expect(html).toContain('data-entry="7"');
  });

  it('is named by its title, else its first words cut at a word', () => {
    expect(entryHeadline(entry({ title: 'Le titre' }))).toBe('Le titre');
    expect(entryHeadline(entry({ body: [{ type: 'paragraph', text: 'mot '.repeat(50) }] }), 20)).toBe('mot mot mot mot mot…');
    expect(blocksText([{ type: 'quote', text: 'Oui.', speaker: { name: 'Elle' } }, { type: 'list', items: ['a', 'b'] }])).toBe('« Oui. » — Elle\n\na ; b');
  });
});

describe('an entry’s sharing card', () => {
  it('replaces the title, description and address of the page’s card', () => {
    const tags = [
      { property: 'og:type', content: 'article' },
      { property: 'og:title', content: 'Le direct' },
      { property: 'og:description', content: 'Chapô' },
      { property: 'og:url', content: 'https://x/live' },
      { name: 'twitter:title', content: 'Le direct' },
    ];
    expect(entryCard(tags, { title: 'Entrée', description: 'Texte', url: 'https://x/live/entree/7' })).toEqual([
      { property: 'og:type', content: 'article' },
      { property: 'og:title', content: 'Entrée' },
      { property: 'og:description', content: 'Texte' },
      { property: 'og:url', content: 'https://x/live/entree/7' },
      { name: 'twitter:title', content: 'Entrée' },
      { name: 'twitter:description', content: 'Texte' },
    ]);
  });
});

describe('an SSE frame', () => {
  it('carries its data as JSON on one line, so no text can start a field of its own', () => {
    const f = sseFrame('entry', { html: 'a\n\nid: 99\nevent: ended\r\n' }, 5);
    expect(f).toBe('id: 5\nevent: entry\ndata: {"html":"a\\n\\nid: 99\\nevent: ended\\r\\n"}\n\n');
    expect(f.split('\n\n')).toHaveLength(2);
  });
});
