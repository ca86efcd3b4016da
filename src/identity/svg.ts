
/** The largest SVG accepted as a logo or icon: a wordmark is a few kilobytes. */
export const MAX_SVG_BYTES = 512 * 1024;

/** Why an SVG was refused: a sentence naming what was found. */
export class SvgRefused extends Error {}

/** Elements that run code, embed other documents or pull content from elsewhere. */
const FORBIDDEN_ELEMENTS: Record<string, string> = {
  script: 'a script',
  foreignobject: 'a foreignObject (HTML inside the SVG)',
  iframe: 'an embedded document',
  embed: 'an embedded document',
  object: 'an embedded document',
  handler: 'an event handler',
  listener: 'an event handler',
};

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A reference inside the file itself (#id) or an embedded raster picture; anything else is fetched from elsewhere. */
function isLocalRef(v: string): boolean {
  const s = v.trim();
  return s === '' || s.startsWith('#') || /^data:image\/(png|jpeg|gif|webp);base64,/i.test(s);
}

/** url(…) in CSS that points outside the file, or an @import. */
function externalInCss(css: string): boolean {
  if (/@import/i.test(css)) return true;
  for (const m of css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)) if (!isLocalRef(m[2])) return true;
  return false;
}

/** Whether the bytes look like an SVG document (an optional XML prolog, comments or doctype, then <svg). */
export function looksLikeSvg(data: Buffer): boolean {
  const head = data.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head);
}

/**
 * Cleans an SVG for use as a logo: DOMPurify's SVG profile removes whatever
 * is not drawing. Things that would run or fetch — scripts, event handlers
 * (on…), foreignObject, references to other files (href, xlink:href, url() in
 * styles, @import) — are not quietly dropped but refused, so that whoever
 * uploads the file knows why it was not taken. Answers the cleaned
 * document as standalone XML (with its namespace), ready to serve as
 * image/svg+xml.
 *
 * jsdom and DOMPurify are loaded on the first SVG only: together they take
 * over a second and tens of megabytes, which a node that never receives a
 * logo should not pay at start.
 */
export async function sanitiseSvg(data: Buffer): Promise<string> {
  if (data.length > MAX_SVG_BYTES) throw new SvgRefused(`the SVG is ${data.length} bytes, over the limit of ${MAX_SVG_BYTES}`);
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  if (/<!ENTITY/i.test(text)) throw new SvgRefused('the SVG declares entities (<!ENTITY>), which are refused');
  const [{ JSDOM }, { default: createDOMPurify }] = await Promise.all([import('jsdom'), import('dompurify')]);
  const window = new JSDOM('').window;
  try {
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
    const found: string[] = [];
    purify.addHook('uponSanitizeElement', (node, data) => {
      const name = data.tagName?.toLowerCase();
      if (name && FORBIDDEN_ELEMENTS[name]) found.push(`${FORBIDDEN_ELEMENTS[name]} (<${data.tagName}>)`);
      if (name === 'style' && externalInCss(node.textContent ?? '')) found.push('a style that loads another file (url() or @import)');
    });
    purify.addHook('uponSanitizeAttribute', (_node, data) => {
      const name = data.attrName.toLowerCase();
      if (name.startsWith('on')) found.push(`an event handler (${data.attrName})`);
      else if ((name === 'href' || name === 'xlink:href' || name === 'src') && !isLocalRef(data.attrValue)) found.push(`a reference to another file (${data.attrName}="${data.attrValue.slice(0, 80)}")`);
      // style, and presentation attributes that take url(): fill, stroke, filter, mask, clip-path…
      else if (externalInCss(data.attrValue)) found.push(`a style that loads another file (${data.attrName}="${data.attrValue.slice(0, 80)}")`);
    });
    const fragment = purify.sanitize(text, { USE_PROFILES: { svg: true, svgFilters: true }, RETURN_DOM_FRAGMENT: true, ADD_TAGS: ['use'] });
    if (found.length) throw new SvgRefused(`the SVG holds ${[...new Set(found)].join(', ')}; remove it and upload the file again`);
    const svg = fragment.firstElementChild;
    if (!svg || svg.localName !== 'svg' || fragment.children.length !== 1) throw new SvgRefused('not an SVG document: expected one <svg> element');
    const out = new window.XMLSerializer().serializeToString(svg);
    return out.includes(`xmlns="${SVG_NS}"`) ? out : out.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  } finally {
    window.close();
  }
}
