import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { AvifWorker } from '../src/media/avif.worker.ts';
import type { ImageCodec } from '../src/media/images.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, NO_BACKGROUND_PASSES, startTestSite, type TestSite } from './harness.ts';

const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {}, fatal() {}, child: () => quiet, level: 'silent', silent() {} } as any;

forEachDialect('AVIF claims across workers', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-12-07T10:00:00Z');
  const now = () => clock;
  let encodes = 0;
  let codec: ImageCodec;

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES);
    // The real codec, counting the AVIF encodes it is asked for.
    codec = Object.create(site.app.images, {
      variants: {
        value: (...args: Parameters<ImageCodec['variants']>) => {
          encodes++;
          return site.app.images.variants(...args);
        },
      },
    });
  });
  afterAll(() => site?.close());

  const worker = () => new AvifWorker({ db: site.app.store.db, media: site.app.media, images: codec, log: quiet, now }, 2000, 60_000);
  const addImage = async () => {
    const { dir } = await writeImportFolder([]);
    await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [
      { name: 'p.json', baseDir: dir, text: JSON.stringify(makeArticle({ lead: { image: 'photos/small.png', alt: 'Un port', credit: 'AMP' } })) },
    ]);
    return (await site.app.store.db.selectFrom('images').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
  };
  const row = (id: number) => site.app.store.db.selectFrom('images').select(['avif_state', 'avif_claimed_by', 'avif_locked_until']).where('id', '=', id).executeTakeFirstOrThrow();

  it('encodes a picture once when two workers reach for it at the same moment', async () => {
    const id = await addImage();
    encodes = 0;
    await Promise.all([worker().runOnce(), worker().runOnce()]);
    expect(encodes).toBe(1);
    expect(await row(id)).toEqual({ avif_state: 'done', avif_claimed_by: null, avif_locked_until: null });
  });

  it('leaves a claimed picture to its worker until the lease lapses, then another takes it over', async () => {
    const id = await addImage();
    // A worker that died mid-encode: its claim stays in the table.
    const lease = new Date(clock.getTime() + 60_000).toISOString();
    await site.app.store.db.updateTable('images').set({ avif_state: 'working', avif_claimed_by: 'dead-worker', avif_locked_until: lease }).where('id', '=', id).execute();
    encodes = 0;
    const other = worker();
    // Starting a worker no longer hands every claim back to the queue.
    await other.start();
    await other.stop();
    expect(await other.runOnce()).toBe(false);
    expect((await row(id)).avif_claimed_by).toBe('dead-worker');
    clock = new Date(clock.getTime() + 61_000);
    expect(await other.runOnce()).toBe(true);
    expect(encodes).toBe(1);
    expect((await row(id)).avif_state).toBe('done');
  });

  it('does not record the work of a worker whose claim was taken over', async () => {
    const id = await addImage();
    await site.app.store.db.updateTable('images').set({ avif_state: 'working', avif_claimed_by: 'someone-else', avif_locked_until: new Date(clock.getTime() + 60_000).toISOString() }).where('id', '=', id).execute();
    const w = worker();
    expect(await w.runOnce()).toBe(false);
    expect(await row(id)).toMatchObject({ avif_state: 'working', avif_claimed_by: 'someone-else' });
  });
});
