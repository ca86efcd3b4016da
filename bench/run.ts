/**
 * The reader-site benchmark: `npm run bench` (or `npx tsx bench/run.ts`).
 *
 * It loads the demo site into a temporary SQLite store, then starts three
 * servers as child processes (bench/server.ts): a bare node:http server that
 * sends the exact bytes of the article and home pages (the ceiling), the app
 * with its page cache, and the app without it. The apps log one JSON line per
 * request, as `depeche serve` does, to a file. Load comes from Debian's `wrk`
 * (bench/wrk.ts), a C program that outruns all three on this machine, while
 * the CPU time of wrk and of the server under load is sampled from /proc.
 * Every URL is measured once per round, in alternating rounds, and each page's
 * share of the ceiling is taken within a round, so that a machine whose speed
 * drifts during the run (other work, CPU boost) moves both sides alike.
 * It writes docs/benchmarks.md (the throughput part) and prints the table.
 *
 *   BENCH_SECONDS      length of each measured run (default 5)
 *   BENCH_ROUNDS       rounds (default 3)
 *   BENCH_CONNECTIONS  wrk connections (default 50); wrk runs one thread (-t1)
 *   BENCH_ROWS         which rows to measure, a comma-separated subset of ceiling,cached,uncached
 *                      (default all; the report is written only when all are measured)
 *   BENCH_LOG_LEVEL    the apps' LOG_LEVEL (default info, as in production; the report needs info)
 *   BENCH_CPU_PROF     a folder: run the servers under `node --cpu-prof` and write their profiles
 *                      there, one sub-folder per server (the largest file is the main thread)
 *
 * Exit status: 0 when every run was clean, whatever the verdict (it is a
 * measurement, not a test); 1 when a server failed or any response was an
 * error, a timeout or not 2xx/3xx.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { problems, WRK, wrk, wrkAvailable, type WrkResult } from './wrk.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_ENTRY = path.join(ROOT, 'bench', 'server.ts');
const REPORT = path.join(ROOT, 'docs', 'benchmarks.md');

const SECONDS = whole('BENCH_SECONDS', 5, 1, 3600);
const ROUNDS = whole('BENCH_ROUNDS', 3, 1, 100);
const CONNECTIONS = whole('BENCH_CONNECTIONS', 50, 1, 10_000);
const WARMUP_SECONDS = 2;
/** Targets. */
const CACHED_SHARE_OF_CEILING = 0.8;
const UNCACHED_MIN_RPS = 2200;
/** wrk at this share of a core or more may have been the limit. */
const GENERATOR_BUSY = 0.9;
/** Bounds, so that nothing waits forever. */
const START_TIMEOUT_MS = 180_000; // the first start draws the demo pictures
const STOP_TIMEOUT_MS = 10_000;
const FETCH_TIMEOUT_MS = 10_000;
const ROWS = new Set((process.env.BENCH_ROWS || 'ceiling,cached,uncached').split(',').map((s) => s.trim()));
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;

