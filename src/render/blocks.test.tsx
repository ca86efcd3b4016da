import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { StoredBlock } from '../content/blocks.ts';
import type { Catalog } from '../content/catalog.ts';
import { Block } from './blocks.tsx';
import { editionContext } from './context.ts';
import type { PictureImage } from './picture.tsx';

const N = '\u202f';
const edition = { code: 'fr', name: 'Dépêche', base_url: 'https://news.example', time_zone: 'Europe/Paris', is_default: 1, position: 0, language: '', dir: 'ltr', numbering: null, identity: null };
const ctx = editionContext(edition, {} as Catalog, { css: '/a.css', js: '/a.js' }, 'Dépêche');
const en = editionContext({ ...edition, code: 'en' }, {} as Catalog, { css: '/a.css', js: '/a.js' }, 'Dépêche');
const images = new Map<number, PictureImage>([
  [7, { original: 'ab/cd/original.jpg', width: 1200, height: 800, variants: [
    { format: 'jpeg', width: 480, height: 320, key: 'ab/cd/480.jpg' },
    { format: 'webp', width: 480, height: 320, key: 'ab/cd/480.webp' },
  ] }],
]);
const render = (block: StoredBlock, c = ctx) => renderToString(<Block block={block} ctx={c} images={images} />);

describe('block rendering', () => {
  it('renders a plain paragraph with French typography', () => {
    expect(render({ type: 'paragraph', text: 'Pourquoi? « Parce que »' })).toBe(`<p>Pourquoi${N}? «${N}Parce que${N}»</p>`);
  });
  it('leaves English punctuation alone', () => {
    expect(render({ type: 'paragraph', text: 'Why? Because!' }, en)).toBe('<p>Why? Because!</p>');
  });
  it('renders inline bold, italic and links, escaping the text', () => {
    expect(
      render({ type: 'paragraph', content: [{ text: 'a <b>', bold: true }, { text: ' & ' }, { text: 'lien', italic: true, href: 'https://example.org/?a=1&b=2' }] }),
    ).toBe('<p><strong>a &lt;b></strong> &amp; <a href="https://example.org/?a=1&amp;b=2"><em>lien</em></a></p>');
  });
  it('renders a heading as h2', () => {
    expect(render({ type: 'heading', text: 'Le point' })).toBe('<h2>Le point</h2>');
  });
  it('renders a figure with caption then credit, and marks an archive photo', () => {
    const html = render({ type: 'figure', imageId: 7, alt: 'Un port', caption: 'Le port.', credit: '(Archives)', archive: true });
    expect(html).toContain('<figure class="figure archive-photo"><picture><source type="image/webp" srcset="/media/ab/cd/480.webp 480w"');
    expect(html).toContain('alt="Un port" loading="lazy"');
    expect(html).toContain('<figcaption><span class="caption">Le port.</span><span class="archive">Photo d’archives</span><bdi class="credit">(Archives)</bdi></figcaption>');
  });
  it('gives a decorative image an empty alt', () => {
    expect(render({ type: 'figure', imageId: 7, alt: 'ignored', decorative: true })).toMatch(/<img [^>]*alt(="")?[ >]/);
    expect(render({ type: 'figure', imageId: 7, alt: 'ignored', decorative: true })).not.toContain('ignored');
  });
  it('skips a figure whose image is missing rather than failing the page', () => {
    expect(render({ type: 'figure', imageId: 99, alt: 'x' })).toBe('');
  });
  it('renders a quote with speaker and role, linking the person page', () => {
    expect(render({ type: 'quote', text: 'Non.', speaker: { name: 'Hervé Lantier', role: 'général à la retraite' } })).toBe(
      '<figure class="quote"><blockquote><p>Non.</p></blockquote><figcaption><a class="speaker" href="/fr/personne/herve-lantier"><bdi>Hervé Lantier</bdi></a><bdi class="role">général à la retraite</bdi></figcaption></figure>',
    );
  });
  it('renders a pull quote with its attribution', () => {
    expect(render({ type: 'pullquote', text: 'Tenir.', attribution: 'Une élue' })).toBe(
      '<figure class="pullquote"><blockquote><p>Tenir.</p></blockquote><figcaption class="attribution">Une élue</figcaption></figure>',
    );
  });
  it('renders ordered and unordered lists', () => {
    expect(render({ type: 'list', items: ['a', 'b'] })).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(render({ type: 'list', ordered: true, items: ['a'] })).toBe('<ol><li>a</li></ol>');
  });
  it('renders an embed as a link with a load button, never an iframe', () => {
    const html = render({ type: 'embed', url: 'https://vimeo.com/123456', title: 'Reportage' });
    expect(html).toContain('data-player="https://player.vimeo.com/video/123456?autoplay=1&amp;dnt=1"');
    expect(html).toContain('<a href="https://vimeo.com/123456">Voir la vidéo sur Vimeo — Reportage</a>');
    expect(html).toContain('<button type="button" class="embed-load" hidden>Charger la vidéo Vimeo</button>');
    expect(html).not.toContain('<iframe');
  });
});
