import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.ts';
import { tsQueryText, type ParsedQuery } from './query.ts';
import { LEAD_WEIGHT, TITLE_WEIGHT, type EngineOptions, type SearchPlan } from './search-plan.ts';
import { WEIGHT_OF } from './document.ts';
import type { DialectSearch, Found, NamesPlan } from './sql-engine.ts';
import type { NameHit } from './search.types.ts';
import { KEY_SHIFT } from './time-key.ts';
import { namesFrom } from './names-query.ts';

/**
 * PostgreSQL: a tsvector per article (search_documents_fts.doc, GIN) keyed by the
 * time key (its primary key). A common word with a LIMIT is read by walking the
 * key's btree backwards and checking each row; a rare one through the GIN
 * index. Relevance is scored over the candidates alone (search-plan.ts
 * TITLE_WEIGHT, LEAD_WEIGHT): each candidate row is checked against the query limited
 * to the title's weight (A) and to the lead's (B), the same score as SQLite's.
 */

/**
 * The query's words, limited to the text's weights (A, B, C): a word typed, or a prefix
 * being typed ("ze"), never matches a facet term (weight D). Analysed terms hold no quote.
 */
export function wordsQuery(q: ParsedQuery, weights = 'ABC'): string {
  return tsQueryText(q).replace(/'([^']*)'(:\*)?/g, (_m, term: string, prefix?: string) => `'${term}':${prefix ? '*' : ''}${weights}`);
}

/**
 * The filter tsquery (each edition's words and-ed with its facets, or-ed), and the
 * required words of any edition within the title (A) and the lead (B): all of them
 * or at least one. Exclusions and facets are left out: every candidate already satisfies them.
 */
export function tsQueries(plan: Pick<SearchPlan, 'branches'>): { filter: string; title: Within; lead: Within } {
  const join = (xs: string[], op = '|') => (xs.length === 1 ? xs[0]! : xs.map((x) => `(${x})`).join(` ${op} `));
  const within = (weight: string): Within => ({
    all: join(plan.branches.map((b) => wordsQuery({ ...b.query, not: [] }, weight))),
    // As in SQLite: one part in the column, and the whole query in the text of that edition's branch.
    any: join(plan.branches.map((b) => (b.query.must.length === 1 ? wordsQuery({ ...b.query, not: [] }, weight) : any(b.query, weight)))),
  });
  return {
    filter: join(plan.branches.map((b) => [wordsQuery(b.query), ...b.facets.map((f) => `'${f}'`)].join(' & '))),
    title: within(WEIGHT_OF.title),
    lead: within(WEIGHT_OF.lead),
  };
}

function any(q: ParsedQuery, weight: string): string {
  const parts = q.must.map((p) => wordsQuery({ ...q, must: [p], not: [] }, weight));
  return `(${parts.map((x) => `(${x})`).join(' | ')}) & (${wordsQuery({ ...q, not: [] })})`;
}

interface Within {
  all: string;
  any: string;
}

// Half the weight for a part of the query in the column, the other half for all of it.
const TITLE = sql.raw(String(TITLE_WEIGHT / 2));
const LEAD = sql.raw(String(LEAD_WEIGHT / 2));

function range(plan: SearchPlan, filter: string): RawBuilder<unknown> {
  return sql`f.doc @@ ${filter}::tsquery and f.id between ${plan.lo} and ${plan.hi}`;
}

type Row = { total: number; article_id: number | null; score: number | null };
const found = (rows: Row[]): Found => ({ total: Number(rows[0]?.total ?? 0), hits: rows.filter((r) => r.article_id !== null).map((r) => ({ articleId: r.article_id!, score: Number(r.score) })) });

export const postgresSearch: DialectSearch = {
  name: 'postgres-tsvector',

  async relevance(db: Db, plan: SearchPlan, o: EngineOptions): Promise<Found> {
    const q = tsQueries(plan);
    const cap = Math.max(o.candidates, o.exactTotalUpTo) + 1;
    const { rows } = await sql<Row>`
      with c as materialized (
        select f.id,
          (f.doc @@ ${q.title.all}::tsquery)::int + (f.doc @@ ${q.title.any}::tsquery)::int as t,
          (f.doc @@ ${q.lead.all}::tsquery)::int + (f.doc @@ ${q.lead.any}::tsquery)::int as l
        from search_documents_fts f where ${range(plan, q.filter)} order by f.id desc limit ${cap}
      ),
      n as (select count(*) as total from c),
      s as (
        select id, (${TITLE} * t + ${LEAD} * l + 1.0)::float8
          / (1.0 + greatest(0, ${plan.nowSeconds}::float8 - (id >> ${sql.lit(KEY_SHIFT)})) / ${o.recencyDays * 86400}::float8) as score
        from (select id, t, l from c order by id desc limit ${o.candidates}) x
      ),
      p as (select id, score from s order by score desc, id desc limit ${plan.limit} offset ${plan.offset})
      select n.total, d.article_id, p.score from n left join p on true left join search_documents d on d.id = p.id
      order by p.score desc, p.id desc`.execute(db);
    return found(rows);
  },

  async byDate(db: Db, plan: SearchPlan, offset: number, limit: number, countUpTo: number): Promise<Found> {
    const q = tsQueries(plan);
    const { rows } = await sql<Row>`
      with n as (select count(*) as total from (select 1 from search_documents_fts f where ${range(plan, q.filter)} order by f.id desc limit ${countUpTo}) x),
      p as (select f.id from search_documents_fts f where ${range(plan, q.filter)} order by f.id desc limit ${limit} offset ${offset})
      select n.total, d.article_id, 0.0 as score from n left join p on true left join search_documents d on d.id = p.id
      order by p.id desc`.execute(db);
    return found(rows);
  },

  names(db: Db, plan: NamesPlan): Promise<NameHit[]> {
    const lexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`;
    const query = plan.parts.map((p) => `(${p.map(lexeme).join(' | ')})`).join(' & ');
    return namesFrom(db, plan, sql`search_names_fts f join search_names n on n.id = f.id`, sql`f.doc @@ ${query}::tsquery`);
  },
};
