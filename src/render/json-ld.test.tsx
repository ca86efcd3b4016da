import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { JsonLd, scriptJson } from './json-ld.tsx';

describe('JSON-LD data blocks', () => {
  const hostile = { headline: '</script><script>alert(1)</script> & <!-- \u2028\u2029' };

  it('writes <, >, &, U+2028 and U+2029 as escapes, so the text cannot end the script', () => {
    const json = scriptJson(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e\\u003cscript\\u003e');
    expect(json).toContain('\\u0026 \\u003c!-- \\u2028\\u2029');
    expect(JSON.parse(json)).toEqual(hostile);
  });

  it('renders one data block, and an array only when there are several objects', () => {
    expect(renderToString(<JsonLd data={[{ a: 1 }]} />)).toBe('<script type="application/ld+json">{"a":1}</script>');
    const html = renderToString(<JsonLd data={[hostile, { b: 2 }]} />);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(html.slice(html.indexOf('>') + 1, -'</script>'.length))).toEqual([hostile, { b: 2 }]);
  });
});
