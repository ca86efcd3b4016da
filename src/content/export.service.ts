import path from 'node:path';
import type { MediaStorage } from '../media/storage.ts';
import type { Db } from '../store/db.ts';
import type { ArticleInput } from './article.schema.ts';
import type { StoredBlock, StoredLead } from './blocks.ts';
import { translationAnchors } from './translations.ts';

export interface ExportResult {
  articles: ArticleInput[];
  /** Media keys the export refers to, by the path written in the articles. */
  files: Map<string | number, string>;
  /** The article rows' ids, in the order of `articles`. */
  ids: number[];
}

/**
 * Every article in the import format, so that `depeche import` reads back what
 * `depeche export` wrote. `imagePath` says how an image is named in the output.
 */
export async function exportArticles(
  db: Db,
  imagePath: (key: string, id: number) => string | number,
  only?: { ids: number[] },
): Promise<ExportResult> {
  let q = db.selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id').selectAll('a').select('s.slug as section_slug');
  if (only) q = q.where('a.id', 'in', only.ids.length ? only.ids : [-1]);
  const rows = await q.orderBy('a.edition').orderBy('a.id').execute();
  const ids = rows.map((r) => r.id);
  const [tags, authors, images, anchors] = ids.length
    ? await Promise.all([
        db.selectFrom('article_tags as t').innerJoin('tags as g', 'g.id', 't.tag_id').select(['t.article_id', 'g.name']).where('t.article_id', 'in', ids).orderBy('t.position').execute(),
        db.selectFrom('article_authors as t').innerJoin('authors as u', 'u.id', 't.author_id').select(['t.article_id', 'u.name']).where('t.article_id', 'in', ids).orderBy('t.position').execute(),
        // A few articles name their images; a whole export reads the library (no giant IN list).
        (only ? db.selectFrom('images').where('id', 'in', imageIdsOf(rows)) : db.selectFrom('images')).select(['id', 'original', 'copyright', 'source_url']).execute(),
        translationAnchors(db, only?.ids),
      ])
    : [[], [], [], new Map()];
  const imageKey = new Map(images.map((i) => [i.id, i.original]));
  const imageRights = new Map(images.map((i) => [i.id, i]));
  const files = new Map<string | number, string>();
  const ref = (id: number) => {
    const key = imageKey.get(id)!;
    const p = imagePath(key, id);
    files.set(p, key);
    return p;
  };
  const namesOf = (list: Array<{ article_id: number; name: string }>, id: number) => list.filter((x) => x.article_id === id).map((x) => x.name);
  const figure = (f: StoredLead) => ({
    image: ref(f.imageId),
    alt: f.alt,
    ...(f.decorative ? { decorative: true } : {}),
    ...(f.caption ? { caption: f.caption } : {}),
    ...(f.credit ? { credit: f.credit } : {}),
    ...(f.archive ? { archive: true } : {}),
    ...(imageRights.get(f.imageId)?.copyright ? { copyright: imageRights.get(f.imageId)!.copyright! } : {}),
    ...(imageRights.get(f.imageId)?.source_url ? { sourceUrl: imageRights.get(f.imageId)!.source_url! } : {}),
  });

  const articles = rows.map((r): ArticleInput => {
    const body = (JSON.parse(r.body) as StoredBlock[]).map((b) => (b.type === 'figure' ? { type: 'figure' as const, ...figure(b) } : b));
    const lead = r.lead ? figure(JSON.parse(r.lead) as StoredLead) : undefined;
    return {
      edition: r.edition,
      slug: r.slug,
      section: r.section_slug,
      headline: r.headline,
      ...(r.standfirst ? { standfirst: r.standfirst } : {}),
      status: r.status as ArticleInput['status'],
      ...(r.published_at ? { publishedAt: r.published_at } : {}),
      ...(r.updated_at ? { updatedAt: r.updated_at } : {}),
      authors: namesOf(authors, r.id),
      tags: namesOf(tags, r.id),
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
    };
  });
  return { articles, files, ids };
}

function imageIdsOf(rows: Array<{ lead: string | null; body: string; social_image_id: number | null }>): number[] {
  const ids = new Set<number>([-1]);
  for (const r of rows) {
    if (r.social_image_id) ids.add(r.social_image_id);
    if (r.lead) ids.add((JSON.parse(r.lead) as StoredLead).imageId);
    for (const b of JSON.parse(r.body) as StoredBlock[]) if (b.type === 'figure') ids.add(b.imageId);
  }
  return [...ids];
}

/** Copies the exported images next to the export file. */
export async function copyExportMedia(media: MediaStorage, files: Map<string | number, string>, outDir: string, write: (file: string, data: Buffer) => Promise<void>) {
  for (const [rel, key] of files) await write(path.join(outDir, String(rel)), await media.read(key));
}
