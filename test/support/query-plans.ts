import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Config } from '../../src/config.ts';
import { findArticle, homeCards, listCards, loadRelations } from '../../src/content/article.repository.ts';
import { listPeople, listPublished, listTags } from '../../src/content/content-api.service.ts';
import { findPublicName, publicRole } from '../../src/content/visibility.ts';
import { monthArticles, monthCounts, recentArticles, sectionLastmods, translationLinks } from '../../src/feeds/sitemap.repository.ts';
import type { Db } from '../../src/store/db.ts';
import type { Database } from '../../src/store/schema.ts';

/**
 * The archive's listing queries, captured as the app compiles them, and their
 * query plans: SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN (FORMAT JSON)
 * with sequential scans and sorts priced out, so that a plan still holding one
 * means no index can answer the query in order.
 */

export interface Plan {
  name: string;
  sql: string;
  /** SQLite: the plan's lines. PostgreSQL: one line per node, "Node Type [on relation]". */
  lines: string[];
  /**
   * PostgreSQL only: the rows each node over a table that grows with the archive read when the
   * statement ran (EXPLAIN ANALYZE with the planner's usual settings): rows returned plus rows
   * removed by a filter or recheck, times loops, as "Node Type on relation [using index]: n".
   */
  reads?: Array<{ node: string; rows: number }>;
}

export interface Spy {
  db: Db;
  captured: CompiledQuery[];
  explain(q: CompiledQuery): Promise<string[]>;
  /** PostgreSQL: rows read per node on the archive's tables when the statement runs. */
  reads?(q: CompiledQuery): Promise<Array<{ node: string; rows: number }>>;
  close(): Promise<void>;
}

export function spyStore(database: Config['database']): Spy {
  const captured: CompiledQuery[] = [];
  const log = (e: { level: string; query: CompiledQuery }) => {
    if (e.level === 'query') captured.push(e.query);
  };
  if (database.kind === 'sqlite') {
    const sqlite = new SqliteDatabase(database.file, { readonly: true });
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log });
    return {
      db,
      captured,
      async explain(q) {
        const rows = sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as Array<{ detail: string }>;
        return rows.map((r) => r.detail);
      },
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({ connectionString: database.url, max: 1, ...(database.schema ? { options: `-c search_path=${database.schema}` } : {}) });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  return {
    db,
    captured,
    async explain(q) {
      const c = await pool.connect();
      try {
        await c.query('set enable_seqscan = off');
        await c.query('set enable_sort = off');
        const r = await c.query(`explain (format json) ${q.sql}`, q.parameters as unknown[]);
        const out: string[] = [];
        const walk = (n: any) => {
          out.push(`${n['Node Type']}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`);
          for (const child of n.Plans ?? []) walk(child);
        };
        walk(r.rows[0]['QUERY PLAN'][0].Plan);
        return out;
      } finally {
        await c.query('reset enable_seqscan; reset enable_sort').catch(() => {});
        c.release();
      }
    },
    async reads(q) {
      // Sequential scans and sorts are priced out above to find the index a query can use; here
      // the plan is the one production gets, run, so a whole index read in order shows its rows.
      const r = await pool.query(`explain (analyze, format json) ${q.sql}`, q.parameters as unknown[]);
      const out: Array<{ node: string; rows: number }> = [];
      const walk = (n: any) => {
        if (n['Relation Name'] && BIG.includes(n['Relation Name'])) {
          const rows = (n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) * (n['Actual Loops'] ?? 1);
          out.push({ node: `${n['Node Type']} on ${n['Relation Name']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`, rows });
        }
        for (const child of n.Plans ?? []) walk(child);
      };
      walk(r.rows[0]['QUERY PLAN'][0].Plan);
      return out;
    },
    close: () => db.destroy(),
  };
}

export interface ArchiveSubjects {
  now: Date;
  edition: string;
  sectionId: number;
  sectionSlug: string;
  /** A page far into the section (its last, or near it). */
  deepPage: number;
  tag: { id: number; slug: string };
  author: { id: number; slug: string };
  person: { id: number; slug: string };
  month: string;
}

