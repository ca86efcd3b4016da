import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_DEFAULTS, type Config } from '../config.ts';
import { Conflict, ValidationFailed, type FieldIssue } from '../errors.ts';
import { ImageRejected, imageCodec, originalKey, type ImageCodec } from '../media/images.ts';
import type { MediaStorage } from '../media/storage.ts';
import { SITE_KEY } from '../cdn/keys.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import type { ArticleInput } from './article.schema.ts';
import { parseArticle } from './article.schema.ts';
import { readImages, type ImageRef, type PlannedImage } from './import-images.ts';
import { paths, RESERVED_SLUGS } from './paths.ts';
import { slugify } from './slug.ts';
import { articleColumns, scheduledColumn, ensureSection, isUniqueViolation, RelationWriter, storedContent } from './article.write.ts';
import { inBatches, rowsPerStatement, slices } from '../store/batches.ts';
import { setTranslation } from './translations.ts';
import { indexSources } from '../search/index-writer.ts';
import type { ArticleSource } from '../search/document.ts';
import { writeImportedEntries } from '../live/entries.transfer.ts';
import { isVideoLeadInput } from './blocks.ts';
import { checkVideoMentions, videoMentions, type VideoMention } from '../video/video-refs.ts';

export interface ImportDeps {
  db: Db;
  media: MediaStorage;
  config: Pick<Config, 'maxImageBytes' | 'publicUrl'> & Partial<Pick<Config, 'maxImagePixels' | 'maxImageSide' | 'imageDecodes'>>;
  /**
   * Checks and decodes the pictures. A server passes its own, so that imports
   * share its bound on decodes with uploads; without one the import makes its
   * own from `config` (a command-line run, a test).
   */
  images?: ImageCodec;
  now: () => Date;
  /** Told how far the slow steps are (encoding images, writing articles), for a progress bar. */
  onProgress?: (phase: 'images' | 'articles', done: number, total: number) => void;
}

/**
 * Rows written with the articles, in the import's own transaction so that they
 * stand or fall with it: a whole site restored from an export archive, the
 * former addresses of articles migrated from another system.
 */
export interface SiteRows {
  /** Editions `beforeArticles` creates: articles may name them. */
  editions?: Array<{ code: string; base_url: string }>;
  /** Runs first in the transaction: editions and sections. */
  beforeArticles?(trx: Db): Promise<void>;
  /** Runs last in the transaction, given the articles written (in input order). */
  afterArticles?(trx: Db, imported: ImportedArticle[]): Promise<void>;
}

/** One file (or stdin) to import: its parsed JSON and the folder its image paths are relative to. */
export interface ImportSource {
  name: string;
  baseDir: string;
  text: string;
}

export interface ImportedArticle {
  id: number;
  edition: string;
  slug: string;
  status: string;
  path: string;
  url: string;
}

interface Planned {
  source: string;
  index: number;
  article: ArticleInput;
  slug: string;
  baseDir: string;
}

/**
 * Imports articles all-or-nothing: every file is parsed and checked, every
 * image read and encoded, before one transaction writes the rows; media files
 * are staged and moved into place only after the commit.
 */
