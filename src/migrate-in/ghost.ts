import type { BlockInputT } from '../content/blocks.ts';
import { slugify } from '../content/slug.ts';
import { ValidationFailed, type FieldIssue } from '../errors.ts';
import { htmlToText } from '../ninjs/html.ts';
import { htmlWithFigures, keepCaption, localPathFrom, type LocalImage } from './figures.ts';
import { isId, MAX_ID, plainWhole } from '../store/ids.ts';
import { clip, isoUtc, usableSlug, type MigrateContext, type MigratePlan, type MigrateResult } from './plan.ts';

/**
 * A Ghost JSON export (Settings → Labs → Export) → articles in our import
 * format. Ghost bodies are mobiledoc or lexical with a rendered `html` copy;
 * we read the `html` and report posts that have none.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const s = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A Ghost id as the key posts, tags, authors and meta are joined on: a string
 * (Ghost 1.x and later: 24 hex digits), or, in Ghost 0.x exports, a number
 * that must be a possible id (1 to MAX_ID). Anything else (-1, 1.5, 1e309,
 * an object) joins nothing: '' would join every such row to every other.
 */
const idKey = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : isId(v) ? String(v) : undefined);

/** A position in posts_tags or posts_authors: a whole number from 0 to MAX_ID, as a number or plain digits. */
const sortOrder = (v: unknown): number | null => (typeof v === 'number' ? (Number.isInteger(v) && v >= 0 && v <= MAX_ID ? v : null) : plainWhole(v, 0, MAX_ID));

/** How a value that is not what a field expects is named in the report: short, and never "[object Object]". */
const shown = (v: unknown): string => (typeof v === 'string' ? `"${v.slice(0, 40)}"` : typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : Array.isArray(v) ? 'a list' : 'an object');

/** Post fields we read, or that only describe Ghost's own state. */
const CONSUMED = new Set([
  'id', 'uuid', 'title', 'slug', 'html', 'mobiledoc', 'lexical', 'plaintext', 'custom_excerpt', 'status', 'published_at', 'updated_at', 'created_at', 'type',
  'feature_image', 'feature_image_alt', 'feature_image_caption', 'comment_id', 'author_id', 'created_by', 'updated_by', 'published_by', 'locale', 'visibility',
  'email_recipient_filter', 'newsletter_id', 'show_title_and_feature_image', 'featured', 'canonical_url', 'custom_template', 'codeinjection_head', 'codeinjection_foot',
]);

