import type { Kysely } from 'kysely';

// Accounts, sessions, tokens, revisions, the audit log and the homepage, for the newsroom.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement().notNull());

  await id(db.schema.createTable('users'))
    .addColumn('email', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('role', 'varchar(16)', (c: any) => c.notNull())
    .addColumn('password_hash', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .addColumn('disabled_at', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey().notNull()) // sha256 of the cookie value
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(30)')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await id(db.schema.createTable('api_tokens'))
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('role', 'varchar(16)', (c: any) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c: any) => c.notNull().unique())
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .addColumn('revoked_at', 'varchar(30)')
    .addColumn('last_used_at', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'varchar(300)', (c) => c.primaryKey().notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('articles').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('articles').addColumn('owner_id', 'integer', (c) => c.references('users.id')).execute();
  await db.schema.alterTable('articles').addColumn('scheduled_at', 'varchar(30)').execute();
  await db.schema.alterTable('articles').addColumn('social_image_id', 'integer', (c) => c.references('images.id')).execute();
  await db.schema.createIndex('articles_scheduled').on('articles').columns(['status', 'scheduled_at']).execute();

  await id(db.schema.createTable('article_revisions'))
    .addColumn('article_id', 'integer', (c: any) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .addColumn('snapshot', 'text', (c: any) => c.notNull())
    .addColumn('user_id', 'integer', (c: any) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .addUniqueConstraint('article_revisions_version', ['article_id', 'version'])
    .execute();

  await id(db.schema.createTable('audit_log'))
    .addColumn('at', 'varchar(30)', (c: any) => c.notNull())
    .addColumn('actor', 'text', (c: any) => c.notNull())
    .addColumn('action', 'varchar(64)', (c: any) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await db.schema
    .createTable('home_slots')
    .addColumn('edition', 'varchar(35)', (c) => c.notNull().references('editions.code'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('home_slots_pk', ['edition', 'position'])
    .execute();

  // Former slugs of published articles, so their old URLs answer 301.
  await db.schema
    .createTable('slug_history')
    .addColumn('edition', 'varchar(35)', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('slug_history_pk', ['edition', 'slug'])
    .execute();

  await db.schema.alterTable('images').addColumn('creator', 'text').execute();
  await db.schema.alterTable('images').addColumn('filename', 'text').execute();
  await db.schema.alterTable('images').addColumn('uploaded_by', 'integer', (c) => c.references('users.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['slug_history', 'home_slots', 'audit_log', 'article_revisions', 'login_attempts', 'api_tokens', 'sessions']) await db.schema.dropTable(t).execute();
  for (const c of ['creator', 'filename', 'uploaded_by']) await db.schema.alterTable('images').dropColumn(c).execute();
  await db.schema.dropIndex('articles_scheduled').execute();
  for (const c of ['version', 'owner_id', 'scheduled_at', 'social_image_id']) await db.schema.alterTable('articles').dropColumn(c).execute();
  await db.schema.dropTable('users').execute();
}
