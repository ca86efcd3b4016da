import type { FieldIssue } from '../errors.ts';
import type { BlockInputT } from '../content/blocks.ts';
import { htmlToBlocksAsync, htmlToTextAsync, looksLikeHtml, textToBlocks } from './html.ts';

/**
 * One ninjs item (1.x, 2.x or 3.x) → one article in our import format, and the
 * list of what could not be mapped. Pure: the caller says which editions exist.
 *
 * 1.x uses `headline`, `body_html`, `byline`, `subject`, objects for
 * `associations`/`renditions`; 2.x uses `headlines`, `bodies`, `by`,
 * `subjects`, `infosources` and arrays of named objects; 3.x has the 2.x
 * structure with camelCase names (`versionCreated`, `contentType`, …). Keys are
 * read case-insensitively so one mapping serves all three.
 */

export type NinjsVersion = '1' | '2' | '3';

export interface ConvertContext {
  /** Edition code → its section slugs, in order. */
  editions: Map<string, string[]>;
  defaultEdition: string;
  /** From `--section`; else the edition's first section. */
  section?: string;
}

export interface Converted {
  version: NinjsVersion;
  article: Record<string, unknown>;
  /** What was not imported or was changed on the way. */
  notes: FieldIssue[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lower-cases every key, recursively. */
function lowerKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(lowerKeys);
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)]));
}

const CAMEL_3 = ['versionCreated', 'firstCreated', 'contentCreated', 'pubStatus', 'copyrightHolder', 'copyrightNotice', 'infoSources', 'contentType', 'usageTerms'];

/** How deep a ninjs item may nest: real ones go a few levels (associations, renditions); far deeper is an attack on the converter's stack. */
export const MAX_NINJS_DEPTH = 32;

/** Whether a JSON value nests objects and arrays deeper than `max`, found without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

export function detectVersion(raw: Obj): NinjsVersion {
  const std = (raw.$standard ?? raw.standard) as Obj | undefined;
  const declared = isObj(std) && typeof std.version === 'string' ? std.version : undefined;
  if (declared && /^[123]\./.test(declared)) return declared[0] as NinjsVersion;
  const json = JSON.stringify(raw);
  if (CAMEL_3.some((k) => json.includes(`"${k}"`))) return '3';
  if (['headlines', 'bodies', 'descriptions', 'subjects', 'infosources', 'by'].some((k) => k in raw) || Array.isArray(raw.associations) || Array.isArray(raw.renditions)) return '2';
  return '1';
}

/** Fields we read, or that only identify the item and need no mapping. */
const CONSUMED = new Set([
  'uri', 'guid', 'type', 'version', '$standard', 'standard', 'mimetype', 'contenttype', 'representationtype', 'profile', 'charcount', 'wordcount',
  'headline', 'headlines', 'description_text', 'description_html', 'descriptions', 'body_text', 'body_html', 'bodies',
  'byline', 'by', 'subject', 'subjects', 'infosource', 'infosources', 'copyrightholder', 'language',
  'firstcreated', 'versioncreated', 'contentcreated', 'pubstatus', 'associations', 'renditions',
]);

interface Text {
  value: string;
  contenttype?: string;
  role?: string;
}

function texts(list: unknown): Text[] {
  return Array.isArray(list) ? list.filter((t): t is Text => isObj(t) && typeof t.value === 'string') : [];
}

const isHtmlType = (t?: string) => !!t && /html|xhtml|xml/i.test(t);

function pickText(list: Text[], preferHtml: boolean): Text | undefined {
  const main = list.filter((t) => !t.role || /^(main|simple|summary|richtext)$/i.test(t.role));
  const pool = main.length ? main : list;
  return (preferHtml ? pool.find((t) => isHtmlType(t.contenttype)) : pool.find((t) => !isHtmlType(t.contenttype))) ?? pool[0];
}