export function ghostToArticles(input: string | Uint8Array, fileName: string, ctx: MigrateContext): MigrateResult {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input)); // JSON is UTF-8
  } catch (e) {
    throw new ValidationFailed([{ field: fileName, message: `malformed JSON: ${(e as Error).message}` }]);
  }
  const root = isObj(doc) && Array.isArray(doc.db) ? doc.db[0] : doc;
  const data = isObj(root) && isObj(root.data) ? root.data : undefined;
  if (!data || !Array.isArray(data.posts)) throw new ValidationFailed([{ field: fileName, message: 'not a Ghost export (expected db[0].data.posts)' }]);

  const notes: FieldIssue[] = [];
  // Rows whose ids or positions cannot be read are left out, each named in the report.
  const keyed = (table: string, rows: Obj[], ...fields: string[]): Obj[] =>
    rows.filter((r, i) => {
      const bad = fields.find((f) => idKey(r[f]) === undefined);
      if (bad) notes.push({ field: `${table}[${i}].${bad}`, message: `${shown(r[bad])} is not a Ghost id (a text, or a whole number from 1 to ${MAX_ID}); row not imported` });
      return !bad;
    });
  const ordered = (table: string, rows: Obj[]): Obj[] =>
    rows.map((r, i) => {
      if (r.sort_order === undefined || r.sort_order === null || sortOrder(r.sort_order) !== null) return r;
      notes.push({ field: `${table}[${i}].sort_order`, message: `${shown(r.sort_order)} is not a whole number from 0 to ${MAX_ID}; placed last` });
      return { ...r, sort_order: MAX_ID };
    });
  const tags = new Map(keyed('tags', arr(data.tags), 'id').map((t) => [idKey(t.id)!, t]));
  const users = new Map(keyed('users', arr(data.users), 'id').map((u) => [idKey(u.id)!, s(u.name)]));
  const order = (x: Obj) => sortOrder(x.sort_order) ?? 0;
  const postTags = group(ordered('posts_tags', keyed('posts_tags', arr(data.posts_tags), 'post_id', 'tag_id')), 'post_id', order);
  const postAuthors = group(ordered('posts_authors', keyed('posts_authors', arr(data.posts_authors), 'post_id', 'author_id')), 'post_id', order);
  const postsMeta = new Map(keyed('posts_meta', arr(data.posts_meta), 'post_id').map((m) => [idKey(m.post_id)!, m]));
  const resolve = (url: string): LocalImage => {
    const rel = localPathFrom(url, /\/content\/images\//, 'content/images/');
    return { lookedAt: rel ?? url, file: rel && ctx.exists(rel) ? rel : undefined };
  };

  const plans: MigratePlan[] = [];
  for (const [i, p] of arr(data.posts).entries()) {
    const id = idKey(p.id);
    if (id === undefined) {
      notes.push({ field: `posts[${i}].id`, message: `${shown(p.id)} is not a Ghost id (a text, or a whole number from 1 to ${MAX_ID}); post not imported` });
      continue;
    }
    const type = s(p.type) || 'post';
    const title = s(p.title).trim();
    const name = `${fileName}: ${type} ${s(p.slug) || id}`;
    const status = s(p.status);
    if (!['published', 'draft', 'scheduled', 'sent'].includes(status)) {
      notes.push({ field: name, message: `status "${status}" not imported` });
      continue;
    }
    const n: FieldIssue[] = [];
    const article: Obj = { edition: ctx.edition };
    article.headline = clip(htmlToText(title) || '(untitled)', 300, 'title', n);
    article.slug = usableSlug(s(p.slug)) ?? slugify(title || `ghost-${id}`);

    const ts = (postTags.get(id) ?? []).map((pt) => tags.get(idKey(pt.tag_id)!)).filter(isObj);
    const isPublic = (t: Obj) => s(t.visibility) !== 'internal' && !s(t.name).startsWith('#');
    const pub = ts.filter(isPublic);
    for (const t of ts.filter((t) => !isPublic(t))) n.push({ field: 'tags', message: `internal tag "${s(t.name)}" not mapped` });
    article.section = type === 'page' ? 'pages' : pub.length ? usableSlug(s(pub[0].slug)) ?? slugify(s(pub[0].name)) : 'uncategorized';
    const rest = (type === 'page' ? pub : pub.slice(1)).map((t) => s(t.name)).filter(Boolean);
    if (rest.length) article.tags = rest;

    const authors = (postAuthors.get(id) ?? []).map((pa) => users.get(idKey(pa.author_id)!)).filter((x): x is string => !!x);
    const byAuthorId = users.get(idKey(p.author_id) ?? '');
    if (!authors.length && byAuthorId) authors.push(byAuthorId);
    if (authors.length) article.authors = authors;

    const publishedAt = isoUtc(p.published_at);
    const when = publishedAt ?? isoUtc(p.created_at);
    if (p.published_at !== undefined && p.published_at !== null && p.published_at !== '' && !publishedAt) n.push({ field: 'published_at', message: `${shown(p.published_at)} is not a date; ${when ? 'created_at used' : 'no publication date'}` });
    if ((status === 'published' || status === 'sent') && when) {
      article.status = 'published';
      article.publishedAt = when;
    } else if (status === 'published' || status === 'sent') {
      article.status = 'draft';
      n.push({ field: 'status', message: 'published post without a usable date imported as a draft' });
    } else {
      article.status = 'draft';
      if (publishedAt) article.publishedAt = publishedAt;
      if (status === 'scheduled') n.push({ field: 'status', message: 'scheduled post imported as a draft; schedule it again' });
    }
    const updatedAt = isoUtc(p.updated_at);
    if (p.updated_at !== undefined && p.updated_at !== null && p.updated_at !== '' && !updatedAt) n.push({ field: 'updated_at', message: `${shown(p.updated_at)} is not a date; not imported` });
    if (updatedAt && article.publishedAt && updatedAt > (article.publishedAt as string)) article.updatedAt = updatedAt;

    const excerpt = s(p.custom_excerpt).trim();
    if (excerpt) article.standfirst = clip(htmlToText(excerpt), 1000, 'custom_excerpt', n);
    if (s(p.canonical_url).match(/^https?:\/\//)) article.canonicalUrl = s(p.canonical_url);

    if (s(p.html).trim()) article.body = htmlWithFigures(s(p.html), 'html', n, resolve);
    else {
      article.body = [];
      if (p.lexical || p.mobiledoc) n.push({ field: p.lexical ? 'lexical' : 'mobiledoc', message: 'body has no rendered html in the export; not imported (re-export from a Ghost that includes html)' });
    }

    const m = postsMeta.get(id) ?? {};
    const feature = s(p.feature_image);
    if (feature) {
      const local = resolve(feature);
      const caption = htmlToText(s(p.feature_image_caption) || s(m.feature_image_caption)) || undefined;
      const alt = s(p.feature_image_alt) || s(m.feature_image_alt) || caption || '';
      if (!local.file) {
        const kept = keepCaption(caption, undefined, feature, 'feature_image', `no file at ${local.lookedAt}`, n);
        if (kept) article.body = [kept, ...(article.body as BlockInputT[])];
      }
      else article.lead = { image: local.file, alt, ...(alt ? {} : { decorative: true }), ...(caption ? { caption } : {}) };
    }
    const metaTitle = s(m.meta_title) || s(p.meta_title);
    const metaDesc = s(m.meta_description) || s(p.meta_description);
    if (metaTitle || metaDesc) article.seo = { ...(metaTitle ? { title: clip(metaTitle.trim(), 200, 'meta_title', n) } : {}), ...(metaDesc ? { description: clip(metaDesc.trim(), 500, 'meta_description', n) } : {}) };
    if (s(p.codeinjection_head) || s(p.codeinjection_foot)) n.push({ field: 'codeinjection', message: 'code injection not imported' });
    if (s(p.visibility) && s(p.visibility) !== 'public') n.push({ field: 'visibility', message: `"${s(p.visibility)}" (members) not mapped; the article is public` });
    for (const k of Object.keys(p)) {
      if (CONSUMED.has(k) || k === 'meta_title' || k === 'meta_description' || p[k] === null || p[k] === '' || p[k] === false) continue;
      n.push({ field: k, message: 'not mapped' });
    }
    plans.push({ name, kind: type, article, notes: n, oldUrls: [`/${s(p.slug)}/`] });
  }
  for (const k of ['members', 'newsletters', 'snippets', 'offers'] as const) {
    const c = arr(data[k]).length;
    if (c) notes.push({ field: fileName, message: `${c} ${k} not imported` });
  }
  return { plans, notes };
}

function group(rows: Obj[], key: string, order: (x: Obj) => number): Map<string, Obj[]> {
  const m = new Map<string, Obj[]>();
  for (const r of rows) m.set(idKey(r[key])!, [...(m.get(idKey(r[key])!) ?? []), r]);
  for (const v of m.values()) v.sort((a, b) => order(a) - order(b));
  return m;
}
