import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { announceContentChange } from '../src/bus/content-changes.ts';
import { key } from '../src/cdn/keys.ts';
import { importArticles } from '../src/content/import.service.ts';
import { SYSTEM } from '../src/newsroom/roles.ts';
import { getArticle, updateArticle } from '../src/newsroom/articles.service.ts';
import { setHomeSlots } from '../src/newsroom/home.service.ts';
import { bumpContentVersion, readContentVersion } from '../src/store/content-version.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, freshDatabase, makeArticle, NO_BACKGROUND_PASSES, testConfig, TEST_REDIS_URL, uniqueRedisPrefix, waitFor } from './harness.ts';
import { makeLive, postEntry } from './support/live.ts';

/**
 * The page cache drops, on each change, just the pages that carry one of the
 * change's surrogate keys (content_changes), on every node; a change to the
 * whole site, or one whose keys are not all known, empties it.
 */

const live = makeArticle({ section: 'politique', headline: 'Le direct du conseil', publishedAt: '2026-11-20T08:00:00Z' });
const tv = makeArticle({ section: 'tv', headline: 'Grille de printemps', publishedAt: '2026-11-21T08:00:00Z' });
const sport = makeArticle({ section: 'sport', headline: 'Finale de coupe', publishedAt: '2026-11-19T08:00:00Z' });
const paths = { live: `/fr/politique/${live.slug}`, tv: `/fr/tv/${tv.slug}`, sport: `/fr/sport/${sport.slug}`, home: '/fr/', tvList: '/fr/tv/' };

async function importThree(app: App, config: ReturnType<typeof testConfig>) {
  const { dir } = await writeImportFolder([]);
  await importArticles({ db: app.store.db, media: app.media, config, now: () => new Date() }, [{ name: 'a.json', baseDir: dir, text: JSON.stringify([live, tv, sport]) }]);
}

