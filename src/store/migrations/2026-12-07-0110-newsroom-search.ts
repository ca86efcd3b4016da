import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Word search in the newsroom's libraries, at any size:
// - the media library (`GET /api/admin/media?q=`) over alt text, caption,
//   credit, copyright, creator and file name;
// - the wire queue (`GET /api/admin/ingest/items?q=`) over title and summary.
// On SQLite an FTS5 table per library whose content is the library's table,
// kept in step by triggers; on PostgreSQL a GIN index over a tsvector
// expression ('simple' configuration, punctuation made spaces so that a file
// name is words, accents folded by translate(), no extension needed).
// src/store/word-search.ts queries them with the very same expression:
// changing one means a new migration for the other.
//
// The article list now searches through the search index of every field
// (migration 0100), so 0090's headline-only index goes.

const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőùúûüūůűųýÿžźżśšşřťÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĖĘĚÌÍÎÏĪĮŁÑŃŇÒÓÔÕÖØŌŐÙÚÛÜŪŮŰŲÝŸŽŹŻŚŠŞŘŤ';
const PLAIN = 'aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooouuuuuuuuyyzzzsssrtaaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooouuuuuuuuyyzzzsssrt';

const LIBRARIES: Array<{ table: string; columns: string[] }> = [
  { table: 'images', columns: ['alt', 'caption', 'credit', 'copyright', 'creator', 'filename'] },
  { table: 'ingest_items', columns: ['title', 'summary'] },
];

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;

function pgVector(columns: string[]): string {
  const joined = columns.map((c) => `coalesce(${c}, '')`).join(` || ' ' || `);
  return `to_tsvector('simple'::regconfig, translate(regexp_replace(${joined}, '[^[:alnum:]]+', ' ', 'g'), '${ACCENTED}', '${PLAIN}'))`;
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, columns } of LIBRARIES) {
    if (isSqlite(db)) {
      const fts = `${table}_fts`;
      const cols = columns.join(', ');
      const values = (row: 'new' | 'old') => columns.map((c) => `${row}.${c}`).join(', ');
      await sql.raw(`create virtual table ${fts} using fts5(${cols}, content='${table}', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`).execute(db);
      await sql.raw(`create trigger ${fts}_insert after insert on ${table} begin
        insert into ${fts}(rowid, ${cols}) values (new.id, ${values('new')}); end`).execute(db);
      await sql.raw(`create trigger ${fts}_delete after delete on ${table} begin
        insert into ${fts}(${fts}, rowid, ${cols}) values ('delete', old.id, ${values('old')}); end`).execute(db);
      await sql.raw(`create trigger ${fts}_update after update of ${cols} on ${table} begin
        insert into ${fts}(${fts}, rowid, ${cols}) values ('delete', old.id, ${values('old')});
        insert into ${fts}(rowid, ${cols}) values (new.id, ${values('new')}); end`).execute(db);
      await sql.raw(`insert into ${fts}(${fts}) values ('rebuild')`).execute(db);
    } else {
      await sql.raw(`create index ${table}_search on ${table} using gin (${pgVector(columns)})`).execute(db);
    }
  }
  if (isSqlite(db)) {
    for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger if exists articles_fts_${t}`).execute(db);
    await sql`drop table if exists articles_fts`.execute(db);
  } else {
    await sql`drop index if exists articles_search`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of LIBRARIES) {
    if (isSqlite(db)) {
      for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger if exists ${table}_fts_${t}`).execute(db);
      await sql.raw(`drop table if exists ${table}_fts`).execute(db);
    } else {
      await sql.raw(`drop index if exists ${table}_search`).execute(db);
    }
  }
  // 0090's headline index, as it was.
  if (isSqlite(db)) {
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
    await sql.raw(`create index articles_search on articles using gin (to_tsvector('simple'::regconfig, translate(headline, '${ACCENTED}', '${PLAIN}')))`).execute(db);
  }
}