export async function importArticles(deps: ImportDeps, sources: ImportSource[], site?: SiteRows): Promise<ImportedArticle[]> {
  const issues: FieldIssue[] = [];
  const planned: Planned[] = [];
  const at = (p: Pick<Planned, 'source' | 'index'>, multi: boolean) => `${p.source}${multi ? `: article ${p.index}` : ''}`;

  for (const src of sources) {
    let doc: unknown;
    try {
      doc = JSON.parse(src.text);
    } catch (e) {
      issues.push({ field: src.name, message: `malformed JSON: ${(e as Error).message}` });
      continue;
    }
    const multi = Array.isArray(doc);
    const list = multi ? (doc as unknown[]) : [doc];
    if (list.length === 0) issues.push({ field: src.name, message: 'no articles' });
    list.forEach((value, index) => {
      const r = parseArticle(value);
      if (!r.ok) {
        for (const i of r.issues) issues.push({ field: `${at({ source: src.name, index }, multi)}: ${i.field}`, message: i.message });
        return;
      }
      planned.push({ source: multi ? `${src.name}: article ${index}` : src.name, index, article: r.article, slug: r.article.slug ?? slugify(r.article.headline), baseDir: src.baseDir });
    });
  }
  if (issues.length) throw new ValidationFailed(issues);

  const { db } = deps;
  // Editions, slugs and sections against the store and each other.
  const editions = new Map((await db.selectFrom('editions').select(['code', 'base_url']).execute()).map((e) => [e.code, e]));
  for (const e of site?.editions ?? []) editions.set(e.code, e);
  const seen = new Map<string, string>();
  for (const p of planned) {
    const a = p.article;
    if (!editions.has(a.edition)) issues.push({ field: `${p.source}: edition`, message: `unknown edition "${a.edition}"` });
    if (RESERVED_SLUGS.has(a.section)) issues.push({ field: `${p.source}: section`, message: `"${a.section}" is reserved for site paths` });
    const key = `${a.edition}/${p.slug}`;
    if (seen.has(key)) issues.push({ field: `${p.source}: slug`, message: `"${p.slug}" is used twice in this import (also ${seen.get(key)})` });
    seen.set(key, p.source);
  }
  for (const [edition, group] of groupBy(planned, (p) => p.article.edition)) {
    const taken = await inBatches(group, 1, (slice) =>
      db
        .selectFrom('articles')
        .select('slug')
        .where('edition', '=', edition)
        .where('slug', 'in', slice.map((p) => p.slug))
        .execute(),
    );
    const takenSet = new Set(taken.map((t) => t.slug));
    for (const p of group)
      if (takenSet.has(p.slug)) issues.push({ field: `${p.source}: slug`, message: `"${p.slug}" already exists in edition ${edition}` });
  }

  // Images: every reference read and checked before anything is written.
  const imageRefs: ImageRef[] = [];
  for (const p of planned) {
    if (p.article.lead && !isVideoLeadInput(p.article.lead)) imageRefs.push({ at: `${p.source}: lead.image`, ref: resolveRef(p.baseDir, p.article.lead.image), meta: p.article.lead });
    if (p.article.seo?.image !== undefined) imageRefs.push({ at: `${p.source}: seo.image`, ref: resolveRef(p.baseDir, p.article.seo.image), meta: { alt: '' } });
    p.article.body.forEach((b, i) => {
      if (b.type === 'figure') imageRefs.push({ at: `${p.source}: body[${i}].image`, ref: resolveRef(p.baseDir, b.image), meta: b });
    });
    p.article.entries?.forEach((e, i) =>
      e.body.forEach((b, j) => {
        if (b.type === 'figure') imageRefs.push({ at: `${p.source}: entries[${i}].body[${j}].image`, ref: resolveRef(p.baseDir, b.image), meta: b });
      }),
    );
  }
  const codec = deps.images ?? imageCodec({ ...IMAGE_DEFAULTS, ...deps.config });
  const images = await readImages(db, codec, imageRefs, issues);
  // Videos are named by their id in the library: an import brings articles, not video files.
  const videos = await checkVideoMentions(db, planned.flatMap((p) => [...videoMentions(p.article, `${p.source}: `), ...entryVideoMentions(p.article, `${p.source}: `)]), issues);
  if (issues.length) throw new ValidationFailed(issues);

  const { idByHash, variantsByHash, batch } = await stageImages(deps, codec, images, issues);
  try {
    const nowIso = deps.now().toISOString();
    const result = await db.transaction().execute(async (trx) => {
      await site?.beforeArticles?.(trx);
      await insertImages(trx, images, idByHash, variantsByHash, nowIso);
      const imageId = (ref: string | number) => (typeof ref === 'number' ? ref : idByHash.get(images.get(ref)!.inspected.hash)!);

      const out: ImportedArticle[] = [];
      const sections = new Map<string, { id: number; slug: string }>();
      const relations = new RelationWriter(trx);
      const per = rowsPerStatement(ARTICLE_VALUES);
      for (const slice of slices(planned, per)) {
        const rows = [];
        for (const p of slice) {
          const a = p.article;
          const sectionKey = `${a.edition}/${a.section}`;
          let section = sections.get(sectionKey);
          if (!section) sections.set(sectionKey, (section = await ensureSection(trx, a.edition, a.section)));
          const content = storedContent(a, (ref) => imageId(resolveRef(p.baseDir, ref)), videos);
          rows.push({ ...articleColumns(a, section.id, p.slug, content), status: a.status, scheduled_at: scheduledColumn(a), created_at: nowIso, changed_at: nowIso });
        }
        // By edition and slug, not by position: neither database promises RETURNING in the order of VALUES.
        const ids = new Map((await trx.insertInto('articles').values(rows).returning(['id', 'edition', 'slug']).execute()).map((r) => [`${r.edition}/${r.slug}`, r.id]));
        const sources: ArticleSource[] = [];
        for (const [i, p] of slice.entries()) {
          const a = p.article;
          const id = ids.get(`${a.edition}/${p.slug}`)!;
          sources.push({ ...rows[i]!, id, owner_id: null, adopted: false, ...(await relations.add(id, a)) });
          const articlePath = paths.article(a.edition, sections.get(`${a.edition}/${a.section}`)!.slug, p.slug);
          out.push({ id, edition: a.edition, slug: p.slug, status: a.status, path: articlePath, url: (editions.get(a.edition)!.base_url || deps.config.publicUrl) + articlePath });
          deps.onProgress?.('articles', out.length, planned.length);
        }
        await relations.flush();
        // The batch's documents in one go, in this transaction, from the rows in hand: the index never lags the articles.
        await indexSources(trx, sources);
      }
      // A live's entries, once its article is in.
      const authors = new Map<string, number>();
      for (const [i, p] of planned.entries()) {
        if (p.article.entries?.length) await writeImportedEntries(trx, out[i].id, p.article.entries, (ref) => imageId(resolveRef(p.baseDir, ref)), nowIso, authors);
      }
      // Once every article is in, so that one may name another of the same import.
      for (const [i, p] of planned.entries()) {
        const ref = p.article.translationOf;
        if (ref !== undefined) await setTranslation(trx, out[i], ref, `${p.source}: translationOf`);
      }
      await site?.afterArticles?.(trx, out);
      // New sections, names and lists anywhere: the whole site.
      await bumpContentVersion(trx, [SITE_KEY]);
      return out;
    });
    await batch.commit();
    return result;
  } catch (e) {
    await batch.discard();
    if (isUniqueViolation(e)) throw new Conflict('another import wrote the same slug at the same time; nothing was imported');
    throw e;
  }
}

