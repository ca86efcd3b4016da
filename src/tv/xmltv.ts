import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { decodeEntities, safeUrl } from '../ingest/feed-parse.ts';
import { declaresDtd } from '../migrate-in/safe-xml.ts';

/**
 * XMLTV (the programme-guide format of most broadcast tools) → plain programmes.
 * Pure: no network, no store. The file comes from outside, so it is treated as
 * hostile like every other import: a size cap before parsing, DTDs and entity
 * declarations refused (nothing is ever expanded, only the five XML entities and
 * numeric references are decoded), a bounded number of programmes, texts cut to
 * a bounded length, and icons kept only when they are absolute http(s) URLs.
 */

export interface XmltvProgramme {
  /** The XMLTV channel id (`channel` attribute). */
  channel: string;
  /** UTC, ISO 8601. */
  startsAt: string;
  endsAt: string;
  title: string;
  subTitle: string | null;
  description: string | null;
  category: string | null;
  /** From `episode-num system="xmltv_ns"` (zero-based there, one-based here) or an onscreen `S02E05`. */
  season: number | null;
  episode: number | null;
  icon: string | null;
}

export interface XmltvDocument {
  /** Channel ids and display names declared in the file (`<channel id>`). */
  channels: Array<{ id: string; name: string }>;
  programmes: XmltvProgramme[];
  /** Programmes left out, and why (position in the file, one-based). */
  skipped: Array<{ index: number; reason: string }>;
}

export class XmltvRefused extends Error {}

export interface XmltvLimits {
  /** The largest file read, in bytes (after decompression). */
  maxBytes: number;
  /** The most programmes one file may hold. */
  maxProgrammes: number;
}

export const XMLTV_LIMITS: XmltvLimits = { maxBytes: 32 * 1024 * 1024, maxProgrammes: 50_000 };

const MAX_TITLE = 300;
const MAX_TEXT = 5000;

/**
 * The file's bytes as text: gunzipped when it is gzip (listings are often
 * served as .xml.gz), within the size cap either way, then decoded as the
 * XML declaration says (UTF-8 when it says nothing).
 */
export function xmltvText(bytes: Uint8Array, limits: XmltvLimits = XMLTV_LIMITS): string {
  let b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0x1f && b[1] === 0x8b) {
    try {
      b = gunzipSync(b, { maxOutputLength: limits.maxBytes });
    } catch (e) {
      throw new XmltvRefused((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? `larger than ${limits.maxBytes} bytes once decompressed` : 'not a readable gzip file');
    }
  }
  if (b.byteLength > limits.maxBytes) throw new XmltvRefused(`larger than ${limits.maxBytes} bytes`);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8').decode(b.subarray(3));
  const declared = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(b.subarray(0, 200).toString('latin1'))?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared ? declared.toLowerCase() : 'utf-8');
  } catch {
    throw new XmltvRefused(`the file declares the encoding "${declared}", which cannot be read`);
  }
  return decoder.decode(b);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return decodeEntities(String(v));
  if (isObj(v)) return decodeEntities(String(v['#text'] ?? ''));
  return '';
}

const attr = (v: unknown, name: string): string | undefined => (isObj(v) && typeof v[`@_${name}`] === 'string' ? decodeEntities(v[`@_${name}`] as string) : undefined);

/** Whitespace squashed, control characters dropped, cut to `max` characters. */
function clean(s: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/**
 * Of several elements in different languages (`<title lang="fr">`), the one in
 * `language` (its primary subtag matching), else one without `lang`, else the first.
 */
function inLanguage(v: unknown, language: string): unknown {
  const all = list(v);
  if (all.length <= 1) return all[0];
  const want = language.toLowerCase().split('-')[0];
  return (
    all.find((x) => attr(x, 'lang')?.toLowerCase() === language.toLowerCase()) ??
    all.find((x) => attr(x, 'lang')?.toLowerCase().split('-')[0] === want) ??
    all.find((x) => attr(x, 'lang') === undefined) ??
    all[0]
  );
}

/**
 * An XMLTV time, `YYYYMMDDhhmmss ±hhmm` (seconds, minutes and hours may be
 * left out; a missing offset means UTC, as the format says), as a UTC ISO
 * instant; null when it is not one.
 */
export function xmltvTime(s: string | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?\s*(?:([+-])(\d{2}):?(\d{2})|Z|UTC|GMT)?$/i.exec((s ?? '').trim());
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1, 7) as string[];
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +se > 60) return null;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se);
  const probe = new Date(wall);
  // 31 February and the like are not days.
  if (probe.getUTCDate() !== +d || probe.getUTCMonth() !== +mo - 1) return null;
  const sign = m[7] === '-' ? -1 : 1;
  const offsetMin = m[7] ? sign * (Number(m[8]) * 60 + Number(m[9])) : 0;
  if (Math.abs(offsetMin) > 14 * 60) return null;
  const t = new Date(wall - offsetMin * 60_000);
  if (t.getUTCFullYear() < 1970 || t.getUTCFullYear() > 2999) return null;
  return t.toISOString();
}

/**
 * Season and episode, one-based. `xmltv_ns` counts from zero and may carry
 * totals ("1.4/12.0/1": season 2, episode 5); an onscreen number is read when
 * it looks like "S02E05" or "2x05".
 */
