import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Header, Pack, ReadEntry } from 'tar';
import { migrate, openStore } from '../../src/store/db.ts';
import { cliEnv, depeche } from '../cli-runner.ts';
import { forEachDialect, freshDatabase, listFiles, makeArticle, scratchDir } from '../harness.ts';

/** A gzip'd tar with these entries in this order; zeros compress about a thousandfold. */
async function pack(file: string, entries: Array<{ path: string; data: Buffer }>) {
  const p = new Pack({ gzip: true, portable: true });
  const done = pipeline(p, createWriteStream(file));
  for (const e of entries) {
    const entry = new ReadEntry(new Header({ path: e.path, type: 'File', size: e.data.length, mode: 0o644, mtime: new Date() }));
    const packed = new Promise((resolve) => entry.once('end', resolve));
    p.add(entry);
    entry.end(e.data);
    await packed;
  }
  p.end();
  await done;
}

/** A manifest of the export format whose one article names these pictures. */
function manifest(pictures: string[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: 'depeche-export',
      version: 1,
      exportedAt: '2026-12-01T10:00:00Z',
      editions: [{ code: 'fr', name: 'Édition française', baseUrl: '', timeZone: 'Europe/Paris', isDefault: true, position: 0 }],
      sections: [],
      articles: [makeArticle({ body: pictures.map((image) => ({ type: 'figure', image, alt: 'zéros' })) })],
      redirects: [],
      slugHistory: [],
      homeSlots: [],
    }),
  );
}

const CHILD_MS = 300_000;
const zeros = () => Buffer.alloc(20 * 1024 * 1024);