/** The years a wire item's date may fall in, as for feed items (isoOr): anything else is a broken or hostile value. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

function isoTime(v: unknown, field: string, notes: FieldIssue[]): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') {
    // ninjs dates are text; a number (1e309 arrives as Infinity) or an object is reported, never turned into a date.
    notes.push({ field, message: `${typeof v === 'number' ? String(v) : Array.isArray(v) ? 'a list' : `a ${typeof v}`} is not a date-time written as text; not imported` });
    return undefined;
  }
  if (!v.trim()) return undefined;
  const shown = v.length > 40 ? `${v.slice(0, 40)}…` : v;
  let s = v.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'); // +0000 → +00:00
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) {
    s += 'Z';
    notes.push({ field, message: `"${shown}" has no time zone; read as UTC` });
  }
  // Only the ISO form, between MIN_YEAR and MAX_YEAR: Date alone reads "1" as 2001 and "+275760-09-13T00:00:00Z" as a real instant.
  const d = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) ? new Date(s) : new Date(NaN);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < MIN_YEAR || d.getUTCFullYear() > MAX_YEAR) {
    notes.push({ field, message: `"${shown}" is not a date-time; not imported` });
    return undefined;
  }
  return d.toISOString().replace('.000Z', 'Z');
}

async function plain(value: string, field: string, notes: FieldIssue[], html = false): Promise<string> {
  if (!html && !looksLikeHtml(value)) return value.replace(/\s+/g, ' ').trim();
  const t = await htmlToTextAsync(value);
  if (!html) notes.push({ field, message: 'markup removed; imported as plain text' });
  return t;
}

function clip(s: string, max: number, field: string, notes: FieldIssue[]): string {
  if (s.length <= max) return s;
  notes.push({ field, message: `longer than ${max} characters; cut` });
  const cut = s.slice(0, max - 1);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd() + '…';
}

/**
 * Asynchronous because wire copy can be megabytes of markup: the HTML
 * conversions yield to the event loop between slices, so a huge item never
 * holds up the requests (and /healthz) of the process converting it.
 */
