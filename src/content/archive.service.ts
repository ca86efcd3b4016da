import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { ValidationFailed } from '../errors.ts';
import type { MediaStorage } from '../media/storage.ts';
import { inBatches } from '../store/batches.ts';
import type { Db } from '../store/db.ts';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, checkSettings, crossCheck, mediaKey, namedMedia, parseManifest, pictureRefs, type ArchiveManifest, type ArchiveManifestV2, type ParsedManifest } from './archive.manifest.ts';
import { importedArticles, refuseUnlessEmpty, restoreV2, writeSettings } from './archive.restore.ts';
import { dataFileName, DEFAULT_LIMITS, extractArchive, MANIFEST, MEDIA_DIR, writeArchive, type ArchiveLimits, type DataKind } from './archive.tar.ts';
import { EXPORT_BATCH, exportArticleBatches } from './export.service.ts';
import { countSiteRows, identityFiles, sitePictureRefs, portableIdentity, siteRows as structureRows, type PortableIdentity } from './archive.site.ts';
import { channelLines, portableVideoRefs, programmeLines, showLines, videoLines } from './archive.video.ts';
import { importArticles, type ImportDeps, type ImportedArticle, type SiteRows } from './import.service.ts';

/**
 * Writes the whole site to one archive file (gzip'd tar, format version 4): the
 * manifest (editions with their identity, sections, how many rows follow), the articles and the
 * rows that name them as NDJSON data files of EXPORT_BATCH rows each, then the
 * original of every picture the articles use, read one at a time. Articles are
 * read in keyset batches with their relations, and each data file is packed
 * before the next batch is read: memory does not grow with the site.
 */
export async function exportArchive(
  deps: { db: Db; media: MediaStorage; now: () => Date },
  out: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ articles: number; media: number; videos: number; programmes: number }> {
  // One snapshot: an article written between two reads would leave a pin or a redirect naming an article the archive lacks.
  return deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (db) => {
      const [editions, sections, counts] = await Promise.all([
        db.selectFrom('editions').selectAll().orderBy('position').orderBy('code').execute(),
        db.selectFrom('sections').selectAll().orderBy('edition').orderBy('position').orderBy('id').execute(),
        countRows(db),
      ]);
      const files = new Map<string | number, string>();
      const identities = new Map<string, PortableIdentity | undefined>();
      for (const e of editions) identities.set(e.code, await portableIdentity(db, e.identity, files));
      const manifest: ArchiveManifestV2 = {
        format: ARCHIVE_FORMAT,
        version: ARCHIVE_VERSION,
        exportedAt: deps.now().toISOString(),
        editions: editions.map((e) => ({
          code: e.code,
          name: e.name,
          baseUrl: e.base_url,
          timeZone: e.time_zone,
          isDefault: Boolean(e.is_default),
          position: Number(e.position),
          language: e.language,
          dir: e.dir === 'rtl' ? ('rtl' as const) : ('ltr' as const),
          numbering: e.numbering,
          ...(identities.get(e.code) ? { identity: identities.get(e.code) } : {}),
        })),
        sections: sections.map((s) => {
          const parent = s.parent_id === null ? undefined : sections.find((p) => p.id === s.parent_id)?.slug;
          return { edition: s.edition, slug: s.slug, name: s.name, position: Number(s.position), inNav: Boolean(s.in_nav), ...(parent ? { parent } : {}), ...(s.description ? { description: s.description } : {}), ...(s.implicit ? { implicit: true } : {}) };
        }),
        counts,
      };
      /** Video sources: their name in the archive (by edition and slug) and their key in the media storage. */
      const sources = new Map<string, string>();
      let written = 0;
      await writeArchive(
        out,
        JSON.stringify(manifest, null, 2) + '\n',
        dataFiles(db, files, sources, () => written++),
        () => [
          ...[...new Set(files.values())].sort().map((key) => ({ name: key, read: () => deps.media.read(key) })),
          ...[...sources].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, key]) => ({ name, read: async () => ({ size: (await deps.media.head(key))?.size ?? 0, stream: await deps.media.stream(key) }) })),
        ],
        onProgress,
      );
      return { articles: counts.articles, media: new Set(files.values()).size, videos: counts.videos ?? 0, programmes: counts.programmes ?? 0 };
    });
}

