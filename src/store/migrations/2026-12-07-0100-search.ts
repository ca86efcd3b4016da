import { sql, SqliteAdapter, type Kysely } from 'kysely';

// The search index (src/search/, docs/search.md). Text is analysed in JavaScript
// (stemmed, folded) for both databases, so this migration only makes the empty
// tables: articles and names are indexed by every write from now on, and those
// written before by the worker's backfill pass or `depeche search reindex`.
//
// - search_documents: one row per article. Its id is the article's TIME KEY,
//   floor(epoch seconds of coalesce(published_at, scheduled_at, created_at)) * 2^20
//   + (article id mod 2^20): newest first is the order of the key, so that date
//   order, "published before now" and date ranges are ranges of it.
// - search_documents_fts: the terms, keyed by the same id. SQLite: an FTS5 table
//   (columns title, lead, body, facets; contentless, the analysed text is kept
//   nowhere since snippets are cut from the article itself). PostgreSQL: a table of
//   tsvectors with a GIN index; its primary key is the btree that date order walks.
// - search_names / search_names_fts: tags, quoted people and authors by name.
//
// The *_fts tables differ by dialect by design; the schema snapshot leaves them out.

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // On SQLite only "integer primary key" is the rowid, which FTS5 rows are keyed by.
  const key = sqlite ? 'integer' : 'bigint';
  await db.schema
    .createTable('search_documents')
    .addColumn('id', key, (c) => c.primaryKey().notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().unique())
    .addColumn('edition', 'varchar(35)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('search_names')
    .addColumn('id', key, (c) => c.primaryKey().notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('edition', 'varchar(35)')
    .execute();
  // The wire kind of an article is read by this column when its document is built.
  await db.schema.createIndex('ingest_items_adopted').on('ingest_items').column('adopted_article_id').execute();
  if (sqlite) {
    await sql`create virtual table search_documents_fts using fts5(title, lead, body, facets, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
    await sql`create virtual table search_names_fts using fts5(name, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  } else {
    for (const t of ['search_documents_fts', 'search_names_fts']) {
      await sql`create table ${sql.raw(t)} (id bigint primary key, doc tsvector not null)`.execute(db);
      await sql`create index ${sql.raw(`${t}_doc`)} on ${sql.raw(t)} using gin (doc)`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['search_names_fts', 'search_documents_fts', 'search_names', 'search_documents']) await sql`drop table if exists ${sql.raw(t)}`.execute(db);
  await db.schema.dropIndex('ingest_items_adopted').ifExists().execute();
}
