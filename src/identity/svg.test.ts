import { describe, expect, it } from 'vitest';
import { looksLikeSvg, sanitiseSvg, SvgRefused } from './svg.ts';

const svg = (body: string, attrs = '') => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 120 40"${attrs}>${body}</svg>`);
const refusal = async (data: Buffer) => {
  try {
    await sanitiseSvg(data);
  } catch (e) {
    expect(e).toBeInstanceOf(SvgRefused);
    return (e as Error).message;
  }
  throw new Error('the SVG was accepted');
};

describe('SVG logos', () => {
  it('keeps drawing, gradients, text and local references, as standalone XML', async () => {
    const out = await sanitiseSvg(
      Buffer.from(
        '<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient></defs><rect width="100" height="40" fill="url(#g)"/><text x="4" y="30">Dépêche &amp; Cie</text><use href="#g"/></svg>',
      ),
    );
    expect(out.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(out).toContain('viewBox="0 0 100 40"');
    expect(out).toContain('fill="url(#g)"');
    expect(out).toContain('Dépêche &amp; Cie');
    expect(out).toContain('<use href="#g"/>');
  });

  it('adds the SVG namespace when the file leaves it out', async () => {
    expect(await sanitiseSvg(Buffer.from('<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>'))).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('refuses a script', async () => expect(await refusal(svg('<script>alert(1)</script>'))).toContain('script'));
  it('refuses an event handler, naming it', async () => expect(await refusal(svg('<rect width="1" height="1" onload="alert(1)"/>'))).toContain('onload'));
  it('refuses a foreignObject', async () => expect(await refusal(svg('<foreignObject><div>x</div></foreignObject>'))).toContain('foreignObject'));
  it('refuses a picture fetched from elsewhere', async () => expect(await refusal(svg('<image xlink:href="https://tracker.example/p.png" width="1" height="1"/>'))).toContain('https://tracker.example/p.png'));
  it('refuses a javascript: link', async () => expect(await refusal(svg('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>'))).toContain('javascript:'));
  it('refuses a <use> of another file', async () => expect(await refusal(svg('<use href="other.svg#logo"/>'))).toContain('other.svg'));
  it('refuses styles that load other files', async () => {
    expect(await refusal(svg('<style>@import url(https://fonts.example/x.css);</style>'))).toContain('@import');
    expect(await refusal(svg('<rect width="1" height="1" fill="url(https://e.example/p#x)"/>'))).toContain('fill=');
    expect(await refusal(svg('<rect width="1" height="1" style="fill:url(//e.example/p)"/>'))).toContain('style=');
  });
  it('refuses entity declarations', async () => expect(await refusal(Buffer.from('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>'))).toContain('ENTITY'));
  it('refuses what is not an SVG document', async () => expect(await refusal(Buffer.from('<p>hello</p>'))).toContain('<svg>'));

  it('tells an SVG from other bytes', () => {
    expect(looksLikeSvg(svg(''))).toBe(true);
    expect(looksLikeSvg(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg>'))).toBe(true);
    expect(looksLikeSvg(Buffer.from('GIF89a'))).toBe(false);
    expect(looksLikeSvg(Buffer.from('<html><svg></svg></html>'))).toBe(false);
  });
});