function whole(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number between ${min} and ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

// ---------------------------------------------------------------- children

interface Server {
  name: string;
  port: number;
  pid: number;
  child: ChildProcess;
  stats(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();

function killAll(): void {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  children.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping the servers`);
    killAll();
    process.exit(130);
  });
}

/**
 * Starts bench/server.ts as a separate Node process (TypeScript through the
 * tsx loader; one process, no npx/tsx wrapper in between, so its pid is the
 * server's and killing it is exact) and waits until it listens. Its standard
 * output (the request log) goes to `logFd`.
 */
function startServer(name: string, args: string[], logFd: number): Promise<Server> {
  const child = fork(SERVER_ENTRY, args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(CPU_PROF_DIR, name.replace(/\W+/g, '-').replace(/-$/, ''))}`] : [])],
    stdio: ['ignore', logFd, 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  children.add(child);
  child.on('exit', () => children.delete(child));

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  return new Promise<Server>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name}: not listening after ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    function fail(e: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    }
    const onEarlyExit = (code: number | null, signal: string | null) => fail(new Error(`${name}: server exited before listening (code ${code}, signal ${signal})`));
    child.once('exit', onEarlyExit);
    child.once('error', (e) => fail(new Error(`${name}: ${e.message}`)));
    child.on('message', function onMessage(m: { type: string; port?: number; message?: string }) {
      if (m.type === 'failed') return fail(new Error(`${name}: ${m.message}`));
      if (m.type !== 'ready' || typeof m.port !== 'number') return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      child.off('message', onMessage);
      resolve({
        name,
        port: m.port,
        pid: child.pid!,
        child,
        stats: () =>
          new Promise((res, rej) => {
            const t = setTimeout(() => rej(new Error(`${name}: no answer to stats`)), 5000);
            child.on('message', function onStats(s: { type: string }) {
              if (s.type !== 'stats') return;
              clearTimeout(t);
              child.off('message', onStats);
              res(s as Record<string, unknown>);
            });
            child.send({ type: 'stats' });
          }),
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          if (child.connected) child.send({ type: 'stop' });
          const t = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(t);
        },
      });
    });
  });
}

async function get(url: string): Promise<{ body: Buffer; type: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'manual' });
  const body = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== 200) throw new Error(`GET ${url}: status ${res.status}`);
  if (!type.startsWith('text/html')) throw new Error(`GET ${url}: content-type ${type}`);
  return { body, type };
}

/** The first link of the home page to an article: /fr/<section>/<slug>, not a tag, person or author page. */
function findArticlePath(html: string): string {
  const notArticles = new Set(['sujet', 'personne', 'auteur', 'assets', 'media']);
  for (const m of html.matchAll(/href="(\/fr\/([a-z0-9-]+)\/([a-z0-9-]+))"/g)) {
    if (!notArticles.has(m[2])) return m[1];
  }
  throw new Error('no article link found on /fr/');
}

// ---------------------------------------------------------------- runs

type Page = 'article' | 'home';
type Kind = 'ceiling' | 'cached' | 'uncached';

interface Target {
  label: string;
  page: Page;
  kind: Kind;
  url: string;
  server: Server;
}

interface Run {
  target: Target;
  round: number;
  r: WrkResult;
  /** 1-minute load average when the run ended. */
  load: number;
}

async function measure(t: Target, seconds: number, round: number): Promise<Run> {
  const r = await wrk({ url: t.url, seconds, connections: CONNECTIONS, threads: 1, watch: [t.server.pid] });
  const p = problems(r);
  if (p.length) throw new Error(`${t.label}${round < 0 ? ' (warm-up)' : ''}: ${p.join(', ')}`);
  return { target: t, round, r, load: os.loadavg()[0] };
}

// ---------------------------------------------------------------- report

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(2));
const pct = (n: number) => `${Math.round(n * 100)}%`;
const cores = (n: number) => (Number.isNaN(n) ? '?' : n.toFixed(2));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Summary {
  target: Target;
  runs: Run[];
  rps: number;
  p50: number;
  p99: number;
  /** Median over the rounds of this row ÷ its page's ceiling in the same round (cached and ceiling rows). */
  share?: number;
  serverCores: number;
  generatorCores: number;
  /** Server CPU per request, microseconds. */
  cpuPerRequest: number;
}

function summarise(targets: Target[], runs: Run[]): Summary[] {
  return targets.map((t) => {
    const mine = runs.filter((r) => r.target === t);
    const ceiling = t.kind === 'ceiling' ? undefined : targets.find((c) => c.kind === 'ceiling' && c.page === t.page);
    const shares = ceiling
      ? mine.map((m) => m.r.rps / runs.find((c) => c.target === ceiling && c.round === m.round)!.r.rps)
      : mine.map(() => 1);
    const serverCores = mean(mine.map((m) => m.r.servers[0]!.cores));
    const rps = median(mine.map((m) => m.r.rps));
    return {
      target: t,
      runs: mine,
      rps,
      p50: median(mine.map((m) => m.r.p50)),
      p99: median(mine.map((m) => m.r.p99)),
      share: median(shares),
      serverCores,
      generatorCores: mean(mine.map((m) => m.r.generator.cores)),
      cpuPerRequest: mean(mine.map((m) => (m.r.servers[0]!.cores / m.r.rps) * 1e6)),
    };
  });
}

