/**
 * A small XML writer for feeds and sitemaps that escapes by default: text and
 * attribute values are always strings to escape, and markup only ever comes
 * from `el()`. Characters XML 1.0 cannot carry are dropped.
 *
 * Kept by hand because each library checked fails a case xml.test.ts pins:
 * fast-xml-parser 5.12.1 XMLBuilder and @xmldom/xmldom 0.9.12 write U+0007 as
 * it is (no parser accepts it); xmlbuilder2 4.0.3 and xml-js 1.6.11 write the
 * text `Tom &amp; Jerry` unchanged; js2xmlparser 5.0.0 throws on U+0007;
 * xmlbuilder 15.1.1 (`invalidCharReplacement: ''`, in maintenance since
 * xmlbuilder2) drops the character before a lone low surrogate (`ab\uDC00cd`
 * gives `acd`). XMLBuilder, xmlbuilder2 and js2xmlparser also let a tab or
 * newline in an attribute come back as a space.
 */
export interface XmlNode {
  readonly xml: string;
}

export type XmlAttrs = Record<string, string | number | null | undefined>;
export type XmlContent = string | Array<XmlNode | null | undefined | false | ''>;

/** Characters outside XML 1.0's Char production (controls, lone surrogates, U+FFFE/F) cannot be written at all: they are dropped. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeText(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Tabs and line breaks as references too, so attribute-value normalisation keeps them. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** An element; `content` is escaped text, or child elements. Null, undefined, false and empty-string children are left out. */
export function el(name: string, attrs: XmlAttrs = {}, content?: XmlContent): XmlNode {
  let open = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) open += ` ${k}="${escapeAttr(String(v))}"`;
  if (content === undefined) return { xml: `${open}/>` };
  const inner = typeof content === 'string' ? escapeText(content) : content.map((c) => (c ? c.xml : '')).join('');
  return { xml: `${open}>${inner}</${name}>` };
}

/** A whole document in UTF-8. */
export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.xml}\n`;
}