/**
 * Encodes the variants of each new picture (one at a time: an import of
 * thousands never holds them all) and stages the files in a media batch, to be
 * committed after the rows. Pictures the library has already (same hash) are
 * reused. Throws ValidationFailed, with the batch discarded, if one fails.
 */
export async function stageImages(deps: Pick<ImportDeps, 'db' | 'media' | 'onProgress'>, codec: ImageCodec, images: Map<string, PlannedImage>, issues: FieldIssue[]) {
  const hashes = [...images.values()].map((i) => i.inspected.hash);
  const existing = await inBatches([...new Set(hashes)], 1, (slice) => deps.db.selectFrom('images').select(['id', 'hash']).where('hash', 'in', slice).execute());
  const idByHash = new Map(existing.map((e) => [e.hash, e.id]));
  const batch = deps.media.batch();
  const staged = new Set<string>();
  const variantsByHash = new Map<string, string>();
  try {
    const toEncode = new Set([...images.values()].map((i) => i.inspected.hash).filter((h) => !idByHash.has(h))).size;
    for (const [ref, img] of images) {
      const h = img.inspected.hash;
      if (idByHash.has(h) || staged.has(h)) continue;
      staged.add(h);
      // Read again here, one picture at a time: an import of thousands of pictures never holds them all.
      const data = await readChecked(img);
      let variants;
      try {
        variants = await codec.variants(data, img.inspected, ['jpeg', 'webp']);
      } catch (e) {
        // A file whose header reads well can still fail to decode (a truncated JPEG): an issue like any bad picture.
        if (!(e instanceof ImageRejected)) throw e;
        issues.push({ field: img.at, message: `${path.basename(ref)}: ${e.message}` });
        continue;
      }
      await batch.put(originalKey(img.inspected), data);
      for (const v of variants) await batch.put(v.key, v.data);
      variantsByHash.set(h, JSON.stringify(variants.map(({ data: _d, ...v }) => v)));
      deps.onProgress?.('images', staged.size, toEncode);
    }
    if (issues.length) throw new ValidationFailed(issues);
  } catch (e) {
    await batch.discard();
    throw e;
  }
  return { idByHash, variantsByHash, batch };
}

/** The rows of the pictures staged above; `idByHash` gets their ids. */
export async function insertImages(trx: Db, images: Map<string, PlannedImage>, idByHash: Map<string, number>, variantsByHash: Map<string, string>, nowIso: string): Promise<void> {
  for (const img of images.values()) {
    const h = img.inspected.hash;
    if (idByHash.has(h)) continue;
    const row = await trx
      .insertInto('images')
      .values({
        hash: h,
        original: originalKey(img.inspected),
        mime: img.inspected.mime,
        width: img.inspected.width,
        height: img.inspected.height,
        bytes: img.inspected.bytes,
        alt: img.meta.alt,
        caption: img.meta.caption ?? null,
        credit: img.meta.credit ?? null,
        copyright: img.meta.copyright ?? null,
        source_url: img.meta.sourceUrl ?? null,
        variants: variantsByHash.get(h)!,
        avif_state: 'pending',
        created_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    idByHash.set(h, row.id);
  }
}

function resolveRef(baseDir: string, ref: string | number): string | number {
  return typeof ref === 'number' ? ref : path.resolve(baseDir, ref);
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const group = m.get(k);
    if (group) group.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** Bound values in one article row (the columns of articleColumns, the status, the scheduled time, the creation and last-change times). */
export const ARTICLE_VALUES = 24;

/** A picture's bytes, read again for encoding; refused if the file changed since it was checked. */
async function readChecked(img: PlannedImage): Promise<Buffer> {
  const data = await fs.readFile(img.file);
  if (createHash('sha256').update(data).digest('hex') !== img.inspected.hash)
    throw new ValidationFailed([{ field: img.at, message: `${path.basename(img.file)} changed during the import; nothing was imported` }]);
  return data;
}

/** The videos a live's entries show, as `entries[2].body[0].video`. */
export function entryVideoMentions(a: ArticleInput, prefix = ''): VideoMention[] {
  return (a.entries ?? []).flatMap((e, i) => videoMentions({ body: e.body }, `${prefix}entries[${i}].`));
}
