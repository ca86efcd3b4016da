import { ValidationFailed, type FieldIssue } from '../errors.ts';
import { parseArticle } from '../content/article.schema.ts';
import { isVideoLeadInput } from '../content/blocks.ts';
import { loadVideoMedia } from '../video/video-media.ts';
import { exportArticles } from '../content/export.service.ts';
import { importArticles, type ImportDeps, type ImportedArticle } from '../content/import.service.ts';
import { paths, mediaHref } from '../content/paths.ts';
import { slugify } from '../content/slug.ts';
import type { ImageVariant } from '../media/images.ts';
import type { Db } from '../store/db.ts';
import { blocksToHtml, blocksToText } from './html.ts';
import { MAX_NINJS_DEPTH, nestsDeeperThan, ninjsToArticle, type NinjsVersion } from './ninjs-import.ts';

export interface NinjsFile {
  name: string;
  text: string;
}

export interface NinjsPlan {
  name: string;
  version: NinjsVersion;
  article: Record<string, unknown>;
  notes: FieldIssue[];
}

/** Converts every item; a file that is not JSON, or not an item, fails the whole run. */
export async function planNinjsImport(db: Db, files: NinjsFile[], opts: { defaultEdition: string; section?: string }): Promise<NinjsPlan[]> {
  const sections = await db.selectFrom('sections').select(['edition', 'slug']).orderBy('edition').orderBy('position').orderBy('id').execute();
  const editions = new Map<string, string[]>((await db.selectFrom('editions').select('code').execute()).map((e) => [e.code, []]));
  for (const s of sections) editions.get(s.edition)?.push(s.slug);
  const issues: FieldIssue[] = [];
  const plans: NinjsPlan[] = [];
  for (const f of files) {
    let doc: unknown;
    try {
      doc = JSON.parse(f.text);
    } catch (e) {
      issues.push({ field: f.name, message: `malformed JSON: ${(e as Error).message}` });
      continue;
    }
    const list = Array.isArray(doc) ? doc : [doc];
    for (const [i, item] of list.entries()) {
      const name = Array.isArray(doc) ? `${f.name}: item ${i}` : f.name;
      if (nestsDeeperThan(item, MAX_NINJS_DEPTH)) {
        issues.push({ field: name, message: `refused: nested more than ${MAX_NINJS_DEPTH} levels deep` });
        continue;
      }
      const c = await ninjsToArticle(item, { editions, defaultEdition: opts.defaultEdition, section: opts.section });
      plans.push({ name, ...c });
    }
  }
  if (issues.length) throw new ValidationFailed(issues);
  return plans;
}

/** Checks the converted articles as the import would, without writing. */
export async function checkNinjsPlans(db: Db, plans: NinjsPlan[]): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const p of plans) {
    const r = parseArticle(p.article);
    if (!r.ok) {
      for (const i of r.issues) issues.push({ field: `${p.name}: ${i.field}`, message: i.message });
      continue;
    }
    const slug = r.article.slug ?? slugify(r.article.headline);
    const taken = await db.selectFrom('articles').select('id').where('edition', '=', r.article.edition).where('slug', '=', slug).executeTakeFirst();
    if (taken) issues.push({ field: `${p.name}: slug`, message: `"${slug}" already exists in edition ${r.article.edition}` });
  }
  return issues;
}

/** Runs the ordinary all-or-nothing import over the converted items. */
export async function importNinjsPlans(deps: ImportDeps, plans: NinjsPlan[]): Promise<ImportedArticle[]> {
  return importArticles(
    deps,
    plans.map((p) => ({ name: p.name, baseDir: process.cwd(), text: JSON.stringify(p.article) })),
  );
}

/** The slug the import will give an item, for the dry-run listing. */
export function plannedSlug(p: NinjsPlan): string {
  return typeof p.article.headline === 'string' ? slugify(p.article.headline) : '(no headline)';
}

// ---------------------------------------------------------------- export

export interface NinjsExportFile {
  file: string;
  item: Record<string, unknown>;
}

