import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { declaresDtd } from '../migrate-in/safe-xml.ts';
import { htmlToText, looksLikeHtml } from '../ninjs/html.ts';

/**
 * RSS 2.0 and Atom 1.0 → plain wire items. Pure: no network, no store.
 * Hostile input is expected: DTDs and entity declarations are refused before
 * parsing (nothing is ever expanded), only the five XML entities and numeric
 * references are decoded, titles become plain text, and links that are not
 * absolute http(s) URLs are dropped.
 */

export interface FeedItem {
  guid: string;
  title: string;
  summary: string | null;
  link: string | null;
  /** The item's HTML, when it has some; else its text. */
  html: string | null;
  text: string | null;
  publishedAt: string;
  updatedAt: string | null;
  /** A flash: the item carries a category flash, breaking, urgent or alerte (RSS <category>, Atom <category term>). */
  flash: boolean;
}

/** The category words that mark a wire item as a flash (any case). */
export const FLASH_CATEGORIES = ['flash', 'breaking', 'breaking news', 'urgent', 'alerte', 'alert'];

function isFlash(categories: unknown, read: (c: unknown) => string): boolean {
  return list(categories).some((c) => FLASH_CATEGORIES.includes(read(c).trim().toLowerCase()));
}

export class FeedRefused extends Error {}

/** Bytes → text, per the Content-Type charset, the BOM or the XML declaration; bad sequences become U+FFFD. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  let label = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (!label) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
    else {
      const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
      label = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ?? 'utf-8';
    }
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: false });
  } catch {
    decoder = new TextDecoder('utf-8', { fatal: false });
  }
  return decoder.decode(bytes);
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric references; anything else is left as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (m, e: string) => {
    if (e[0] !== '#') return XML_ENTITIES[e.toLowerCase()] ?? m;
    const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\uFFFD';
  });
}

/** Raw XML content (a stop node): CDATA sections kept as they are, the rest entity-decoded. */
function unescapeRaw(raw: string): string {
  let out = '';
  const re = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
  let last = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    out += decodeEntities(raw.slice(last, m.index)) + m[1];
    last = m.index + m[0].length;
  }
  return out + decodeEntities(raw.slice(last));
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Text of a parsed node: its #text (entity-decoded) and #cdata (as is). */
function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return decodeEntities(String(v));
  if (Array.isArray(v)) return v.map(textOf).join('');
  if (isObj(v)) {
    let s = '';
    for (const [k, x] of Object.entries(v)) {
      if (k === '#text') s += decodeEntities(String(x));
      else if (k === '#cdata') s += list(x).map(String).join('');
      else if (!k.startsWith('@_')) s += textOf(x);
    }
    return s;
  }
  return '';
}

const attr = (v: unknown, name: string): string | undefined => (isObj(v) && typeof v[`@_${name}`] === 'string' ? decodeEntities(v[`@_${name}`] as string) : undefined);

/** Plain text for a title: markup is removed (script contents with it), whitespace squashed. */
export function plainText(s: string): string {
  return (looksLikeHtml(s) ? htmlToText(s) : s).replace(/\s+/g, ' ').trim();
}

