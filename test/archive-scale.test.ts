import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, openStore } from '../src/store/db.ts';
import { cliEnv } from './cli-runner.ts';
import { forEachDialect, freshDatabase, scratchDir } from './harness.ts';

/**
 * Export and restore at scale: peak memory of the command (GNU time's maximum
 * resident set) must not grow with the number of articles. Memory, not time:
 * a bound that holds on any machine, however loaded. The commands run with a
 * fixed V8 heap (128 MB): a command that held every article would fail there
 * at the larger size, and V8 does not grow its heap lazily past it, which
 * would otherwise make the resident set follow the garbage made rather than
 * what is held.
 */

const BIN = fileURLToPath(new URL('../bin/depeche.js', import.meta.url));
const SMALL = 2_000;
const LARGE = 20_000;

/** Runs `depeche` under /usr/bin/time -v: its exit code, output and peak RSS in kB. */
function measured(env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string; maxRssKb: number }>((resolve) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', NODE_OPTIONS: '--max-old-space-size=128', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end();
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, maxRssKb: Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN) }));
  });
}

type Db = Awaited<ReturnType<typeof freshDatabase>>;

/** N articles with a tag and an author each, inserted by plain SQL in batches (quicker than the import by far). */
async function fill(target: Db, n: number) {
  const store = openStore(target.database);
  try {
    await migrate(store);
    const db = store.db;
    if (!(await db.selectFrom('editions').select('code').where('code', '=', 'fr').executeTakeFirst()))
      await db.insertInto('editions').values({ code: 'fr', name: 'Édition', base_url: '', time_zone: 'Europe/Paris', is_default: 1, position: 0 }).execute();
    const section = await db.insertInto('sections').values({ edition: 'fr', slug: 'archives', name: 'Archives', position: 0, in_nav: 1, implicit: 0 }).returning('id').executeTakeFirstOrThrow();
    const tag = await db.insertInto('tags').values({ edition: 'fr', slug: 'histoire', name: 'Histoire' }).returning('id').executeTakeFirstOrThrow();
    const author = await db.insertInto('authors').values({ slug: 'redaction', name: 'Rédaction' }).returning('id').executeTakeFirstOrThrow();
    const body = JSON.stringify([{ type: 'paragraph', text: 'Un paragraphe d’archive, assez long pour peser comme un vrai texte. '.repeat(20) }]);
    for (let from = 0; from < n; from += 500) {
      const rows = Array.from({ length: Math.min(500, n - from) }, (_, i) => {
        const k = from + i;
        const at = new Date(Date.UTC(2012, 0, 1) + k * 3_600_000).toISOString();
        return { edition: 'fr', section_id: section.id, slug: `archive-${k}`, headline: `Archive numéro ${k}`, status: 'published', published_at: at, created_at: at, changed_at: at, body };
      });
      const ids = await db.insertInto('articles').values(rows).returning('id').execute();
      await db.insertInto('article_tags').values(ids.map((r) => ({ article_id: r.id, tag_id: tag.id, position: 0 }))).execute();
      await db.insertInto('article_authors').values(ids.map((r) => ({ article_id: r.id, author_id: author.id, position: 0 }))).execute();
    }
  } finally {
    await store.close();
  }
}

forEachDialect('export and restore at scale', (dialect) => {
  const dbs: Db[] = [];
  const made = async () => {
    const d = await freshDatabase(dialect);
    dbs.push(d);
    return d;
  };
  let small: Db;
  let large: Db;
  let work: string;

  beforeAll(async () => {
    work = await scratchDir('archive-scale-');
    [small, large] = [await made(), await made()];
    await fill(small, SMALL);
    await fill(large, LARGE);
  }, 600_000);
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  it(`exports and restores ${LARGE.toLocaleString('en')} articles in the peak memory of ${SMALL.toLocaleString('en')} (at most 1.5 times it, plus 16 MB)`, async () => {
    const peak: Record<string, number> = {};
    for (const [name, source, n] of [['small', small, SMALL], ['large', large, LARGE]] as const) {
      const file = path.join(work, `${name}.tar.gz`);
      const out = await measured(cliEnv(source.dataDir, source.database), ['export', '--out', file]);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout).toMatch(new RegExp(`^exported ${n} articles`));
      peak[`export ${name}`] = out.maxRssKb;
      const into = await made();
      const back = await measured(cliEnv(into.dataDir, into.database), ['import', file]);
      expect(back.code, back.stderr.slice(0, 2000)).toBe(0);
      expect(back.stdout).toMatch(new RegExp(`restored ${n} articles, 0 images, 1 editions, 1 sections`));
      peak[`restore ${name}`] = back.maxRssKb;
      const store = openStore(into.database);
      try {
        const count = await store.db.selectFrom('article_tags').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(count.n)).toBe(n);
      } finally {
        await store.close();
      }
    }
    console.log(`${dialect}: peak RSS in kB`, peak);
    for (const step of ['export', 'restore']) expect(peak[`${step} large`], step).toBeLessThan(peak[`${step} small`] * 1.5 + 16 * 1024);
  }, 900_000);
});
