import { entryPictureRefs } from '../live/entries.transfer.ts';
import { z } from 'zod';
import { isTimeZone } from '../config.ts';
import { EditionCode, fieldIssues, Slug } from './article.schema.ts';
import type { FieldIssue } from '../errors.ts';
import { unstorableTextIssues } from '../store/storable-text.ts';

/**
 * The manifest of an export archive (`depeche-export.json`): the site's
 * editions and sections, its articles in the import format, and the rows that
 * point at articles by edition and slug (former addresses, former slugs, pins).
 * docs/backup.md describes it.
 */
export const ARCHIVE_FORMAT = 'depeche-export';
/** The version written. Versions 1 to 3 are still read (what they lack takes its default). */
export const ARCHIVE_VERSION = 4;

const code = EditionCode;
const slug = Slug;

const Edition = z.strictObject({
  code,
  name: z.string().trim().min(1, 'required').max(200),
  baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'expected an http(s) URL or ""' })]),
  timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Paris'),
  isDefault: z.boolean(),
  position: z.number().int().min(0),
  /** Version 4: the pages' language (absent or '': the code), direction, numerals and identity. */
  language: z.union([z.literal(''), code]).optional(),
  dir: z.enum(['ltr', 'rtl']).optional(),
  numbering: z.string().regex(/^[a-z]{3,8}$/, 'expected a numbering system such as latn or arab').nullable().optional(),
  identity: z
    .strictObject({
      logo: z.strictObject({ key: z.string().max(500), mime: z.enum(['image/svg+xml', 'image/png']), width: z.number().positive(), height: z.number().positive() }).optional(),
      icons: z.record(z.string().max(10), z.string().max(500)).optional(),
      colours: z.record(z.string().max(20), z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected #rrggbb')).optional(),
      social: z.array(z.strictObject({ network: z.string().max(50), url: z.string().max(2000) })).optional(),
      /** The default social picture, by its path in the archive. */
      socialPicture: z.string().max(1000).optional(),
    })
    .optional(),
});

const Section = z.strictObject({
  edition: code,
  slug,
  name: z.string().trim().min(1, 'required').max(200),
  position: z.number().int().min(0),
  inNav: z.boolean(),
  /** The slug of the top-level section of the same edition it is under (docs/site-structure.md). Absent: top level. */
  parent: slug.optional(),
  /** Shown at the top of the section page. */
  description: z.string().trim().max(2000).optional(),
  /** Made by naming it in an article: readers see it once a visible article is in it. Absent means false. */
  implicit: z.boolean().optional(),
});

const Redirect = z.strictObject({
  path: z.string().startsWith('/', 'expected a path starting with /').max(2000),
  edition: code,
  slug,
  createdAt: z.iso.datetime({ offset: true }),
});

const SlugHistory = z.strictObject({ edition: code, slug, articleSlug: slug });

const HomeSlot = z.strictObject({ edition: code, position: z.number().int().min(0), slug });

/** The rows of a version 2 archive's data files, by kind (the folder they sit in). */
export const DATA_ROWS = { redirects: Redirect, 'slug-history': SlugHistory, 'home-slots': HomeSlot } as const;
export type RedirectRow = z.infer<typeof Redirect>;
export type SlugHistoryRow = z.infer<typeof SlugHistory>;
export type HomeSlotRow = z.infer<typeof HomeSlot>;

const Count = z.number().int().min(0);

/**
 * Version 2: the manifest holds the site's settings and how many rows of each
 * kind follow; the rows themselves come next in the archive as NDJSON files of
 * at most a thousand lines (`articles/000001.ndjson`, `redirects/…`,
 * `slug-history/…`, `home-slots/…`), before the media. Written and read a
 * file at a time, whatever the size of the site.
 */
