import type { BlockInputT } from '../content/blocks.ts';
import { slugify } from '../content/slug.ts';
import type { FieldIssue } from '../errors.ts';
import { htmlToText, looksLikeHtml } from '../ninjs/html.ts';
import { MAX_ID, plainWhole } from '../store/ids.ts';
import { htmlWithFigures, keepCaption, localPathFrom, type LocalImage } from './figures.ts';
import { clip, usableSlug, wpInZone, wpUtc, type MigrateContext, type MigratePlan, type MigrateResult } from './plan.ts';
import { decodeXml, parseXmlSafely } from './safe-xml.ts';

/**
 * A WordPress export (WXR) → articles in our import format. Pure apart from
 * `ctx.exists`, which says whether a picture is on disk next to the export.
 * See docs/migrating.md for what is mapped.
 */

type Obj = Record<string, unknown>;
const ARRAYS = new Set(['item', 'category', 'wp:author', 'wp:postmeta', 'wp:comment']);
/** Post meta WordPress keeps for itself; nothing to report. */
const INTERNAL_META = new Set(['_edit_lock', '_edit_last', '_thumbnail_id', '_wp_old_slug', '_wp_old_date', '_wp_page_template', '_pingme', '_encloseme', '_wp_attached_file', '_wp_attachment_metadata', '_wp_attachment_image_alt', '_wp_trash_meta_status', '_wp_trash_meta_time', '_wp_desired_post_slug']);
/** Where credits live when a plugin or theme stores them. */
const CREDIT_META = ['_credit', 'credit', '_media_credit', 'media_credit', '_wp_attachment_credit'];

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : isText(v) ? String(v['#text']) : '');
const isText = (v: unknown): v is Obj => typeof v === 'object' && v !== null && '#text' in v;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/**
 * A WordPress id (`wp:post_id`, `_thumbnail_id`) through the shared number
 * parser: plain digits from 1 to MAX_ID, as text, so `0012`, `-1`, `1e3`
 * and 99999999999 match nothing and make no `/?p=` address.
 */
const wpId = (v: string): string | undefined => {
  const n = plainWhole(v.trim(), 1, MAX_ID);
  return n === null ? undefined : String(n);
};

/** A value as the report names it: quoted and short. */
const shown = (v: string): string => `"${v.slice(0, 40)}${v.length > 40 ? '…' : ''}"`;

function meta(item: Obj): Map<string, string> {
  return new Map(list(item['wp:postmeta']).map((m) => [str(m['wp:meta_key']), str(m['wp:meta_value'])]));
}

