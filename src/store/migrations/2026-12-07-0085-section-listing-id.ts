import type { Kysely } from 'kysely';

// A section page is ordered by (published_at desc, id desc) and skips its offset in the
// section listing index. PostgreSQL's index holds no row id: it sorted each run of equal
// times and visited the table for every row skipped. With the id as the last column the
// order and the skip come from the index alone (an index-only scan). SQLite's index already
// ended with the rowid; the column is named there too so both stores keep one schema.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_section_listing').execute();
  await db.schema.createIndex('articles_section_listing').on('articles').columns(['section_id', 'status', 'published_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_section_listing').execute();
  await db.schema.createIndex('articles_section_listing').on('articles').columns(['section_id', 'status', 'published_at']).execute();
}
