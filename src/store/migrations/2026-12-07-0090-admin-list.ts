import { sql, SqliteAdapter, type Kysely } from 'kysely';

// The newsroom's article list at any size of archive:
// - an index per order the list offers and per filter under its default order
//   (last change, newest first), so that a page is read by a range of an index
//   from the cursor on, never by skipping rows;
// - a full-text index over headlines for `q=`: on SQLite an FTS5 table whose
//   content is the articles table, kept in step by triggers; on PostgreSQL a GIN
//   index over a tsvector expression ('simple' configuration, accents folded by
//   translate(), no extension needed). src/newsroom/list-search.ts queries it with
//   the very same expression: changing one means a new migration for the other.

const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőùúûüūůűųýÿžźżśšşřťÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĖĘĚÌÍÎÏĪĮŁÑŃŇÒÓÔÕÖØŌŐÙÚÛÜŪŮŰŲÝŸŽŹŻŚŠŞŘŤ';
const PLAIN = 'aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooouuuuuuuuyyzzzsssrtaaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooouuuuuuuuyyzzzsssrt';

const INDEXES: Array<[string, string]> = [
  ['articles_list_headline', 'lower(headline), id'],
  ['articles_list_status', 'status, id'],
  ['articles_list_edition', 'edition, id'],
  ['articles_list_section', 'section_id, id'],
  ['articles_list_published', 'coalesce(published_at, scheduled_at), id'],
  ['articles_list_status_changed', 'status, changed_at, id'],
  ['articles_list_edition_changed', 'edition, changed_at, id'],
  ['articles_list_section_changed', 'section_id, changed_at, id'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of INDEXES) await sql`create index ${sql.raw(name)} on articles (${sql.raw(columns)})`.execute(db);
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create virtual table articles_fts using fts5(headline, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
    await sql`create trigger articles_fts_insert after insert on articles begin
      insert into articles_fts(rowid, headline) values (new.id, new.headline); end`.execute(db);
    await sql`create trigger articles_fts_delete after delete on articles begin
      insert into articles_fts(articles_fts, rowid, headline) values ('delete', old.id, old.headline); end`.execute(db);
    await sql`create trigger articles_fts_update after update of headline on articles begin
      insert into articles_fts(articles_fts, rowid, headline) values ('delete', old.id, old.headline);
      insert into articles_fts(rowid, headline) values (new.id, new.headline); end`.execute(db);
    await sql`insert into articles_fts(articles_fts) values ('rebuild')`.execute(db);
  } else {
    await sql`create index articles_search on articles using gin (to_tsvector('simple'::regconfig, translate(headline, ${sql.lit(ACCENTED)}, ${sql.lit(PLAIN)})))`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of ['insert', 'delete', 'update']) await sql`drop trigger if exists ${sql.raw(`articles_fts_${t}`)}`.execute(db);
    await sql`drop table if exists articles_fts`.execute(db);
  } else {
    await sql`drop index if exists articles_search`.execute(db);
  }
  for (const [name] of INDEXES) await sql`drop index if exists ${sql.raw(name)}`.execute(db);
}
