/**
 * The size of the search index in an archive: every table whose name starts
 * with `search` (on SQLite also FTS5's shadow tables, which carry the virtual
 * table's name), with its indexes. SQLite counts pages through `dbstat`,
 * PostgreSQL through pg_total_relation_size (table, indexes and TOAST).
 */
import { sql } from 'kysely';
import { openStore } from '../src/store/db.ts';
import type { Config } from '../src/config.ts';

export interface IndexSize {
  tables: Array<{ name: string; bytes: number }>;
  total: number;
  /** The whole database, for scale. */
  database: number;
}

export async function indexSize(database: Config['database']): Promise<IndexSize> {
  const store = openStore(database);
  try {
    let tables: Array<{ name: string; bytes: number }>;
    let whole: number;
    if (store.dialect === 'sqlite') {
      const names = await sql<{ name: string; tbl_name: string }>`select name, tbl_name from sqlite_master where type in ('table', 'index') and tbl_name like 'search%'`.execute(store.db);
      const byTable = new Map<string, number>();
      for (const n of names.rows) {
        const r = await sql<{ s: number | null }>`select sum(pgsize) as s from dbstat where name = ${n.name} and aggregate = 1`.execute(store.db);
        byTable.set(n.tbl_name, (byTable.get(n.tbl_name) ?? 0) + Number(r.rows[0]?.s ?? 0));
      }
      tables = [...byTable].map(([name, bytes]) => ({ name, bytes }));
      const p = await sql<{ n: number }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`.execute(store.db);
      whole = Number(p.rows[0]?.n ?? 0);
    } else {
      const schema = database.kind === 'postgres' ? (database.schema ?? 'public') : 'public';
      const r = await sql<{ name: string; bytes: string }>`
        select c.relname as name, pg_total_relation_size(c.oid) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind = 'r' and c.relname like 'search%' order by c.relname`.execute(store.db);
      tables = r.rows.map((x) => ({ name: x.name, bytes: Number(x.bytes) }));
      const w = await sql<{ bytes: string }>`
        select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind = 'r'`.execute(store.db);
      whole = Number(w.rows[0]?.bytes ?? 0);
    }
    tables.sort((a, b) => b.bytes - a.bytes);
    return { tables, total: tables.reduce((n, t) => n + t.bytes, 0), database: whole };
  } finally {
    await store.close();
  }
}