async function idOf(app: App, slug: string): Promise<number> {
  const row = await app.store.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

async function get(base: string, path: string): Promise<{ status: number; text: string; keys: string[] }> {
  const r = await fetch(base + path);
  return { status: r.status, text: await r.text(), keys: (r.headers.get('surrogate-key') ?? '').split(' ') };
}

/** Fetches each page so that it is kept, and answers the kept copies (compared by identity: a page made again is a new object). */
async function warm(app: App, base: string, which: string[]) {
  const kept: Record<string, unknown> = {};
  for (const p of which) {
    expect((await get(base, p)).status).toBe(200);
    kept[p] = app.cache.get(p);
    expect(kept[p], p).toBeDefined();
  }
  return kept;
}

/** Waits until the node has reloaded to the database's version. */
async function caughtUp(app: App) {
  const v = await readContentVersion(app.store.db);
  await waitFor(`node at version ${v}`, () => app.site.version === v);
}

function listen(app: App): Promise<string> {
  return app.server.listen({ host: '127.0.0.1', port: 0 }).then(() => `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`);
}

forEachDialect('page cache purged per surrogate key', (dialect) => {
  let app: App;
  let base: string;
  let drop: () => Promise<void>;
  let liveId: number;
  let tvId: number;

  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    const config = testConfig(db.dataDir, db.database, NO_BACKGROUND_PASSES);
    app = await buildApp(config);
    base = await listen(app);
    await importThree(app, config);
    liveId = await idOf(app, live.slug);
    tvId = await idOf(app, tv.slug);
    await makeLive(app, liveId, '2026-11-20T08:00:00Z');
    await caughtUp(app);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('a live entry re-renders the live page and keeps an unrelated page', async () => {
    const kept = await warm(app, base, [paths.live, paths.sport]);
    const sportBefore = await get(base, paths.sport);
    expect(sportBefore.keys).not.toContain(key.article(liveId));
    await postEntry(app, liveId, { text: 'Le vote est ouvert <script>alert(1)</script>' });
    await caughtUp(app);
    // Not made again: the very page kept before, sent with the same bytes.
    expect(app.cache.get(paths.sport)).toBe(kept[paths.sport]);
    expect((await get(base, paths.sport)).text).toBe(sportBefore.text);
    expect(app.cache.get(paths.live)).toBeUndefined();
    const after = await get(base, paths.live);
    expect(after.text).toContain('<p>Le vote est ouvert &lt;script>alert(1)&lt;/script></p>');
    expect(after.text).not.toContain('<script>alert(1)');
    expect(app.cache.get(paths.live)).toBeDefined();
  });

  it('an article save drops its page and the lists that show it, not the others', async () => {
    const kept = await warm(app, base, [paths.tv, paths.tvList, paths.home, paths.sport]);
    const deps = { db: app.store.db, now: () => new Date(), config: { publicUrl: 'http://127.0.0.1' } };
    const a = await getArticle(deps, tvId);
    const { id, version, status, scheduledAt, ownerId, ownerTokenId, path, url, translations, live: _live, ...input } = a;
    await updateArticle(deps, tvId, { ...input, status, headline: 'Grille d’été' }, `"${version}"`, SYSTEM);
    announceContentChange(app.bus);
    await caughtUp(app);
    for (const p of [paths.tv, paths.tvList, paths.home]) expect(app.cache.get(p), p).toBeUndefined();
    expect(app.cache.get(paths.sport)).toBe(kept[paths.sport]);
    expect((await get(base, paths.tvList)).text).toContain('Grille d’été');
    expect((await get(base, paths.home)).text).toContain('Grille d’été');
  });

  it('pinning home stories drops the home page only', async () => {
    const kept = await warm(app, base, [paths.home, paths.sport, paths.tv]);
    const sportId = await idOf(app, sport.slug);
    await setHomeSlots({ db: app.store.db, now: () => new Date(), config: { publicUrl: 'http://127.0.0.1' } }, 'fr', [sportId], SYSTEM);
    announceContentChange(app.bus);
    await caughtUp(app);
    expect(app.cache.get(paths.home)).toBeUndefined();
    expect(app.cache.get(paths.sport)).toBe(kept[paths.sport]);
    expect(app.cache.get(paths.tv)).toBe(kept[paths.tv]);
  });

  it('a change whose keys are missing, or a change to the whole site, empties the cache', async () => {
    await warm(app, base, [paths.sport, paths.live]);
    // A version whose row is gone (as if pruned): what it changed is not known.
    await app.store.db.transaction().execute(async (trx) => {
      await bumpContentVersion(trx, [key.article(liveId)]);
      const v = await readContentVersion(trx);
      await trx.deleteFrom('content_changes').where('version', '=', v).execute();
    });
    announceContentChange(app.bus);
    await caughtUp(app);
    expect(app.cache.get(paths.sport)).toBeUndefined();
    expect(app.cache.size).toBe(0);

    await warm(app, base, [paths.sport]);
    await app.store.db.transaction().execute((trx) => bumpContentVersion(trx));
    announceContentChange(app.bus);
    await caughtUp(app);
    expect(app.cache.size).toBe(0);
  });

  it('every change drops 404 pages', async () => {
    await warm(app, base, [paths.sport]);
    expect((await get(base, '/fr/sport/pas-encore')).status).toBe(404);
    expect(app.cache.get('/fr/sport/pas-encore')).toBeDefined();
    await postEntry(app, liveId, { text: 'Deuxième entrée' });
    await caughtUp(app);
    expect(app.cache.get('/fr/sport/pas-encore')).toBeUndefined();
    expect(app.cache.get(paths.sport)).toBeDefined();
  });
});

describe('page cache purged per key on two nodes of one PostgreSQL database', () => {
  for (const withRedis of [true, false]) {
    it(withRedis ? 'with a shared Redis' : 'without Redis (the poll)', async () => {
      const db = await freshDatabase('postgres');
      const config = testConfig(db.dataDir, db.database, { ...NO_BACKGROUND_PASSES, contentPollMs: 200, ...(withRedis ? { redisUrl: TEST_REDIS_URL, redisPrefix: uniqueRedisPrefix() } : {}) });
      const one = await buildApp(config);
      const two = await buildApp(config);
      try {
        const [b1, b2] = [await listen(one), await listen(two)];
        await importThree(one, config);
        const liveId = await idOf(one, live.slug);
        await makeLive(one, liveId, '2026-11-20T08:00:00Z');
        await caughtUp(one);
        await caughtUp(two);
        const kept = await warm(two, b2, [paths.live, paths.sport]);
        await warm(one, b1, [paths.live, paths.sport]);
        // Posted through node one; node two learns of it by the bus, or by its poll.
        await postEntry(one, liveId, { text: 'Entrée vue par les deux nœuds' });
        await caughtUp(two);
        expect(two.cache.get(paths.live)).toBeUndefined();
        expect(two.cache.get(paths.sport)).toBe(kept[paths.sport]);
        expect((await get(b2, paths.live)).text).toContain('Entrée vue par les deux nœuds');
        await caughtUp(one);
        expect((await get(b1, paths.live)).text).toContain('Entrée vue par les deux nœuds');
      } finally {
        await one.close();
        await two.close();
        await db.drop();
      }
    }, 60_000);
  }
});
