import type { FastifyBaseLogger } from 'fastify';
import { Unavailable } from '../errors.ts';
import { key } from '../cdn/keys.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import type { ImageCodec, ImageVariant } from './images.ts';
import type { MediaStorage } from './storage.ts';

/**
 * AVIF takes seconds per picture, so it is never made inside a request or an
 * import: this worker claims one pending image at a time and adds its AVIF
 * variants, and the 1200×630 social card link previews use. Pages serve WebP
 * and JPEG (and the largest JPEG as their card) until then. The claim is a
 * conditional update, so several processes never encode the same image.
 */
export class AvifWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** The image this worker claimed when the database went away; released at the next pass. */
  private unfinished: number | undefined;

  constructor(
    private readonly deps: { db: Db; media: MediaStorage; images: ImageCodec; log: FastifyBaseLogger; now: () => Date },
    private readonly idleMs = 2000,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    // Claims left by a process that stopped mid-encode; at worst an image is encoded twice.
    await this.deps.db.updateTable('images').set({ avif_state: 'pending' }).where('avif_state', '=', 'working').execute();
    this.schedule(50);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then((did) => this.schedule(did ? 0 : this.idleMs))
        .catch((err) => {
          this.deps.log.error({ err }, 'avif worker failed');
          this.schedule(this.idleMs);
        });
    }, ms).unref();
  }

  /** Encodes one pending image; returns whether there was one. */
  async runOnce(): Promise<boolean> {
    const { db, media } = this.deps;
    if (this.unfinished !== undefined) {
      await db.updateTable('images').set({ avif_state: 'pending' }).where('id', '=', this.unfinished).where('avif_state', '=', 'working').execute();
      this.unfinished = undefined;
    }
    const next = await db.selectFrom('images').select(['id', 'hash', 'original', 'mime', 'width', 'height', 'bytes', 'variants']).where('avif_state', '=', 'pending').orderBy('id').limit(1).executeTakeFirst();
    if (!next) return false;
    const claim = await db.updateTable('images').set({ avif_state: 'working' }).where('id', '=', next.id).where('avif_state', '=', 'pending').executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return true;
    try {
      const data = await media.read(next.original);
      const format = next.mime.split('/')[1];
      const made = await this.deps.images.variants(data, { hash: next.hash, format, mime: next.mime, width: next.width, height: next.height, bytes: next.bytes }, ['avif']);
      made.push(await this.deps.images.social(data, next));
      for (const v of made) await media.write(v.key, v.data);
      const kept = (JSON.parse(next.variants) as ImageVariant[]).filter((v) => v.format !== 'avif' && v.purpose !== 'social');
      const variants: ImageVariant[] = [...kept, ...made.map(({ data: _d, ...v }) => v)];
      await db.transaction().execute(async (trx) => {
        // Only if the picture was not replaced meanwhile: a replacement has its own variants.
        const r = await trx
          .updateTable('images')
          .set({ variants: JSON.stringify(variants), avif_state: 'done' })
          .where('id', '=', next.id)
          .where('hash', '=', next.hash)
          .where('avif_state', '=', 'working')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 1) await bumpContentVersion(trx, [key.media(next.id)]);
      });
    } catch (err) {
      if (err instanceof Unavailable) {
        // Not the picture's fault: it goes back in line once the database answers again.
        this.unfinished = next.id;
        throw err;
      }
      this.deps.log.warn({ err, image: next.id }, 'could not make AVIF variants');
      await db.updateTable('images').set({ avif_state: 'failed' }).where('id', '=', next.id).execute();
    }
    return true;
  }
}
