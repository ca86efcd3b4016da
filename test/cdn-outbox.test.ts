import { afterAll, beforeAll, expect, it } from 'vitest';
import { MISS_KEY } from '../src/cdn/keys.ts';
import type { PurgeAdapter } from '../src/cdn/purge-adapters.ts';
import { PurgeWorker } from '../src/cdn/purge.worker.ts';
import { ensureSections } from '../src/content/edition.service.ts';
import { bumpContentVersion } from '../src/store/content-version.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeDraft, startTestSite, type TestSite } from './harness.ts';

/** The purge outbox over each database: written with the change, claimed once, delayed for embargoes. */

const quiet = { warn() {}, error() {} };

function recorder() {
  const sent: string[][] = [];
  const adapter: PurgeAdapter = {
    name: 'varnish',
    async purge(keys) {
      // Give the other worker a chance to claim in between.
      await new Promise((r) => setTimeout(r, 5));
      sent.push(keys);
    },
  };
  return { sent, adapter };
}

forEachDialect('CDN purge outbox', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-12-01T10:00:00.000Z');
  let editor: AdminClient;
  const db = () => site.app.store.db;
  const pending = async () => db().selectFrom('cdn_purges').selectAll().orderBy('id').execute();
  beforeAll(async () => {
    site = await startTestSite(dialect, {}, () => clock);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'ed@example.org', name: 'Ed', password: 'correct horse battery' });
    editor = await adminClient(site.url).login('ed@example.org', 'correct horse battery');
  });
  afterAll(() => site.close());

  it('queues the keys in the transaction of the change: a change rolled back queues nothing', async () => {
    await db().deleteFrom('cdn_purges').execute();
    await expect(
      db().transaction().execute(async (trx) => {
        await bumpContentVersion(trx, ['a1']);
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(await pending()).toEqual([]);
    await db().transaction().execute((trx) => bumpContentVersion(trx, ['a1', 's2']));
    expect((await pending()).map((r) => [r.keys, r.status, r.rounds])).toEqual([[`a1 ${MISS_KEY} s2`, 'pending', 2]]);
  });

  it('sends each purge twice (at once, then after the nodes’ poll) and exactly once per round with two workers at it', async () => {
    await db().deleteFrom('cdn_purges').execute();
    for (let i = 0; i < 30; i++) await db().transaction().execute((trx) => bumpContentVersion(trx, [`k${i}`]));
    const a = recorder();
    const b = recorder();
    const opts = { echoMs: 0, batch: 4 };
    const wa = new PurgeWorker({ db: db(), now: () => clock, log: quiet, adapter: a.adapter }, opts);
    const wb = new PurgeWorker({ db: db(), now: () => clock, log: quiet, adapter: b.adapter }, opts);
    for (let pass = 0; pass < 100 && (await pending()).length > 0; pass++) await Promise.all([wa.runOnce(), wb.runOnce()]);
    expect(await pending()).toEqual([]);
    const counts = new Map<string, number>();
    for (const keys of [...a.sent, ...b.sent]) for (const k of keys) if (k !== MISS_KEY) counts.set(k, (counts.get(k) ?? 0) + 1);
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((n) => n === 2)).toBe(true);
  });

  it('purges an embargoed article’s lists when its time comes, not before', async () => {
    // A section set up by the editors: its place in the navigation does not hang on this article.
    await ensureSections(db(), [{ edition: 'fr', slug: 'monde', name: 'Monde' }]);
    await db().deleteFrom('cdn_purges').execute();
    const { article } = await editor.json('POST', '/api/admin/articles', { ...makeDraft({ section: 'monde', slug: 'sous-embargo' }), publishedAt: '2026-12-01T18:00:00.000Z' });
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    const rows = await pending();
    const later = rows.find((r) => r.due_at === '2026-12-01T18:00:00.000Z');
    expect(later?.keys.split(' ')).toEqual(expect.arrayContaining([`a${article.id}`, 'home-fr', 'sm']));
    // At publication nothing readers see changed: only the article's own keys.
    expect(rows.filter((r) => r !== later).flatMap((r) => r.keys.split(' '))).not.toContain('home-fr');

    const r = recorder();
    const worker = new PurgeWorker({ db: db(), now: () => clock, log: quiet, adapter: r.adapter }, { echoMs: 0 });
    while (await worker.runOnce());
    expect(r.sent.flat()).not.toContain('home-fr');
    clock = new Date('2026-12-01T18:00:01.000Z');
    while (await worker.runOnce());
    expect(r.sent.flat()).toContain('home-fr');
    expect(await pending()).toEqual([]);
  });

  it('keeps a purge that keeps failing as failed, with its error, and stops sending it', async () => {
    await db().deleteFrom('cdn_purges').execute();
    await db().transaction().execute((trx) => bumpContentVersion(trx, ['a9']));
    const failing: PurgeAdapter = { name: 'fastly', purge: async () => Promise.reject(new Error('Fastly answered 503')) };
    const worker = new PurgeWorker({ db: db(), now: () => clock, log: quiet, adapter: failing }, { backoffMs: 0, maxBackoffMs: 0, maxAttempts: 3 });
    for (let i = 0; i < 5; i++) await worker.runOnce();
    expect((await pending()).map((r) => [r.status, r.attempts, r.last_error])).toEqual([['failed', 3, 'Fastly answered 503']]);
  });
});