/** `input` as bytes is decoded in the encoding the file declares; as a string it is taken as read. */
export function wxrToArticles(input: string | Uint8Array, fileName: string, ctx: MigrateContext): MigrateResult {
  const { text: xml, notes } = typeof input === 'string' ? { text: input, notes: [] as FieldIssue[] } : decodeXml(input, fileName);
  const doc = parseXmlSafely(xml, fileName, ARRAYS);
  const channel = ((doc.rss as Obj | undefined)?.channel ?? undefined) as Obj | undefined;
  if (!channel) return { plans: [], notes: [...notes, { field: fileName, message: 'not a WordPress export (no <rss><channel>)' }] };
  const authors = new Map(list(channel['wp:author']).map((a) => [str(a['wp:author_login']), str(a['wp:author_display_name']) || str(a['wp:author_login'])]));
  const items = list(channel.item);

  // Attachments by id and by URL: their caption (excerpt), alt and credit fill in figures.
  const attachments = new Map<string, { url: string; info: LocalImage }>();
  const byUrl = new Map<string, LocalImage>();
  for (const it of items) {
    if (str(it['wp:post_type']) !== 'attachment') continue;
    const m = meta(it);
    const url = str(it['wp:attachment_url']);
    const info: LocalImage = {
      alt: m.get('_wp_attachment_image_alt') || undefined,
      caption: htmlToText(str(it['excerpt:encoded'])) || undefined,
      credit: CREDIT_META.map((k) => m.get(k)).find(Boolean),
    };
    const id = wpId(str(it['wp:post_id']));
    if (id) attachments.set(id, { url, info });
    else notes.push({ field: `${fileName}: attachment ${shown(str(it['wp:post_id']))}`, message: `wp:post_id is not a whole number from 1 to ${MAX_ID}; no featured image can name it` });
    if (url) byUrl.set(stripSize(url), info);
  }
  const resolve = (url: string): LocalImage => {
    const known = byUrl.get(stripSize(url)) ?? {};
    const rel = localPathFrom(url, /\/wp-content\/uploads\/|\/uploads\//, 'uploads/');
    // A resized copy (`-300x188`) is often not in the uploads folder; the original will do.
    const file = [rel, rel && stripSize(rel)].find((r): r is string => !!r && ctx.exists(r));
    return { ...known, lookedAt: rel ?? url, file };
  };

  const skipped = new Map<string, number>();
  const plans: MigratePlan[] = [];
  for (const it of items) {
    const type = str(it['wp:post_type']);
    if (type === 'attachment') continue;
    const title = htmlToText(str(it.title));
    const name = `${fileName}: ${type || 'item'} ${str(it['wp:post_id']).slice(0, 40)}${title ? ` "${title.slice(0, 60)}"` : ''}`;
    if (type !== 'post' && type !== 'page') {
      skipped.set(type || '(no type)', (skipped.get(type || '(no type)') ?? 0) + 1);
      continue;
    }
    const wpStatus = str(it['wp:status']);
    if (!['publish', 'draft', 'pending', 'future'].includes(wpStatus)) {
      notes.push({ field: name, message: `status "${wpStatus}" not imported (only publish, future, draft and pending are)` });
      continue;
    }
    plans.push(convertItem(it, type, name, { ctx, authors, attachments, resolve }));
  }
  for (const [type, n] of skipped) notes.push({ field: fileName, message: `${n} item${n > 1 ? 's' : ''} of type "${type}" not imported` });
  return { plans, notes };
}

/** `photo-300x200.jpg` → `photo.jpg`: WordPress links resized copies of an attachment. */
function stripSize(url: string): string {
  return url.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1');
}

interface ItemDeps {
  ctx: MigrateContext;
  authors: Map<string, string>;
  attachments: Map<string, { url: string; info: LocalImage }>;
  resolve: (url: string) => LocalImage;
}

function convertItem(it: Obj, type: string, name: string, d: ItemDeps): MigratePlan {
  const notes: FieldIssue[] = [];
  const article: Obj = { edition: d.ctx.edition };
  const title = htmlToText(str(it.title));
  article.headline = clip(title || '(untitled)', 300, 'title', notes);
  if (!title) notes.push({ field: 'title', message: 'empty; imported as "(untitled)"' });
  else if (looksLikeHtml(str(it.title))) notes.push({ field: 'title', message: 'markup removed; imported as plain text' });
  const id = wpId(str(it['wp:post_id']));
  const slug = usableSlug(str(it['wp:post_name'])) ?? slugify(title || `wordpress-${id ?? 'post'}`);
  article.slug = slug;
  if (str(it['wp:post_name']) && str(it['wp:post_name']) !== slug) notes.push({ field: 'wp:post_name', message: `"${str(it['wp:post_name'])}" is not a usable slug; "${slug}" is used` });

  // Section and tags.
  const cats = list(it.category);
  const categories = cats.filter((c) => c['@_domain'] === 'category');
  const postTags = cats.filter((c) => c['@_domain'] === 'post_tag');
  const otherTax = cats.filter((c) => c['@_domain'] !== 'category' && c['@_domain'] !== 'post_tag');
  if (type === 'page') article.section = 'pages';
  else article.section = categories.length ? slugify(str(categories[0]['@_nicename']) || str(categories[0])) || 'uncategorized' : 'uncategorized';
  const tags = [...(type === 'page' ? categories : categories.slice(1)), ...postTags].map((c) => htmlToText(str(c))).filter(Boolean);
  if (tags.length) article.tags = [...new Set(tags)];
  for (const c of otherTax) notes.push({ field: `category[domain=${str(c['@_domain'])}]`, message: `"${str(c)}" not mapped` });

  // Author, times, status.
  const login = str(it['dc:creator']);
  if (login) article.authors = [d.authors.get(login) ?? login];
  const status = str(it['wp:status']);
  const rawGmt = str(it['wp:post_date_gmt']).trim();
  const zeroGmt = !rawGmt || rawGmt.startsWith('0000-00-00');
  let when = wpUtc(rawGmt);
  if (!when && (status === 'publish' || !zeroGmt)) {
    // Missing (a draft's zero date) or broken: the local post_date, in the site's time zone.
    when = wpInZone(str(it['wp:post_date']), d.ctx.timeZone);
    const what = zeroGmt ? 'missing' : `"${rawGmt.slice(0, 40)}" is not a date`;
    notes.push({ field: 'wp:post_date_gmt', message: when ? `${what}; wp:post_date read in the site's time zone (${d.ctx.timeZone})` : `${what}, and wp:post_date "${str(it['wp:post_date']).slice(0, 40)}" is not one either; no publication date` });
  }
  if (status === 'publish' && when) {
    article.status = 'published';
    article.publishedAt = when;
  } else {
    article.status = 'draft';
    if (when) article.publishedAt = when;
    if (status === 'publish') notes.push({ field: 'wp:status', message: 'published post without a usable date imported as a draft' });
    if (status === 'future') notes.push({ field: 'wp:status', message: 'scheduled post imported as a draft; schedule it again' });
  }

  // Standfirst.
  const excerpt = htmlToText(str(it['excerpt:encoded']));
  if (excerpt) article.standfirst = clip(excerpt, 1000, 'excerpt:encoded', notes);

  // Body.
  const html = shortcodes(autop(str(it['content:encoded'])), notes);
  const body: BlockInputT[] = htmlWithFigures(html, 'content:encoded', notes, d.resolve);
  article.body = body;

  // Featured image → lead.
  const m = meta(it);
  const rawThumb = m.get('_thumbnail_id');
  const thumb = rawThumb ? wpId(rawThumb) : undefined;
  if (rawThumb && !thumb) notes.push({ field: '_thumbnail_id', message: `${shown(rawThumb)} is not an attachment id (a whole number from 1 to ${MAX_ID}); no featured image` });
  if (thumb) {
    const att = d.attachments.get(thumb);
    const local = att ? d.resolve(att.url) : undefined;
    if (!att) notes.push({ field: '_thumbnail_id', message: `featured image ${thumb} is not in the export; not imported` });
    else if (!local?.file) {
      const kept = keepCaption(local?.caption, local?.credit, att.url, '_thumbnail_id', `featured image; no file at ${local?.lookedAt}`, notes);
      if (kept) body.unshift(kept);
    }
    else {
      const alt = local.alt || local.caption || '';
      article.lead = { image: local.file, alt, ...(alt ? {} : { decorative: true }), ...(local.caption ? { caption: local.caption } : {}), ...(local.credit ? { credit: local.credit } : {}) };
      if (!local.alt) notes.push({ field: '_thumbnail_id', message: alt ? 'featured image has no alt text; its caption is used' : 'featured image has no alt text; imported as decorative' });
    }
  }
  for (const [k, v] of m) {
    if (INTERNAL_META.has(k)) continue;
    notes.push({ field: `postmeta ${k}`, message: `custom field not mapped${v ? ` ("${v.slice(0, 60)}")` : ''}` });
  }
  const comments = list(it['wp:comment']).length;
  if (comments) notes.push({ field: 'wp:comment', message: `${comments} comment${comments > 1 ? 's' : ''} not imported` });
  if (str(it['wp:post_password'])) notes.push({ field: 'wp:post_password', message: 'password protection not mapped; the article is not protected' });

  // The permalink, and the plain link WordPress answers for every post whatever its permalink settings.
  if (!id) notes.push({ field: 'wp:post_id', message: `${shown(str(it['wp:post_id']))} is not a whole number from 1 to ${MAX_ID}; no /?p= redirect` });
  const oldUrls = [...new Set([str(it.link), ...(id ? [type === 'page' ? `/?page_id=${id}` : `/?p=${id}`] : [])].filter(Boolean))];
  return { name, kind: type, article, notes: notes.map((n) => ({ field: n.field, message: n.message })), oldUrls };
}

/** WordPress stores paragraphs as blank-line-separated text; wrap the bare ones in <p>. */
export function autop(html: string): string {
  if (/<p[\s>]/i.test(html)) return html;
  return html
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => (/^<(h[1-6]|ul|ol|blockquote|figure|div|table|pre|\[caption)\b/i.test(chunk) || chunk.startsWith('[caption') ? chunk : `<p>${chunk}</p>`))
    .join('\n');
}

// Attributes stop at the next `[` as well as at `]`, so text full of unclosed brackets is scanned once, not once per bracket.
const SHORTCODE = /\[(\/?)([a-z][a-z0-9_-]*)((?:\s[^\][]*)?)(\/?)\]/gi;

/**
 * `[caption attrs]inner[/caption]` → fn(attrs, inner), found with indexOf in
 * one forward pass: a lazy regex would rescan to the end of the post from
 * every `[caption` that has no closer.
 */
function replaceCaptions(html: string, fn: (attrs: string, inner: string) => string): string {
  const lower = html.toLowerCase();
  let out = '';
  let pos = 0;
  let from = 0;
  let close = -1;
  let bracket = -1;
  for (;;) {
    const open = lower.indexOf('[caption', from);
    if (open < 0) break;
    from = open + 8;
    if (/[a-z0-9_]/.test(lower[open + 8] ?? '')) continue; // [captions], not [caption
    if (bracket < from) bracket = lower.indexOf(']', from);
    if (bracket < 0) break;
    if (close < bracket) close = lower.indexOf('[/caption]', bracket);
    if (close < 0) break;
    out += html.slice(pos, open) + fn(html.slice(open + 8, bracket), html.slice(bracket + 1, close));
    pos = from = close + 10;
  }
  return out + html.slice(pos);
}

/** `[caption]` becomes a `<figure>`; any other shortcode is removed, its inner text kept, and reported. */
export function shortcodes(html: string, notes: FieldIssue[]): string {
  let out = replaceCaptions(html, (attrs: string, inner: string) => {
    const img = /<img\b[^>]*>/i.exec(inner);
    const captionAttr = /caption="([^"]*)"/i.exec(attrs)?.[1];
    const text = (img ? inner.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i, '') : inner).trim() || captionAttr || '';
    return `<figure>${img ? img[0] : ''}<figcaption>${text}</figcaption></figure>`;
  });
  const found = new Map<string, number>();
  const closers = new Set([...out.matchAll(SHORTCODE)].filter((m) => m[1] === '/').map((m) => m[2].toLowerCase()));
  out = out.replace(SHORTCODE, (whole, close: string, tag: string, attrs: string, self: string) => {
    const t = tag.toLowerCase();
    // `[sic]` in prose is not a shortcode: require attributes, a self-close, or a matching closer.
    if (!close && !self && !attrs.includes('=') && !closers.has(t)) return whole;
    if (!close) found.set(t, (found.get(t) ?? 0) + 1);
    return '';
  });
  for (const [t, n] of found) notes.push({ field: 'content:encoded', message: `shortcode [${t}] not mapped; removed, its inner text kept${n > 1 ? ` (${n} times)` : ''}` });
  return out;
}