export async function ninjsToArticle(input: unknown, ctx: ConvertContext): Promise<Converted> {
  const notes: FieldIssue[] = [];
  if (!isObj(input)) return { version: '1', article: {}, notes: [{ field: '', message: 'not a ninjs item (expected a JSON object)' }] };
  const version = detectVersion(input);
  const item = lowerKeys(input) as Obj;
  const article: Record<string, unknown> = {};

  // Edition and section.
  const lang = typeof item.language === 'string' ? item.language : undefined;
  const edition = lang && ctx.editions.has(lang) ? lang : lang && ctx.editions.has(lang.split('-')[0]) ? lang.split('-')[0] : ctx.defaultEdition;
  if (lang && edition !== lang) notes.push({ field: 'language', message: `"${lang}" is not an edition here; imported into ${edition}` });
  article.edition = edition;
  const section = ctx.section ?? ctx.editions.get(edition)?.[0];
  if (section) article.section = section;
  else notes.push({ field: 'section', message: `edition ${edition} has no sections yet; give --section` });

  // Headline.
  const headlineSrc = typeof item.headline === 'string' ? { value: item.headline } : pickText(texts(item.headlines), false);
  if (headlineSrc) article.headline = clip(await plain(headlineSrc.value, 'headline', notes, isHtmlType(headlineSrc.contenttype)), 300, 'headline', notes);
  const headlinesLeft = texts(item.headlines).filter((h) => h !== headlineSrc);
  if (headlinesLeft.length) notes.push({ field: 'headlines', message: `${headlinesLeft.length} other headline(s) (${headlinesLeft.map((h) => h.role ?? 'no role').join(', ')}) not imported` });

  // Standfirst.
  const desc =
    typeof item.description_text === 'string'
      ? { value: item.description_text }
      : typeof item.description_html === 'string'
        ? { value: item.description_html, contenttype: 'text/html' }
        : pickText(texts(item.descriptions), false);
  if (desc) {
    const t = await plain(desc.value, 'description', notes, isHtmlType(desc.contenttype));
    if (t) article.standfirst = clip(t, 1000, 'description', notes);
  }

  // Body: HTML when given (richer), else plain text.
  let body: BlockInputT[] = [];
  const bodies = texts(item.bodies);
  const html = typeof item.body_html === 'string' ? item.body_html : bodies.find((b) => isHtmlType(b.contenttype) || b.contenttype === 'body_xhtml')?.value;
  const text = typeof item.body_text === 'string' ? item.body_text : bodies.find((b) => !isHtmlType(b.contenttype) && b.contenttype !== 'body_xhtml')?.value;
  if (html !== undefined) body = await htmlToBlocksAsync(html, 'body', notes);
  else if (text !== undefined) body = looksLikeHtml(text) ? await htmlToBlocksAsync(text, 'body', notes) : textToBlocks(text);
  if (!body.length && html !== undefined && text !== undefined) body = textToBlocks(text);
  article.body = body;

  // Byline.
  const byline = typeof item.byline === 'string' ? item.byline : typeof item.by === 'string' ? item.by : undefined;
  if (byline) {
    const names = (await plain(byline, 'byline', notes))
      .replace(/^(by|par)\s+/i, '')
      .split(/\s*(?:,|;|\band\b|\bet\b)\s*/)
      .map((n) => n.trim())
      .filter(Boolean);
    article.authors = names.slice(0, 20).map((n) => n.slice(0, 200));
  }

  // Tags from subjects.
  const subjects = (Array.isArray(item.subject) ? item.subject : Array.isArray(item.subjects) ? item.subjects : []) as unknown[];
  const tags: string[] = [];
  for (const [i, s] of subjects.entries()) {
    const name = isObj(s) && typeof s.name === 'string' ? (await plain(s.name, `subjects[${i}].name`, notes)).slice(0, 100) : '';
    if (name) {
      if (!tags.includes(name)) tags.push(name);
    } else notes.push({ field: `subjects[${i}]`, message: `subject ${isObj(s) ? String(s.code ?? s.uri ?? '?') : '?'} has no name; not imported` });
  }
  if (tags.length > 30) notes.push({ field: 'subjects', message: `${tags.length - 30} subjects past the 30th not imported` });
  article.tags = tags.slice(0, 30);

  // Source: the agency, from infosource(s), else the copyright holder.
  const infos = (Array.isArray(item.infosource) ? item.infosource : isObj(item.infosource) ? [item.infosource] : Array.isArray(item.infosources) ? item.infosources : []) as unknown[];
  const info = (infos.filter(isObj).find((s) => typeof s.role === 'string' && /source|originat/i.test(s.role)) ?? infos.find(isObj)) as Obj | undefined;
  const holder = typeof item.copyrightholder === 'string' ? item.copyrightholder : undefined;
  const sourceName = typeof info?.name === 'string' && info.name.trim() ? info.name : holder;
  if (sourceName) {
    const link = typeof info?.uri === 'string' ? info.uri : typeof info?.href === 'string' ? info.href : undefined;
    article.source = { name: (await plain(sourceName, 'infosource.name', notes)).slice(0, 200), ...(link && /^https?:\/\/\S+$/i.test(link) ? { url: link } : {}) };
    if (link && !/^https?:\/\/\S+$/i.test(link)) notes.push({ field: 'infosource.uri', message: `"${link}" is not an http(s) link; source kept without it` });
  }
  if (infos.length > 1) notes.push({ field: 'infosources', message: `${infos.length - 1} other information source(s) not imported` });

  // Times and status.
  const first = isoTime(item.firstcreated ?? item.contentcreated, 'firstcreated', notes);
  const updated = isoTime(item.versioncreated, 'versioncreated', notes);
  const published = first ?? updated;
  if (published) article.publishedAt = published;
  if (updated && updated !== published) article.updatedAt = updated;
  const pubstatus = typeof item.pubstatus === 'string' ? item.pubstatus.toLowerCase() : undefined;
  if (pubstatus === 'usable' && published) article.status = 'published';
  else {
    article.status = 'draft';
    if (pubstatus === 'usable') notes.push({ field: 'pubstatus', message: 'usable but no firstcreated/versioncreated; imported as a draft' });
    else if (pubstatus) notes.push({ field: 'pubstatus', message: `"${pubstatus}"; imported as a draft` });
  }

  // Pictures are never fetched.
  const assoc = item.associations;
  const assocList: Array<[string, unknown]> = Array.isArray(assoc) ? assoc.map((a, i) => [isObj(a) && typeof a.name === 'string' ? a.name : String(i), a]) : isObj(assoc) ? Object.entries(assoc) : [];
  for (const [name, a] of assocList) {
    const kind = isObj(a) && typeof a.type === 'string' ? a.type : 'item';
    const where = isObj(a) ? (firstHref(a.renditions) ?? (typeof a.uri === 'string' ? a.uri : undefined)) : undefined;
    notes.push({ field: `associations.${name}`, message: `${kind}${where ? ` ${where}` : ''} not imported (images referenced by URL are not fetched)` });
  }
  if (item.renditions !== undefined) notes.push({ field: 'renditions', message: 'renditions of the item itself not imported' });

  for (const k of Object.keys(item)) if (!CONSUMED.has(k)) notes.push({ field: k, message: 'not mapped' });
  if (holder && sourceName !== holder) notes.push({ field: 'copyrightholder', message: `"${holder}" not mapped (the source is ${sourceName})` });

  return { version, article, notes };
}

function firstHref(r: unknown): string | undefined {
  const list = Array.isArray(r) ? r : isObj(r) ? Object.values(r) : [];
  for (const x of list) if (isObj(x) && typeof x.href === 'string') return x.href;
  return undefined;
}
