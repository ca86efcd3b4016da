import type { Kysely } from 'kysely';

// What each content version changed: the surrogate keys of one bump, so that every node can
// drop from its page cache just the pages a change affects (docs/cdn.md). Only the newest
// rows are kept; a node that missed pruned versions empties its whole cache.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('content_changes')
    .addColumn('version', 'integer', (c) => c.primaryKey().notNull())
    .addColumn('keys', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('content_changes').execute();
}