/** Picks a busy section, tag, author and person of the archive. */
export async function archiveSubjects(db: Db, now: Date, edition = 'fr'): Promise<ArchiveSubjects> {
  const busiest = async (table: 'article_tags' | 'article_authors' | 'article_people', column: 'tag_id' | 'author_id' | 'person_id', named: 'tags' | 'authors' | 'people') => {
    const top = await db
      .selectFrom(`${table} as l` as 'article_tags as l')
      .select([`l.${column}` as 'l.tag_id', (eb) => eb.fn.countAll().as('n')])
      .where('l.edition', '=', edition)
      .groupBy(`l.${column}` as 'l.tag_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const id = (top as any)[column] ?? top.tag_id;
    const row = await db.selectFrom(named as 'tags').select(['id', 'slug']).where('id', '=', id).executeTakeFirstOrThrow();
    return row;
  };
  const section = await db
    .selectFrom('archive_months as m')
    .innerJoin('sections as s', 's.id', 'm.section_id')
    .select(['s.id', 's.slug', (eb) => eb.fn.sum<number>('m.articles').as('n')])
    .where('m.edition', '=', edition)
    .groupBy(['s.id', 's.slug'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const month = await db.selectFrom('archive_months').select('month').where('edition', '=', edition).where('listed', '>', 0).orderBy('month').limit(1).offset(3).executeTakeFirstOrThrow();
  return {
    now,
    edition,
    sectionId: section.id,
    sectionSlug: section.slug,
    deepPage: Math.max(2, Math.floor(Number(section.n) / 20)),
    tag: await busiest('article_tags', 'tag_id', 'tags'),
    author: await busiest('article_authors', 'author_id', 'authors'),
    person: await busiest('article_people', 'person_id', 'people'),
    month: month.month,
  };
}

/** Runs each listing of the archive once through the app's own functions, and explains every statement they ran. */
export async function archivePlans(spy: Spy, s: ArchiveSubjects): Promise<Plan[]> {
  const { db } = spy;
  const now = s.now.toISOString();
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['home', () => homeCards(db, s.edition, [s.sectionId], now)],
    ['article page', async () => {
      const newest = await db.selectFrom('articles').select('slug').where('section_id', '=', s.sectionId).where('status', '=', 'published').where('published_at', '<=', now).orderBy('published_at', 'desc').limit(1).executeTakeFirstOrThrow();
      spy.captured.length = 0;
      const article = (await findArticle(db, s.edition, newest.slug))!;
      await loadRelations(db, article, now);
    }],
    ['section page 1', () => listCards(db, s.edition, { kind: 'section', sectionId: s.sectionId }, now, 1, 20)],
    ['section deep page', () => listCards(db, s.edition, { kind: 'section', sectionId: s.sectionId }, now, s.deepPage, 20)],
    ['tag page', () => listCards(db, s.edition, { kind: 'tag', tagId: s.tag.id }, now, 1, 20)],
    ['tag deep page', () => listCards(db, s.edition, { kind: 'tag', tagId: s.tag.id }, now, 20, 20)],
    ['author page', () => listCards(db, s.edition, { kind: 'author', authorId: s.author.id }, now, 1, 20)],
    ['person page', () => listCards(db, s.edition, { kind: 'person', personId: s.person.id }, now, 1, 20)],
    ['tag name', () => findPublicName(db, 'tag', s.edition, s.tag.slug, now)],
    ['person name', () => findPublicName(db, 'person', s.edition, s.person.slug, now)],
    ['person role', () => publicRole(db, s.person.id, now, s.edition)],
    ['sitemap index', () => monthCounts(db, now)],
    ['monthly sitemap', () => monthArticles(db, s.edition, s.month, now, 50_000, 0)],
    ['monthly sitemap translations', () => translationLinks(db, [1, 2, 3], now)],
    ['pages sitemap', () => sectionLastmods(db, s.edition, now)],
    ['news sitemap', () => recentArticles(db, s.edition, new Date(s.now.getTime() - 48 * 3600_000).toISOString(), now)],
    ['api tags', () => listTags(db, s.edition, undefined, s.now)],
    ['api people', () => listPeople(db, undefined, s.now)],
    ['api people of an edition', () => listPeople(db, undefined, s.now, s.edition)],
    ['api articles', () => listPublished(db, { edition: s.edition }, s.now, 'https://x.example')],
    ['api articles by tag', () => listPublished(db, { tag: s.tag.slug, edition: s.edition }, s.now, 'https://x.example')],
    ['api articles by person', () => listPublished(db, { person: s.person.slug, edition: s.edition }, s.now, 'https://x.example')],
    ['api articles by author', () => listPublished(db, { author: s.author.slug }, s.now, 'https://x.example')],
    ['api articles by section', () => listPublished(db, { section: s.sectionSlug, edition: s.edition }, s.now, 'https://x.example')],
  ];
  const plans: Plan[] = [];
  for (const [name, run] of steps) {
    spy.captured.length = 0;
    await run();
    for (const q of [...spy.captured]) plans.push({ name, sql: q.sql, lines: await spy.explain(q), ...(spy.reads ? { reads: await spy.reads(q) } : {}) });
  }
  return plans;
}

/** Tables that grow with the archive. */
const BIG = ['articles', 'article_tags', 'article_authors', 'article_people'];

/**
 * What a listing plan must not do: read a table that grows with the archive
 * from end to end, or sort it. Returns the offending lines.
 */
export function planProblems(dialect: 'sqlite' | 'postgres', plan: Plan): string[] {
  if (dialect === 'postgres') {
    // An Incremental Sort only orders ties of an index's order (same publication time, by id): it is bounded.
    return plan.lines.filter((l) => (/^Seq Scan on (\w+)/.test(l) && BIG.includes(/^Seq Scan on (\w+)/.exec(l)![1])) || (/^Sort\b/.test(l) && sortsBig(plan)));
  }
  // Aliases the statement gives the big tables ("articles as a" → a).
  const aliases = new Set<string>(BIG);
  for (const m of plan.sql.matchAll(/\b"?(articles|article_tags|article_authors|article_people)"?\s+(?:as\s+)?"?(\w+)"?/gi)) {
    if (!/^(where|on|join|inner|left|order|group|limit|union)$/i.test(m[2])) aliases.add(m[2]);
  }
  return plan.lines.filter((l) => {
    const scan = /^SCAN (\w+)(?! USING (?:COVERING )?INDEX \w+ \()/.exec(l);
    if (scan && aliases.has(scan[1])) return true;
    return /USE TEMP B-TREE FOR ORDER BY/.test(l) && readsBigInOrder(plan);
  });
}

/** A sort is a problem when the rows sorted come from the archive's tables rather than from a bounded page. */
function sortsBig(plan: Plan): boolean {
  return plan.lines.some((l) => BIG.some((t) => l.includes(` on ${t}`)));
}

function readsBigInOrder(plan: Plan): boolean {
  return /order by/i.test(plan.sql) && BIG.some((t) => plan.sql.includes(`"${t}"`));
}
