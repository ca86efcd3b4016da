import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Unavailable } from '../errors.ts';
import { key } from '../cdn/keys.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import type { ImageCodec, ImageVariant } from './images.ts';
import type { MediaStorage } from './storage.ts';
import { repeat, type Repeating } from '../jobs/repeat.ts';

/**
 * AVIF takes seconds per picture, so it is never made inside a request or an
 * import: this worker claims one pending image at a time and adds its AVIF
 * variants, and the 1200×630 social card link previews use. Pages serve WebP
 * and JPEG (and the largest JPEG as their card) until then. The claim is a
 * conditional update with a lease, so several processes never encode the same image,
 * and a worker that dies mid-encode leaves its picture to another once the lease lapses.
 */
export class AvifWorker {
  private job: Repeating | undefined;
  /** The image this worker claimed when the database went away; released at the next pass. */
  private unfinished: number | undefined;

  /** This process's name in the claims it takes. */
  private readonly workerId = randomUUID();

  constructor(
    private readonly deps: {
      db: Db;
      media: MediaStorage;
      images: ImageCodec;
      log: FastifyBaseLogger;
      now: () => Date;
      /** Told after a picture's variants are committed (the content version moved). */
      onChange?: () => void;
    },
    private readonly idleMs = 2000,
    /** How long a claim lasts; a longer encode may be taken over and made twice, never recorded twice. */
    private readonly leaseMs = 10 * 60_000,
  ) {}

  async start(): Promise<void> {
    // Claims left by a process that stopped mid-encode are taken over once their lease lapses (see runOnce).
    // After an image, the next one at once; when none is waiting, a look every idleMs.
    this.job = repeat(() => this.runOnce(), this.idleMs, (err) => this.deps.log.error({ err }, 'avif worker failed'), 50);
  }

  async stop(): Promise<void> {
    await this.job?.stop();
  }

  /**
   * Encodes one pending image, or one whose claim lapsed (its worker died); returns whether there was one.
   * The claim is a conditional update naming this worker, so across any number of workers one encodes each picture.
   */
  async runOnce(): Promise<boolean> {
    const { db, media } = this.deps;
    if (this.unfinished !== undefined) {
      await db
        .updateTable('images')
        .set({ avif_state: 'pending', avif_claimed_by: null, avif_locked_until: null })
        .where('id', '=', this.unfinished)
        .where('avif_state', '=', 'working')
        .where('avif_claimed_by', '=', this.workerId)
        .execute();
      this.unfinished = undefined;
    }
    const at = this.deps.now();
    const nowIso = at.toISOString();
    const claimable = (eb: any) =>
      eb.or([
        eb('avif_state', '=', 'pending'),
        eb.and([eb('avif_state', '=', 'working'), eb.or([eb('avif_locked_until', 'is', null), eb('avif_locked_until', '<=', nowIso)])]),
      ]);
    const next = await db
      .selectFrom('images')
      .select(['id', 'hash', 'original', 'mime', 'width', 'height', 'bytes', 'variants', 'avif_state', 'avif_locked_until'])
      .where(claimable)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!next) return false;
    const lease = new Date(at.getTime() + this.leaseMs).toISOString();
    // The claim holds only if the row is as it was read: pending, or the same lapsed claim.
    let claim = db
      .updateTable('images')
      .set({ avif_state: 'working', avif_claimed_by: this.workerId, avif_locked_until: lease })
      .where('id', '=', next.id)
      .where('avif_state', '=', next.avif_state);
    claim = next.avif_locked_until === null ? claim.where('avif_locked_until', 'is', null) : claim.where('avif_locked_until', '=', next.avif_locked_until);
    if (Number((await claim.executeTakeFirst()).numUpdatedRows) !== 1) return true;
    let changed = false;
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
          .set({ variants: JSON.stringify(variants), avif_state: 'done', avif_claimed_by: null, avif_locked_until: null })
          .where('id', '=', next.id)
          .where('hash', '=', next.hash)
          .where('avif_state', '=', 'working')
          .where('avif_claimed_by', '=', this.workerId)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 1) {
          await bumpContentVersion(trx, [key.media(next.id)]);
          changed = true;
        }
      });
      if (changed) this.deps.onChange?.();
    } catch (err) {
      if (err instanceof Unavailable) {
        // Not the picture's fault: it goes back in line once the database answers again.
        this.unfinished = next.id;
        throw err;
      }
      this.deps.log.warn({ err, image: next.id }, 'could not make AVIF variants');
      await db
        .updateTable('images')
        .set({ avif_state: 'failed', avif_claimed_by: null, avif_locked_until: null })
        .where('id', '=', next.id)
        .where('avif_claimed_by', '=', this.workerId)
        .execute();
    }
    return true;
  }
}
