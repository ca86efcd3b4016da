import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.ts';
import { fts5Match } from './query.ts';
import type { EngineOptions, SearchPlan } from './search-plan.ts';
import type { DialectSearch, Found, NamesPlan } from './sql-engine.ts';
import type { NameHit } from './search.types.ts';
import { KEY_SHIFT } from './time-key.ts';
import { keyValue } from './index-writer.ts';
import { namesFrom } from './names-query.ts';

/**
 * SQLite FTS5: `ORDER BY rowid DESC` on the FTS5 table streams its doclists newest
 * first, so a page, the relevance candidates and the exact part of a total are
 * each read as the first rows of a range; bm25 weighs title, lead and body
 * 10:4:1 and the facets nothing.
 */

const TEXT = ['title', 'lead', 'body'];
const BM25 = sql.raw('bm25(search_documents_fts, 10.0, 4.0, 1.0, 0.0)');

/** The MATCH expression: each edition's query and-ed with its facets, the editions or-ed. */
export function fts5Expression(plan: Pick<SearchPlan, 'branches'>): string {
  const one = (b: SearchPlan['branches'][number]) => fts5Match(b.query, TEXT, b.facets.map((f) => `facets : "${f}"`));
  return plan.branches.length === 1 ? one(plan.branches[0]!) : plan.branches.map((b) => `(${one(b)})`).join(' OR ');
}

function range(plan: SearchPlan): RawBuilder<unknown> {
  return sql`search_documents_fts match ${fts5Expression(plan)} and rowid between ${keyValue('sqlite', plan.lo)} and ${keyValue('sqlite', plan.hi)}`;
}

type Row = { total: number; article_id: number | null; score: number | null };
const found = (rows: Row[]): Found => ({ total: Number(rows[0]?.total ?? 0), hits: rows.filter((r) => r.article_id !== null).map((r) => ({ articleId: r.article_id!, score: Number(r.score) })) });

export const sqliteSearch: DialectSearch = {
  name: 'sqlite-fts5',

  async relevance(db: Db, plan: SearchPlan, o: EngineOptions): Promise<Found> {
    const cap = Math.max(o.candidates, o.exactTotalUpTo) + 1;
    const { rows } = await sql<Row>`
      with c as materialized (
        select rowid as id, ${BM25} as r from search_documents_fts where ${range(plan)} order by rowid desc limit ${cap}
      ),
      n as (select count(*) as total from c),
      s as (
        select id, -r / (1.0 + max(0, ${plan.nowSeconds} - (id >> ${sql.lit(KEY_SHIFT)})) / ${o.recencyDays * 86400.0}) as score
        from (select id, r from c order by id desc limit ${o.candidates})
      ),
      p as (select id, score from s order by score desc, id desc limit ${plan.limit} offset ${plan.offset})
      select n.total, d.article_id, p.score from n left join p on 1 = 1 left join search_documents d on d.id = p.id
      order by p.score desc, p.id desc`.execute(db);
    return found(rows);
  },

  async byDate(db: Db, plan: SearchPlan, offset: number, limit: number, countUpTo: number): Promise<Found> {
    const { rows } = await sql<Row>`
      with n as (select count(*) as total from (select 1 from search_documents_fts where ${range(plan)} limit ${countUpTo})),
      p as (select rowid as id from search_documents_fts where ${range(plan)} order by rowid desc limit ${limit} offset ${offset})
      select n.total, d.article_id, 0.0 as score from n left join p on 1 = 1 left join search_documents d on d.id = p.id
      order by p.id desc`.execute(db);
    return found(rows);
  },

  names(db: Db, plan: NamesPlan): Promise<NameHit[]> {
    const parts = plan.parts.map((p) => `(${p.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' OR ')})`).join(' AND ');
    return namesFrom(db, plan, sql`search_names_fts f join search_names n on n.id = f.rowid`, sql`search_names_fts match ${parts}`);
  },
};