function table(sums: Summary[]): string {
  const lines = [
    '| Row | Requests/s (median) | Share of its ceiling | p50 (ms) | p99 (ms) | Server CPU (cores) | Server CPU per request (µs) | wrk CPU (cores) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of sums) {
    lines.push(
      `| ${s.target.label} | ${fmtInt(s.rps)} | ${s.target.kind === 'ceiling' ? '100%' : pct(s.share!)} | ${fmtMs(s.p50)} | ${fmtMs(s.p99)} | ${cores(s.serverCores)} | ${Number.isNaN(s.cpuPerRequest) ? '?' : s.cpuPerRequest.toFixed(1)} | ${cores(s.generatorCores)} |`,
    );
  }
  return lines.join('\n');
}

function roundsTable(targets: Target[], runs: Run[]): string {
  const lines = [`| Row | ${Array.from({ length: ROUNDS }, (_, i) => `Round ${i + 1}`).join(' | ')} |`, `| --- |${' ---: |'.repeat(ROUNDS)}`];
  for (const t of targets) {
    const cells = Array.from({ length: ROUNDS }, (_, i) => {
      const r = runs.find((x) => x.target === t && x.round === i)!;
      return `${fmtInt(r.r.rps)} (load ${r.load.toFixed(1)})`;
    });
    lines.push(`| ${t.label} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function verdict(sums: Summary[], runs: Run[]): string[] {
  const cached = sums.filter((s) => s.target.kind === 'cached');
  const uncached = sums.filter((s) => s.target.kind === 'uncached');
  const cachedOk = cached.every((s) => s.share! >= CACHED_SHARE_OF_CEILING);
  const uncachedOk = uncached.every((s) => s.rps >= UNCACHED_MIN_RPS);
  const lines = [
    `- **Cached pages at least ${pct(CACHED_SHARE_OF_CEILING)} of the ceiling: ${cachedOk ? 'PASS' : 'MISS'}.** ` +
      cached.map((s) => `${s.target.label}: ${pct(s.share!)} (${s.share! >= CACHED_SHARE_OF_CEILING ? 'pass' : 'miss'})`).join('; ') +
      '.',
    `- **Uncached pages at least ${fmtInt(UNCACHED_MIN_RPS)} req/s: ${uncachedOk ? 'PASS' : 'MISS'}.** ` +
      uncached.map((s) => `${s.target.label}: ${fmtInt(s.rps)} req/s (${s.rps >= UNCACHED_MIN_RPS ? 'pass' : 'miss'})`).join('; ') +
      '.',
  ];
  // The same comparison by the server's CPU per request, which other processes on the machine move less than requests/s.
  const cpuShares = cached.map((s) => {
    const ceiling = sums.find((c) => c.target.kind === 'ceiling' && c.target.page === s.target.page)!;
    return `${s.target.label} ${s.cpuPerRequest.toFixed(1)} µs against ${ceiling.cpuPerRequest.toFixed(1)} µs for its ceiling (${pct(ceiling.cpuPerRequest / s.cpuPerRequest)})`;
  });
  if (cpuShares.length) lines.push(`- **Cost per request** (server CPU; the ceiling's cost ÷ the page's): ${cpuShares.join('; ')}.`);
  const busy = sums.filter((s) => s.generatorCores >= GENERATOR_BUSY);
  const loads = runs.map((r) => r.load);
  lines.push(
    busy.length
      ? `- **Generator:** wrk used ${busy.map((s) => `${cores(s.generatorCores)} of a core on ${s.target.label}`).join(', ')}: on these rows it may have been the limit.`
      : `- **Generator:** wrk (one thread) used at most ${cores(Math.max(...sums.map((s) => s.generatorCores)))} of a core on any row: it was never the limit.`,
  );
  const n = os.availableParallelism();
  const serverMax = Math.max(...sums.map((s) => s.serverCores));
  if (Math.max(...loads) > n) {
    lines.push(
      `- **Caution:** the load average stayed between ${Math.min(...loads).toFixed(1)} and ${Math.max(...loads).toFixed(1)} on ${n} CPUs during the runs: other processes took CPU time from both the server (at most ${cores(serverMax)} of a core) and wrk. Shares of the ceiling measured in the same round remain comparable; absolute requests/s are low.`,
    );
  }
  return lines;
}

function machine(): string[] {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((c) => c.model.trim()))].join(', ');
  return [
    `- CPU: ${models}; \`nproc\`: ${os.availableParallelism()}`,
    `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node: ${process.version}`,
    `- OS: ${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
  ];
}

function report(o: {
  date: string;
  startLoad: number[];
  targets: Target[];
  runs: Run[];
  sums: Summary[];
  article: string;
  sizes: Record<Page, number>;
  logLines: number;
  appRequests: number;
  wrkVersion: string;
}): string {
  return `# Benchmarks

Reader-site throughput of Dépêche on the demo content, measured by \`npm run bench\` (\`bench/run.ts\`).
This part of the file is overwritten by each run.

## Machine

${machine().join('\n')}
- Load generator: ${o.wrkVersion}
- Load average at the start (1, 5, 15 min): ${o.startLoad.map((n) => n.toFixed(2)).join(', ')}

## Date

${o.date}

## Method

- Store: SQLite in a fresh temporary folder, loaded with the demo content (\`DEMO_CONTENT=true\`), background AVIF encoding off. Each server is its own Node process listening on 127.0.0.1.
- Logging as in production: the apps run at \`LOG_LEVEL=info\` and write one JSON line per request (pino) to their standard output, here a file. This run wrote ${fmtInt(o.logLines)} request lines for ${fmtInt(o.appRequests)} requests counted by wrk on the apps (wrk does not count requests still in flight when it stops).
- Load: \`wrk -t1 -c${CONNECTIONS} -d${SECONDS}s\`, keep-alive, one URL per run, ${ROUNDS} rounds; before the rounds each row has a ${WARMUP_SECONDS} s warm-up run (not counted). All three servers run during the whole benchmark; only the one under load is busy.
- Order in each round: ${o.targets.map((t) => t.label).join('; ')}. A row's share of the ceiling is its requests/s divided by its page's ceiling in the same round; the table gives the median over the rounds.
- CPU: \`/proc/<pid>/stat\` (user + system time, all threads) of wrk and of the server under load, sampled at 20% and 90% of each run; "cores" is CPU seconds per second (1.00 = one core busy; this machine has ${os.availableParallelism()}). The server's CPU per request is a second view of its cost that moves less with the machine's load than requests/s.
- Every response of every run (warm-ups included) must be 2xx or 3xx with no socket error or timeout, otherwise the benchmark fails.

What each row means:

- **Ceiling**: a bare \`node:http\` server that answers the page's path with the exact bytes the app sends for it and the same \`content-type\` (plus \`content-length\`; none of the app's other headers, no log line). About the most this machine can do for that response.
- **Cache on**: the app with \`PAGE_CACHE=true\`; after the first request every response comes from the page cache (encoded bytes kept in memory, answered in front of Fastify by \`src/site/cached-front.ts\`), with all of the app's headers and a log line.
- **Cache off**: the app over the same store with \`PAGE_CACHE=false\`: every request queries SQLite and renders the page with Preact.
- Article: \`${o.article}\` (${fmtInt(o.sizes.article)} bytes of HTML); home: \`/fr/\` (${fmtInt(o.sizes.home)} bytes).

## Results

${table(o.sums)}

Requests/s of every run, with the 1-minute load average when it ended (above ${os.availableParallelism()} means other processes competed for the CPUs):

${roundsTable(o.targets, o.runs)}

## Verdict

Targets: cached article and home pages at least ${pct(CACHED_SHARE_OF_CEILING)} of the ceiling measured in the same run; uncached pages at least ${fmtInt(UNCACHED_MIN_RPS)} req/s.

${verdict(o.sums, o.runs).join('\n')}
`;
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  if (!wrkAvailable()) {
    console.error(`${WRK} not found: install Debian's wrk (apt-get install wrk) or set WRK_BIN`);
    return 1;
  }
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-bench-'));
  const dataDir = path.join(tmp, 'data');
  const logFile = path.join(tmp, 'requests.log');
  const logFd = fsSync.openSync(logFile, 'a');
  const date = new Date().toISOString();
  const startLoad = os.loadavg();
  if (CPU_PROF_DIR) await fs.mkdir(CPU_PROF_DIR, { recursive: true });
  const servers: Server[] = [];
  const started = (s: Server) => (servers.push(s), s);
  try {
    console.log(`Dépêche reader benchmark: wrk -t1 -c${CONNECTIONS}, ${ROUNDS} rounds of ${SECONDS} s per row (+${WARMUP_SECONDS} s warm-up)`);
    if (startLoad[0] > os.availableParallelism()) {
      console.log(`warning: the machine is busy (load average ${startLoad[0].toFixed(2)} on ${os.availableParallelism()} CPUs); the numbers will be noisy`);
    }

    // 0. Load the demo content, pick the pages and keep the bytes the app sends for them.
    console.log('\nloading the demo content…');
    const loader = started(await startServer('app (loader)', ['app', dataDir, 'true', 'true'], logFd));
    const base0 = `http://127.0.0.1:${loader.port}`;
    const articlePath = findArticlePath((await get(`${base0}/fr/`)).body.toString('utf8'));
    const bytes = { article: await get(`${base0}${articlePath}`), home: await get(`${base0}/fr/`) };
    await loader.stop();
    servers.pop();
    console.log(`home /fr/ (${bytes.home.body.length} bytes), article ${articlePath} (${bytes.article.body.length} bytes)`);
    const pagesFile = path.join(tmp, 'pages.json');
    const pages = [
      { path: articlePath, file: path.join(tmp, 'article.html'), type: bytes.article.type },
      { path: '/fr/', file: path.join(tmp, 'home.html'), type: bytes.home.type },
    ];
    await fs.writeFile(pages[0]!.file, bytes.article.body);
    await fs.writeFile(pages[1]!.file, bytes.home.body);
    await fs.writeFile(pagesFile, JSON.stringify(pages));

    // 1. The three servers, side by side.
    const ceiling = started(await startServer('ceiling', ['ceiling', pagesFile], logFd));
    const cachedApp = started(await startServer('app (cache on)', ['app', dataDir, 'true', 'false'], logFd));
    const uncachedApp = started(await startServer('app (cache off)', ['app', dataDir, 'false', 'false'], logFd));
    const at = (s: Server, p: string) => `http://127.0.0.1:${s.port}${p}`;
    for (const s of [ceiling, cachedApp, uncachedApp]) {
      for (const p of [articlePath, '/fr/']) {
        const page = await get(at(s, p));
        const want = p === '/fr/' ? bytes.home : bytes.article;
        if (!page.body.equals(want.body)) console.log(`note: ${s.name} sends other bytes for ${p} than the loader did (${page.body.length} vs ${want.body.length})`);
      }
    }
    const allTargets: Target[] = [
      { label: 'Article, ceiling', page: 'article', kind: 'ceiling', url: at(ceiling, articlePath), server: ceiling },
      { label: 'Article, cache on', page: 'article', kind: 'cached', url: at(cachedApp, articlePath), server: cachedApp },
      { label: 'Home, ceiling', page: 'home', kind: 'ceiling', url: at(ceiling, '/fr/'), server: ceiling },
      { label: 'Home, cache on', page: 'home', kind: 'cached', url: at(cachedApp, '/fr/'), server: cachedApp },
      { label: 'Article, cache off', page: 'article', kind: 'uncached', url: at(uncachedApp, articlePath), server: uncachedApp },
      { label: 'Home, cache off', page: 'home', kind: 'uncached', url: at(uncachedApp, '/fr/'), server: uncachedApp },
    ];
    // A cached row needs its ceiling.
    if (ROWS.has('cached')) ROWS.add('ceiling');
    const targets = allTargets.filter((t) => ROWS.has(t.kind));
    const complete = targets.length === allTargets.length;

    console.log('\nwarm-up');
    const warm = [];
    for (const t of targets) warm.push(await measure(t, WARMUP_SECONDS, -1));

    const runs: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      console.log(`\nround ${round + 1} of ${ROUNDS}`);
      for (const t of targets) {
        process.stdout.write(`${t.label.padEnd(20)} `);
        const run = await measure(t, SECONDS, round);
        runs.push(run);
        const r = run.r;
        console.log(
          `${fmtInt(r.rps).padStart(7)} req/s  p50 ${fmtMs(r.p50)} ms  p99 ${fmtMs(r.p99)} ms  server ${cores(r.servers[0]!.cores)} cores, wrk ${cores(r.generator.cores)} (load ${run.load.toFixed(2)})`,
        );
      }
    }

    const onStats = await cachedApp.stats();
    if (!((onStats.cacheEntries as number) > 0)) throw new Error(`the cached app holds no page after its runs (${JSON.stringify(onStats)})`);
    const offStats = await uncachedApp.stats();
    if (offStats.cacheEntries !== 0) throw new Error(`the uncached app kept pages (${JSON.stringify(offStats)})`);
    await Promise.all(servers.map((s) => s.stop()));
    fsSync.closeSync(logFd);

    // One log line per request: count them (the file also holds the loader's requests and start-up lines).
    let logLines = 0;
    for await (const line of (await fs.open(logFile)).readLines()) if (line.includes('"msg":"request"')) logLines++;
    const appRequests = [...warm, ...runs].filter((r) => r.target.kind !== 'ceiling').reduce((a, r) => a + r.r.requests, 0);
    const logging = (process.env.BENCH_LOG_LEVEL || 'info') === 'info';
    if (logging && logLines < appRequests) throw new Error(`the apps logged ${logLines} requests for the ${appRequests} wrk counted: some went unlogged`);

    const sums = summarise(targets, runs);
    const wrkVersion = wrkVersionLine();
    if (!complete || !logging) {
      console.log(`\n${table(sums)}\n\nnot every row measured, or not logging as in production: docs/benchmarks.md is left as it was`);
      return 0;
    }
    const md = report({ date, startLoad, targets, runs, sums, article: articlePath, sizes: { article: bytes.article.body.length, home: bytes.home.body.length }, logLines, appRequests, wrkVersion });
    await fs.mkdir(path.dirname(REPORT), { recursive: true });
    // Other benchmarks write their own sections after this one (## Memory…, ## Archive…): keep them.
    const previous = await fs.readFile(REPORT, 'utf8').catch(() => '');
    const rest = /\n## (?!Machine|Date|Method|Results|Verdict)/.exec(previous);
    await fs.writeFile(REPORT, rest ? md.replace(/\n*$/, '\n') + previous.slice(rest.index) : md);

    console.log(`\n${table(sums).replaceAll('**', '')}\n`);
    console.log(verdict(sums, runs).join('\n').replaceAll('**', ''));
    console.log(`\nwritten to ${path.relative(process.cwd(), REPORT) || REPORT}`);
    return 0;
  } catch (e) {
    console.error(`\nBENCHMARK FAILED: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop()));
    killAll();
    try {
      fsSync.closeSync(logFd);
    } catch {
      // already closed
    }
    await fs.rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}

/** `wrk -v` prints its version line (and its usage) and exits 1. */
function wrkVersionLine(): string {
  const r = spawnSync(WRK, ['-v'], { encoding: 'utf8' });
  return (r.stdout || r.stderr).split('\n')[0]!.replace(/\s+Copyright.*$/, '').trim() || 'wrk';
}

process.exitCode = await main();
// Nothing should be left, but do not linger on a stray handle.
setTimeout(() => process.exit(), 2000).unref();
