import type { Kysely } from 'kysely';

// The CDN purge outbox: every content change writes the surrogate keys it
// affects here, in its own transaction; the purge worker sends them to the CDN
// and deletes the row once every round is sent.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const t = db.schema.createTable('cdn_purges');
  await (isPostgres(db) ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement().notNull()))
    .addColumn('keys', 'text', (c) => c.notNull()) // space-separated surrogate keys
    .addColumn('status', 'varchar(16)', (c) => c.notNull()) // pending | sending | failed
    .addColumn('due_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('rounds', 'integer', (c) => c.notNull()) // sends still to make
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cdn_purges_due').on('cdn_purges').columns(['status', 'due_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cdn_purges').execute();
}
