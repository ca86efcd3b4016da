import type { Updateable } from 'kysely';
import { z } from 'zod';
import { isUniqueViolation } from '../content/article.write.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import { atLeast, ownerOf, owns, type Actor } from '../newsroom/roles.ts';
import { mediaKeys } from '../cdn/article-change.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { wordsMatch, type WordIndex } from '../store/word-search.ts';
import type { ImageRow, ImageTable } from '../store/schema.ts';
import { readPhotoMetadata } from './exif.ts';
import { ImageRejected, originalKey, type ImageCodec, type ImageVariant, type InspectedImage } from './images.ts';
import type { MediaBatch, MediaStorage } from './storage.ts';

export interface MediaDeps {
  db: Db;
  media: MediaStorage;
  now: () => Date;
  /** Checks and decodes pictures; its limits include the largest file accepted. */
  images: ImageCodec;
}

export interface UploadedFile {
  filename: string | null;
  data: Buffer;
}

/** A picture of the library as the Admin API shows it. Paths have no host: the page that shows them adds it. */
export interface MediaView {
  id: number;
  filename: string | null;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  copyright: string | null;
  creator: string | null;
  sourceUrl: string | null;
  /** The point kept in view when a page crops the picture, 0–1 from the left and from the top; null = the centre. */
  focalX: number | null;
  focalY: number | null;
  createdAt: string;
  uploadedBy: number | null;
  /** The API token that uploaded it, when one did. */
  uploadedByToken: number | null;
  /** pending until the background worker has added the AVIF sizes. */
  avifState: string;
  /** The 800 px JPEG, or the original of a narrower picture: what the admin shows as a preview. */
  url: string;
  variants: Array<{ format: ImageVariant['format']; width: number; height: number; url: string }>;
}

export function mediaView(row: ImageRow): MediaView {
  const variants = JSON.parse(row.variants) as ImageVariant[];
  const preview = variants.find((v) => v.format === 'jpeg' && v.width === 800)?.key ?? row.original;
  return {
    id: row.id,
    filename: row.filename,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    copyright: row.copyright,
    creator: row.creator,
    sourceUrl: row.source_url,
    focalX: focalValue(row.focal_x),
    focalY: focalValue(row.focal_y),
    createdAt: row.created_at,
    uploadedBy: row.uploaded_by,
    uploadedByToken: row.uploaded_by_token,
    avifState: row.avif_state,
    url: `/media/${preview}`,
    variants: variants.map((v) => ({ format: v.format, width: v.width, height: v.height, url: `/media/${v.key}` })),
  };
}

