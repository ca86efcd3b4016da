/**
 * Every archive-sensitive URL at a small and a large generated archive, uncached,
 * measured with wrk in alternating rounds in one run, and the rows written to
 * docs/benchmarks.md ("A million articles").
 *
 *   npm run bench:archive-compare -- --small DIR --large DIR                         (SQLite)
 *   npm run bench:archive-compare -- --database postgres://… --small SCHEMA --large SCHEMA
 *   options: --seconds 4 --rounds 2 --connections 20 --label "SQLite" --no-write
 *
 * The archives come from `npm run bench:archive`. Each server is `depeche serve`
 * with PAGE_CACHE=false, in its own process; wrk (-t1) runs beside it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { openStore } from '../src/store/db.ts';
import { machine, ROOT, rssMb, start, target, writeTable, type Target } from './archive-server.ts';

const run = promisify(execFile);
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- archive-bench:start -->';
const END = '<!-- archive-bench:end -->';

/** The same kinds of URL in each archive: its busiest section, tag, person and author, a page deep in the section and its last. */
async function urlsOf(t: Target): Promise<Array<[string, string]>> {
  const store = openStore(t.database);
  const { db } = store;
  try {
    const busiest = async (table: 'article_tags' | 'article_authors' | 'article_people', column: string, named: 'tags' | 'people' | 'authors') => {
      const top: any = await db
        .selectFrom(`${table} as l` as 'article_tags as l')
        .select([`l.${column}` as 'l.tag_id', (eb) => eb.fn.countAll().as('n')])
        .where('l.edition', '=', 'fr')
        .where('l.listed_at', 'is not', null)
        .groupBy(`l.${column}` as 'l.tag_id')
        .orderBy('n', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      return (await db.selectFrom(named as 'tags').select('slug').where('id', '=', top.tag_id ?? top[column]).executeTakeFirstOrThrow()).slug;
    };
    const section = await db
      .selectFrom('archive_months as m')
      .innerJoin('sections as s', 's.id', 'm.section_id')
      .select(['s.slug', (eb) => eb.fn.sum<number>('m.articles').as('n')])
      .where('m.edition', '=', 'fr')
      .groupBy('s.slug')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const last = Math.max(1, Math.floor(Number(section.n) / 20));
    // A month five years back; an archive of a few days or weeks (--span-days) has none: its newest full month, or the current one.
    const fiveYears = new Date(Date.now() - 5 * 365 * 86_400_000).toISOString().slice(0, 7);
    const months = (await db.selectFrom('archive_months').select('month').where('edition', '=', 'fr').where('listed', '>', 0).orderBy('month', 'desc').execute()).map((r) => r.month);
    const thisMonth = new Date().toISOString().slice(0, 7);
    const month = months.includes(fiveYears) ? fiveYears : (months.find((m) => m < thisMonth) ?? months[0] ?? fiveYears);
    const [tag, person, author] = [await busiest('article_tags', 'tag_id', 'tags'), await busiest('article_people', 'person_id', 'people'), await busiest('article_authors', 'author_id', 'authors')];
    return [
      ['article page', await firstArticle(db, section.slug)],
      ['home', '/fr/'],
      ['section page 1', `/fr/${section.slug}/`],
      ['section page, middle', `/fr/${section.slug}/?page=${Math.max(2, Math.floor(last / 2))}`],
      ['section page, last', `/fr/${section.slug}/?page=${last}`],
      ['topic page', `/fr/sujet/${tag}`],
      ['person page', `/fr/personne/${person}`],
      ['author page', `/fr/auteur/${author}`],
      ['section RSS', `/fr/${section.slug}/feed.xml`],
      ['topic RSS', `/fr/sujet/${tag}/feed.xml`],
      ['sitemap index', '/sitemap.xml'],
      ['monthly sitemap', `/sitemaps/fr-${month}.xml`],
      ['pages sitemap', '/sitemaps/fr-pages.xml'],
      ['news sitemap', '/sitemaps/fr-news.xml'],
      ['API articles', '/api/content/articles?edition=fr'],
      ['API by section', `/api/content/articles?edition=fr&section=${section.slug}`],
      ['API by tag', `/api/content/articles?edition=fr&tag=${tag}`],
      ['API by tag, all editions', `/api/content/articles?tag=${tag}`],
      ['API tags', '/api/content/tags?edition=fr'],
      ['API people', '/api/content/people'],
      ['API people of fr', '/api/content/people?edition=fr'],
    ];
  } finally {
    await store.close();
  }
}

async function firstArticle(db: any, section: string): Promise<string> {
  const a = await db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.slug'])
    .where('s.slug', '=', section)
    .where('a.edition', '=', 'fr')
    .where('a.status', '=', 'published')
    .where('a.published_at', '<', new Date().toISOString())
    .orderBy('a.published_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return `/fr/${section}/${a.slug}`;
}

interface Sample {
  rps: number;
  p99: number;
  errors: number;
}

async function wrk(url: string, seconds: number, connections: number): Promise<Sample> {
  const { stdout } = await run('/usr/bin/wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '--timeout', '10s', url], { maxBuffer: 1 << 20 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0);
  const m = /\s99%\s+([\d.]+)(us|ms|s)/.exec(stdout);
  const p99 = m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : NaN;
  const errors = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0) + Number(/Socket errors:.*timeout (\d+)/.exec(stdout)?.[1] ?? 0);
  return { rps, p99, errors };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      small: { type: 'string' },
      large: { type: 'string' },
      database: { type: 'string' },
      seconds: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '2' },
      connections: { type: 'string', default: '20' },
      label: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  if (!values.small || !values.large) throw new Error('--small and --large: the two archives (folders, or schemas with --database)');
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);
  const small = target('small', values.small, values.database);
  const large = target('large', values.large, values.database);
  const label = values.label ?? (values.database ? 'PostgreSQL' : 'SQLite');

  const servers = { small: await start(small), large: await start(large) };
  const urls = { small: await urlsOf(small), large: await urlsOf(large) };
  const results = new Map<string, { small: Sample[]; large: Sample[] }>();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [i, [name]] of urls.small.entries()) {
        const order = (round + i) % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
        for (const size of order) {
          const s = await wrk(servers[size].url + urls[size][i][1], seconds, connections);
          const r = results.get(name) ?? { small: [], large: [] };
          r[size].push(s);
          results.set(name, r);
          process.stderr.write(`${label} round ${round + 1} ${name} ${size}: ${s.rps.toFixed(0)} req/s, p99 ${s.p99.toFixed(1)} ms${s.errors ? `, ${s.errors} errors` : ''}\n`);
        }
      }
    }
    const rss = { small: await rssMb(servers.small.child.pid!), large: await rssMb(servers.large.child.pid!) };
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    const mean = (xs: Sample[]) => xs.reduce((s, x) => s + x.rps, 0) / xs.length;
    const worst = (xs: Sample[]) => Math.max(...xs.map((x) => x.p99));
    const rows = [...results].map(([name, r]) => {
      const ratio = mean(r.small) / Math.max(1, mean(r.large));
      const errors = [...r.small, ...r.large].reduce((s, x) => s + x.errors, 0);
      return `| ${name} | ${mean(r.small).toFixed(0)} | ${mean(r.large).toFixed(0)} | ${ratio.toFixed(2)} | ${worst(r.small).toFixed(1)} | ${worst(r.large).toFixed(1)} |${errors ? ` ${errors} non-2xx` : ''}`;
    });
    const table = [
      `### ${label}: ${servers.small.articles.toLocaleString('en')} vs ${servers.large.articles.toLocaleString('en')} published articles`,
      '',
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine()}. ` +
        `wrk -t1 -c${connections}, ${seconds} s per run, ${rounds} rounds alternating small and large; PAGE_CACHE=false, LOG_LEVEL=warn. Load average at the end: ${load} (the machine is shared with other work).`,
      '',
      `Cold start to the first 200 of /fr/: small ${servers.small.coldStartMs} ms, large ${servers.large.coldStartMs} ms. RSS after the runs: small ${rss.small.toFixed(0)} MB, large ${rss.large.toFixed(0)} MB.`,
      '',
      '| URL | small req/s | large req/s | small ÷ large | small p99 ms | large p99 ms |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows,
      '',
    ].join('\n');
    process.stdout.write(table + '\n');
    if (!values['no-write']) await writeTable(DOC, START, END, label, table);
  } finally {
    servers.small.child.kill('SIGTERM');
    servers.large.child.kill('SIGTERM');
  }
}

main().catch((e) => {
  process.stderr.write(`bench:archive-compare: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
