/**
 * Search over a small and a large generated archive, uncached: each query of
 * search-queries.ts through the Content API (`GET /api/content/search`) with
 * wrk at 10 connections, in alternating rounds, p50/p95/p99 per query and per
 * class; the index's size; with --reindex, the time `depeche search reindex`
 * takes to build it. Writes a table per database under "## Search" in
 * docs/benchmarks.md.
 *
 *   npm run bench:search -- --small DIR --large DIR                          (SQLite)
 *   npm run bench:search -- --database postgres://… --small SCHEMA --large SCHEMA
 *   options: --reindex --seconds 5 --rounds 2 --connections 10 --label "SQLite" --no-write
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { machine, ROOT, rssMb, start, startCeiling, target, writeTable, type Server, type Target } from './archive-server.ts';
import fs from 'node:fs/promises';
import { indexSize, type IndexSize } from './search-size.ts';
import { apiPath, CLASSES, describe, QUERIES, type BenchQuery } from './search-queries.ts';
import { problems, wrk, wrkAvailable, type WrkResult } from './wrk.ts';

const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- search-bench:start -->';
const END = '<!-- search-bench:end -->';
const TARGET_P95_MS = 100;

/** `depeche search reindex` on the archive, timed from spawn to exit. */
async function reindex(t: Target): Promise<number> {
  const began = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/depeche.js'), 'search', 'reindex'], {
    env: { ...process.env, ...t.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${t.name}: depeche search reindex exited with ${code}`);
  return (performance.now() - began) / 1000;
}

/**
 * The PostgreSQL backends serving a server's pool (matched by the client ports of
 * its connections), so that their CPU is counted with the server's.
 */
async function backendsOf(serverPid: number, t: Target): Promise<number[]> {
  if (t.database.kind !== 'postgres') return [];
  const port = new URL(t.database.url).port || '5432';
  const { stdout } = await promisify(execFile)('ss', ['-tnpH', 'state', 'established', `( dport = :${port} )`]);
  const ports = stdout
    .split('\n')
    .filter((l) => l.includes(`pid=${serverPid},`))
    .map((l) => Number(/:(\d+)\s+\S+:\d+\s/.exec(l)?.[1]))
    .filter((n) => n > 0);
  if (!ports.length) return [];
  const c = new pg.Client({ connectionString: t.database.url });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>('select pid from pg_stat_activity where client_port = any($1::int[])', [ports]);
    return r.rows.map((x) => x.pid);
  } finally {
    await c.end();
  }
}

/** How many results the API says a query has (exact or a lower bound), and that it answers 200. */
async function matches(server: Server, b: BenchQuery): Promise<string> {
  const res = await fetch(server.url + apiPath(b));
  const body: any = await res.json().catch(() => null);
  if (res.status !== 200) throw new Error(`${apiPath(b)}: ${res.status} ${JSON.stringify(body)}`);
  const total = body?.total ?? body?.meta?.total;
  if (typeof total !== 'number') return '?';
  const estimate = body?.totalIsEstimate ?? body?.meta?.totalIsEstimate;
  return `${estimate ? '≥ ' : ''}${total.toLocaleString('en')}`;
}

interface Row {
  query: BenchQuery;
  matches: { small: string; large: string };
  small: WrkResult[];
  large: WrkResult[];
}

/** CPU of the database backends watched beside the server (PostgreSQL; SQLite runs inside the server). */
const dbCores = (r: WrkResult) => r.servers.slice(1).reduce((n, x) => n + (Number.isFinite(x.cores) ? x.cores : 0), 0);
/** Server and database CPU per request: a cost that moves less with the machine's load than latency does. */
const cpuMs = (r: WrkResult) => (((r.servers[0]?.cores ?? 0) + dbCores(r)) / r.rps) * 1000;
const worst = (xs: WrkResult[], k: 'p50' | 'p95' | 'p99') => Math.max(...xs.map((x) => x[k]));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function sizeLine(s: IndexSize): string {
  const parts = s.tables.map((t) => `${t.name} ${(t.bytes / 2 ** 20).toFixed(1)} MB`).join(', ');
  return `${(s.total / 2 ** 20).toFixed(0)} MB of a ${(s.database / 2 ** 30).toFixed(2)} GB database (${parts || "no search table"})`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      small: { type: 'string' },
      large: { type: 'string' },
      database: { type: 'string' },
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      label: { type: 'string' },
      reindex: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  if (!values.small || !values.large) throw new Error('--small and --large: the two archives (folders, or schemas with --database)');
  if (!wrkAvailable()) throw new Error('wrk is not installed (apt-get install wrk)');
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);
  const targets = { small: target('small', values.small, values.database), large: target('large', values.large, values.database) };
  const label = values.label ?? (values.database ? 'PostgreSQL' : 'SQLite');
  const log = (s: string) => process.stderr.write(`${label}: ${s}\n`);

  const build: Record<'small' | 'large', number | undefined> = { small: undefined, large: undefined };
  if (values.reindex) {
    for (const size of ['small', 'large'] as const) {
      log(`reindexing the ${size} archive…`);
      build[size] = await reindex(targets[size]);
      log(`${size}: reindex took ${build[size]!.toFixed(1)} s`);
    }
  }
  const sizes = { small: await indexSize(targets.small.database), large: await indexSize(targets.large.database) };

  // Web only: a worker's backfill pass or scheduler would run beside the measured requests.
  const servers = { small: await start(targets.small, { ROLES: 'web' }), large: await start(targets.large, { ROLES: 'web' }) };
  // Stopped from outside (a deadline, Ctrl-C): the servers go with it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      servers.small.child.kill('SIGTERM');
      servers.large.child.kill('SIGTERM');
      process.exit(1);
    });
  }
  const rows: Row[] = [];
  // The ceiling: a bare node:http server sending the bytes of one answer, under the same wrk in every
  // round, so that a table shows the load generator could ask for far more than the servers answered.
  const answer = path.join(os.tmpdir(), `bench-search-${process.pid}.json`);
  await fs.writeFile(answer, Buffer.from(await (await fetch(servers.large.url + apiPath(QUERIES[0]!))).arrayBuffer()));
  const pagesFile = `${answer}.pages`;
  await fs.writeFile(pagesFile, JSON.stringify([{ path: '/answer', file: answer, type: 'application/json; charset=utf-8' }]));
  const ceiling = await startCeiling(pagesFile);
  const ceilings: WrkResult[] = [];
  try {
    for (const query of QUERIES) {
      rows.push({ query, matches: { small: await matches(servers.small, query), large: await matches(servers.large, query) }, small: [], large: [] });
    }
    for (let round = 0; round < rounds; round++) {
      const c = await wrk({ url: `http://127.0.0.1:${ceiling.port}/answer`, seconds, connections, watch: [ceiling.child.pid!] });
      ceilings.push(c);
      log(`round ${round + 1} ceiling: ${c.rps.toFixed(0)} req/s, wrk ${c.generator.cores.toFixed(2)} cores`);
      for (const [i, row] of rows.entries()) {
        const order = (round + i) % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
        for (const size of order) {
          // A second's load first, so the pool has all its connections open (it closes idle ones) when its backends are listed.
          await wrk({ url: servers[size].url + apiPath(row.query), seconds: 1, connections });
          const backends = await backendsOf(servers[size].child.pid!, targets[size]);
          const r = await wrk({ url: servers[size].url + apiPath(row.query), seconds, connections, watch: [servers[size].child.pid!, ...backends] });
          const bad = problems(r);
          if (bad.length) throw new Error(`${describe(row.query)} on ${size}: ${bad.join(', ')}`);
          row[size].push(r);
          log(`round ${round + 1} ${row.query.cls} ${row.query.q} ${size}: ${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)} p95 ${ms(r.p95)} p99 ${ms(r.p99)} ms, wrk ${r.generator.cores.toFixed(2)} cores, server ${r.servers[0]?.cores.toFixed(2)} cores, database ${dbCores(r).toFixed(2)} cores (${backends.length} backends), ${cpuMs(r).toFixed(1)} CPU ms a request`);
        }
      }
    }
    const rss = { small: await rssMb(servers.small.child.pid!), large: await rssMb(servers.large.child.pid!) };
    const all = rows.flatMap((r) => [...r.small, ...r.large]);
    const wrkCores = Math.max(...all.map((r) => r.generator.cores));
    const serverCores = all.map((r) => r.servers[0]?.cores ?? Number.NaN);
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    const table = [
      `### ${label}: ${servers.small.articles.toLocaleString('en')} vs ${servers.large.articles.toLocaleString('en')} published articles`,
      '',
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine()}. wrk -t1 -c${connections}, ${seconds} s per run, ${rounds} rounds alternating small and large, ` +
        `each after a 1 s run of the same query (not counted); PAGE_CACHE=false, LOG_LEVEL=warn, ROLES=web. Load average at the end: ${load} (the machine is shared with other work). ` +
        `wrk used at most ${wrkCores.toFixed(2)} core; the server ${Math.min(...serverCores).toFixed(2)}–${Math.max(...serverCores).toFixed(2)} core` +
        (targets.large.database.kind === 'postgres' ? `, its PostgreSQL backends ${Math.min(...all.map(dbCores)).toFixed(2)}–${Math.max(...all.map(dbCores)).toFixed(2)} core` : '') +
        `. The same wrk against a bare node:http server sending the bytes of one answer (the ceiling), once a round: ` +
        `${Math.min(...ceilings.map((c) => c.rps)).toFixed(0)}–${Math.max(...ceilings.map((c) => c.rps)).toFixed(0)} req/s, wrk ${Math.max(...ceilings.map((c) => c.generator.cores)).toFixed(2)} core there` +
        `. "CPU ms a request" is (server + database) CPU time over requests answered, the median of the rounds. RSS after the runs: small ${rss.small.toFixed(0)} MB, large ${rss.large.toFixed(0)} MB.`,
      '',
      `Index: small ${sizeLine(sizes.small)}; large ${sizeLine(sizes.large)}.` +
        (build.large !== undefined ? ` \`depeche search reindex\`: small ${build.small!.toFixed(1)} s, large ${build.large.toFixed(0)} s (${Math.round(servers.large.articles / build.large).toLocaleString('en')} articles/s).` : ''),
      '',
      `Per class, the worst p95 of its queries (ms); target under ${TARGET_P95_MS} ms on the large archive:`,
      '',
      '| class | small p95 | large p95 | large ÷ small | under target |',
      '|---|---:|---:|---:|---|',
      ...CLASSES.filter((c) => rows.some((r) => r.query.cls === c)).map((c) => {
        const of = rows.filter((r) => r.query.cls === c);
        const s = Math.max(...of.map((r) => worst(r.small, 'p95')));
        const l = Math.max(...of.map((r) => worst(r.large, 'p95')));
        return `| ${c} | ${ms(s)} | ${ms(l)} | ${(l / s).toFixed(1)} | ${l < TARGET_P95_MS ? 'yes' : '**no**'} |`;
      }),
      '',
      'Per query (the worst of the rounds for each percentile; req/s the mean):',
      '',
      '| class | query | matches small | matches large | small p50 / p95 / p99 | large p50 / p95 / p99 | small req/s | large req/s | p95 large ÷ small | CPU ms a request, small / large |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map((r) => {
        const mean = (xs: WrkResult[]) => xs.reduce((n, x) => n + x.rps, 0) / xs.length;
        const pct = (xs: WrkResult[]) => `${ms(worst(xs, 'p50'))} / ${ms(worst(xs, 'p95'))} / ${ms(worst(xs, 'p99'))}`;
        const flag = worst(r.large, 'p95') >= TARGET_P95_MS ? ' **over**' : '';
        return `| ${r.query.cls} | ${describe(r.query)}, ${r.query.label} | ${r.matches.small} | ${r.matches.large} | ${pct(r.small)} | ${pct(r.large)}${flag} | ${mean(r.small).toFixed(0)} | ${mean(r.large).toFixed(0)} | ${(worst(r.large, 'p95') / worst(r.small, 'p95')).toFixed(1)} | ${median(r.small.map(cpuMs)).toFixed(1)} / ${median(r.large.map(cpuMs)).toFixed(1)} |`;
      }),
      '',
    ].join('\n');
    process.stdout.write(table + '\n');
    if (!values['no-write']) await writeTable(DOC, START, END, label, table);
  } finally {
    servers.small.child.kill('SIGTERM');
    servers.large.child.kill('SIGTERM');
    await ceiling.stop();
    await fs.rm(answer, { force: true });
    await fs.rm(pagesFile, { force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench:search: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
