import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../store/db.ts';
import type { MediaStorage } from './storage.ts';
import { repeat, type Repeating } from '../jobs/repeat.ts';

/** How old a note must be before the sweep looks at it: longer than any upload or AVIF encode takes. */
export const SWEEP_GRACE_MS = 60 * 60 * 1000;

/** The content hash's first 20 hex digits, from a key's two folders (src/media/images.ts). */
function hashPrefix(key: string): string | null {
  const m = /^([0-9a-f]{2})\/([0-9a-f]{18})\//.exec(key);
  return m ? m[1] + m[2] : null;
}

/**
 * Removes media files that no picture row names, from the notes the write
 * ledger (media-ledger.ts) leaves behind: an upload that failed after its
 * files were written and could not delete them (the bucket went away), a
 * process that stopped mid-upload, AVIF sizes made for a picture replaced
 * meanwhile. A note older than the grace period is settled: if a picture row
 * has the file's content hash, the file is kept; if another upload of the
 * same key is under way, it is left to that one; otherwise the file is
 * deleted. Runs on worker nodes; start/stop/runOnce like the AVIF worker.
 */
export class MediaSweep {
  private job: Repeating | undefined;

  constructor(
    private readonly deps: { db: Db; media: MediaStorage; log: FastifyBaseLogger; now: () => Date },
    private readonly opts: { graceMs?: number; everyMs?: number } = {},
  ) {}

  start(): void {
    // A full pass (200 notes) asks for the next one at once; otherwise one pass every everyMs.
    this.job = repeat(
      async () => (await this.runOnce()).settled === 200,
      this.opts.everyMs ?? 10 * 60 * 1000,
      (err) => this.deps.log.warn({ err }, 'media sweep failed; trying again later'),
      1000,
    );
  }

  async stop(): Promise<void> {
    await this.job?.stop();
  }

  /** Settles up to 200 old notes; says how many it settled and how many files it removed. */
  async runOnce(): Promise<{ settled: number; removed: number }> {
    const { db, media, now } = this.deps;
    const cutoff = new Date(now().getTime() - (this.opts.graceMs ?? SWEEP_GRACE_MS)).toISOString();
    const notes = await db.selectFrom('media_writes').select(['id', 'key']).where('created_at', '<', cutoff).orderBy('id').limit(200).execute();
    let removed = 0;
    for (const n of notes) {
      if (!(await this.named(n.key)) && !(await this.writtenAgain(n.id, n.key))) {
        // An outage here stops the pass with the note kept: the next pass tries again.
        await media.remove(n.key);
        removed++;
        this.deps.log.info({ key: n.key }, 'removed a media file no picture names');
      }
      await db.deleteFrom('media_writes').where('id', '=', n.id).execute();
    }
    return { settled: notes.length, removed };
  }

  /** Whether a picture row has the content hash the key was made from (keys of another shape are kept). */
  private async named(key: string): Promise<boolean> {
    const prefix = hashPrefix(key);
    if (!prefix) return true;
    // A range over the unique hash index: hex digits sort below 'g'.
    const row = await this.deps.db.selectFrom('images').select('id').where('hash', '>=', prefix).where('hash', '<', `${prefix}g`).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** Whether a later note names the same key: an upload of the same file that is still under way. */
  private async writtenAgain(id: number, key: string): Promise<boolean> {
    const row = await this.deps.db.selectFrom('media_writes').select('id').where('key', '=', key).where('id', '>', id).limit(1).executeTakeFirst();
    return row !== undefined;
  }
}
