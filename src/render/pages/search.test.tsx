import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Marked } from './search.tsx';

describe('marked segments', () => {
  it('writes matching words in <mark> and hostile text as text', () => {
    const html = renderToString(<Marked segments={[{ text: 'Chantier', mark: true }, { text: ' <img src=x onerror=alert(1)>' }]} t={(s) => s} />);
    expect(html).toBe('<mark>Chantier</mark> &lt;img src=x onerror=alert(1)>');
  });
});
