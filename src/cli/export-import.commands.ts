import path from 'node:path';
import type { Config } from '../config.ts';
import { exportArchive, restoreArchive } from '../content/archive.service.ts';
import type { ImportDeps, ImportedArticle } from '../content/import.service.ts';
import { openMediaStorage } from '../media/open-storage.ts';
import { withWriteLedger } from '../media/media-ledger.ts';
import type { openStore } from '../store/db.ts';
import type { Io } from './io.ts';
import { printableJson, say } from './printable.ts';

type Store = ReturnType<typeof openStore>;

/** `--out site.json` keeps the article-only form (JSON and a media folder); any other name gets an archive. */
export function wantsArchive(out: string): boolean {
  return !out.toLowerCase().endsWith('.json');
}

/** Runs an import with its slow steps drawn on a progress bar, which is ended before anything else is printed. */
export async function withImportProgress<T>(c: Config, store: Store, io: Io, run: (deps: ImportDeps) => Promise<T>): Promise<T> {
  const progress = io.progress();
  try {
    return await run({ db: store.db, media: withWriteLedger(openMediaStorage(c), { db: store.db, now: () => new Date() }), config: c, now: () => new Date(), onProgress: (phase, done, total) => progress.update(phase, done, total) });
  } finally {
    progress.stop();
  }
}

/** What every import prints: `imported <slug> <url>` lines, or with --json the list as JSON. */
export function printImported(io: Io, done: ImportedArticle[], json: boolean | undefined, after = ''): void {
  if (json) io.out(printableJson(done.map((a) => ({ slug: a.slug, edition: a.edition, status: a.status, url: a.url, id: a.id }))) + '\n');
  else io.out(done.map((a) => say`imported ${a.slug} ${a.url}\n`).join('') + after);
}

/** `depeche export --out FILE.tar.gz`: the whole site in one archive. */
export async function exportArchiveCommand(c: Config, store: Store, out: string, io: Io): Promise<void> {
  const progress = io.progress();
  const done = await exportArchive({ db: store.db, media: openMediaStorage(c), now: () => new Date() }, path.resolve(out), (n, total) => progress.update('media', n, total)).finally(() =>
    progress.stop(),
  );
  io.out(say`exported ${done.articles} articles and ${done.media} images to ${out}\n`);
  if (done.videos || done.programmes) io.out(say`with ${done.videos} videos and ${done.programmes} programmes\n`);
}

/** `depeche import FILE.tar.gz`: restores an export archive into an empty site. The imported lines come a batch at a time, once it is committed. */
export async function restoreArchiveCommand(c: Config, store: Store, file: string, io: Io, opts: { json?: boolean }): Promise<void> {
  const { articles, counts, imported } = await withImportProgress(c, store, io, (deps) => restoreArchive({ ...deps, config: c }, path.resolve(file)));
  const after =
    say`restored ${articles} articles, ${counts.media} images, ${counts.editions} editions, ${counts.sections} sections, ` +
    say`${counts.redirects} redirects, ${counts.slugHistory} former slugs and ${counts.homeSlots} pins from ${file}\n` +
    // Version 3 archives: the library and the schedule, on a line of their own so the line above reads as before.
    (counts.videos || counts.channels || counts.shows || counts.programmes
      ? say`restored ${counts.videos ?? 0} videos (transcodes queued), ${counts.channels ?? 0} channels, ${counts.shows ?? 0} shows and ${counts.programmes ?? 0} programmes\n`
      : '') +
    // Version 4 archives: the site's structure, on its own line too.
    (counts.tags || counts.people || counts.authors || counts.pages || counts.menuItems || counts.slugAliases
      ? say`restored ${counts.tags ?? 0} topics, ${counts.people ?? 0} people, ${counts.authors ?? 0} authors, ${counts.pages ?? 0} pages, ${counts.menuItems ?? 0} menu items and ${counts.slugAliases ?? 0} former slugs of sections and others\n`
      : '');
  if (opts.json) {
    // One JSON array: gathered whole (a site of a million articles prints a million entries either way).
    const all: ImportedArticle[] = [];
    for await (const batch of imported()) all.push(...batch);
    printImported(io, all, true, after);
    return;
  }
  for await (const batch of imported()) printImported(io, batch, false);
  io.out(after);
}
