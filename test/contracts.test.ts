import fs from 'node:fs/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { importJsonSchema } from '../src/content/json-schema.ts';
import { ERROR_CODES } from '../src/errors.ts';
import { migrate, openStore } from '../src/store/db.ts';
import { freshDatabase } from './harness.ts';

/** Columns of every table, in a form both databases agree on. */
async function describeSchema(dialect: 'sqlite' | 'postgres') {
  const db = await freshDatabase(dialect);
  const store = openStore(db.database);
  try {
    await migrate(store);
    // Kysely lists the tables of every schema on PostgreSQL, and other test files create theirs in the same database at the same time.
    const own = db.database.kind === 'postgres' ? db.database.schema : undefined;
    // Full-text indexes are each dialect's own: SQLite's are virtual tables with shadow tables (*_fts*), PostgreSQL's
    // an index, or a table of tsvectors named alike (search_documents_fts); the tables they index are compared.
    const tables = (await store.db.introspection.getTables()).filter(
      (t) => !t.name.startsWith('kysely_') && !/^[a-z_]+_fts(_[a-z]+)?$/.test(t.name) && (own === undefined || t.schema === own),
    );
    const out: Record<string, Array<{ name: string; nullable: boolean }>> = {};
    for (const t of tables.sort((a, b) => a.name.localeCompare(b.name))) {
      out[t.name] = t.columns.map((c) => ({ name: c.name, nullable: c.isNullable })).sort((a, b) => a.name.localeCompare(b.name));
    }
    const version = await sql<{ value: number }>`select value from site_state where key = 'content_version'`.execute(store.db);
    return { tables: out, contentVersion: Number(version.rows[0].value) };
  } finally {
    await store.close();
    await db.drop();
  }
}

describe('contracts kept in files', () => {
  it('migrates SQLite and PostgreSQL to the same schema, the one in test/schema-snapshot.json', async () => {
    const [lite, pg] = [await describeSchema('sqlite'), await describeSchema('postgres')];
    expect(pg, 'the two databases differ after migrating: fix the migration for the dialect that differs').toEqual(lite);
    const file = new URL('./schema-snapshot.json', import.meta.url);
    const snapshot = JSON.parse(await fs.readFile(file, 'utf8').catch(() => 'null'));
    expect(lite, 'the schema changed: if that is intended, delete test/schema-snapshot.json and run the tests to write it again').toEqual(snapshot ?? lite);
    if (!snapshot) await fs.writeFile(file, JSON.stringify(lite, null, 2) + '\n');
  });

  it('keeps schema/article.schema.json generated from the validator', async () => {
    const committed = await fs.readFile(new URL('../schema/article.schema.json', import.meta.url), 'utf8');
    expect(committed, 'run `npm run schema` to regenerate schema/article.schema.json').toBe(importJsonSchema());
  });

  it('lists every error code in docs/errors.md', async () => {
    const doc = await fs.readFile(new URL('../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(documented)).toEqual(ERROR_CODES);
  });
});
