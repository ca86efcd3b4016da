import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MediaSweep } from '../src/media/media-sweep.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeImage, startTestSite, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('media write ledger and sweep (local storage)', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;

  beforeAll(async () => {
    site = await startTestSite(dialect);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
  });
  afterAll(() => site.close());

  it('settles the notes of an upload with its commit, and sweeps a file no picture names once its note is old', async () => {
    const db = site.app.store.db;
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(await makeImage(900, 500))], { type: 'image/jpeg' }), 'kept.jpg');
    const r = await admin.call('POST', '/api/admin/media', f);
    expect(r.status).toBe(201);
    expect(await db.selectFrom('media_writes').selectAll().execute()).toEqual([]);
    const kept = await db.selectFrom('images').select(['original']).executeTakeFirstOrThrow();

    // What a process stopping between its files and its row leaves: a file and its note.
    const orphan = 'fe/dcba9876543210fedc/original.jpg';
    await site.app.media.write(orphan, await makeImage(40, 40));
    await db.insertInto('media_writes').values({ key: kept.original, created_at: new Date().toISOString() }).execute();
    const sweep = (at: number) => new MediaSweep({ db, media: site.app.media, log: site.app.server.log, now: () => new Date(at) });
    expect(await sweep(Date.now()).runOnce()).toEqual({ settled: 0, removed: 0 });
    expect(await sweep(Date.now() + 2 * 60 * 60 * 1000).runOnce()).toEqual({ settled: 2, removed: 1 });
    await expect(fs.access(path.join(site.config.mediaDir, orphan))).rejects.toThrow();
    await fs.access(path.join(site.config.mediaDir, kept.original));
    expect(await db.selectFrom('media_writes').selectAll().execute()).toEqual([]);
  });

  it('leaves a file alone while a later upload of the same key is under way', async () => {
    const db = site.app.store.db;
    const key = 'fe/0123456789abcdef01/original.jpg';
    await site.app.media.write(key, await makeImage(40, 40));
    const later = new Date(Date.now() + 60_000).toISOString();
    await db.insertInto('media_writes').values({ key, created_at: later }).execute();
    const sweep = new MediaSweep({ db, media: site.app.media, log: site.app.server.log, now: () => new Date(Date.now() + 60 * 60 * 1000 + 30_000) }, {});
    expect(await sweep.runOnce()).toEqual({ settled: 1, removed: 0 });
    await fs.access(path.join(site.config.mediaDir, key));
    await db.deleteFrom('media_writes').execute();
  });
});