async function countRows(db: Db): Promise<ArchiveManifestV2['counts']> {
  const n = async (table: 'articles' | 'redirects' | 'slug_history' | 'home_slots' | 'videos' | 'channels' | 'shows' | 'programmes') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    articles: await n('articles'),
    redirects: await n('redirects'),
    slugHistory: await n('slug_history'),
    homeSlots: await n('home_slots'),
    videos: await n('videos'),
    channels: await n('channels'),
    shows: await n('shows'),
    programmes: await n('programmes'),
    ...(await countSiteRows(db)),
  };
}

const ndjson = (rows: unknown[]) => Buffer.from(rows.map((r) => JSON.stringify(r) + '\n').join(''), 'utf8');

/** The data files of a version 2 archive, each made when the packer asks for it. */
async function* dataFiles(db: Db, files: Map<string | number, string>, sources: Map<string, string>, onArticles: () => void): AsyncGenerator<{ name: string; data: Buffer }> {
  let n = 0;
  for await (const batch of exportArticleBatches(db, (key) => `${MEDIA_DIR}/${key}`, files)) {
    onArticles();
    // Videos by edition and slug: the ids of this site mean nothing to the one restoring.
    await portableVideoRefs(db, batch.articles as unknown as Array<Record<string, unknown>>);
    yield { name: dataFileName('articles', ++n), data: ndjson(batch.articles) };
  }
  const kinds: Array<[DataKind, (after: unknown[] | undefined) => Promise<{ rows: unknown[]; last: unknown[] | undefined }>]> = [
    [
      'redirects',
      async (after) => {
        const rows = await db
          .selectFrom('redirects as r')
          .innerJoin('articles as a', 'a.id', 'r.article_id')
          .select(['r.path', 'r.created_at', 'a.edition', 'a.slug'])
          .$if(after !== undefined, (q) => q.where('r.path', '>', after![0] as string))
          .orderBy('r.path')
          .limit(EXPORT_BATCH)
          .execute();
        return { rows: rows.map((r) => ({ path: r.path, edition: r.edition, slug: r.slug, createdAt: r.created_at })), last: rows.length ? [rows[rows.length - 1].path] : undefined };
      },
    ],
    [
      'slug-history',
      async (after) => {
        const rows = await db
          .selectFrom('slug_history as h')
          .innerJoin('articles as a', 'a.id', 'h.article_id')
          .select(['h.edition', 'h.slug', 'a.slug as article_slug'])
          .$if(after !== undefined, (q) => q.where(sql<boolean>`(h.edition, h.slug) > (${after![0]}, ${after![1]})`))
          .orderBy('h.edition')
          .orderBy('h.slug')
          .limit(EXPORT_BATCH)
          .execute();
        const last = rows[rows.length - 1];
        return { rows: rows.map((h) => ({ edition: h.edition, slug: h.slug, articleSlug: h.article_slug })), last: last ? [last.edition, last.slug] : undefined };
      },
    ],
    [
      'home-slots',
      async (after) => {
        const rows = await db
          .selectFrom('home_slots as h')
          .innerJoin('articles as a', 'a.id', 'h.article_id')
          .select(['h.edition', 'h.position', 'a.slug'])
          .$if(after !== undefined, (q) => q.where(sql<boolean>`(h.edition, h.position) > (${after![0]}, ${after![1]})`))
          .orderBy('h.edition')
          .orderBy('h.position')
          .limit(EXPORT_BATCH)
          .execute();
        const last = rows[rows.length - 1];
        return { rows: rows.map((h) => ({ edition: h.edition, position: Number(h.position), slug: h.slug })), last: last ? [last.edition, Number(last.position)] : undefined };
      },
    ],
  ];
  kinds.push(
    ['videos', async (after) => {
      const r = await videoLines(db, after?.[0] as number | undefined, EXPORT_BATCH, sources);
      return { rows: r.rows, last: r.last === undefined ? undefined : [r.last] };
    }],
    ['channels', async (after) => ({ rows: after ? [] : await channelLines(db), last: [0] })],
    ['shows', async (after) => {
      const r = await showLines(db, after?.[0] as number | undefined, EXPORT_BATCH);
      return { rows: r.rows, last: r.last === undefined ? undefined : [r.last] };
    }],
    ['programmes', async (after) => {
      const r = await programmeLines(db, after?.[0] as number | undefined, EXPORT_BATCH);
      return { rows: r.rows, last: r.last === undefined ? undefined : [r.last] };
    }],
  );
  for (const [kind, read] of kinds) {
    let after: unknown[] | undefined;
    for (let i = 1; ; i++) {
      const { rows, last } = await read(after);
      if (!rows.length) break;
      yield { name: dataFileName(kind, i), data: ndjson(rows) };
      if (rows.length < EXPORT_BATCH) break;
      after = last;
    }
  }
  // Version 4: the site's structure (topics, people, authors, pages, menus, former slugs, translations, focal points).
  const numbered = new Map<string, number>();
  for await (const { kind, rows } of structureRows(db, files)) {
    if (!rows.length) continue;
    const i = (numbered.get(kind) ?? 0) + 1;
    numbered.set(kind, i);
    yield { name: dataFileName(kind, i), data: ndjson(rows) };
  }
}