forEachDialect('hostile imports', (dialect) => {
  let env: Record<string, string>;
  let dataDir: string;
  let drop: () => Promise<void>;
  let work: string;
  let systemTmp: string;

  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    ({ dataDir, drop } = db);
    // The system's temporary folder as the command sees it: its own, since other programs share /tmp.
    systemTmp = await scratchDir('system-tmp-');
    env = { ...cliEnv(dataDir, db.database), TMPDIR: systemTmp };
    work = await scratchDir('hostile-imports-');
    expect((await depeche(env, ['migrate'])).code).toBe(0);
  }, CHILD_MS);
  afterAll(() => drop());

  async function leftovers() {
    const mine = await fs.readdir(path.join(dataDir, 'tmp')).catch(() => []);
    // (tsx keeps its compile cache there too.)
    const system = (await fs.readdir(systemTmp)).filter((n) => !n.startsWith('tsx-'));
    return { mine, system, media: await listFiles(path.join(dataDir, 'media')) };
  }

  it('refuses a decompression bomb whose manifest names its 2 × 20 MB of zeros, with a message, and leaves nothing behind', async () => {
    const bomb = path.join(work, 'bomb.tar.gz');
    await pack(bomb, [
      { path: 'depeche-export.json', data: manifest(['media/a.jpg', 'media/b.jpg']) },
      { path: 'media/a.jpg', data: zeros() },
      { path: 'media/b.jpg', data: zeros() },
    ]);
    expect((await fs.stat(bomb)).size).toBeLessThan(100_000);
    const r = await depeche(env, ['import', bomb]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^nothing was imported:\n {2}bomb\.tar\.gz: unpacks to more than 1000 times its size: refused as a decompression bomb, not an export archive\n$/);
    expect(r.stdout).toBe('');
    expect(await leftovers()).toEqual({ mine: [], system: [], media: [] });
  }, CHILD_MS);

  it('refuses pictures the manifest does not name, and an archive that does not start with its manifest, before unpacking them', async () => {
    const unnamed = path.join(work, 'unnamed.tar.gz');
    await pack(unnamed, [{ path: 'depeche-export.json', data: manifest([]) }, { path: 'media/a.jpg', data: zeros() }]);
    const r = await depeche(env, ['import', unnamed]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('unnamed.tar.gz: media/a.jpg: not named by depeche-export.json');
    const late = path.join(work, 'late.tar.gz');
    await pack(late, [{ path: 'media/a.jpg', data: zeros() }, { path: 'depeche-export.json', data: manifest(['media/a.jpg']) }]);
    const l = await depeche(env, ['import', late]);
    expect(l.code, l.stderr).toBe(1);
    expect(l.stderr).toContain("late.tar.gz: media/a.jpg: comes before depeche-export.json, which must be the archive's first file");
    expect(await leftovers()).toEqual({ mine: [], system: [], media: [] });
  }, CHILD_MS);

  it('removes the folder a killed restore left under DATA_DIR/tmp, and never one of a restore still running', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => dead.on('exit', () => resolve(dead.pid!)));
    const abandoned = path.join(dataDir, 'tmp', `restore-${deadPid}-abc123`);
    const running = path.join(dataDir, 'tmp', `restore-${process.pid}-def456`);
    for (const d of [abandoned, running]) await fs.mkdir(path.join(d, 'media'), { recursive: true });
    const empty = path.join(work, 'empty.tar.gz');
    await pack(empty, [{ path: 'depeche-export.json', data: manifest([]) }, { path: 'media/x.jpg', data: Buffer.from('x') }]);
    expect((await depeche(env, ['import', empty])).code).toBe(1);
    expect(await fs.readdir(path.join(dataDir, 'tmp'))).toEqual([path.basename(running)]);
    await fs.rm(running, { recursive: true });
  }, CHILD_MS);

  it('imports 100,000 articles from one file in one transaction, with progress on standard error', async () => {
    const file = path.join(work, 'masse.json');
    const articles = Array.from({ length: 100_000 }, (_, i) =>
      makeArticle({ slug: `masse-${i}`, section: i % 2 ? 'tv' : 'monde', authors: [`Autrice ${i % 50}`], tags: [`sujet-${i % 300}`, 'direct'] }),
    );
    await fs.writeFile(file, JSON.stringify(articles));
    const r = await depeche(env, ['import', file]);
    expect(r.code, r.stderr.slice(0, 2000)).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(100_000);
    // Standard error is a pipe: the bar is written as a line at each quarter, before the end.
    expect(r.stderr).toMatch(/^articles: 2\d{4}\/100000$/m);
    expect(r.stderr).toMatch(/^articles: 100000\/100000$/m);
    const store = openStore(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL.split('?')[0], schema: /search_path%3D(\w+)/.exec(env.DATABASE_URL)![1] } : { kind: 'sqlite', file: path.join(dataDir, 'depeche.db') });
    try {
      await migrate(store);
      const count = async (t: 'articles' | 'article_tags' | 'article_authors' | 'tags') => Number((await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count('articles')).toBe(100_000);
      expect(await count('article_tags')).toBe(200_000);
      expect(await count('article_authors')).toBe(100_000);
      expect(await count('tags')).toBe(300 + 1);
      const last = await store.db.selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id').select(['a.headline', 's.slug']).where('a.slug', '=', 'masse-99999').executeTakeFirstOrThrow();
      expect(last).toEqual({ headline: articles[99_999].headline, slug: 'tv' });
    } finally {
      await store.close();
    }

    // All or nothing: 60,000 new articles and one slug already taken at the very end write nothing.
    const again = path.join(work, 'encore.json');
    await fs.writeFile(again, JSON.stringify([...Array.from({ length: 60_000 }, (_, i) => makeArticle({ slug: `encore-${i}` })), makeArticle({ slug: 'masse-99999' })]));
    const refused = await depeche(env, ['import', again]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`nothing was imported:\n  ${again}: article 60000: slug: "masse-99999" already exists in edition fr\n`);
  }, 900_000);

  it('prints terminal escapes in imported keys, feed names and source names escaped', async () => {
    const evil = '\u001b]0;PWNED\u0007\u001b[2J\u009b31m';
    const shown = '\\u001b]0;PWNED\\u0007\\u001b[2J\\u009b31m';
    const file = path.join(work, 'cle.json');
    await fs.writeFile(file, JSON.stringify({ ...makeArticle(), [evil]: 1 }));
    const r = await depeche(env, ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(shown);

    const store = openStore(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL.split('?')[0], schema: /search_path%3D(\w+)/.exec(env.DATABASE_URL)![1] } : { kind: 'sqlite', file: path.join(dataDir, 'depeche.db') });
    try {
      const row = { edition: 'fr', section: 'monde', etag: null, last_modified: null, next_poll_at: '2026-01-01T00:00:00.000Z', failures: 0, last_error: null, last_polled_at: null, created_at: '2026-01-01T00:00:00.000Z' };
      await store.db.insertInto('ingest_sources').values({ ...row, name: `Flux ${evil}`, kind: 'rss', url: 'http://127.0.0.1:1/flux.xml' }).execute();
      await store.db.insertInto('ingest_sources').values({ ...row, name: `Source ${evil}`, kind: 'ninjs', url: null }).execute();
    } finally {
      await store.close();
    }
    const poll = await depeche(env, ['ingest', 'poll']);
    expect(poll.stdout).toContain(`Flux ${shown}: error: `);
    expect(poll.stdout).toContain(`Source ${shown}: 0 new`);
    for (const out of [r.stdout, r.stderr, poll.stdout, poll.stderr]) expect(out).not.toMatch(/[\u0007\u001b\u009b]/);
  }, CHILD_MS);
});
