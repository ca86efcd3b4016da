import path from 'node:path';
import type { Config } from '../config.ts';
import { exportArchive, restoreArchive } from '../content/archive.service.ts';
import type { ImportDeps } from '../content/import.service.ts';
import { localMediaStorage } from '../media/storage.ts';
import type { openStore } from '../store/db.ts';
import type { Io } from './io.ts';

type Store = ReturnType<typeof openStore>;

/** `--out site.json` keeps the article-only form (JSON and a media folder); any other name gets an archive. */
export function wantsArchive(out: string): boolean {
  return !out.toLowerCase().endsWith('.json');
}

/** The import's dependencies, with its slow steps drawn on the progress bar. */
export function importDeps(c: Config, store: Store, io: Io, progress = io.progress()): ImportDeps {
  return { db: store.db, media: localMediaStorage(c.mediaDir), config: c, now: () => new Date(), onProgress: (phase, done, total) => progress.update(phase, done, total) };
}

/** `depeche export --out FILE.tar.gz`: the whole site in one archive. */
export async function exportArchiveCommand(c: Config, store: Store, out: string, io: Io): Promise<void> {
  const progress = io.progress();
  try {
    const done = await exportArchive({ db: store.db, media: localMediaStorage(c.mediaDir), now: () => new Date() }, path.resolve(out), (n, total) => progress.update('media', n, total));
    progress.stop();
    io.out(`exported ${done.articles} articles and ${done.media} images to ${out}\n`);
  } finally {
    progress.stop();
  }
}

/** `depeche import FILE.tar.gz`: restores an export archive into an empty site. */
export async function restoreArchiveCommand(c: Config, store: Store, file: string, io: Io, opts: { json?: boolean }): Promise<void> {
  const progress = io.progress();
  try {
    const { articles, counts } = await restoreArchive(importDeps(c, store, io, progress), path.resolve(file));
    progress.stop();
    if (opts.json) {
      io.out(JSON.stringify(articles.map((a) => ({ slug: a.slug, edition: a.edition, status: a.status, url: a.url, id: a.id })), null, 2) + '\n');
      return;
    }
    io.out(articles.map((a) => `imported ${a.slug} ${a.url}\n`).join(''));
    io.out(
      `restored ${articles.length} articles, ${counts.media} images, ${counts.editions} editions, ${counts.sections} sections, ` +
        `${counts.redirects} redirects, ${counts.slugHistory} former slugs and ${counts.homeSlots} pins from ${file}\n`,
    );
  } finally {
    progress.stop();
  }
}
