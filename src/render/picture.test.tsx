import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Picture, type PictureImage } from './picture.tsx';

const variants = JSON.stringify([
  { format: 'jpeg', width: 480, height: 320, key: 'ab/480.jpg' },
  { format: 'jpeg', width: 960, height: 640, key: 'ab/960.jpg' },
  { format: 'webp', width: 480, height: 320, key: 'ab/480.webp' },
  { format: 'jpeg', width: 1200, height: 630, key: 'ab/card.jpg', purpose: 'social' },
]);
const image: PictureImage = { original: 'ab/original.jpg', width: 1200, height: 800, variants };
const link = (key: string) => `/media/${key}`;
const parse = (json: string) => JSON.parse(json);
const render = (props: { alt: string; eager?: boolean; sizes?: string; class?: string; image?: PictureImage }, memo?: Map<string, string>) =>
  renderToString(<Picture image={props.image ?? image} alt={props.alt} sizes={props.sizes ?? '100vw'} eager={props.eager} class={props.class} parse={parse} link={link} memo={memo} />);

describe('pictures made once', () => {
  it('are the markup Preact renders each time, escaped, for every set of props', () => {
    const memo = new Map<string, string>();
    const cases = [
      { alt: 'Un port <b>&</b>' },
      { alt: 'Un port <b>&</b>', eager: true },
      { alt: '', sizes: '(min-width: 52rem) 20rem, 100vw', class: 'x' },
      { alt: 'Autre', image: { ...image, variants: variants.replace('480.webp', '481.webp') } },
    ];
    for (const round of [1, 2]) for (const c of cases) expect(render(c, memo), `round ${round}`).toBe(render(c));
    expect(memo.size).toBe(cases.length);
    expect(render(cases[0]!, memo)).toBe(
      '<picture><source type="image/webp" srcset="/media/ab/480.webp 480w" sizes="100vw"/>' +
        '<img src="/media/ab/960.jpg" srcset="/media/ab/480.jpg 480w, /media/ab/960.jpg 960w" sizes="100vw" width="1200" height="800" alt="Un port &lt;b>&amp;&lt;/b>" loading="lazy" decoding="async"/></picture>',
    );
  });
});
