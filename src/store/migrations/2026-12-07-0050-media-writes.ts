import type { Kysely } from 'kysely';

// The ledger of media files being written: a row is added before a file goes
// to the storage and removed once the rows that name the file are committed.
// A row still here later marks a file that may have no picture row (a crash,
// a storage that failed mid-way): the media sweep checks and removes it.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const table = db.schema.createTable('media_writes');
  await (pg ? table.addColumn('id', 'serial', (c: any) => c.primaryKey()) : table.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement().notNull()))
    .addColumn('key', 'varchar(300)', (c: any) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('media_writes_created').on('media_writes').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media_writes').execute();
}