/** A stored focal coordinate as the API shows it: PostgreSQL's `real` gives 0.3 back as 0.30000001192…, so three decimals. */
function focalValue(v: number | string | null | undefined): number | null {
  if (v == null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null;
}

/** A focal coordinate in a patch: a number from 0 to 1 (kept to three decimals), or null for the centre. */
const focalCoordinate = z
  .number({ error: 'expected a number from 0 to 1, or null for the centre' })
  .min(0, 'expected a number from 0 to 1, or null for the centre')
  .max(1, 'expected a number from 0 to 1, or null for the centre')
  .transform((n) => Math.round(n * 1000) / 1000)
  .nullable()
  .optional();

export const ACCEPTED_TYPES = 'JPEG, PNG, WebP, AVIF and GIF';

export function sizeLimitText(maxBytes: number): string {
  const mb = maxBytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB (${maxBytes} bytes)`;
}

/** The 422 every refused file gets: why, and what would be accepted. */
export function fileRejected(reason: string, maxBytes: number): ValidationFailed {
  return new ValidationFailed([{ field: 'file', message: `${reason}; accepted types are ${ACCEPTED_TYPES}, up to ${sizeLimitText(maxBytes)}` }]);
}

/** Runs a step that reads the picture; a picture it refuses is the 422 on `file`, naming the file. */
async function refusing<T>(deps: MediaDeps, file: UploadedFile, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (!(e instanceof ImageRejected)) throw e;
    throw fileRejected(file.filename ? `${file.filename}: ${e.message}` : e.message, deps.images.limits.maxBytes);
  }
}

const inspect = (deps: MediaDeps, file: UploadedFile): Promise<InspectedImage> => refusing(deps, file, () => deps.images.inspect(file.data));

/** Only a name to show and search by: no folders, no control characters. */
function cleanFilename(name: string | null): string | null {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base ? base.slice(0, 255) : null;
}

/** Stages the original and its JPEG and WebP sizes; AVIF is left to the background worker. */
async function stage(deps: MediaDeps, batch: MediaBatch, img: InspectedImage, file: UploadedFile): Promise<string> {
  const variants = await refusing(deps, file, () => deps.images.variants(file.data, img, ['jpeg', 'webp']));
  await batch.put(originalKey(img), file.data);
  for (const v of variants) await batch.put(v.key, v.data);
  return JSON.stringify(variants.map(({ data: _d, ...v }) => v));
}

async function findByHash(db: Db, hash: string): Promise<ImageRow | undefined> {
  return db.selectFrom('images').selectAll().where('hash', '=', hash).executeTakeFirst();
}

/**
 * Adds a picture to the library. Its words are what the uploader typed with
 * it (`typed`, the same fields as a PATCH), and otherwise what its
 * IPTC/XMP/EXIF says. A file already in the library is not stored twice: its
 * existing entry is returned, with the typed words filling the fields it left
 * empty when the uploader may change it.
 */
export async function uploadImage(deps: MediaDeps, file: UploadedFile, actor: Actor, typed: MediaPatch = {}): Promise<{ media: MediaView; created: boolean }> {
  if (!atLeast(actor, 'contributor')) throw new Forbidden('uploading needs the contributor role');
  // Blank means "not typed" here: the photo's own metadata stays.
  const given = Object.fromEntries(Object.entries(parsePatch(typed)).filter(([, v]) => v !== undefined && v !== null && v !== '')) as z.output<typeof MediaPatch>;
  const img = await inspect(deps, file);
  const existing = await findByHash(deps.db, img.hash);
  if (existing) return { media: await fillEmpty(deps, existing, given, actor), created: false };

  const meta = { ...(await readPhotoMetadata(file.data)), ...given };
  const filename = cleanFilename(file.filename);
  const batch = deps.media.batch();
  try {
    const variants = await stage(deps, batch, img, file);
    const row = await deps.db.transaction().execute(async (trx) => {
      const at = deps.now();
      const inserted = await trx
        .insertInto('images')
        .values({
          hash: img.hash,
          original: originalKey(img),
          mime: img.mime,
          width: img.width,
          height: img.height,
          bytes: img.bytes,
          alt: meta.alt ?? '',
          caption: meta.caption ?? null,
          credit: meta.credit ?? null,
          copyright: meta.copyright ?? null,
          creator: meta.creator ?? null,
          source_url: meta.sourceUrl ?? null,
          variants,
          avif_state: 'pending',
          created_at: at.toISOString(),
          filename,
          uploaded_by: ownerOf(actor).userId,
          uploaded_by_token: ownerOf(actor).tokenId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, at, actor, 'media.upload', `image:${inserted.id}`, { filename, hash: img.hash, bytes: img.bytes });
      return inserted;
    });
    // Files become visible only once the row that names them exists.
    await batch.commit();
    return { media: mediaView(row), created: true };
  } catch (e) {
    await batch.discard();
    // Someone uploaded the same file at the same moment: theirs is the entry.
    if (isUniqueViolation(e)) {
      const winner = await findByHash(deps.db, img.hash);
      if (winner) return { media: mediaView(winner), created: false };
    }
    throw e;
  }
}

/** Typed words for a picture already in the library go only where it has none, and only if the uploader may change it. */
async function fillEmpty(deps: MediaDeps, row: ImageRow, given: z.output<typeof MediaPatch>, actor: Actor): Promise<MediaView> {
  const fill = Object.fromEntries(Object.entries(given).filter(([field]) => !row[COLUMN[field as keyof typeof COLUMN]]));
  if (!Object.keys(fill).length) return mediaView(row);
  try {
    return await updateMedia(deps, row.id, fill, actor);
  } catch (e) {
    if (e instanceof Forbidden) return mediaView(row);
    throw e;
  }
}

export interface MediaQuery {
  q?: string;
  page?: number;
  perPage?: number;
}

/** What the library's search reads (the order of migration 0110's index). */
export const MEDIA_WORDS: WordIndex = { table: 'images', columns: ['alt', 'caption', 'credit', 'copyright', 'creator', 'filename'] };

/**
 * Newest first, filtered by the words typed (`q`): each must start a word of
 * the alt text, caption, credit, copyright, creator or file name, whatever its
 * case and accents.
 */
export async function listMedia(db: Db, query: MediaQuery = {}) {
  const perPage = Math.min(Math.max(Math.trunc(query.perPage ?? 30) || 30, 1), 100);
  const page = Math.max(Math.trunc(query.page ?? 1) || 1, 1);
  let q = db.selectFrom('images').selectAll();
  // A parameter given twice arrives as an array despite its type: searched as its text.
  const words = query.q === undefined ? '' : String(query.q);
  if (words.trim()) q = q.where(wordsMatch(db, MEDIA_WORDS, words));
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
  return { media: rows.slice(0, perPage).map(mediaView), page, perPage, hasMore: rows.length > perPage };
}

async function getRow(db: Db, id: number): Promise<ImageRow> {
  const row = Number.isSafeInteger(id) ? await db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new NotFound(`no media with id ${id}`);
  return row;
}

export async function getMedia(db: Db, id: number): Promise<MediaView> {
  return mediaView(await getRow(db, id));
}

/**
 * Published articles that show the picture (lead, figure or social card).
 * Figures sit in the body's JSON: a LIKE finds the candidates, parsing keeps
 * only exact matches (imageId 12 must not match 123).
 */
async function publishedUses(db: Db, id: number): Promise<number> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'lead_image_id', 'social_image_id', 'body'])
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('lead_image_id', '=', id), eb('social_image_id', '=', id), eb('body', 'like', `%"imageId":${id}%`)]))
    .execute();
  return rows.filter(
    (r) => r.lead_image_id === id || r.social_image_id === id || (JSON.parse(r.body) as Array<{ type: string; imageId?: number }>).some((b) => b.type === 'figure' && b.imageId === id),
  ).length;
}

/**
 * Editors look after the whole library. The uploader looks after a picture
 * while only drafts show it; once a published article does, a change is live
 * at once on a page an editor signed off, so it takes an editor.
 */
async function checkMayChange(db: Db, actor: Actor, row: ImageRow, what: 'change' | 'replace'): Promise<void> {
  if (atLeast(actor, 'editor')) return;
  if (!owns(actor, { userId: row.uploaded_by, tokenId: row.uploaded_by_token })) {
    throw new Forbidden(what === 'replace' ? 'seul un éditeur ou la personne qui a téléversé cette image peut la remplacer' : 'seul un éditeur ou la personne qui a téléversé cette image peut la modifier');
  }
  const uses = await publishedUses(db, row.id);
  if (uses > 0) {
    const where = uses === 1 ? 'un article publié' : `${uses} articles publiés`;
    throw new Forbidden(`cette image figure dans ${where} : ${what === 'replace' ? 'la remplacer' : 'modifier ses textes'} demande le rôle éditeur`);
  }
}

/** Blank means "none"; null clears a field too (pictures' and videos' words). */
export const optionalText = (max: number) =>
  z
    .string({ error: 'expected text or null' })
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((s) => s || null)
    .nullable()
    .optional();

const MediaPatch = z.strictObject({
  alt: z.string({ error: 'expected text (empty for a decorative picture)' }).trim().max(1000, 'at most 1000 characters').optional(),
  caption: optionalText(2000),
  credit: optionalText(300),
  copyright: optionalText(300),
  creator: optionalText(300),
  sourceUrl: z
    .union([z.literal('').transform(() => null), z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })])
    .nullable()
    .optional(),
  focalX: focalCoordinate,
  focalY: focalCoordinate,
});
export type MediaPatch = z.input<typeof MediaPatch>;

function parsePatch(input: unknown): z.output<typeof MediaPatch> {
  const r = MediaPatch.safeParse(input ?? {});
  if (r.success) return r.data;
  throw new ValidationFailed(
    r.error.issues.map((i) =>
      i.code === 'unrecognized_keys' ? { field: i.keys[0], message: `unknown field; expected ${Object.keys(MediaPatch.shape).join(', ')}` } : { field: i.path.join('.'), message: i.message },
    ),
  );
}

const COLUMN = { alt: 'alt', caption: 'caption', credit: 'credit', copyright: 'copyright', creator: 'creator', sourceUrl: 'source_url', focalX: 'focal_x', focalY: 'focal_y' } as const;

/** Changes the words around a picture; every article showing it shows the change. */
export async function updateMedia(deps: MediaDeps, id: number, input: MediaPatch, actor: Actor): Promise<MediaView> {
  const patch = parsePatch(input);
  return deps.db.transaction().execute(async (trx) => {
    const row = await getRow(trx, id);
    await checkMayChange(trx, actor, row, 'change');
    // Only what differs is written and audited; alt is never null (the schema makes it a string).
    const changed: Record<string, string | number | null> = {};
    for (const [field, value] of Object.entries(patch) as Array<[keyof typeof COLUMN, string | number | null | undefined]>) {
      if (value === undefined) continue;
      // A focal coordinate is compared as the API shows it (PostgreSQL's `real` is not exact).
      const current = field === 'focalX' || field === 'focalY' ? focalValue(row[COLUMN[field]]) : row[COLUMN[field]];
      if (value !== current) changed[COLUMN[field]] = value;
    }
    const set = changed as Updateable<ImageTable>;
    if (!Object.keys(set).length) return mediaView(row);
    const updated = await trx.updateTable('images').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, deps.now(), actor, 'media.update', `image:${id}`, { changed });
    await bumpContentVersion(trx, await mediaKeys(trx, id));
    return mediaView(updated);
  });
}

/**
 * Swaps the picture behind a library entry, keeping its id, so every article
 * that shows it shows the new one. The new file gets new content-addressed
 * keys; the old files stay, since cached pages and CDNs may still name them.
 * The editorial fields (alt, caption, credit…) are kept as they are.
 */
export async function replaceMediaFile(deps: MediaDeps, id: number, file: UploadedFile, actor: Actor): Promise<MediaView> {
  const row = await getRow(deps.db, id);
  await checkMayChange(deps.db, actor, row, 'replace');
  const img = await inspect(deps, file);
  if (img.hash === row.hash) return mediaView(row);
  const taken = await findByHash(deps.db, img.hash);
  if (taken) throw new Conflict(`this file is already in the library as media ${taken.id}`);

  const filename = cleanFilename(file.filename) ?? row.filename;
  const batch = deps.media.batch();
  try {
    const variants = await stage(deps, batch, img, file);
    const updated = await deps.db.transaction().execute(async (trx) => {
      // Again: an article may have been published while the picture was being encoded.
      await checkMayChange(trx, actor, row, 'replace');
      const result = await trx
        .updateTable('images')
        .set({ hash: img.hash, original: originalKey(img), mime: img.mime, width: img.width, height: img.height, bytes: img.bytes, variants, avif_state: 'pending', filename })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!result) throw new NotFound(`no media with id ${id}`);
      await audit(trx, deps.now(), actor, 'media.replace', `image:${id}`, { from: row.hash, to: img.hash, filename });
      await bumpContentVersion(trx, await mediaKeys(trx, id));
      return result;
    });
    await batch.commit();
    return mediaView(updated);
  } catch (e) {
    await batch.discard();
    if (isUniqueViolation(e)) throw new Conflict('this file was just added to the library as another entry');
    throw e;
  }
}
