import type { Kysely } from 'kysely';

// Migrations import nothing from the domain code and never change once merged.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (t: any) =>
    pg
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : // SQLite lets a primary key hold NULL unless told otherwise.
        t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement().notNull());

  await db.schema
    .createTable('editions')
    .addColumn('code', 'varchar(35)', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await id(db.schema.createTable('sections'))
    .addColumn('edition', 'varchar(35)', (c: any) => c.notNull().references('editions.code'))
    .addColumn('slug', 'text', (c: any) => c.notNull())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('position', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('in_nav', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addUniqueConstraint('sections_edition_slug', ['edition', 'slug'])
    .execute();

  await id(db.schema.createTable('tags'))
    .addColumn('edition', 'varchar(35)', (c: any) => c.notNull().references('editions.code'))
    .addColumn('slug', 'text', (c: any) => c.notNull())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addUniqueConstraint('tags_edition_slug', ['edition', 'slug'])
    .execute();

  await id(db.schema.createTable('people'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('role', 'text')
    .execute();

  await id(db.schema.createTable('authors'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .execute();

  await id(db.schema.createTable('images'))
    .addColumn('hash', 'varchar(64)', (c: any) => c.notNull().unique())
    .addColumn('original', 'text', (c: any) => c.notNull())
    .addColumn('mime', 'text', (c: any) => c.notNull())
    .addColumn('width', 'integer', (c: any) => c.notNull())
    .addColumn('height', 'integer', (c: any) => c.notNull())
    .addColumn('bytes', 'integer', (c: any) => c.notNull())
    .addColumn('alt', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text')
    .addColumn('credit', 'text')
    .addColumn('copyright', 'text')
    .addColumn('source_url', 'text')
    .addColumn('variants', 'text', (c: any) => c.notNull().defaultTo('[]'))
    .addColumn('avif_state', 'varchar(16)', (c: any) => c.notNull().defaultTo('pending'))
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('images_avif_state').on('images').column('avif_state').execute();

  await id(db.schema.createTable('articles'))
    .addColumn('edition', 'varchar(35)', (c: any) => c.notNull().references('editions.code'))
    .addColumn('section_id', 'integer', (c: any) => c.notNull().references('sections.id'))
    .addColumn('slug', 'text', (c: any) => c.notNull())
    .addColumn('headline', 'text', (c: any) => c.notNull())
    .addColumn('standfirst', 'text')
    .addColumn('status', 'varchar(16)', (c: any) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .addColumn('source_name', 'text')
    .addColumn('source_url', 'text')
    .addColumn('canonical_url', 'text')
    .addColumn('seo_title', 'text')
    .addColumn('seo_description', 'text')
    .addColumn('lead', 'text')
    // The lead image's id, also inside `lead`: lists join it to show pictures in one query.
    .addColumn('lead_image_id', 'integer', (c: any) => c.references('images.id'))
    .addColumn('body', 'text', (c: any) => c.notNull())
    .addUniqueConstraint('articles_edition_slug', ['edition', 'slug'])
    .execute();
  await db.schema
    .createIndex('articles_listing')
    .on('articles')
    .columns(['edition', 'status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_section_listing')
    .on('articles')
    .columns(['section_id', 'status', 'published_at'])
    .execute();

  for (const [table, other] of [
    ['article_tags', 'tag'],
    ['article_authors', 'author'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn(`${other}_id`, 'integer', (c) => c.notNull().references(`${other}s.id`))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint(`${table}_pk`, ['article_id', `${other}_id`])
      .execute();
    await db.schema.createIndex(`${table}_${other}`).on(table).column(`${other}_id`).execute();
  }
  await db.schema
    .createTable('article_people')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('article_people_pk', ['article_id', 'person_id'])
    .execute();
  await db.schema.createIndex('article_people_person').on('article_people').column('person_id').execute();

  await db.schema
    .createTable('site_state')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey().notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['site_state', 'article_people', 'article_authors', 'article_tags', 'articles', 'images', 'authors', 'people', 'tags', 'sections', 'editions']) {
    await db.schema.dropTable(t).execute();
  }
}
