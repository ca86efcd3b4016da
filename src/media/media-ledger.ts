import type { Db } from '../store/db.ts';
import type { MediaBatch, MediaBody, MediaStorage } from './storage.ts';

/**
 * Notes every file written through `storage` in the media_writes table before
 * writing it, and forgets the note once the rows that name the file are
 * committed (a batch's commit) or the file is gone again (a discard). A note
 * left behind, by a crash or a storage that failed half-way, is how the sweep
 * (media-sweep.ts) finds a file that no picture row may name. Files written
 * one by one (the AVIF worker's) keep their note until the sweep finds their
 * picture's row and drops it.
 */
export function withWriteLedger(storage: MediaStorage, deps: { db: Db; now: () => Date }): MediaStorage {
  const note = async (key: string): Promise<number> => {
    const row = await deps.db.insertInto('media_writes').values({ key, created_at: deps.now().toISOString() }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  };
  const forget = async (ids: number[]) => {
    for (let i = 0; i < ids.length; i += 500) await deps.db.deleteFrom('media_writes').where('id', 'in', ids.slice(i, i + 500)).execute();
  };
  return {
    kind: storage.kind,
    exists: (key) => storage.exists(key),
    head: (key) => storage.head(key),
    read: (key) => storage.read(key),
    stream: (key) => storage.stream(key),
    remove: (key) => storage.remove(key),
    list: () => storage.list(),
    async write(key: string, data: MediaBody, contentType?: string) {
      await note(key);
      await storage.write(key, data, contentType);
    },
    batch(): MediaBatch {
      const inner = storage.batch();
      const ids: number[] = [];
      return {
        async put(key, data, contentType) {
          ids.push(await note(key));
          await inner.put(key, data, contentType);
        },
        async commit() {
          await inner.commit();
          await forget(ids.splice(0));
        },
        async discard() {
          try {
            await inner.discard();
          } catch {
            // The files that could not be removed keep their notes: the sweep removes them later.
            return;
          }
          await forget(ids.splice(0)).catch(() => {});
        },
      };
    },
  };
}
