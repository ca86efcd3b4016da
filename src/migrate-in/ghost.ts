import type { BlockInputT } from '../content/blocks.ts';
import { slugify } from '../content/slug.ts';
import { ValidationFailed, type FieldIssue } from '../errors.ts';
import { htmlToText } from '../ninjs/html.ts';
import { htmlWithFigures, keepCaption, localPathFrom, type LocalImage } from './figures.ts';
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
  const tags = new Map(arr(data.tags).map((t) => [s(t.id), t]));
  const users = new Map(arr(data.users).map((u) => [s(u.id), s(u.name)]));
  const order = (x: Obj) => (typeof x.sort_order === 'number' ? x.sort_order : 0);
  const postTags = group(arr(data.posts_tags), 'post_id', order);
  const postAuthors = group(arr(data.posts_authors), 'post_id', order);
  const postsMeta = new Map(arr(data.posts_meta).map((m) => [s(m.post_id), m]));
  const resolve = (url: string): LocalImage => {
    const rel = localPathFrom(url, /\/content\/images\//, 'content/images/');
    return { lookedAt: rel ?? url, file: rel && ctx.exists(rel) ? rel : undefined };
  };

  const plans: MigratePlan[] = [];
  for (const p of arr(data.posts)) {
    const type = s(p.type) || 'post';
    const title = s(p.title).trim();
    const name = `${fileName}: ${type} ${s(p.slug) || s(p.id)}`;
    const status = s(p.status);
    if (!['published', 'draft', 'scheduled', 'sent'].includes(status)) {
      notes.push({ field: name, message: `status "${status}" not imported` });
      continue;
    }
    const n: FieldIssue[] = [];
    const article: Obj = { edition: ctx.edition };
    article.headline = clip(htmlToText(title) || '(untitled)', 300, 'title', n);
    article.slug = usableSlug(s(p.slug)) ?? slugify(title || `ghost-${s(p.id)}`);

    const ts = (postTags.get(s(p.id)) ?? []).map((pt) => tags.get(s(pt.tag_id))).filter(isObj);
    const isPublic = (t: Obj) => s(t.visibility) !== 'internal' && !s(t.name).startsWith('#');
    const pub = ts.filter(isPublic);
    for (const t of ts.filter((t) => !isPublic(t))) n.push({ field: 'tags', message: `internal tag "${s(t.name)}" not mapped` });
    article.section = type === 'page' ? 'pages' : pub.length ? usableSlug(s(pub[0].slug)) ?? slugify(s(pub[0].name)) : 'uncategorized';
    const rest = (type === 'page' ? pub : pub.slice(1)).map((t) => s(t.name)).filter(Boolean);
    if (rest.length) article.tags = rest;

    const authors = (postAuthors.get(s(p.id)) ?? []).map((pa) => users.get(s(pa.author_id))).filter((x): x is string => !!x);
    if (!authors.length && users.get(s(p.author_id))) authors.push(users.get(s(p.author_id))!);
    if (authors.length) article.authors = authors;

    const publishedAt = isoUtc(p.published_at);
    const when = publishedAt ?? isoUtc(p.created_at);
    if (p.published_at && !publishedAt) n.push({ field: 'published_at', message: `"${String(p.published_at).slice(0, 40)}" is not a date; ${when ? 'created_at used' : 'no publication date'}` });
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
    if (updatedAt && article.publishedAt && updatedAt > (article.publishedAt as string)) article.updatedAt = updatedAt;

    const excerpt = s(p.custom_excerpt).trim();
    if (excerpt) article.standfirst = clip(htmlToText(excerpt), 1000, 'custom_excerpt', n);
    if (s(p.canonical_url).match(/^https?:\/\//)) article.canonicalUrl = s(p.canonical_url);

    if (s(p.html).trim()) article.body = htmlWithFigures(s(p.html), 'html', n, resolve);
    else {
      article.body = [];
      if (p.lexical || p.mobiledoc) n.push({ field: p.lexical ? 'lexical' : 'mobiledoc', message: 'body has no rendered html in the export; not imported (re-export from a Ghost that includes html)' });
    }

    const m = postsMeta.get(s(p.id)) ?? {};
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
  for (const r of rows) m.set(s(r[key]), [...(m.get(s(r[key])) ?? []), r]);
  for (const v of m.values()) v.sort((a, b) => order(a) - order(b));
  return m;
}
