import type { Kysely } from 'kysely';

// Editions, site structure and identity (docs/editions.md, docs/site-structure.md, docs/theming.md):
// an edition's language, direction, numerals and identity; sections nested one level with a description;
// people, topics and authors described, merged and pictured; header and footer menus; static pages;
// the old slugs of sections, pages, topics, people and authors, which keep answering with a 301;
// each user's admin language; translations linked to the version of their source; pictures' focal points.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement().notNull());

  const add = async (table: string, column: string, type: any, build?: (c: any) => any) => {
    await db.schema.alterTable(table).addColumn(column, type, build ?? ((c: any) => c)).execute();
  };

  // Editions: the language its pages are in (a BCP 47 tag; empty: the code), its direction, its numerals, its identity.
  await add('editions', 'language', 'varchar(35)', (c) => c.notNull().defaultTo(''));
  await add('editions', 'dir', 'varchar(3)', (c) => c.notNull().defaultTo('ltr'));
  await add('editions', 'numbering', 'varchar(16)');
  await add('editions', 'identity', 'text');

  await add('sections', 'parent_id', 'integer', (c) => c.references('sections.id'));
  await add('sections', 'description', 'text');

  await add('tags', 'description', 'text');
  await add('tags', 'featured', 'integer', (c) => c.notNull().defaultTo(0));
  await add('tags', 'merged_into', 'integer', (c) => c.references('tags.id'));

  await add('people', 'description', 'text');
  await add('people', 'photo_image_id', 'integer', (c) => c.references('images.id'));
  await add('people', 'aliases', 'text', (c) => c.notNull().defaultTo('[]'));
  await add('people', 'wikidata', 'varchar(32)');
  await add('people', 'merged_into', 'integer', (c) => c.references('people.id'));

  await db.schema
    .createTable('person_roles')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('edition', 'varchar(35)', (c) => c.notNull().references('editions.code'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_roles_pk', ['person_id', 'edition'])
    .execute();

  await add('authors', 'bio', 'text');
  await add('authors', 'role', 'text');
  await add('authors', 'photo_image_id', 'integer', (c) => c.references('images.id'));
  await add('authors', 'social', 'text', (c) => c.notNull().defaultTo('[]'));

  await id(db.schema.createTable('menu_items'))
    .addColumn('edition', 'varchar(35)', (c: any) => c.notNull().references('editions.code'))
    .addColumn('menu', 'varchar(16)', (c: any) => c.notNull())
    .addColumn('position', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('kind', 'varchar(16)', (c: any) => c.notNull())
    .addColumn('target_id', 'integer')
    .addColumn('url', 'text')
    .addColumn('label', 'text')
    .execute();
  await db.schema.createIndex('menu_items_edition').on('menu_items').columns(['edition', 'menu', 'position']).execute();

  await id(db.schema.createTable('pages'))
    .addColumn('edition', 'varchar(35)', (c: any) => c.notNull().references('editions.code'))
    .addColumn('slug', 'text', (c: any) => c.notNull())
    .addColumn('title', 'text', (c: any) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('kind', 'varchar(32)')
    .addColumn('body', 'text', (c: any) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'varchar(16)', (c: any) => c.notNull().defaultTo('draft'))
    .addColumn('in_footer', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c: any) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .addUniqueConstraint('pages_edition_slug', ['edition', 'slug'])
    .execute();

  await db.schema
    .createTable('slug_aliases')
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('edition', 'varchar(35)', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('slug_aliases_pk', ['kind', 'edition', 'slug'])
    .execute();

  await add('users', 'language', 'varchar(8)', (c) => c.notNull().defaultTo('fr'));

  await add('articles', 'translated_from', 'integer');
  await add('articles', 'translated_version', 'integer');

  await add('images', 'focal_x', 'real');
  await add('images', 'focal_y', 'real');
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['slug_aliases', 'pages', 'menu_items', 'person_roles']) await db.schema.dropTable(t).execute();
  const drop = async (table: string, cols: string[]) => {
    for (const c of cols) await db.schema.alterTable(table).dropColumn(c).execute();
  };
  await drop('images', ['focal_x', 'focal_y']);
  await drop('articles', ['translated_from', 'translated_version']);
  await drop('users', ['language']);
  await drop('authors', ['bio', 'role', 'photo_image_id', 'social']);
  await drop('people', ['description', 'photo_image_id', 'aliases', 'wikidata', 'merged_into']);
  await drop('tags', ['description', 'featured', 'merged_into']);
  await drop('sections', ['parent_id', 'description']);
  await drop('editions', ['language', 'dir', 'numbering', 'identity']);
}
