import type { Kysely } from 'kysely';

// Translations: articles that tell the same story in other editions share a
// translation group (the id of the article the first link was made to).
// Redirects: addresses of a former site (a WordPress permalink, `/?p=12`) that
// now answer with a 301 to an article.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('translation_group', 'integer').execute();
  // One article per edition in a group; NULLs (no translations) never collide.
  await db.schema.createIndex('articles_translation').on('articles').columns(['translation_group', 'edition']).unique().execute();

  await db.schema
    .createTable('redirects')
    .addColumn('path', 'varchar(2000)', (c) => c.primaryKey().notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('redirects_article').on('redirects').columns(['article_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('redirects').execute();
  await db.schema.dropIndex('articles_translation').execute();
  await db.schema.alterTable('articles').dropColumn('translation_group').execute();
}
