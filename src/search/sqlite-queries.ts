import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.ts';
import { fts5Match, type ParsedQuery } from './query.ts';
import { LEAD_WEIGHT, TITLE_WEIGHT, type EngineOptions, type SearchPlan } from './search-plan.ts';
import type { DialectSearch, Found, NamesPlan } from './sql-engine.ts';
import type { NameHit } from './search.types.ts';
import { KEY_SHIFT } from './time-key.ts';
import { keyValue } from './index-writer.ts';
import { namesFrom } from './names-query.ts';

/**
 * SQLite FTS5: `ORDER BY rowid DESC` on the FTS5 table streams its doclists newest
 * first, so a page, the relevance candidates and the exact part of a total are
 * each read as the first rows of a range. Relevance is scored over the
 * candidates alone (search-plan.ts TITLE_WEIGHT, LEAD_WEIGHT): whether the query's words
 * are in the title and in the lead, asked by two more MATCHes limited to the
 * candidates' rowid range, which FTS5 seeks to. No bm25(): its document
 * frequencies read every phrase's whole doclist on each query.
 */

const TEXT = ['title', 'lead', 'body'];
// Half the weight for a part of the query in the column, the other half for all of it.
const TITLE = sql.raw(String(TITLE_WEIGHT / 2));
const LEAD = sql.raw(String(LEAD_WEIGHT / 2));

/** The MATCH expression: each edition's query and-ed with its facets, the editions or-ed. */
export function fts5Expression(plan: Pick<SearchPlan, 'branches'>): string {
  const one = (b: SearchPlan['branches'][number]) => fts5Match(b.query, TEXT, b.facets.map((f) => `facets : "${f}"`));
  return plan.branches.length === 1 ? one(plan.branches[0]!) : plan.branches.map((b) => `(${one(b)})`).join(' OR ');
}

/**
 * The MATCH of the candidates whose `column` holds every required part of the query
 * (`all`) or at least one (`any`), in any edition's branch. Exclusions and facets
 * are left out: every candidate already satisfies them.
 */
export function fts5ColumnExpression(plan: Pick<SearchPlan, 'branches'>, column: 'title' | 'lead', how: 'all' | 'any'): string {
  const within = (q: ParsedQuery, columns: string[] = [column]) => fts5Match({ ...q, not: [] }, columns);
  // "Any" is and-ed with the whole query, so that FTS5 steps over the rows of one word alone.
  const any = (q: ParsedQuery) => `(${q.must.map((p) => within({ ...q, must: [p] })).join(' OR ')}) AND ${within(q, TEXT)}`;
  const parts = plan.branches.map((b) => (how === 'all' || b.query.must.length === 1 ? within(b.query) : any(b.query)));
  return parts.length === 1 ? parts[0]! : parts.map((x) => `(${x})`).join(' OR ');
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
    // Which candidates hold the words in their title, in their lead: FTS5 seeks each MATCH to the
    // candidates' rowid range. Scalar subqueries, not a join with b: joined, the planner would scan
    // FTS5 first, without the range.
    const within = (column: 'title' | 'lead', how: 'all' | 'any') =>
      sql`select rowid as id from search_documents_fts where search_documents_fts match ${fts5ColumnExpression(plan, column, how)}
        and rowid between (select lo from b) and (select hi from b)`;
    const has = (set: string) => sql`(id in (select id from ${sql.raw(set)}))`;
    const { rows } = await sql<Row>`
      with c as materialized (
        select rowid as id from search_documents_fts where ${range(plan)} order by rowid desc limit ${cap}
      ),
      n as (select count(*) as total from c),
      w as materialized (select id from c order by id desc limit ${o.candidates}),
      b as materialized (select min(id) as lo, max(id) as hi from w),
      ta as materialized (${within('title', 'all')}),
      t1 as materialized (${within('title', 'any')}),
      la as materialized (${within('lead', 'all')}),
      l1 as materialized (${within('lead', 'any')}),
      s as (
        select id, (${TITLE} * (${has('ta')} + ${has('t1')}) + ${LEAD} * (${has('la')} + ${has('l1')}) + 1.0)
          / (1.0 + max(0, ${plan.nowSeconds} - (id >> ${sql.lit(KEY_SHIFT)})) / ${o.recencyDays * 86400.0}) as score
        from w
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
