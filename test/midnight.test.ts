import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PurgeAdapter } from '../src/cdn/purge-adapters.ts';
import { PurgeWorker } from '../src/cdn/purge.worker.ts';
import { ensureEdition } from '../src/content/edition.service.ts';
import { adminClient } from './admin-client.ts';
import { forEachDialect, makeDraft, NO_BACKGROUND_PASSES, startTestSite, waitFor, type TestSite } from './harness.ts';

/** Relative times ("10:00" today, "hier" yesterday) turn over at each edition's local midnight, in the page cache and on the CDN. */

const quiet = { warn() {}, error() {} };

forEachDialect('Local midnight', (dialect) => {
  let site: TestSite;
  // 23:50 in Paris, 22:50 in UTC.
  let clock = new Date('2026-12-07T22:50:00.000Z');
  const home = async (path: string) => (await fetch(site.url + path)).text();
  const time = (html: string, text: string) => new RegExp(`<time[^>]*>\\s*${text}\\s*</time>`).test(html);

  beforeAll(async () => {
    site = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, pageCache: true }, () => clock);
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Dispatch', timeZone: 'UTC' });
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: 'correct horse battery' });
    const admin = await adminClient(site.url).login('admin@example.org', 'correct horse battery');
    // 10:00 in Paris; 09:00 in UTC.
    for (const d of [makeDraft({ slug: 'du-matin' }), makeDraft({ edition: 'en', section: 'world', slug: 'morning' })]) {
      const { article } = await admin.json('POST', '/api/admin/articles', { ...d, publishedAt: '2026-12-07T09:00:00.000Z' });
      await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    }
    await site.app.site.refresh(true);
  });
  afterAll(() => site?.close());

  it('shows "hier" on a cached home once the edition’s midnight passes, each edition at its own', async () => {
    const before = await home("/fr/");
    expect(time(before, '10:00')).toBe(true);
    expect(time(before, 'hier')).toBe(false);
    // Cached now: nothing is written from here on, only the clock moves.
    expect(time(await home('/fr/'), '10:00')).toBe(true);
    expect(time(await home('/en/'), '09:00[^<]*')).toBe(true);

    clock = new Date('2026-12-07T23:00:01.000Z');
    await waitFor('"hier" on the cached French home', async () => time(await home('/fr/'), 'hier'));
    expect(time(await home('/fr/'), '10:00')).toBe(false);
    // Still the 7th in UTC: the English edition's card keeps its time.
    expect(time(await home('/en/'), '09:00[^<]*')).toBe(true);

    clock = new Date('2026-12-08T00:00:01.000Z');
    await waitFor('"yesterday" on the cached English home', async () => time(await home('/en/'), 'yesterday'));
  });

  it('purges each edition’s pages on the CDN once at its local midnight, even with two workers', async () => {
    const sent: string[][] = [];
    const adapter: PurgeAdapter = { name: 'varnish', purge: async (keys) => void sent.push(keys) };
    const db = site.app.store.db;
    clock = new Date('2026-12-08T12:00:00.000Z');
    const worker = () => new PurgeWorker({ db, now: () => clock, log: quiet, adapter }, { echoMs: 0 });
    // The first look only notes the day.
    await worker().runOnce();
    await db.deleteFrom('cdn_purges').execute();
    await worker().runOnce();
    expect(sent.flat()).not.toContain('e-fr');

    clock = new Date('2026-12-08T23:00:01.000Z');
    const [a, b] = [worker(), worker()];
    await Promise.all([a.runOnce(), b.runOnce()]);
    for (let i = 0; i < 5 && (await db.selectFrom('cdn_purges').select('id').execute()).length; i++) await Promise.all([a.runOnce(), b.runOnce()]);
    // Two rounds (the second after every node's own cache emptied), of the French edition only.
    expect(sent.filter((k) => k.includes('e-fr'))).toHaveLength(2);
    expect(sent.flat()).not.toContain('e-en');

    clock = new Date('2026-12-09T00:00:01.000Z');
    await worker().runOnce();
    await worker().runOnce();
    expect(sent.filter((k) => k.includes('e-en')).length).toBeGreaterThanOrEqual(1);
    expect(sent.filter((k) => k.includes('e-fr'))).toHaveLength(2);
  });
});
