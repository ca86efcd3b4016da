import type { Kysely } from 'kysely';

// Webhook subscribers and their deliveries. The deliveries table is the outbox:
// a row is written in the same transaction as the change it announces.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement().notNull());

  await id(db.schema.createTable('webhook_subscribers'))
    .addColumn('url', 'text', (c: any) => c.notNull())
    .addColumn('secret', 'text', (c: any) => c.notNull())
    .addColumn('events', 'text', (c: any) => c.notNull()) // JSON array of event names
    .addColumn('active', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .execute();

  await id(db.schema.createTable('webhook_deliveries'))
    .addColumn('subscriber_id', 'integer', (c: any) => c.notNull().references('webhook_subscribers.id').onDelete('cascade'))
    .addColumn('event', 'varchar(32)', (c: any) => c.notNull())
    .addColumn('payload', 'text', (c: any) => c.notNull())
    .addColumn('status', 'varchar(16)', (c: any) => c.notNull())
    .addColumn('attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(30)', (c: any) => c.notNull())
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .addColumn('delivered_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_subscriber').on('webhook_deliveries').columns(['subscriber_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_subscribers').execute();
}
