import { z } from 'zod';
import { SLUG_RE } from './slug.ts';
import type { FieldIssue } from '../errors.ts';
import { idNumber } from '../store/ids.ts';
import { unstorableTextIssues } from '../store/storable-text.ts';
import { BlockInput, LeadInput, SafeHref } from './blocks.ts';

/**
 * The article shape shared by `depeche import`, the export and (later) the Admin API.
 * docs/import-format.md explains it; schema/article.schema.json is generated from it.
 */
export const Slug = z
  .string()
  .regex(SLUG_RE, 'expected lowercase letters (of any script), digits and single hyphens')
  .max(120, 'at most 120 characters');

/** An edition's language tag, which is also its URL prefix. */
export const EditionCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as fr');

const isoTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time such as 2026-11-20T09:30:00Z' });

/**
 * What makes an article a live (docs/live.md): when its coverage started, and ended (null while it runs).
 * openPosting lets contributors publish their own entries; push sends its key points by web push.
 */
export const LiveInput = z.strictObject({
  startedAt: isoTime,
  endedAt: isoTime.nullable().default(null),
  openPosting: z.boolean().optional(),
  push: z.boolean().optional(),
});
export type LiveInput = z.infer<typeof LiveInput>;

/** One entry of a live, in the import format and the Admin API. */
export const EntryInput = z.strictObject({
  /** The entry's id in an export; an import gives entries new ids. */
  id: idNumber().optional(),
  /** draft entries stay private. */
  status: z.enum(['draft', 'published']).default('published'),
  postedAt: isoTime.optional(),
  title: z.string().trim().max(300, 'at most 300 characters').optional(),
  /** Who wrote it (an author's name); a wire entry gives `source` instead. */
  author: z.string().trim().min(1, 'required').max(200).optional(),
  source: z
    .strictObject({
      name: z.string().trim().min(1, 'required').max(200),
      url: SafeHref.refine((u) => /^https?:\/\//i.test(u), 'expected an http(s):// URL').optional(),
    })
    .optional(),
  body: z.array(BlockInput).min(1, 'required').max(200, 'at most 200 blocks'),
  pinned: z.boolean().optional(),
  keyPoint: z.boolean().optional(),
  /** The public note of a correction: set, the entry shows as corrected. */
  correction: z.string().trim().min(1, 'required').max(1000, 'at most 1000 characters').optional(),
});
export type EntryInput = z.infer<typeof EntryInput>;

export const ArticleInput = z.strictObject({
  edition: EditionCode,
  slug: Slug.optional(),
  section: Slug,
  headline: z.string().trim().min(1, 'required').max(300, 'at most 300 characters'),
  standfirst: z.string().trim().max(1000, 'at most 1000 characters').optional(),
  /** Every workflow status, so that an archive holds articles in review and scheduled ones as the site does. */
  status: z.enum(['draft', 'in_review', 'scheduled', 'published', 'unpublished']).default('draft'),
  publishedAt: isoTime.optional(),
  /** When a scheduled article is to be published; only for status scheduled. */
  scheduledAt: isoTime.optional(),
  updatedAt: isoTime.optional(),
  authors: z.array(z.string().trim().min(1, 'required').max(200)).max(20).default([]),
  tags: z.array(z.string().trim().min(1, 'required').max(100)).max(30).default([]),
  source: z
    .strictObject({
      name: z.string().trim().min(1, 'required').max(200),
      url: SafeHref.refine((u) => /^https?:\/\//i.test(u), 'expected an http(s):// URL').optional(),
    })
    .optional(),
  canonicalUrl: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' }).optional(),
  seo: z
    .strictObject({
      title: z.string().trim().max(200, 'at most 200 characters').optional(),
      description: z.string().trim().max(500, 'at most 500 characters').optional(),
      /** The picture shown when the article is shared: a path or a media id, like figures. */
      image: z.union([z.string().trim().min(1, 'required').max(1000), idNumber()]).optional(),
    })
    .optional(),
  /**
   * The article in another edition that this one translates: an article id, or
   * its edition and slug. Null takes the article out of its translation group.
   */
  translationOf: z
    .union([idNumber(), z.strictObject({ edition: z.string().min(1, 'required'), slug: Slug })], { error: 'expected an article id or { edition, slug }' })
    .nullable()
    .optional(),
  lead: LeadInput.optional(),
  body: z.array(BlockInput).max(2000, 'at most 2000 blocks').default([]),
  /** Set: the article is a live; its body is the summary above the entries. */
  live: LiveInput.optional(),
  /** A live's entries (import format and archives only; the Admin API has its own entry routes). */
  entries: z.array(EntryInput).max(20_000, 'at most 20000 entries').optional(),
});
export type ArticleInput = z.infer<typeof ArticleInput>;

/** One article or an array of them. */
export const ImportDocument = z.union([ArticleInput, z.array(ArticleInput).min(1, 'no articles')]);

/** `body[3].speaker.name` from zod's path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function messageOf(issue: z.core.$ZodIssue): string {
  // zod leaves the input out of its issues; its message says when nothing was given.
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return 'required';
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return issue.message;
}

/** zod's issues as ours: the field path and a plain message. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    // An unknown key reported on an object: name the key itself.
    const field = fieldPath(i.path) + (i.code === 'unrecognized_keys' && i.keys.length === 1 ? (i.path.length ? '.' : '') + i.keys[0] : '');
    return { field, message: messageOf(i) };
  });
}

/**
 * Validates one article; the issues name the field path. Text neither
 * database can store as given (U+0000, unpaired surrogates) is refused in any
 * field, before the schema looks at it.
 */
export function parseArticle(value: unknown): { ok: true; article: ArticleInput } | { ok: false; issues: FieldIssue[] } {
  const unstorable = unstorableTextIssues(value);
  if (unstorable.length) return { ok: false, issues: unstorable };
  const r = ArticleInput.safeParse(value);
  if (r.success) {
    const a = r.data;
    if (a.status === 'published' && !a.publishedAt) {
      return { ok: false, issues: [{ field: 'publishedAt', message: 'required when status is published' }] };
    }
    if (a.status === 'scheduled' && !a.scheduledAt) {
      return { ok: false, issues: [{ field: 'scheduledAt', message: 'required when status is scheduled' }] };
    }
    if (a.entries?.length && !a.live) {
      return { ok: false, issues: [{ field: 'entries', message: 'only for a live article (give live.startedAt)' }] };
    }
    if (a.live?.endedAt && Date.parse(a.live.endedAt) < Date.parse(a.live.startedAt)) {
      return { ok: false, issues: [{ field: 'live.endedAt', message: 'before live.startedAt' }] };
    }
    if (a.status !== 'scheduled' && a.scheduledAt) {
      return { ok: false, issues: [{ field: 'scheduledAt', message: 'only for status scheduled' }] };
    }
    return { ok: true, article: a };
  }
  return { ok: false, issues: fieldIssues(r.error) };
}