export function episodeNumbers(nums: unknown): { season: number | null; episode: number | null } {
  let season: number | null = null;
  let episode: number | null = null;
  const small = (n: number) => (Number.isInteger(n) && n >= 0 && n < 100_000 ? n : null);
  for (const n of list(nums)) {
    const system = attr(n, 'system') ?? 'onscreen';
    const v = textOf(n).replace(/\s+/g, '');
    if (system === 'xmltv_ns') {
      const [s, e] = v.split('.');
      const first = (x: string | undefined) => (x && /^\d+/.test(x) ? small(parseInt(x, 10) + 1) : null);
      season = first(s) ?? season;
      episode = first(e) ?? episode;
      return { season, episode };
    }
    const m = /^S(\d{1,5})E(\d{1,5})$/i.exec(v) ?? /^(\d{1,5})x(\d{1,5})$/i.exec(v);
    if (m) {
      season ??= small(Number(m[1]));
      episode ??= small(Number(m[2]));
    }
  }
  return { season, episode };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false, // nothing is expanded; decodeEntities() handles the five predefined ones
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Comments, processing instructions and CDATA come as text or not at all.
  isArray: (name) => ['programme', 'channel', 'title', 'sub-title', 'desc', 'category', 'episode-num', 'icon', 'display-name'].includes(name),
});

/**
 * Parses an XMLTV document. Programmes whose times cannot be read, that end
 * before they start, or that have no title are skipped (and listed as such);
 * a programme without `stop` ends when the next one of its channel starts.
 * `language` chooses among titles and descriptions given in several languages.
 */
export function parseXmltv(text: string, language: string, limits: XmltvLimits = XMLTV_LIMITS): XmltvDocument {
  if (text.length > limits.maxBytes) throw new XmltvRefused(`larger than ${limits.maxBytes} bytes`);
  if (declaresDtd(text)) throw new XmltvRefused('the document declares a DOCTYPE or an ENTITY; refused (DTDs and entities are never read)');
  // A cheap count before the parser builds objects for every element of a file far over the bound.
  let count = 0;
  for (let at = text.indexOf('<programme'); at >= 0; at = text.indexOf('<programme', at + 10)) {
    if (++count > limits.maxProgrammes) throw new XmltvRefused(`more than ${limits.maxProgrammes} programmes in one file`);
  }
  let doc: Obj;
  try {
    doc = parser.parse(text, true) as Obj;
  } catch (e) {
    throw new XmltvRefused(`not well-formed XML: ${(e as Error).message.split('\n')[0]}`);
  }
  const tv = doc.tv;
  if (!isObj(tv) && tv !== '') throw new XmltvRefused('not an XMLTV document (its root element is not <tv>)');
  const root = isObj(tv) ? tv : {};
  const channels = list(root.channel)
    .filter(isObj)
    .map((c) => ({ id: clean(attr(c, 'id') ?? '', 200), name: clean(textOf(inLanguage(c['display-name'], language)), MAX_TITLE) }))
    .filter((c) => c.id);
  const skipped: XmltvDocument['skipped'] = [];
  const read: Array<Omit<XmltvProgramme, 'endsAt'> & { endsAt: string | null; index: number }> = [];
  list(root.programme).forEach((p, i) => {
    const index = i + 1;
    if (!isObj(p)) return void skipped.push({ index, reason: 'empty programme element' });
    const channel = clean(attr(p, 'channel') ?? '', 200);
    const startsAt = xmltvTime(attr(p, 'start'));
    const stopRaw = attr(p, 'stop');
    const endsAt = stopRaw === undefined ? null : xmltvTime(stopRaw);
    const title = clean(textOf(inLanguage(p.title, language)), MAX_TITLE);
    if (!channel) return void skipped.push({ index, reason: 'no channel attribute' });
    if (!startsAt) return void skipped.push({ index, reason: `unreadable start time "${clean(attr(p, 'start') ?? '', 40)}"` });
    if (stopRaw !== undefined && !endsAt) return void skipped.push({ index, reason: `unreadable stop time "${clean(stopRaw, 40)}"` });
    if (endsAt && endsAt <= startsAt) return void skipped.push({ index, reason: 'stops before it starts' });
    if (!title) return void skipped.push({ index, reason: 'no title' });
    const optional = (v: unknown, max: number) => clean(textOf(inLanguage(v, language)), max) || null;
    const icon = safeUrl(attr(list(p.icon)[0], 'src'));
    read.push({
      index,
      channel,
      startsAt,
      endsAt,
      title,
      subTitle: optional(p['sub-title'], MAX_TITLE),
      description: optional(p.desc, MAX_TEXT),
      category: optional(p.category, 100),
      ...episodeNumbers(p['episode-num']),
      icon,
    });
  });
  // A programme without a stop time runs until the next one of its channel starts.
  const byChannel = new Map<string, typeof read>();
  for (const r of read) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
  const programmes: XmltvProgramme[] = [];
  for (const rows of byChannel.values()) {
    rows.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
    rows.forEach((r, i) => {
      const next = rows.slice(i + 1).find((n) => n.startsAt > r.startsAt);
      const endsAt = r.endsAt ?? next?.startsAt ?? null;
      if (!endsAt) return void skipped.push({ index: r.index, reason: 'no stop time, and no later programme on its channel to end it' });
      const { index: _i, ...rest } = r;
      programmes.push({ ...rest, endsAt });
    });
  }
  skipped.sort((a, b) => a.index - b.index);
  return { channels, programmes, skipped };
}
