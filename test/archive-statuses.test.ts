import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { extract } from 'tar';
import fs from 'node:fs/promises';
import { migrate, openStore, type Store } from '../src/store/db.ts';
import { publishDue } from '../src/newsroom/workflow.service.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, freshDatabase, makeArticle, scratchDir, type DialectName } from './harness.ts';
import { cliEnv, depeche } from './cli-runner.ts';

forEachDialect('archive of every workflow status', (dialect) => {
  const other: DialectName = dialect === 'sqlite' ? 'postgres' : 'sqlite';
  let source: Awaited<ReturnType<typeof freshDatabase>>;
  let target: Awaited<ReturnType<typeof freshDatabase>>;
  let sourceStore: Store;
  let targetStore: Store;
  const day = 86_400_000;
  // The CLI runs on the real clock: the scheduled time and the embargo are in the future for it.
  const scheduledAt = new Date(Math.ceil((Date.now() + 30 * day) / 1000) * 1000).toISOString();
  const embargo = new Date(Math.ceil((Date.now() + 40 * day) / 1000) * 1000).toISOString();

  beforeAll(async () => {
    source = await freshDatabase(dialect);
    target = await freshDatabase(other);
    // Without the demo video: this file is about workflow statuses, and the demo's TV article (scheduled until its video is
    // ready) would be one more scheduled article. Videos travel in test/archive-video.test.ts.
    expect((await depeche(cliEnv(source.dataDir, source.database), ['demo', '--no-video'])).code).toBe(0);
    const { file } = await writeImportFolder([
      makeArticle({ slug: 'statut-brouillon', status: 'draft', publishedAt: undefined }),
      makeArticle({ slug: 'statut-relecture', status: 'in_review', publishedAt: undefined }),
      makeArticle({ slug: 'statut-programme', status: 'scheduled', publishedAt: undefined, scheduledAt }),
      makeArticle({ slug: 'statut-publie', status: 'published', publishedAt: '2026-11-20T09:30:00Z' }),
      makeArticle({ slug: 'statut-embargo', status: 'published', publishedAt: embargo }),
      makeArticle({ slug: 'statut-retire', status: 'unpublished', publishedAt: '2026-11-19T08:00:00Z' }),
    ]);
    const r = await depeche(cliEnv(source.dataDir, source.database), ['import', file]);
    expect(r.code, r.stderr).toBe(0);
    sourceStore = openStore(source.database);
    targetStore = openStore(target.database);
    await migrate(targetStore);
  }, 180_000);
  afterAll(async () => {
    await sourceStore?.close();
    await targetStore?.close();
    await source.drop();
    await target.drop();
  });

  const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString());
  async function rows(store: Store) {
    const list = await store.db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      // Picture ids are the target's own; the rest of the row is the same.
      .select(['a.edition', 'a.slug', 's.slug as section', 'a.headline', 'a.status', 'a.published_at', 'a.scheduled_at', 'a.updated_at', 'a.standfirst'])
      .orderBy('a.edition')
      .orderBy('a.slug')
      .execute();
    return list.map((r) => ({ ...r, published_at: iso(r.published_at), scheduled_at: iso(r.scheduled_at), updated_at: iso(r.updated_at) }));
  }

  it(`exports draft, in review, scheduled, published, embargoed and withdrawn articles and restores them to the same rows on ${other}; the scheduler publishes the scheduled one`, async () => {
    const work = await scratchDir('archive-statuses-');
    const archive = path.join(work, 'site.tar.gz');
    const out = await depeche(cliEnv(source.dataDir, source.database), ['export', '--out', archive]);
    expect(out.code, out.stderr).toBe(0);

    // The archive says what each status needs: the scheduled time only for the scheduled article.
    const dir = path.join(work, 'unpacked');
    await fs.mkdir(dir);
    await extract({ file: archive, cwd: dir });
    const written = [];
    for (const f of (await fs.readdir(path.join(dir, 'articles'))).sort())
      for (const line of (await fs.readFile(path.join(dir, 'articles', f), 'utf8')).split('\n')) if (line) written.push(JSON.parse(line));
    const bySlug = new Map(written.map((a) => [a.slug, a]));
    expect(bySlug.get('statut-programme')).toMatchObject({ status: 'scheduled', scheduledAt });
    expect(bySlug.get('statut-programme').publishedAt).toBeUndefined();
    expect(bySlug.get('statut-relecture')).toMatchObject({ status: 'in_review' });
    expect(bySlug.get('statut-embargo')).toMatchObject({ status: 'published', publishedAt: embargo });
    expect(written.filter((a) => a.scheduledAt !== undefined).map((a) => a.slug)).toEqual(['statut-programme']);

    const r = await depeche(cliEnv(target.dataDir, target.database), ['import', archive]);
    expect(r.code, r.stderr).toBe(0);
    const before = await rows(sourceStore);
    expect(new Set(before.map((a) => a.status))).toEqual(new Set(['draft', 'in_review', 'scheduled', 'published', 'unpublished']));
    expect(await rows(targetStore)).toEqual(before);

    // Nothing is due yet; once the time has come, the scheduler publishes it, at its scheduled time.
    const deps = (now: Date) => ({ db: targetStore.db, now: () => now, config: { publicUrl: 'http://127.0.0.1' } });
    expect(await publishDue(deps(new Date()))).toEqual([]);
    const published = await publishDue(deps(new Date(Date.parse(scheduledAt) + 60_000)));
    expect(published).toHaveLength(1);
    const after = await targetStore.db.selectFrom('articles').select(['slug', 'status', 'published_at', 'scheduled_at']).where('id', '=', published[0]!).executeTakeFirstOrThrow();
    expect({ ...after, published_at: iso(after.published_at) }).toEqual({ slug: 'statut-programme', status: 'published', published_at: scheduledAt, scheduled_at: null });
  }, 180_000);
});
