import path from 'node:path';
import type { MediaStorage } from '../media/storage.ts';
import { sql } from 'kysely';
import { inBatches, slices } from '../store/batches.ts';
import type { Db } from '../store/db.ts';
import type { ArticleInput, EntryInput } from './article.schema.ts';
import { entryImageIds, exportedEntry, storedEntriesOf } from '../live/entries.transfer.ts';
import { isVideoLead, type StoredBlock, type StoredImageLead, type StoredLead } from './blocks.ts';
import { translationAnchors } from './translations.ts';

export interface ExportResult {
  articles: ArticleInput[];
  /** Media keys the export refers to, by the path written in the articles. */
  files: Map<string | number, string>;
  /** The article rows' ids, in the order of `articles`. */
  ids: number[];
}

function articleRows(db: Db) {
  return db.selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id').selectAll('a').select('s.slug as section_slug');
}
type ArticleRow = Awaited<ReturnType<ReturnType<typeof articleRows>['execute']>>[number];

/** Articles read per statement by an export: their relations are then read for these ids only. */
export const EXPORT_BATCH = 500;

/**
 * Every article in the import format, so that `depeche import` reads back what
 * `depeche export` wrote. `imagePath` says how an image is named in the output.
 * Read in batches (see exportArticleBatches); `only` names a few articles.
 */
export async function exportArticles(
  db: Db,
  imagePath: (key: string, id: number) => string | number,
  only?: { ids: number[]; entries?: boolean },
): Promise<ExportResult> {
  const files = new Map<string | number, string>();
  const out: ExportResult = { articles: [], files, ids: [] };
  const add = (batch: { articles: ArticleInput[]; ids: number[] }) => {
    for (const a of batch.articles) out.articles.push(a);
    for (const id of batch.ids) out.ids.push(id);
  };
  if (only) {
    for (const ids of slices(only.ids, EXPORT_BATCH)) add(await inputsOf(db, await articleRows(db).where('a.id', 'in', ids).orderBy('a.edition').orderBy('a.id').execute(), imagePath, files, only.entries ?? true));
    return out;
  }
  for await (const batch of exportArticleBatches(db, imagePath, files)) add(batch);
  return out;
}

/**
 * The site's articles in the import format, a batch at a time, ordered by edition
 * and id (keyset: each batch starts after the last row of the one before), each
 * batch's tags, authors, pictures and translations read for its ids alone. What
 * the caller holds at once is one batch, whatever the size of the archive; `files`
 * gathers the media keys named (one per picture, not per article).
 */
export async function* exportArticleBatches(
  db: Db,
  imagePath: (key: string, id: number) => string | number,
  files: Map<string | number, string>,
  size = EXPORT_BATCH,
): AsyncGenerator<{ articles: ArticleInput[]; ids: number[] }> {
  let after: { edition: string; id: number } | undefined;
  for (;;) {
    let q = articleRows(db);
    if (after) q = q.where(sql<boolean>`(a.edition, a.id) > (${after.edition}, ${after.id})`);
    const rows = await q.orderBy('a.edition').orderBy('a.id').limit(size).execute();
    if (!rows.length) return;
    yield await inputsOf(db, rows, imagePath, files);
    const last = rows[rows.length - 1];
    after = { edition: last.edition, id: last.id };
    if (rows.length < size) return;
  }
}

