import { blockSummary, type Block } from './blocks.ts';
import { t } from './i18n.ts';
import { ts, videoServerMessage } from './i18n-subtitles.ts';
import { isVideoLeadRef, type Article, type ArticleInput, type ImageRef, type TranslationRef, type VideoLeadRef } from './types.ts';

/** The editor's form state: text inputs as typed, turned into the import format only when saving. */
export interface Draft {
  edition: string;
  section: string;
  headline: string;
  standfirst: string;
  slug: string;
  tags: string;
  authors: string;
  sourceName: string;
  sourceUrl: string;
  canonicalUrl: string;
  seoTitle: string;
  seoDescription: string;
  /** The picture shown when the article is shared (seo.image): a media id. */
  seoImage: number | string | null;
  /** A picture, or a video of the library ({ video, caption? }). */
  lead: ImageRef | VideoLeadRef | null;
  body: Block[];
  /**
   * A change to the translation link, made in this form and not saved yet: an
   * article id to join its group, null to leave the group. Undefined (the link
   * as the server has it) is left out of the save, so the server keeps the link
   * as it stands even if another article of the group changed it meanwhile;
   * sending back the `translationOf` that came could pull an article that left
   * the group back into it.
   */
  translationOf?: TranslationRef | null;
  /** What the form does not edit (updatedAt, fields added later): sent back as it came. */
  extra: Record<string, unknown>;
  seoExtra: Record<string, unknown>;
}

/** Set by the server or by the workflow, never sent in a save. */
const READ_ONLY = ['id', 'version', 'status', 'scheduledAt', 'ownerId', 'path', 'url', 'publishedAt', 'createdAt', 'translations'];
const EDITED = ['edition', 'section', 'headline', 'standfirst', 'slug', 'tags', 'authors', 'source', 'canonicalUrl', 'seo', 'lead', 'body', 'translationOf'];

export function emptyDraft(edition: string): Draft {
  return {
    edition,
    section: '',
    headline: '',
    standfirst: '',
    slug: '',
    tags: '',
    authors: '',
    sourceName: '',
    sourceUrl: '',
    canonicalUrl: '',
    seoTitle: '',
    seoDescription: '',
    seoImage: null,
    lead: null,
    body: [],
    extra: {},
    seoExtra: {},
  };
}

export function draftFrom(a: Article): Draft {
  return {
    edition: a.edition ?? '',
    section: a.section ?? '',
    headline: a.headline ?? '',
    standfirst: a.standfirst ?? '',
    slug: a.slug ?? '',
    tags: (a.tags ?? []).join(', '),
    authors: (a.authors ?? []).join(', '),
    sourceName: a.source?.name ?? '',
    sourceUrl: a.source?.url ?? '',
    canonicalUrl: a.canonicalUrl ?? '',
    seoTitle: a.seo?.title ?? '',
    seoDescription: a.seo?.description ?? '',
    seoImage: typeof a.seo?.image === 'number' || typeof a.seo?.image === 'string' ? a.seo.image : null,
    lead: a.lead ? withoutNulls(a.lead) : null,
    body: a.body ?? [],
    extra: Object.fromEntries(Object.entries(a).filter(([k, v]) => !READ_ONLY.includes(k) && !EDITED.includes(k) && v !== null && v !== undefined)),
    seoExtra: Object.fromEntries(Object.entries(a.seo ?? {}).filter(([k, v]) => k !== 'title' && k !== 'description' && k !== 'image' && v !== null && v !== undefined)),
  };
}

function withoutNulls<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

export function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

function cleanImage(img: ImageRef): ImageRef {
  const out: Record<string, unknown> = { image: img.image, alt: img.alt ?? '' };
  for (const k of ['caption', 'credit', 'copyright', 'sourceUrl'] as const) if (typeof img[k] === 'string' && img[k]!.trim()) out[k] = img[k];
  for (const k of ['archive', 'decorative'] as const) if (img[k] === true) out[k] = true;
  return out as unknown as ImageRef;
}

/** The import format the API takes; empty optional fields are left out. */
export function toInput(d: Draft): ArticleInput {
  const out: ArticleInput = { ...(d.extra as object), edition: d.edition, section: d.section, headline: d.headline.trim() };
  if (d.slug.trim()) out.slug = d.slug.trim();
  if (d.standfirst.trim()) out.standfirst = d.standfirst.trim();
  out.authors = splitList(d.authors);
  out.tags = splitList(d.tags);
  if (d.sourceName.trim() || d.sourceUrl.trim()) {
    out.source = { name: d.sourceName.trim() };
    if (d.sourceUrl.trim()) out.source.url = d.sourceUrl.trim();
  }
  if (d.canonicalUrl.trim()) out.canonicalUrl = d.canonicalUrl.trim();
  if (d.seoTitle.trim() || d.seoDescription.trim() || d.seoImage != null || Object.keys(d.seoExtra).length) {
    out.seo = { ...d.seoExtra };
    if (d.seoTitle.trim()) out.seo.title = d.seoTitle.trim();
    if (d.seoDescription.trim()) out.seo.description = d.seoDescription.trim();
    if (d.seoImage != null) out.seo.image = d.seoImage;
  }
  if (isVideoLeadRef(d.lead)) out.lead = { video: d.lead.video, ...(d.lead.caption?.trim() ? { caption: d.lead.caption.trim() } : {}) };
  else if (d.lead) out.lead = cleanImage(d.lead);
  out.body = d.body;
  if (d.translationOf !== undefined) out.translationOf = d.translationOf;
  return out;
}

/** The value of a changed field (`headline`, `body[3]`) in an article-shaped object. */
export function fieldValue(obj: Record<string, any> | null | undefined, field: string): unknown {
  if (!obj) return null;
  const m = field.match(/^body\[(\d+)\]$/);
  if (m) return obj.body?.[Number(m[1])] ?? null;
  return obj[field] ?? null;
}

/** `headline` → "Titre", `body[2]` → "Bloc 3", `body[0].credit` → "Bloc 1, crédit", `lead.alt` → "Photo principale, texte alternatif". */
export function fieldLabel(field: string): string {
  const m = field.match(/^(body\[(\d+)\]|[A-Za-z]+)(?:\.(.+))?$/);
  if (!m) return field;
  const head = m[2] !== undefined ? t.conflict.block(Number(m[2]) + 1) : (t.conflict.fields[m[1]] ?? m[1]);
  return m[3] ? `${head}, ${t.conflict.subfields[m[3]] ?? m[3]}` : head;
}

/** A field issue from the server, in words for the newsroom. */
export function issueText(i: { field?: string; message: string }): string {
  const message = t.serverMessages[i.message] ?? videoServerMessage(i.message) ?? i.message;
  return i.field ? `${fieldLabel(i.field)} : ${message}` : message;
}

/** A readable rendering of a field value, for the conflict panel. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return t.conflict.empty;
  if (typeof v === 'string') return (t.statuses as Record<string, string>)[v] ?? v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length ? v.map(showValue).join(', ') : t.conflict.empty;
  const o = v as Record<string, any>;
  if (typeof o.type === 'string') return blockSummary(o as Block);
  if ('image' in o) return `#${o.image} ${o.alt ?? ''}`.trim();
  if (typeof o.video === 'number') return `${ts.video.videoN(o.video)}${o.caption ? ` ${o.caption}` : ''}`;
  if ('name' in o) return o.url ? `${o.name} (${o.url})` : String(o.name);
  if ('title' in o || 'description' in o) return [o.title, o.description].filter(Boolean).join(' / ') || t.conflict.empty;
  return JSON.stringify(v);
}
