/**
 * What the search index costs the article write path: `importArticles` of the
 * same 10,000 articles into an empty store, with this checkout's code (which
 * indexes every article in the import's transaction) and with a checkout made
 * before the index existed (`--without DIR`, e.g. `git archive <commit> | tar -x -C DIR`
 * with a `node_modules` link), in alternating rounds, in one process.
 *
 *   npm run bench:search-writes -- --without DIR [--database postgres://…] [--articles 10000] [--rounds 3] [--drop-fts-statistics]
 *
 * Only the import is timed (parsing and checking the JSON, writing the rows,
 * and with the index analysing the text and writing the documents); the store
 * is made and migrated before the clock starts. SQLite: a fresh file per round;
 * PostgreSQL: a fresh schema per round, dropped after it.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { random } from './archive-data.ts';
import { EN, FIRST_NAMES, FR, LAST_NAMES, type Words } from './archive-words.ts';
import { machine, ROOT } from './archive-server.ts';

/** The same articles every run: news-like text from the archive's word lists, published over a year. */
export function importDocument(count: number): unknown[] {
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const end = Date.parse('2026-12-01T00:00:00Z');
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const edition = rnd() < 0.7 ? 'fr' : 'en';
    const w: Words = edition === 'fr' ? FR : EN;
    const sentence = () => `${pick(w.openers)}, ${pick(w.connectors)}.`;
    const paragraph = () => ({ type: 'paragraph', text: `${sentence()} ${sentence()} ${pick(w.closers)}` });
    const speaker = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
    out.push({
      edition,
      slug: `import-${i + 1}`,
      section: pick(w.sections)[0],
      headline: `${pick(w.subjects)} ${pick(w.verbs)} ${pick(w.objects)} ${pick(w.places)}`,
      standfirst: `${sentence()} ${pick(w.closers)}`,
      status: 'published',
      publishedAt: new Date(end - (count - i) * 3_000_000).toISOString(),
      authors: [`${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`],
      tags: [pick(w.topics), pick(w.topics)].filter((t, k, a) => a.indexOf(t) === k),
      body: [
        paragraph(),
        paragraph(),
        ...(rnd() < 0.6 ? [{ type: 'quote', text: pick(w.quotes), speaker: { name: speaker, role: pick(w.roles) } }] : []),
        { type: 'heading', text: pick(w.headings) },
        paragraph(),
      ],
    });
  }
  return out;
}

interface Tree {
  name: 'with index' | 'without index';
  root: string;
}

/** One import into a fresh store made by the tree's own code; answers its seconds. */
async function importOnce(tree: Tree, text: string, database: string | undefined, round: number, dropFtsStatistics: boolean): Promise<number> {
  const { openStore, migrate } = await import(path.join(tree.root, 'src/store/db.ts'));
  const { importArticles } = await import(path.join(tree.root, 'src/content/import.service.ts'));
  const { ensureEdition } = await import(path.join(tree.root, 'src/content/edition.service.ts'));
  const { localMediaStorage } = await import(path.join(tree.root, 'src/media/storage.ts'));
  const schema = `bench_writes_${process.pid}_${round + 1}_${tree.name === 'with index' ? 'with' : 'without'}`;
  if (database) {
    const c = new pg.Client({ connectionString: database });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-writes-'));
  const config = database ? { kind: 'postgres' as const, url: database, schema } : { kind: 'sqlite' as const, file: path.join(dir, 'depeche.db') };
  const store = openStore(config);
  try {
    await migrate(store);
    if (dropFtsStatistics && config.kind === 'sqlite') {
      // Diagnostic: without the statistics ANALYZE took of the empty FTS5 tables, whose row counts make FTS5's range deletes full scans.
      await sql`delete from sqlite_stat1 where tbl like 'search%'`.execute(store.db);
      await sql`analyze sqlite_schema`.execute(store.db);
    }
    await ensureEdition(store.db, { code: 'fr', name: 'Dépêche', timeZone: 'Europe/Paris', isDefault: true });
    await ensureEdition(store.db, { code: 'en', name: 'Dépêche English', timeZone: 'Europe/London', isDefault: false });
    const deps = { db: store.db, media: localMediaStorage(path.join(dir, 'media')), config: { maxImageBytes: 1 << 24, publicUrl: 'http://localhost' }, now: () => new Date() };
    const began = performance.now();
    const done = await importArticles(deps, [{ name: 'bench.json', baseDir: dir, text }]);
    const seconds = (performance.now() - began) / 1000;
    if (done.length !== JSON.parse(text).length) throw new Error(`${tree.name}: imported ${done.length} articles`);
    return seconds;
  } finally {
    await store.close();
    await fs.rm(dir, { recursive: true, force: true });
    if (database) {
      const c = new pg.Client({ connectionString: database });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      without: { type: 'string' },
      database: { type: 'string' },
      articles: { type: 'string', default: '10000' },
      rounds: { type: 'string', default: '3' },
      'drop-fts-statistics': { type: 'boolean', default: false },
    },
  });
  if (!values.without) throw new Error('--without DIR: a checkout from before the search index, with node_modules');
  const trees: Tree[] = [
    { name: 'with index', root: ROOT },
    { name: 'without index', root: path.resolve(values.without) },
  ];
  const count = Number(values.articles);
  const rounds = Number(values.rounds);
  const text = JSON.stringify(importDocument(count));
  const small = JSON.stringify(importDocument(500));
  const label = values.database ? 'PostgreSQL' : 'SQLite';
  // A short import with each first, not counted: module loading and the JIT's first pass.
  for (const t of trees) await importOnce(t, small, values.database, -1, values['drop-fts-statistics']!);
  const times: Record<Tree['name'], number[]> = { 'with index': [], 'without index': [] };
  for (let round = 0; round < rounds; round++) {
    for (const t of round % 2 === 0 ? trees : [...trees].reverse()) {
      const s = await importOnce(t, text, values.database, round, values['drop-fts-statistics']!);
      times[t.name].push(s);
      process.stderr.write(`${label} round ${round + 1} ${t.name}: ${count} articles in ${s.toFixed(2)} s\n`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const w = median(times['with index']);
  const wo = median(times['without index']);
  process.stdout.write(
    `| ${label} | ${times['without index'].map((s) => s.toFixed(1)).join(', ')} | ${times['with index'].map((s) => s.toFixed(1)).join(', ')} | ` +
      `${Math.round(count / wo).toLocaleString('en')} | ${Math.round(count / w).toLocaleString('en')} | ${(((w - wo) / wo) * 100).toFixed(0)} % |\n` +
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine()}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`bench:search-writes: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