/**
 * Every article as a ninjs 2.x or 3.x item. 3.x has the 2.x structure with
 * camelCase property names; `k()` gives the name for the version.
 */
export async function exportNinjs(db: Db, config: { publicUrl: string; siteName: string; media?: { publicUrl?: string } }, version: 2 | 3): Promise<NinjsExportFile[]> {
  const { articles } = await exportArticles(db, (_key, id) => id);
  const k = (lower: string, camel: string) => (version === 3 ? camel : lower);
  const editions = new Map((await db.selectFrom('editions').select(['code', 'base_url']).execute()).map((e) => [e.code, e.base_url || config.publicUrl]));
  const sectionNames = new Map((await db.selectFrom('sections').select(['edition', 'slug', 'name']).execute()).map((s) => [`${s.edition}/${s.slug}`, s.name]));
  const imageIds = new Set<number>();
  const videoIds = new Set<number>();
  for (const a of articles) {
    if (a.lead && !isVideoLeadInput(a.lead) && typeof a.lead.image === 'number') imageIds.add(a.lead.image);
    if (a.lead && isVideoLeadInput(a.lead)) videoIds.add(a.lead.video);
    for (const b of a.body) {
      if (b.type === 'figure' && typeof b.image === 'number') imageIds.add(b.image);
      if (b.type === 'video') videoIds.add(b.video);
    }
  }
  // Video files are named on the site's own address (or the media host); an edition's domain serves the same files.
  const videos = await loadVideoMedia(db, videoIds, config.publicUrl, config.media?.publicUrl);
  for (const v of videos.values()) if (v.posterImageId !== null) imageIds.add(v.posterImageId);
  const images = imageIds.size
    ? new Map((await db.selectFrom('images').select(['id', 'original', 'mime', 'width', 'height', 'variants', 'copyright']).where('id', 'in', [...imageIds]).execute()).map((i) => [i.id, i]))
    : new Map();
  const mime: Record<string, string> = { jpeg: 'image/jpeg', webp: 'image/webp', avif: 'image/avif' };

  return articles.map((a) => {
    const base = editions.get(a.edition) ?? config.publicUrl;
    const absolute = (p: string) => (p.startsWith('/') ? base + p : p);
    const url = base + paths.article(a.edition, a.section, a.slug!);
    const href = (key: string) => mediaHref(key, base, config.media?.publicUrl);
    const imageUrl = (id: number) => (images.get(id) ? href(images.get(id)!.original) : undefined);
    const text = (value: string, role: string, contenttype = 'text/plain') => ({ role, [k('contenttype', 'contentType')]: contenttype, value });

    const item: Record<string, unknown> = {
      $standard: { name: 'ninjs', version: version === 3 ? '3.0' : '2.0', schema: `http://www.iptc.org/std/ninjs/ninjs-schema_${version === 3 ? '3.0' : '2.0'}.json` },
      uri: url,
      type: 'text',
      [k('contenttype', 'contentType')]: 'text/html',
      version: '1',
      ...(a.publishedAt ? { [k('firstcreated', 'firstCreated')]: a.publishedAt } : {}),
      ...(a.updatedAt ?? a.publishedAt ? { [k('versioncreated', 'versionCreated')]: a.updatedAt ?? a.publishedAt } : {}),
      [k('pubstatus', 'pubStatus')]: a.status === 'published' ? 'usable' : 'withheld',
      language: a.edition,
      headlines: [text(a.headline, 'main')],
      ...(a.standfirst ? { descriptions: [text(a.standfirst, 'summary')] } : {}),
      bodies: [
        text(blocksToText(a.body), 'main'),
        text(blocksToHtml(a.body, { absolute, imageUrl, video: (id) => (videos.get(id) ? { title: videos.get(id)!.title, url: videos.get(id)!.mp4 } : undefined) }), 'richtext', 'text/html'),
      ],
      ...(a.authors.length ? { by: a.authors.join(', ') } : {}),
      subjects: [
        { name: sectionNames.get(`${a.edition}/${a.section}`) ?? a.section, uri: base + paths.section(a.edition, a.section), rel: 'section' },
        ...a.tags.map((t) => ({ name: t })),
      ],
      ...(a.source ? { [k('infosources', 'infoSources')]: [{ name: a.source.name, ...(a.source.url ? { uri: a.source.url } : {}), role: 'source' }] } : {}),
      [k('copyrightholder', 'copyrightHolder')]: config.siteName,
      [k('copyrightnotice', 'copyrightNotice')]: `© ${(a.publishedAt ?? '').slice(0, 4) || new Date().getUTCFullYear()} ${config.siteName}`,
    };
    const pictureRenditions = (img: { original: string; mime: string; width: number; height: number; variants: string }, prefix = '') => {
      const variants = (JSON.parse(img.variants) as ImageVariant[]).filter((v) => !v.purpose);
      return [
        { name: `${prefix}original`, href: href(img.original), [k('contenttype', 'contentType')]: img.mime, width: img.width, height: img.height },
        ...variants.map((v) => ({ name: `${prefix}${v.format}-${v.width}`, href: href(v.key), [k('contenttype', 'contentType')]: mime[v.format] ?? 'application/octet-stream', width: v.width, height: v.height })),
      ];
    };
    const associations: Array<Record<string, unknown>> = [];
    if (a.lead && !isVideoLeadInput(a.lead) && typeof a.lead.image === 'number' && images.get(a.lead.image)) {
      const img = images.get(a.lead.image)!;
      const lead = a.lead;
      associations.push({
        name: 'featureimage',
        uri: href(img.original),
        type: 'picture',
        ...(lead.caption ? { headlines: [text(lead.caption, 'main')] } : {}),
        ...(lead.alt ? { descriptions: [text(lead.alt, 'alternative')] } : {}),
        ...(lead.credit ? { by: lead.credit } : {}),
        ...(img.copyright ? { [k('copyrightholder', 'copyrightHolder')]: img.copyright } : {}),
        renditions: pictureRenditions(img),
      });
    }
    // Videos of the library: the lead as `featurevideo`, body videos as `video1`, `video2`…, each with its
    // HLS playlist, MP4, poster and subtitles files as renditions (ninjs has no field of its own for subtitles).
    const video = (name: string, id: number, caption: string | undefined) => {
      const v = videos.get(id);
      if (!v) return;
      const ct = k('contenttype', 'contentType');
      const poster = v.posterImageId !== null ? images.get(v.posterImageId) : undefined;
      associations.push({
        name,
        uri: v.hls ?? v.mp4 ?? `${config.publicUrl}/api/admin/videos/${v.id}`,
        type: 'video',
        language: v.language,
        headlines: [text(v.title, 'main')],
        ...(caption || v.description ? { descriptions: [text(caption ?? v.description!, caption ? 'caption' : 'summary')] } : {}),
        ...(v.credit ? { by: v.credit } : {}),
        ...(v.copyright ? { [k('copyrightholder', 'copyrightHolder')]: v.copyright } : {}),
        renditions: [
          ...(v.hls ? [{ name: 'hls', href: v.hls, [ct]: 'application/vnd.apple.mpegurl', ...(v.width ? { width: v.width, height: v.height } : {}), ...(v.durationMs ? { duration: v.durationMs / 1000 } : {}) }] : []),
          ...(v.mp4 ? [{ name: 'mp4', href: v.mp4, [ct]: 'video/mp4', ...(v.durationMs ? { duration: v.durationMs / 1000 } : {}) }] : []),
          ...(poster ? pictureRenditions(poster, 'poster-') : []),
          ...v.subtitles.flatMap((s) => (s.url ? [{ name: `subtitles-${s.language}`, href: s.url, [ct]: 'text/vtt', ...(s.label ? { title: s.label } : {}) }] : [])),
        ],
      });
    };
    if (a.lead && isVideoLeadInput(a.lead)) video('featurevideo', a.lead.video, a.lead.caption);
    let n = 0;
    for (const b of a.body) if (b.type === 'video') video(`video${++n}`, b.video, b.caption);
    if (associations.length) item.associations = associations;
    return { file: `${a.edition}-${a.slug}.json`, item };
  });
}
