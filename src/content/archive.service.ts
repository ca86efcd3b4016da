import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { Conflict, ValidationFailed } from '../errors.ts';
import type { MediaStorage } from '../media/storage.ts';
import { inBatches } from '../store/batches.ts';
import type { Db } from '../store/db.ts';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, crossCheck, namedMedia, parseManifest, type ArchiveManifest } from './archive.manifest.ts';
import { DEFAULT_LIMITS, extractArchive, MANIFEST, MEDIA_DIR, writeArchive, type ArchiveLimits } from './archive.tar.ts';
import { exportArticles } from './export.service.ts';
import { importArticles, type ImportDeps, type ImportedArticle, type SiteRows } from './import.service.ts';

/** The whole site as an archive manifest, and the media keys its articles name (by archive path). */
export function buildManifest(db: Db, now: Date): Promise<{ manifest: ArchiveManifest; files: Map<string | number, string> }> {
  // One snapshot: an article written between two reads would leave a pin or a redirect naming an article the archive lacks.
  // (On SQLite every transaction takes the write lock: writers wait while the manifest is read, not while media are copied.)
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => readManifest(trx, now));
}

async function readManifest(db: Db, now: Date): Promise<{ manifest: ArchiveManifest; files: Map<string | number, string> }> {
  const { articles, files } = await exportArticles(db, (key) => `${MEDIA_DIR}/${key}`);
  const [editions, sections, redirects, slugHistory, homeSlots] = await Promise.all([
    db.selectFrom('editions').selectAll().orderBy('position').orderBy('code').execute(),
    db.selectFrom('sections').selectAll().orderBy('edition').orderBy('position').orderBy('id').execute(),
    db.selectFrom('redirects as r').innerJoin('articles as a', 'a.id', 'r.article_id').select(['r.path', 'r.created_at', 'a.edition', 'a.slug']).orderBy('r.path').execute(),
    db.selectFrom('slug_history as h').innerJoin('articles as a', 'a.id', 'h.article_id').select(['h.edition', 'h.slug', 'a.slug as article_slug']).orderBy('h.edition').orderBy('h.slug').execute(),
    db.selectFrom('home_slots as h').innerJoin('articles as a', 'a.id', 'h.article_id').select(['h.edition', 'h.position', 'a.slug']).orderBy('h.edition').orderBy('h.position').execute(),
  ]);
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: now.toISOString(),
    editions: editions.map((e) => ({ code: e.code, name: e.name, baseUrl: e.base_url, timeZone: e.time_zone, isDefault: Boolean(e.is_default), position: Number(e.position) })),
    sections: sections.map((s) => ({ edition: s.edition, slug: s.slug, name: s.name, position: Number(s.position), inNav: Boolean(s.in_nav), ...(s.implicit ? { implicit: true } : {}) })),
    articles,
    redirects: redirects.map((r) => ({ path: r.path, edition: r.edition, slug: r.slug, createdAt: r.created_at })),
    slugHistory: slugHistory.map((h) => ({ edition: h.edition, slug: h.slug, articleSlug: h.article_slug })),
    homeSlots: homeSlots.map((h) => ({ edition: h.edition, position: Number(h.position), slug: h.slug })),
  };
  return { manifest, files };
}

/**
 * Writes the whole site to one archive file (gzip'd tar): the manifest and the
 * original of every picture the articles use, read one at a time.
 */
export async function exportArchive(
  deps: { db: Db; media: MediaStorage; now: () => Date },
  out: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ articles: number; media: number }> {
  const { manifest, files } = await buildManifest(deps.db, deps.now());
  const keys = [...new Set(files.values())].sort();
  await writeArchive(
    out,
    JSON.stringify(manifest, null, 2) + '\n',
    keys.map((key) => ({ name: key, read: () => deps.media.read(key) })),
    onProgress,
  );
  return { articles: manifest.articles.length, media: keys.length };
}

async function refuseUnlessEmpty(db: Db): Promise<void> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const n = Number(row.n);
  if (n > 0) throw new Conflict(`nothing was imported: the site already has ${n} article${n > 1 ? 's' : ''}; an export archive is restored only into an empty site`);
}

/**
 * Restores an export archive into an empty site, all or nothing: editions,
 * sections, articles (through the ordinary import, so pictures and checks are
 * the same), former addresses, former slugs and pins go in one transaction.
 * The archive is unpacked into a folder under DATA_DIR/tmp, removed afterwards.
 */
export interface Restored {
  articles: ImportedArticle[];
  /** How many of each kind of row came back. */
  counts: { editions: number; sections: number; media: number; redirects: number; slugHistory: number; homeSlots: number };
}

export async function restoreArchive(deps: ImportDeps & { config: Pick<Config, 'dataDir'> }, file: string, limits: Partial<ArchiveLimits> = {}): Promise<Restored> {
  await refuseUnlessEmpty(deps.db);
  // Under DATA_DIR, not the system's temporary folder: the unpacked pictures are renamed into the media folder's disk.
  const root = path.join(deps.config.dataDir, 'tmp');
  await fs.mkdir(root, { recursive: true });
  await removeAbandoned(root);
  const dir = await fs.mkdtemp(path.join(root, `${RESTORE_PREFIX}${process.pid}-`));
  try {
    let parsed: ReturnType<typeof parseManifest> | undefined;
    const { manifest: text, media } = await extractArchive(
      file,
      dir,
      { ...DEFAULT_LIMITS, maxFileBytes: deps.config.maxImageBytes, maxTotalBytes: await unpackBudget(root), ...limits },
      (manifest) => {
        parsed = parseManifest(manifest, MANIFEST);
        return parsed.ok ? namedMedia(parsed.manifest) : null;
      },
    );
    parsed ??= parseManifest(text, MANIFEST);
    if (!parsed.ok) throw new ValidationFailed(parsed.issues);
    const m = parsed.manifest;
    const issues = crossCheck(m, MANIFEST, media);
    if (issues.length) throw new ValidationFailed(issues);

    const site = siteRows(m);
    const counts = { editions: m.editions.length, sections: m.sections.length, media: media.size, redirects: m.redirects.length, slugHistory: m.slugHistory.length, homeSlots: m.homeSlots.length };
    // A site without articles still brings its editions and sections: no source, and the import writes only those.
    const sources = m.articles.length ? [{ name: MANIFEST, baseDir: dir, text: JSON.stringify(m.articles) }] : [];
    return { articles: await importArticles(deps, sources, site), counts };
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
      // The site's own default edition exists already (made at start): the archive's settings win.
      await trx.updateTable('editions').set({ is_default: 0 }).execute();
      for (const e of m.editions) {
        const row = { name: e.name, base_url: e.baseUrl, time_zone: e.timeZone, is_default: e.isDefault ? 1 : 0, position: e.position };
        const found = await trx.selectFrom('editions').select('code').where('code', '=', e.code).executeTakeFirst();
        if (found) await trx.updateTable('editions').set(row).where('code', '=', e.code).execute();
        else await trx.insertInto('editions').values({ code: e.code, ...row }).execute();
      }
      for (const s of m.sections) {
        const row = { name: s.name, position: s.position, in_nav: s.inNav ? 1 : 0, implicit: s.implicit ? 1 : 0 };
        const found = await trx.selectFrom('sections').select('id').where('edition', '=', s.edition).where('slug', '=', s.slug).executeTakeFirst();
        if (found) await trx.updateTable('sections').set(row).where('id', '=', found.id).execute();
        else await trx.insertInto('sections').values({ edition: s.edition, slug: s.slug, ...row }).execute();
      }
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
