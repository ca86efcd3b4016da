import type { Kysely } from 'kysely';

// What readers see must come from published content only.
// - sections.implicit: 1 for a section made by typing its name in an article;
//   readers see it only once a visible article is in it. Sections that exist
//   now keep showing (0), as they did.
// - article_people.role: the role a quote gives its speaker, per article, so a
//   person's public role is the one of their latest published quote and a
//   draft cannot overwrite it. Filled by the next migration.
// - articles.changed_at: the time of the last save or transition, which the
//   newsroom's list is ordered by (with id to break ties). Filled by the next
//   migration; every write sets it from then on.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sections').addColumn('implicit', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('article_people').addColumn('role', 'text').execute();
  await db.schema.alterTable('articles').addColumn('changed_at', 'varchar(30)').execute();
  await db.schema.createIndex('articles_changed').on('articles').columns(['changed_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_changed').execute();
  await db.schema.alterTable('articles').dropColumn('changed_at').execute();
  await db.schema.alterTable('article_people').dropColumn('role').execute();
  await db.schema.alterTable('sections').dropColumn('implicit').execute();
}