/** Keeps absolute http(s) URLs only: relative, javascript:, data: and the like are dropped. */
export function safeUrl(s: string | undefined | null): string | null {
  const v = (s ?? '').trim();
  if (!/^https?:\/\/\S+$/i.test(v)) return null;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** A date as ISO 8601, or the fetch time when it is missing or broken. */
export function isoOr(s: string | undefined, fallback: Date): string {
  const d = s?.trim() ? new Date(s.trim()) : null;
  const t = d && !Number.isNaN(d.getTime()) && d.getUTCFullYear() > 1900 && d.getUTCFullYear() < 3000 ? d : fallback;
  return t.toISOString().replace('.000Z', 'Z');
}

function isoOrNull(s: string | undefined): string | null {
  if (!s?.trim()) return null;
  const d = new Date(s.trim());
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace('.000Z', 'Z');
}

export function fallbackGuid(title: string, date: string): string {
  return 'sha256:' + createHash('sha256').update(`${title}\n${date}`).digest('hex');
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false, // nothing is expanded; decodeEntities() handles the five predefined ones
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: '#cdata',
  removeNSPrefix: false,
  stopNodes: ['feed.entry.content', 'feed.entry.summary', 'feed.entry.title'],
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

/** Refuses documents that declare a DTD or entities: a billion laughs or an external entity never gets parsed. */
export function assertNoDtd(xml: string): void {
  // Only the document's own declarations count: `<!DOCTYPE html>` inside an item's CDATA is its text.
  if (declaresDtd(xml)) throw new FeedRefused('document declares a DOCTYPE or an ENTITY; refused (DTDs and entities are never expanded)');
}

export function parseFeed(xml: string, fetchedAt: Date): { kind: 'rss' | 'atom'; items: FeedItem[] } {
  assertNoDtd(xml);
  let doc: Obj;
  try {
    doc = parser.parse(xml) as Obj;
  } catch (e) {
    throw new FeedRefused(`not well-formed XML: ${(e as Error).message}`);
  }
  if (isObj(doc.rss)) return { kind: 'rss', items: rssItems(doc.rss, fetchedAt) };
  if (isObj(doc.feed)) return { kind: 'atom', items: atomItems(doc.feed, fetchedAt) };
  if (isObj(doc['rdf:RDF'])) return { kind: 'rss', items: rssItems({ channel: { item: (doc['rdf:RDF'] as Obj).item } }, fetchedAt) };
  throw new FeedRefused('neither an RSS 2.0 nor an Atom 1.0 document');
}

function rssItems(rss: Obj, fetchedAt: Date): FeedItem[] {
  const channel = list(rss.channel).find(isObj) ?? {};
  return list(channel.item)
    .filter(isObj)
    .map((it) => {
      const title = plainText(textOf(it.title)).slice(0, 300);
      const description = textOf(it.description).trim();
      const encoded = textOf(it['content:encoded']).trim();
      const link = safeUrl(textOf(list(it.link)[0]));
      const publishedAt = isoOr(textOf(it.pubDate) || textOf(it['dc:date']), fetchedAt);
      const rawGuid = textOf(it.guid).trim();
      const html = encoded || description;
      const summary = encoded && description ? plainText(description) : null;
      return {
        guid: (rawGuid || link || fallbackGuid(title, publishedAt)).slice(0, 500),
        title,
        summary: summary || null,
        link,
        html: html && looksLikeHtml(html) ? html : null,
        text: html && !looksLikeHtml(html) ? html : null,
        publishedAt,
        updatedAt: null,
        flash: isFlash(it.category, (c) => textOf(c)),
      };
    });
}

/** Atom text constructs: type text, html or xhtml. The text of markup is made only when asked for: a body's HTML goes to the block converter instead. */
function atomText(v: unknown): { html: string | null; readonly text: string } {
  const raw = typeof v === 'string' ? v : isObj(v) ? String(v['#text'] ?? '') : '';
  const type = (attr(v, 'type') ?? 'text').toLowerCase();
  const html = type === 'xhtml' ? raw : type === 'html' || type === 'text/html' ? unescapeRaw(raw) : null;
  if (html === null) return { html: null, text: unescapeRaw(raw) };
  return {
    html,
    get text() {
      return htmlToText(html);
    },
  };
}

function atomItems(feed: Obj, fetchedAt: Date): FeedItem[] {
  return list(feed.entry)
    .filter(isObj)
    .map((e) => {
      const t = atomText(e.title);
      const title = plainText(t.text).slice(0, 300);
      const links = list(e.link);
      const alt = links.find((l) => !attr(l, 'rel') || attr(l, 'rel') === 'alternate');
      const link = safeUrl(attr(alt, 'href'));
      const published = textOf(e.published) || textOf(e.updated);
      const publishedAt = isoOr(published, fetchedAt);
      const updated = isoOrNull(textOf(e.updated));
      const content = e.content !== undefined ? atomText(e.content) : null;
      const summary = e.summary !== undefined ? atomText(e.summary) : null;
      const body = content ?? summary;
      const id = textOf(e.id).trim();
      return {
        guid: (id || link || fallbackGuid(title, publishedAt)).slice(0, 500),
        title,
        summary: content && summary ? plainText(summary.text) || null : null,
        link,
        html: body?.html ?? null,
        text: body && body.html === null ? body.text : null,
        publishedAt,
        updatedAt: updated && updated !== publishedAt ? updated : null,
        flash: isFlash(e.category, (c) => attr(c, 'term') ?? ''),
      };
    });
}
