/**
 * `npm run bench:cluster`: the cluster of bench/cluster.ts (PostgreSQL, Redis,
 * s3rver, two web nodes, a worker, Varnish with the reference VCL over both
 * nodes) measured as a whole:
 *
 * 1. publish latency: PUBLISHES articles published on node A, one at a time;
 *    for each, the time from the publish request until the new article page
 *    shows through Varnish and on both nodes directly, and until its section
 *    page (cached in Varnish before the publish) lists it through Varnish:
 *    median and maximum. Varnish keeps pages for a day, so only a purge makes
 *    them change;
 * 2. cached throughput: wrk on an article page through Varnish, next to wrk on
 *    a bare node:http server sending the same bytes (the ceiling of
 *    bench/run.ts), in alternating rounds of the same run;
 * 3. stale pages: both web nodes stopped, the pages Varnish holds are asked
 *    for again and again: how many answers are 200.
 *
 * Writes the "Cluster" section of docs/benchmarks.md and prints it.
 *
 *   BENCH_PUBLISHES   publishes to time (default 50)
 *   BENCH_SECONDS     length of each wrk run (default 8)
 *   BENCH_ROUNDS      wrk rounds, each Varnish then the ceiling (default 3)
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstAdmin } from '../test/admin-client.ts';
import { startCluster, type Cluster } from './cluster.ts';
import { startCeiling } from './archive-server.ts';
import { problems, wrk, wrkAvailable, WRK, type WrkResult } from './wrk.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = path.join(ROOT, 'docs', 'benchmarks.md');
const PUBLISHES = Number(process.env.BENCH_PUBLISHES || 50);
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONNECTIONS = 50;
const TARGET_MS = 1000;
const STALE_REQUESTS = 300;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmtMs = (ms: number) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

async function page(url: string): Promise<{ status: number; cache: string | null; text: string }> {
  const r = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: r.status, cache: r.headers.get('x-cache'), text: await r.text() };
}

/** Resolves with the time (ms since t0) at which `check` first holds; polls every 10 ms, gives up after 30 s. */
async function visibleAt(t0: number, check: () => Promise<boolean>): Promise<number> {
  for (;;) {
    if (await check().catch(() => false)) return performance.now() - t0;
    if (performance.now() - t0 > 30_000) throw new Error('not visible after 30 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Timing {
  /** When node A answered the publish request. */
  answered: number;
  varnish: number;
  a: number;
  b: number;
  section: number;
  all: number;
}

async function measurePublishes(cluster: Cluster, say: (s: string) => void): Promise<Timing[]> {
  const [a, b] = cluster.web.map((n) => n.url!);
  const v = cluster.url;
  const editor = await firstAdmin(a!, 'correct horse battery');
  const draft = async (slug: string, headline: string) =>
    (await editor.json('POST', '/api/admin/articles', { edition: 'fr', section: 'monde', slug, headline, standfirst: 'Chapô.', authors: [], tags: [], body: [{ type: 'paragraph', text: 'Texte.' }] })).article.id as number;
  const publish = (id: number) => editor.json('POST', `/api/admin/articles/${id}/transitions`, { to: 'published' });
  await publish(await draft('premier', 'Premier'));

  const times: Timing[] = [];
  for (let i = 0; i < PUBLISHES; i++) {
    // The section page is in Varnish (a hit), without the article to come.
    await visibleAt(performance.now(), async () => (await page(`${v}/fr/monde/`)).cache === 'HIT');
    const slug = `depeche-${i}`;
    const headline = `Dépêche numéro ${i}`;
    const id = await draft(slug, headline);
    const shows = (url: string) => async () => {
      const p = await page(url);
      return p.status === 200 && p.text.includes(headline);
    };
    const t0 = performance.now();
    const [answered, varnish, onA, onB, section] = await Promise.all([
      publish(id).then(() => performance.now() - t0),
      visibleAt(t0, shows(`${v}/fr/monde/${slug}`)),
      visibleAt(t0, shows(`${a}/fr/monde/${slug}`)),
      visibleAt(t0, shows(`${b}/fr/monde/${slug}`)),
      visibleAt(t0, shows(`${v}/fr/monde/`)),
    ]);
    times.push({ answered, varnish, a: onA, b: onB, section, all: Math.max(varnish, onA, onB, section) });
    if ((i + 1) % 10 === 0) say(`  ${i + 1}/${PUBLISHES} publishes`);
  }
  return times;
}

async function main(): Promise<void> {
  if (!wrkAvailable()) throw new Error(`${WRK} not found: install wrk (apt-get install wrk) or set WRK_BIN`);
  const say = (s: string) => console.log(s);
  const date = new Date().toISOString();
  const load0 = os.loadavg();
  say('starting the cluster…');
  const cluster = await startCluster({
    database: `depeche_cluster_bench_${process.pid}`,
    dropDatabaseOnStop: true,
    demo: false,
    env: { LOG_LEVEL: 'warn', ADMIN_API_RATE_LIMIT: '0', CONTENT_API_RATE_LIMIT: '0' },
    say: (l) => say(`  ${l}`),
  });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-cluster-bench-'));
  let ceiling: Awaited<ReturnType<typeof startCeiling>> | undefined;
  try {
    say(`timing ${PUBLISHES} publishes…`);
    const times = await measurePublishes(cluster, say);

    // Cached throughput: an article page through Varnish, against the same bytes from a bare node:http server.
    const articlePath = '/fr/monde/depeche-0';
    const article = await page(cluster.url + articlePath);
    const body = Buffer.from(article.text, 'utf8');
    const pagesFile = path.join(tmp, 'pages.json');
    await fs.writeFile(path.join(tmp, 'article.html'), body);
    await fs.writeFile(pagesFile, JSON.stringify([{ path: articlePath, file: path.join(tmp, 'article.html'), type: 'text/html; charset=utf-8' }]));
    ceiling = await startCeiling(pagesFile);
    const targets = [
      { label: 'Article through Varnish', url: cluster.url + articlePath, watch: [] as number[] },
      { label: 'Same bytes, bare node:http (ceiling)', url: `http://127.0.0.1:${ceiling.port}${articlePath}`, watch: [ceiling.child.pid!] },
    ];
    const runs: { target: number; r: WrkResult }[] = [];
    say(`wrk: ${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections…`);
    for (const t of targets) await wrk({ url: t.url, seconds: 2, connections: CONNECTIONS, threads: 2 }); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < targets.length; i++) {
        const r = await wrk({ url: targets[i]!.url, seconds: SECONDS, connections: CONNECTIONS, threads: 2, watch: targets[i]!.watch });
        const p = problems(r);
        if (p.length) throw new Error(`${targets[i]!.label}: ${p.join('; ')}`);
        runs.push({ target: i, r });
      }
    }
    await ceiling.stop();
    ceiling = undefined;

    // Stale pages: both web nodes stopped.
    const cachedPaths = [articlePath, '/fr/monde/', `/fr/monde/depeche-${PUBLISHES - 1}`];
    for (const p of cachedPaths) await page(cluster.url + p);
    say('stopping both web nodes…');
    for (const n of cluster.web) await n.stop();
    let ok = 0;
    const statuses = new Map<string, number>();
    for (let i = 0; i < STALE_REQUESTS; i++) {
      const r = await page(cluster.url + cachedPaths[i % cachedPaths.length]!);
      const seen = `${r.status} (${r.cache ?? 'no X-Cache'})`;
      statuses.set(seen, (statuses.get(seen) ?? 0) + 1);
      if (r.status === 200) ok++;
    }
    const staleWrk = await wrk({ url: cluster.url + articlePath, seconds: SECONDS, connections: CONNECTIONS, threads: 2 });
    const neverCached = (await page(`${cluster.url}/fr/monde/jamais-vue`)).status;

    const md = report({ date, load0, load1: os.loadavg(), times, runs, targets, bytes: body.length, ok, statuses, staleWrk, neverCached, cachedPaths });
    const previous = await fs.readFile(REPORT, 'utf8').catch(() => '# Benchmarks\n');
    const at = previous.indexOf('\n## Cluster\n');
    let next: string;
    if (at < 0) next = previous.replace(/\n*$/, '\n\n') + md;
    else {
      const after = previous.indexOf('\n## ', at + 1);
      next = previous.slice(0, at + 1) + md + (after < 0 ? '' : `\n${previous.slice(after + 1)}`);
    }
    await fs.writeFile(REPORT, next.replace(/\n*$/, '\n'));
    console.log(`\n${md}`);
  } finally {
    await ceiling?.stop();
    await cluster.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

function report(o: {
  date: string;
  load0: number[];
  load1: number[];
  times: Timing[];
  runs: { target: number; r: WrkResult }[];
  targets: { label: string }[];
  bytes: number;
  ok: number;
  statuses: Map<string, number>;
  staleWrk: WrkResult;
  neverCached: number;
  cachedPaths: string[];
}): string {
  const cpu = os.cpus();
  const row = (label: string, xs: number[]) => `| ${label} | ${fmtMs(median(xs))} | ${fmtMs(Math.max(...xs))} |`;
  const t = o.times;
  const all = t.map((x) => x.all);
  const within = all.filter((x) => x <= TARGET_MS).length;
  const tput = o.targets.map((target, i) => {
    const mine = o.runs.filter((r) => r.target === i).map((r) => r.r);
    return { label: target.label, rps: median(mine.map((r) => r.rps)), p50: median(mine.map((r) => r.p50)), p99: median(mine.map((r) => r.p99)) };
  });
  const perRound = o.runs.filter((r) => r.target === 0).map((r, k) => r.r.rps / o.runs.filter((c) => c.target === 1)[k]!.r.rps);
  const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
  const e = o.staleWrk.errors;
  return `## Cluster

Measured by \`npm run bench:cluster\` (\`bench/cluster-bench.ts\`) on ${o.date.slice(0, 10)} (${o.date}): ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.type()} ${os.release()}.
Everything ran on this one machine, which was shared with other people's builds and tests at the same time (load average
${loads(o.load0)} at the start, ${loads(o.load1)} at the end, on ${cpu.length} CPUs): the numbers are those of a loaded
2-core machine, not of a deployment.

The cluster is \`bench/cluster.ts\` (\`npm run cluster\`): the local PostgreSQL (a database of its own), a redis-server,
s3rver (MEDIA_STORAGE=s3), two web nodes (\`depeche serve\`, ROLES=web), one worker (\`depeche worker\`) and Varnish
(deploy/varnish/default.vcl, a round-robin director over both nodes), CDN_PURGE=varnish, default intervals (content poll
500 ms, purges every 200 ms), pages kept by Varnish for a day (s-maxage=86400): only a purge changes them.

### Publish until visible

${t.length} articles published one at a time on node A (the draft made before the clock starts). Time from the publish
request until the new article page answers 200 with its headline through Varnish and on each node directly, and until the
section page, a Varnish hit before the publish, lists it through Varnish. Polled every 10 ms.

| Visible | Median (ms) | Max (ms) |
| --- | ---: | ---: |
${row('(The publish request answered by node A)', t.map((x) => x.answered))}
${row('Article page through Varnish', t.map((x) => x.varnish))}
${row('Article page on node A', t.map((x) => x.a))}
${row('Article page on node B', t.map((x) => x.b))}
${row('Section page through Varnish (purged)', t.map((x) => x.section))}
${row('**All four**', all)}
${row('All four, counted from the publish answer', t.map((x) => Math.max(0, x.all - x.answered)))}

Target: a publish visible within ${TARGET_MS / 1000} s: **${within === all.length ? 'PASS' : 'MISS'}** (${within} of ${all.length} within ${TARGET_MS / 1000} s; max ${fmtMs(Math.max(...all))} ms).

### Cached throughput

wrk (${WRK}, 2 threads, ${CONNECTIONS} connections, ${SECONDS} s per run, ${o.runs.length / o.targets.length} rounds alternating the two rows,
medians shown) on an article page (${fmtInt(o.bytes)} bytes) through Varnish, and on a bare node:http server sending the same
bytes (bench/server.ts \`ceiling\`, one process) in the same run. wrk, Varnish, the nodes and the ceiling share the 2 CPUs;
Varnish answers from several threads, the ceiling from one Node event loop, so Varnish can pass it.

| Row | Requests/s | p50 (ms) | p99 (ms) |
| --- | ---: | ---: | ---: |
${tput.map((r) => `| ${r.label} | ${fmtInt(r.rps)} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} |`).join('\n')}

Varnish ÷ ceiling, per round: ${perRound.map((x) => `${Math.round(x * 100)}%`).join(', ')}.

### Stale pages with both web nodes stopped

Both web nodes stopped (the worker, PostgreSQL and Redis still up), then ${[...o.statuses.values()].reduce((a, n) => a + n, 0)} requests one after another
over ${o.cachedPaths.length} pages Varnish held (${o.cachedPaths.map((p) => `\`${p}\``).join(', ')}): **${o.ok} answered 200**
(${[...o.statuses].map(([s, n]) => `${n} × ${s}`).join(', ')}). Then wrk for ${SECONDS} s on the article page: ${fmtInt(o.staleWrk.requests)} answers,
${e.status} not 2xx or 3xx, ${e.connect + e.read + e.write} socket errors, ${e.timeout} timeouts (${fmtInt(o.staleWrk.rps)} requests/s).
A page Varnish never held answered ${o.neverCached}. (X-Cache is set by the VCL: HIT-STALE is a copy past its s-maxage, served
from its grace; copies still within their day are plain hits. Serving past the lifetime is tested in test/cdn-varnish.test.ts.)
`;
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