async function inputsOf(
  db: Db,
  rows: ArticleRow[],
  imagePath: (key: string, id: number) => string | number,
  files: Map<string | number, string>,
  withEntries = true,
): Promise<{ articles: ArticleInput[]; ids: number[] }> {
  const ids = rows.map((r) => r.id);
  // A live's entries (all of them: an export is the whole site); the Admin API's article leaves them out.
  const entries = withEntries ? await storedEntriesOf(db, rows.filter((r) => r.live_started_at).map((r) => r.id)) : [];
  const [tags, authors, images, anchors] = ids.length
    ? await Promise.all([
        db.selectFrom('article_tags as t').innerJoin('tags as g', 'g.id', 't.tag_id').select(['t.article_id', 'g.name']).where('t.article_id', 'in', ids).orderBy('t.position').execute(),
        db.selectFrom('article_authors as t').innerJoin('authors as u', 'u.id', 't.author_id').select(['t.article_id', 'u.name']).where('t.article_id', 'in', ids).orderBy('t.position').execute(),
        inBatches([...new Set([...imageIdsOf(rows), ...entryImageIds(entries)])], 1, (slice) => db.selectFrom('images').where('id', 'in', slice).select(['id', 'original', 'copyright', 'source_url']).execute()),
        translationAnchors(db, ids),
      ])
    : [[], [], [], new Map()];
  const imageKey = new Map(images.map((i) => [i.id, i.original]));
  const imageRights = new Map(images.map((i) => [i.id, i]));
  const ref = (id: number) => {
    const key = imageKey.get(id)!;
    const p = imagePath(key, id);
    files.set(p, key);
    return p;
  };
  const byArticle = (list: Array<{ article_id: number; name: string }>) => {
    const m = new Map<number, string[]>();
    for (const x of list) {
      const names = m.get(x.article_id);
      if (names) names.push(x.name);
      else m.set(x.article_id, [x.name]);
    }
    return m;
  };
  const tagsOf = byArticle(tags);
  const authorsOf = byArticle(authors);
  const figure = (f: StoredImageLead) => ({
    image: ref(f.imageId),
    alt: f.alt,
    ...(f.decorative ? { decorative: true } : {}),
    ...(f.caption ? { caption: f.caption } : {}),
    ...(f.credit ? { credit: f.credit } : {}),
    ...(f.archive ? { archive: true } : {}),
    ...(imageRights.get(f.imageId)?.copyright ? { copyright: imageRights.get(f.imageId)!.copyright! } : {}),
    ...(imageRights.get(f.imageId)?.source_url ? { sourceUrl: imageRights.get(f.imageId)!.source_url! } : {}),
  });

  const entriesOf = new Map<number, EntryInput[]>();
  for (const e of entries) {
    const list = entriesOf.get(e.article_id);
    const x = exportedEntry(e, figure);
    if (list) list.push(x);
    else entriesOf.set(e.article_id, [x]);
  }
  const articles = rows.map((r): ArticleInput => {
    const body = (JSON.parse(r.body) as StoredBlock[]).map((b) => (b.type === 'figure' ? { type: 'figure' as const, ...figure(b) } : b));
    const stored = r.lead ? (JSON.parse(r.lead) as StoredLead) : null;
    // A lead video is named by its id; its poster, title and credit are the video's own, not the article's.
    const lead = stored === null ? undefined : isVideoLead(stored) ? { video: stored.video, ...(stored.caption ? { caption: stored.caption } : {}) } : figure(stored);
    return {
      edition: r.edition,
      slug: r.slug,
      section: r.section_slug,
      headline: r.headline,
      ...(r.standfirst ? { standfirst: r.standfirst } : {}),
      status: r.status as ArticleInput['status'],
      ...(r.published_at ? { publishedAt: r.published_at } : {}),
      ...(r.updated_at ? { updatedAt: r.updated_at } : {}),
      ...(r.status === 'scheduled' && r.scheduled_at ? { scheduledAt: r.scheduled_at } : {}),
      authors: authorsOf.get(r.id) ?? [],
      tags: tagsOf.get(r.id) ?? [],
      ...(r.source_name ? { source: { name: r.source_name, ...(r.source_url ? { url: r.source_url } : {}) } } : {}),
      ...(r.canonical_url ? { canonicalUrl: r.canonical_url } : {}),
      ...(anchors.has(r.id) ? { translationOf: anchors.get(r.id)! } : {}),
      ...(r.seo_title || r.seo_description || r.social_image_id
        ? {
            seo: {
              ...(r.seo_title ? { title: r.seo_title } : {}),
              ...(r.seo_description ? { description: r.seo_description } : {}),
              ...(r.social_image_id ? { image: ref(r.social_image_id) } : {}),
            },
          }
        : {}),
      ...(lead ? { lead } : {}),
      body: body as ArticleInput['body'],
      ...(r.live_started_at
        ? { live: { startedAt: r.live_started_at, endedAt: r.live_ended_at, openPosting: r.live_open_posting === 1, push: r.live_push === 1 }, ...(withEntries ? { entries: entriesOf.get(r.id) ?? [] } : {}) }
        : {}),
    };
  });
  return { articles, ids };
}

function imageIdsOf(rows: Array<{ lead: string | null; body: string; social_image_id: number | null }>): number[] {
  const ids = new Set<number>();
  for (const r of rows) {
    if (r.social_image_id) ids.add(r.social_image_id);
    const lead = r.lead ? (JSON.parse(r.lead) as StoredLead) : null;
    if (lead && !isVideoLead(lead)) ids.add(lead.imageId);
    for (const b of JSON.parse(r.body) as StoredBlock[]) if (b.type === 'figure') ids.add(b.imageId);
  }
  return [...ids];
}

/** Copies the exported images next to the export file. */
export async function copyExportMedia(media: MediaStorage, files: Map<string | number, string>, outDir: string, write: (file: string, data: Buffer) => Promise<void>) {
  for (const [rel, key] of files) await write(path.join(outDir, String(rel)), await media.read(key));
}