export interface Restored {
  /** How many articles came back. */
  articles: number;
  /** How many of each kind of row came back. */
  counts: { editions: number; sections: number; media: number; redirects: number; slugHistory: number; homeSlots: number; videos?: number; channels?: number; shows?: number; programmes?: number; tags?: number; people?: number; authors?: number; pages?: number; menuItems?: number; slugAliases?: number };
  /** The articles restored, a batch at a time (read back from the store once the restore is committed). */
  imported: () => AsyncIterable<ImportedArticle[]>;
}

/**
 * Restores an export archive into an empty site, all or nothing: editions,
 * sections, articles (checked and written as the import does, so pictures and
 * checks are the same), former addresses, former slugs and pins go in one
 * transaction. A version 2 archive is read a data file at a time and written
 * in statement-sized batches (archive.restore.ts); a version 1 archive, whose
 * manifest holds everything, goes through the ordinary import.
 * The archive is unpacked into a folder under DATA_DIR/tmp, removed afterwards.
 */
export async function restoreArchive(deps: ImportDeps & { config: Pick<Config, 'dataDir'> & Partial<Pick<Config, 'video'>> }, file: string, limits: Partial<ArchiveLimits> = {}): Promise<Restored> {
  await refuseUnlessEmpty(deps.db);
  // Under DATA_DIR, not the system's temporary folder: the unpacked pictures are renamed into the media folder's disk.
  const root = path.join(deps.config.dataDir, 'tmp');
  await fs.mkdir(root, { recursive: true });
  await removeAbandoned(root);
  const dir = await fs.mkdtemp(path.join(root, `${RESTORE_PREFIX}${process.pid}-`));
  try {
    let parsed: ParsedManifest | undefined;
    /** Pictures the data files name, gathered as they are unpacked (version 2). */
    const named = new Set<string>();
    const { manifest: text, media, data } = await extractArchive(
      file,
      dir,
      { ...DEFAULT_LIMITS, maxFileBytes: deps.config.maxImageBytes, maxVideoBytes: deps.config.video?.maxBytes ?? deps.config.maxImageBytes, maxTotalBytes: await unpackBudget(root), ...limits },
      (manifest) => {
        parsed = parseManifest(manifest, MANIFEST);
        if (!parsed.ok) return null;
        // An edition's logo and icons are files of the media storage, brought as they are.
        for (const e of parsed.manifest.editions) for (const key of identityFiles(e.identity)) named.add(key);
        for (const e of parsed.manifest.editions) if (e.identity?.socialPicture) named.add(mediaKey(e.identity.socialPicture) ?? '');
        if (parsed.version === 1) for (const key of namedMedia(parsed.manifest)) named.add(key);
        return named;
      },
      (name, bytes) => {
        if (name.startsWith('videos/')) {
          // A video's source file, the only files the archive may bring under media/videos/.
          for (const line of bytes.toString('utf8').split('\n')) {
            try {
              const key = mediaKey((JSON.parse(line) as { source?: unknown } | null)?.source);
              if (key !== null && key.startsWith('videos/')) named.add(key);
            } catch {
              continue;
            }
          }
          return;
        }
        const kind = name.slice(0, name.indexOf('/'));
        if (kind === 'people' || kind === 'authors' || kind === 'pages' || kind === 'focal-points') {
          for (const line of bytes.toString('utf8').split('\n')) {
            try {
              const row = JSON.parse(line) as Record<string, unknown> | null;
              for (const [, ref] of kind === 'focal-points' ? [['image', row?.image] as [string, unknown]] : sitePictureRefs(kind, row)) {
                const key = mediaKey(ref);
                if (key !== null) named.add(key);
              }
            } catch {
              continue;
            }
          }
          return;
        }
        if (!name.startsWith('articles/')) return;
        // A line that does not parse names no picture: the restore reports it, naming the line.
        for (const line of bytes.toString('utf8').split('\n')) {
          let art: unknown;
          try {
            art = JSON.parse(line);
          } catch {
            continue;
          }
          for (const [, ref] of pictureRefs((art ?? {}) as Record<string, unknown>)) {
            const key = mediaKey(ref);
            if (key !== null) named.add(key);
          }
        }
      },
    );
    parsed ??= parseManifest(text, MANIFEST);
    if (!parsed.ok) throw new ValidationFailed(parsed.issues);
    if (parsed.version === 2) {
      const m = parsed.manifest;
      const issues = checkSettings(m, MANIFEST);
      if (issues.length) throw new ValidationFailed(issues);
      const { articles } = await restoreV2(deps, { name: path.basename(file), dir, manifest: m, data, media, video: deps.config.video });
      return {
        articles,
        counts: {
          editions: m.editions.length,
          sections: m.sections.length,
          media: [...media].filter((k) => !k.startsWith('videos/')).length,
          redirects: m.counts.redirects,
          slugHistory: m.counts.slugHistory,
          homeSlots: m.counts.homeSlots,
          videos: m.counts.videos ?? 0,
          channels: m.counts.channels ?? 0,
          shows: m.counts.shows ?? 0,
          programmes: m.counts.programmes ?? 0,
          tags: m.counts.tags ?? 0,
          people: m.counts.people ?? 0,
          authors: m.counts.authors ?? 0,
          pages: m.counts.pages ?? 0,
          menuItems: m.counts.menuItems ?? 0,
          slugAliases: m.counts.slugAliases ?? 0,
        },
        imported: () => importedArticles(deps.db, deps.config.publicUrl),
      };
    }
    const m = parsed.manifest;
    const issues = crossCheck(m, MANIFEST, media);
    if (issues.length) throw new ValidationFailed(issues);

    const site = siteRows(m);
    const counts = { editions: m.editions.length, sections: m.sections.length, media: media.size, redirects: m.redirects.length, slugHistory: m.slugHistory.length, homeSlots: m.homeSlots.length };
    // A site without articles still brings its editions and sections: no source, and the import writes only those.
    const sources = m.articles.length ? [{ name: MANIFEST, baseDir: dir, text: JSON.stringify(m.articles) }] : [];
    const list = await importArticles(deps, sources, site);
    return {
      articles: list.length,
      counts,
      imported: async function* () {
        yield list;
      },
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const RESTORE_PREFIX = 'restore-';

/**
 * What an archive may unpack to: half the free space of the disk under
 * DATA_DIR, since every picture unpacked is then copied into the media
 * folder (with its variants). A 20 GB archive needs some 45 GB free.
 */
export async function unpackBudget(dir: string): Promise<number> {
  const s = await fs.statfs(dir);
  return Math.floor((s.bavail * s.bsize) / 2);
}

/** Folders left by a restore whose process died (killed, or the machine stopped): the finally above never ran. */
async function removeAbandoned(root: string): Promise<void> {
  for (const name of await fs.readdir(root)) {
    const pid = Number(/^restore-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) await fs.rm(path.join(root, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Editions and sections before the articles, the rows that point at articles after. */
function siteRows(m: ArchiveManifest): Required<SiteRows> {
  return {
    editions: m.editions.map((e) => ({ code: e.code, base_url: e.baseUrl })),
    async beforeArticles(trx) {
      // Checked again in the transaction: another command may have written since.
      await refuseUnlessEmpty(trx);
      await writeSettings(trx, m);
    },
    async afterArticles(trx, imported) {
      const id = new Map(imported.map((a) => [`${a.edition}/${a.slug}`, a.id]));
      const idOf = (edition: string, slug: string) => id.get(`${edition}/${slug}`)!;
      await inBatches(m.redirects, 3, (rows) =>
        trx.insertInto('redirects').values(rows.map((r) => ({ path: r.path, article_id: idOf(r.edition, r.slug), created_at: new Date(r.createdAt).toISOString() }))).execute(),
      );
      await inBatches(m.slugHistory, 3, (rows) => trx.insertInto('slug_history').values(rows.map((h) => ({ edition: h.edition, slug: h.slug, article_id: idOf(h.edition, h.articleSlug) }))).execute());
      await inBatches(m.homeSlots, 3, (rows) => trx.insertInto('home_slots').values(rows.map((h) => ({ edition: h.edition, position: h.position, article_id: idOf(h.edition, h.slug) }))).execute());
    },
  };
}