export const ArchiveManifestV2 = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT, { error: `expected "${ARCHIVE_FORMAT}"` }),
  /** 3 adds the video library and the TV schedule (their counts below); 2 has neither. 4 adds the site structure (archive.site.ts). */
  version: z.union([z.literal(2), z.literal(3), z.literal(4)]),
  exportedAt: z.iso.datetime({ offset: true }),
  editions: z.array(Edition).min(1, 'at least one edition'),
  sections: z.array(Section),
  counts: z.strictObject({
    articles: Count,
    redirects: Count,
    slugHistory: Count,
    homeSlots: Count,
    videos: Count.optional(),
    channels: Count.optional(),
    shows: Count.optional(),
    programmes: Count.optional(),
    tags: Count.optional(),
    people: Count.optional(),
    authors: Count.optional(),
    pages: Count.optional(),
    menuItems: Count.optional(),
    slugAliases: Count.optional(),
    translations: Count.optional(),
    focalPoints: Count.optional(),
  }),
});
export type ArchiveManifestV2 = z.infer<typeof ArchiveManifestV2>;

/** The manifest's version, read before the rest: 1 to 4, or null when it is none (the full parse says why). */
export function manifestVersion(doc: unknown): 1 | 2 | 3 | 4 | null {
  const v = (doc as { version?: unknown } | null)?.version;
  return v === 1 || v === 2 || v === 3 || v === 4 ? v : null;
}

export const ArchiveManifest = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT, { error: `expected "${ARCHIVE_FORMAT}"` }),
  version: z.literal(1, { error: `expected 1, 2, 3 or ${ARCHIVE_VERSION}: this version of Dépêche reads format versions 1 to ${ARCHIVE_VERSION}` }),
  exportedAt: z.iso.datetime({ offset: true }),
  editions: z.array(Edition).min(1, 'at least one edition'),
  sections: z.array(Section),
  /** Checked one by one by the ordinary import, which names the article at fault. */
  articles: z.array(z.unknown()),
  redirects: z.array(Redirect),
  slugHistory: z.array(SlugHistory),
  homeSlots: z.array(HomeSlot),
});
export type ArchiveManifest = z.infer<typeof ArchiveManifest>;

export type ParsedManifest = { ok: true; version: 1; manifest: ArchiveManifest } | { ok: true; version: 2; manifest: ArchiveManifestV2 } | { ok: false; issues: FieldIssue[] };

/** Parses the manifest's text, of either version; issues name the field under the manifest's name. */
export function parseManifest(text: string, name: string): ParsedManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ field: name, message: `malformed JSON: ${(e as Error).message}` }] };
  }
  const unstorable = unstorableTextIssues(doc);
  if (unstorable.length) return { ok: false, issues: unstorable.map((i) => ({ field: `${name}: ${i.field}`, message: i.message })) };
  const version = manifestVersion(doc);
  if (version === 2 || version === 3 || version === 4) {
    const r = ArchiveManifestV2.safeParse(doc);
    if (!r.success) return { ok: false, issues: fieldIssues(r.error).map((i) => ({ field: `${name}: ${i.field}`, message: i.message })) };
    return { ok: true, version: 2, manifest: r.data };
  }
  const r = ArchiveManifest.safeParse(doc);
  if (!r.success) return { ok: false, issues: fieldIssues(r.error).map((i) => ({ field: `${name}: ${i.field}`, message: i.message })) };
  return { ok: true, version: 1, manifest: r.data };
}

/** The settings both versions share: editions and sections must name each other well. */
export function checkSettings(m: Pick<ArchiveManifest, 'editions' | 'sections'>, name: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const at = (field: string, message: string) => issues.push({ field: `${name}: ${field}`, message });
  const editions = new Set(m.editions.map((e) => e.code));
  if (editions.size !== m.editions.length) at('editions', 'an edition is listed twice');
  if (m.editions.filter((e) => e.isDefault).length !== 1) at('editions', 'exactly one edition must be the default');
  const sections = new Set<string>();
  m.sections.forEach((s, i) => {
    if (!editions.has(s.edition)) at(`sections[${i}].edition`, `unknown edition "${s.edition}"`);
    if (sections.has(`${s.edition}/${s.slug}`)) at(`sections[${i}].slug`, `"${s.slug}" is listed twice in edition ${s.edition}`);
    sections.add(`${s.edition}/${s.slug}`);
  });
  // One level of nesting, within an edition.
  const byKey = new Map(m.sections.map((s) => [`${s.edition}/${s.slug}`, s]));
  m.sections.forEach((s, i) => {
    if (!s.parent) return;
    const parent = byKey.get(`${s.edition}/${s.parent}`);
    if (!parent) at(`sections[${i}].parent`, `no section "${s.parent}" in edition ${s.edition}`);
    else if (parent.parent) at(`sections[${i}].parent`, `"${s.parent}" is itself under another section: sections nest one level only`);
    else if (parent === s) at(`sections[${i}].parent`, 'a section cannot be under itself');
  });
  return issues;
}

