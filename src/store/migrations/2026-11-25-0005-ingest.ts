import type { Kysely } from 'kysely';

// Wire ingest: the feeds we poll, and the queue of items they brought in.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement().notNull());

  await id(db.schema.createTable('ingest_sources'))
    .addColumn('name', 'varchar(200)', (c: any) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c: any) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('edition', 'varchar(35)', (c: any) => c.notNull())
    .addColumn('section', 'varchar(120)', (c: any) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('next_poll_at', 'varchar(30)', (c: any) => c.notNull())
    .addColumn('failures', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_polled_at', 'varchar(30)')
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('ingest_sources_due').on('ingest_sources').columns(['next_poll_at']).execute();

  await id(db.schema.createTable('ingest_items'))
    .addColumn('source_id', 'integer', (c: any) => c.notNull().references('ingest_sources.id').onDelete('cascade'))
    .addColumn('guid', 'varchar(500)', (c: any) => c.notNull())
    .addColumn('title', 'text', (c: any) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('link', 'text')
    .addColumn('published_at', 'varchar(30)', (c: any) => c.notNull())
    .addColumn('updated_at', 'varchar(30)')
    .addColumn('payload', 'text', (c: any) => c.notNull())
    .addColumn('status', 'varchar(16)', (c: any) => c.notNull())
    .addColumn('adopted_article_id', 'integer', (c: any) => c.references('articles.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('ingest_items_guid').on('ingest_items').columns(['source_id', 'guid']).unique().execute();
  await db.schema.createIndex('ingest_items_status').on('ingest_items').columns(['status', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ingest_items').execute();
  await db.schema.dropTable('ingest_sources').execute();
}
