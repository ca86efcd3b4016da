/**
 * Fills an empty store with a generated archive (see archive-data.ts).
 *
 *   npm run bench:archive -- --articles 1000000 [--data-dir DIR | --database postgres://… [--schema NAME]] [--seed N] [--span-days D]
 *
 * SQLite goes to DIR/depeche.db (default ./data-archive), PostgreSQL to the
 * given database (and schema, made if missing). Pictures go to DIR/media.
 * The store is migrated first; it must hold no article yet.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { localMediaStorage } from '../src/media/storage.ts';
import { openStore } from '../src/store/db.ts';
import type { Config } from '../src/config.ts';
import { generateArchive } from './archive-data.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      'data-dir': { type: 'string' },
      database: { type: 'string' },
      schema: { type: 'string' },
      seed: { type: 'string' },
      'span-days': { type: 'string' },
    },
  });
  const articles = Number(values.articles);
  if (!Number.isInteger(articles) || articles < 1) throw new Error('--articles: expected a whole number above 0');
  const spanDays = values['span-days'] === undefined ? undefined : Number(values['span-days']);
  if (spanDays !== undefined && !(spanDays > 0)) throw new Error('--span-days: expected a number of days above 0');
  const dataDir = path.resolve(values['data-dir'] ?? './data-archive');
  let database: Config['database'];
  if (values.database) {
    if (!/^postgres(ql)?:\/\//.test(values.database)) throw new Error('--database: expected postgres://…');
    if (values.schema) {
      if (!/^[a-z_][a-z0-9_]*$/.test(values.schema)) throw new Error('--schema: expected a lower-case SQL name');
      const c = new pg.Client({ connectionString: values.database });
      await c.connect();
      await c.query(`create schema if not exists ${values.schema}`);
      await c.end();
    }
    database = { kind: 'postgres', url: values.database, ...(values.schema ? { schema: values.schema } : {}) };
  } else {
    database = { kind: 'sqlite', file: path.join(dataDir, 'depeche.db') };
  }
  const store = openStore(database, { waitMs: 60_000 });
  const started = Date.now();
  let last = 0;
  try {
    const summary = await generateArchive(store, {
      articles,
      media: localMediaStorage(path.join(dataDir, 'media')),
      ...(values.seed ? { seed: Number(values.seed) } : {}),
      ...(spanDays !== undefined ? { spanDays } : {}),
      progress: (done, total) => {
        if (done === total || Date.now() - last > 5000) {
          last = Date.now();
          const s = (Date.now() - started) / 1000;
          process.stderr.write(`${done.toLocaleString('en')} / ${total.toLocaleString('en')} articles, ${s.toFixed(0)} s, ${Math.round(done / s).toLocaleString('en')}/s\n`);
        }
      },
    });
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `${summary.articles} articles, ${summary.tags} tags, ${summary.people} people, ${summary.authors} authors, ${summary.images} pictures in ${seconds.toFixed(1)} s → ${database.kind === 'sqlite' ? database.file : `${values.database}${values.schema ? ` (schema ${values.schema})` : ''}`}\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((e) => {
  process.stderr.write(`bench:archive: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