/**
 * Checks what the schema cannot: every reference names an edition or an
 * article of the archive, nothing is listed twice, and every picture path is a
 * file of the archive's media folder (never a path outside it).
 */
export function crossCheck(m: ArchiveManifest, name: string, mediaFiles: Set<string>): FieldIssue[] {
  const issues: FieldIssue[] = checkSettings(m, name);
  const at = (field: string, message: string) => issues.push({ field: `${name}: ${field}`, message });
  const articles = new Set<string>();
  m.articles.forEach((a, i) => {
    const art = (a ?? {}) as Record<string, any>;
    if (typeof art.edition === 'string' && typeof art.slug === 'string') articles.add(`${art.edition}/${art.slug}`);
    for (const [field, ref] of pictureRefs(art)) {
      const key = mediaKey(ref);
      if (key === null) at(`articles[${i}].${field}`, 'expected a path under media/ in the archive');
      else if (!mediaFiles.has(key)) at(`articles[${i}].${field}`, `${ref} is missing from the archive`);
    }
  });
  const known = (list: string, i: number, edition: string, slug: string) => {
    if (!articles.has(`${edition}/${slug}`)) at(`${list}[${i}]`, `no article ${edition}/${slug} in the archive`);
  };
  const paths = new Set<string>();
  m.redirects.forEach((r, i) => {
    known('redirects', i, r.edition, r.slug);
    if (paths.has(r.path)) at(`redirects[${i}].path`, `${r.path} is listed twice`);
    paths.add(r.path);
  });
  const former = new Set<string>();
  m.slugHistory.forEach((h, i) => {
    known('slugHistory', i, h.edition, h.articleSlug);
    if (former.has(`${h.edition}/${h.slug}`)) at(`slugHistory[${i}].slug`, `"${h.slug}" is listed twice in edition ${h.edition}`);
    former.add(`${h.edition}/${h.slug}`);
    if (articles.has(`${h.edition}/${h.slug}`)) at(`slugHistory[${i}].slug`, `"${h.slug}" is the slug of an article of the archive`);
  });
  const slots = new Set<string>();
  m.homeSlots.forEach((h, i) => {
    known('homeSlots', i, h.edition, h.slug);
    if (slots.has(`${h.edition}/${h.position}`)) at(`homeSlots[${i}].position`, `position ${h.position} is taken twice in edition ${h.edition}`);
    slots.add(`${h.edition}/${h.position}`);
  });
  return issues;
}

/** The picture references of one article of the manifest, by field, whatever their form. */
export function pictureRefs(art: Record<string, any>): Array<[string, unknown]> {
  const refs: Array<[string, unknown]> = [
    ['lead.image', art.lead?.image],
    ['seo.image', art.seo?.image],
    ...(Array.isArray(art.body) ? art.body.map((b: any, j: number): [string, unknown] => [`body[${j}].image`, b?.type === 'figure' ? b.image : undefined]) : []),
    ...entryPictureRefs(art),
  ];
  return refs.filter(([, ref]) => ref !== undefined);
}

export function mediaKey(ref: unknown): string | null {
  return typeof ref === 'string' && ref.startsWith('media/') ? ref.slice('media/'.length) : null;
}

/** The media keys (under `media/`) the manifest's articles name: the only files the archive may bring. */
export function namedMedia(m: ArchiveManifest): Set<string> {
  const keys = new Set<string>();
  for (const a of m.articles) for (const [, ref] of pictureRefs((a ?? {}) as Record<string, any>)) {
    const key = mediaKey(ref);
    if (key !== null) keys.add(key);
  }
  return keys;
}
