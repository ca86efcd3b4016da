/**
 * A small XML writer for feeds and sitemaps that escapes by default: text and
 * attribute values are always strings to escape, and markup only ever comes
 * from `el()`. Written here rather than taken from xmlbuilder2, whose
 * serializer leaves `&amp;` or `&nbsp;` in a text unescaped (it takes them
 * for entity references): a headline that quotes one would come out changed,
 * or as XML no parser accepts.
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
