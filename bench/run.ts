/**
 * The reader-site benchmark: `npm run bench` (or `npx tsx bench/run.ts`).
 *
 * It loads the demo site into a temporary SQLite store, then measures with
 * autocannon (in this process) the servers it starts as child processes
 * (bench/server.ts), one at a time: a bare node:http server sending the
 * cached article's bytes (the ceiling), the app with its page cache, the app
 * without it, and the ceiling again.
 * It writes docs/benchmarks.md and prints the table.
 *
 *   BENCH_SECONDS   length of each measured run (default 10); each is preceded by a 2 s warm-up.
 *   BENCH_CPU_PROF  a folder: run the servers under `node --cpu-prof` and write their profiles
 *                   there, one sub-folder per server (the largest file is the main thread; the
 *                   others are the tsx loader's thread).
 *
 * Exit status: 0 when every run was clean, whatever the verdict (it is a
 * measurement, not a test); 1 when a server failed or any response was an
 * error, a timeout or not 2xx.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_ENTRY = path.join(ROOT, 'bench', 'server.ts');
const REPORT = path.join(ROOT, 'docs', 'benchmarks.md');

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const SECONDS = parseSeconds(process.env.BENCH_SECONDS);
/** Targets. */
const CACHED_SHARE_OF_CEILING = 0.6;
const UNCACHED_MIN_RPS = 2200;
/** Bounds, so that nothing waits forever. */
const START_TIMEOUT_MS = 180_000; // the first start draws the demo pictures
const STOP_TIMEOUT_MS = 10_000;
const FETCH_TIMEOUT_MS = 10_000;
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;

function parseSeconds(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 1 || n > 3600 || !Number.isInteger(n)) {
    throw new Error(`BENCH_SECONDS must be a whole number of seconds between 1 and 3600, got ${JSON.stringify(raw)}`);
  }
  return n;
}

// ---------------------------------------------------------------- children

interface Server {
  name: string;
  port: number;
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
 * tsx loader; one process, no npx/tsx wrapper in between, so killing it is
 * exact) and waits until it listens.
 */
function startServer(name: string, args: string[]): Promise<Server> {
  const child = fork(SERVER_ENTRY, args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(CPU_PROF_DIR, name.replace(/\W+/g, '-').replace(/-$/, ''))}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
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
    const onEarlyExit = (code: number | null, signal: string | null) =>
      fail(new Error(`${name}: server exited before listening (code ${code}, signal ${signal})`));
    child.once('exit', onEarlyExit);
    child.once('error', (e) => fail(new Error(`${name}: ${e.message}`)));
    child.on('message', function onMessage(m: { type: string; port?: number; message?: string }) {
      if (m.type === 'failed') return fail(new Error(`${name}: ${m.message}`));
      if (m.type !== 'ready' || typeof m.port !== 'number') return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      child.off('message', onMessage);
      const port = m.port;
      resolve({
        name,
        port,
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

// ---------------------------------------------------------------- load

function cannon(url: string, seconds: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    // autocannon stops by itself after `duration`; this guards against a hang.
    const guard = setTimeout(() => {
      inst.stop();
      reject(new Error(`autocannon on ${url} did not finish within ${seconds + 30} s`));
    }, (seconds + 30) * 1000);
    const inst = autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 10 }, (err, result) => {
      clearTimeout(guard);
      if (err) reject(err);
      else resolve(result);
    });
  });
}

function checkClean(label: string, r: Result): void {
  const problems: string[] = [];
  if (r.errors) problems.push(`${r.errors} errors`);
  if (r.timeouts) problems.push(`${r.timeouts} timeouts`);
  if (r.non2xx) problems.push(`${r.non2xx} non-2xx responses (${JSON.stringify(r.statusCodeStats)})`);
  if (!r['2xx']) problems.push('no 2xx response at all');
  if (problems.length) throw new Error(`${label}: ${problems.join(', ')}`);
}

interface Row {
  label: string;
  page: 'article' | 'home' | 'ceiling';
  cached: boolean | null;
  url: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  bytesPerResponse: number;
  /** 1-minute load average of the machine when the run ended. */
  load: number;
  /** Position in the order the runs were made. */
  seq: number;
}

let runSeq = 0;

async function measure(label: string, page: Row['page'], cached: boolean | null, url: string): Promise<Row> {
  process.stdout.write(`${label.padEnd(28)} warm-up ${WARMUP_SECONDS} s… `);
  checkClean(`${label} (warm-up)`, await cannon(url, WARMUP_SECONDS));
  process.stdout.write(`measuring ${SECONDS} s… `);
  const r = await cannon(url, SECONDS);
  checkClean(label, r);
  const row: Row = {
    label,
    page,
    cached,
    url,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r['2xx'],
    bytesPerResponse: r.throughput.total / Math.max(1, r['2xx']),
    load: os.loadavg()[0],
    seq: runSeq++,
  };
  console.log(`${Math.round(row.rps)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms (load ${row.load.toFixed(2)})`);
  return row;
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

// ---------------------------------------------------------------- report

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const pct = (n: number) => `${Math.round(n * 100)}%`;

/** The ceiling is measured twice, first and last, and its two runs averaged: the machine's state drifts. */
interface Ceiling {
  runs: Row[];
  rps: number;
  /** Relative spread of the two runs, |a − b| / mean. */
  spread: number;
}

function ceilingOf(runs: Row[]): Ceiling {
  const rps = runs.reduce((a, r) => a + r.rps, 0) / runs.length;
  const spread = (Math.max(...runs.map((r) => r.rps)) - Math.min(...runs.map((r) => r.rps))) / rps;
  return { runs, rps, spread };
}

const UNSTABLE_SPREAD = 0.2;

function table(rows: Row[], ceiling: Ceiling): string {
  const lines = [
    '| Page | Page cache | Requests/s (avg) | p50 (ms) | p99 (ms) | Share of ceiling |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const r of [...rows, ...ceiling.runs]) {
    const cache = r.cached === null ? '—' : r.cached ? 'on' : 'off';
    lines.push(`| ${r.label} | ${cache} | ${fmtInt(r.rps)} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${pct(r.rps / ceiling.rps)} |`);
  }
  lines.push(`| **Ceiling (mean of the ${ceiling.runs.length} runs)** | — | **${fmtInt(ceiling.rps)}** | | | 100% |`);
  return lines.join('\n');
}

function verdict(rows: Row[], ceiling: Ceiling): string[] {
  const lines: string[] = [];
  const cached = rows.filter((r) => r.cached === true);
  const uncached = rows.filter((r) => r.cached === false);
  const floor = CACHED_SHARE_OF_CEILING * ceiling.rps;
  const cachedOk = cached.every((r) => r.rps >= floor);
  const uncachedOk = uncached.every((r) => r.rps >= UNCACHED_MIN_RPS);
  lines.push(
    `- **Cached pages at least ${pct(CACHED_SHARE_OF_CEILING)} of the ceiling (${fmtInt(floor)} req/s of ${fmtInt(ceiling.rps)}): ${cachedOk ? 'PASS' : 'MISS'}.** ` +
      cached.map((r) => `${r.label}: ${fmtInt(r.rps)} req/s = ${pct(r.rps / ceiling.rps)} (${r.rps >= floor ? 'pass' : 'miss'})`).join('; ') +
      '.',
  );
  lines.push(
    `- **Uncached pages at least ${fmtInt(UNCACHED_MIN_RPS)} req/s: ${uncachedOk ? 'PASS' : 'MISS'}.** ` +
      uncached.map((r) => `${r.label}: ${fmtInt(r.rps)} req/s = ${pct(r.rps / UNCACHED_MIN_RPS)} of target (${r.rps >= UNCACHED_MIN_RPS ? 'pass' : 'miss'})`).join('; ') +
      '.',
  );
  if (ceiling.spread > UNSTABLE_SPREAD) {
    lines.push(
      `- **Caution:** the two ceiling runs differ by ${pct(ceiling.spread)} (${ceiling.runs.map((r) => fmtInt(r.rps)).join(' vs ')} req/s): the machine was not in a steady state (other processes competing for the CPUs), so this run's ratios are unreliable; run it again on a quiet machine.`,
    );
  }
  return lines;
}

function machine(): string[] {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((c) => c.model.trim()))].join(', ');
  return [
    `- CPU: ${models} × ${cpus.length} (as seen by Node: \`os.cpus()\`)`,
    `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node: ${process.version}`,
    `- OS: ${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
  ];
}

function report(rows: Row[], ceiling: Ceiling, date: string, startLoad: number[], article: string, sizes: { article: number; home: number }): string {
  const all = [...rows, ...ceiling.runs].sort((a, b) => a.seq - b.seq);
  return `# Benchmarks

Reader-site throughput of Dépêche on the demo content, measured by \`npm run bench\` (\`bench/run.ts\`).
This file is overwritten by each run.

## Machine

${machine().join('\n')}
- Load average at the start (1, 5, 15 min): ${startLoad.map((n) => n.toFixed(2)).join(', ')}

## Date

${date}

## Method

- Store: SQLite in a fresh temporary folder, loaded with the demo content (\`DEMO_CONTENT=true\`), \`LOG_LEVEL=warn\`, background AVIF encoding off. Each server listens on 127.0.0.1, port 0.
- Load: [autocannon](https://github.com/mcollina/autocannon) 8, ${CONNECTIONS} keep-alive connections, no pipelining, GET of one URL, ${SECONDS} s per measured run, each preceded by a ${WARMUP_SECONDS} s warm-up run on the same server (not counted).
- Processes: the server under test runs in its own Node process (\`bench/server.ts\`, started by the runner through the tsx loader); autocannon runs in the runner process. Only one server runs at a time. Load generator and server share the machine's ${os.cpus().length} CPUs, so the absolute numbers are lower than on a dedicated load machine; with the page cache on, the load generator is as much the limit as the server.
- Order: ceiling, article and home with the cache on, article and home with the cache off, ceiling again. The ceiling is the mean of its two runs, which bracket the others so that a drift of the machine shows.
- Every response of every run (warm-ups included) must be 2xx with no error or timeout, otherwise the run fails.
- Requests/s is autocannon's average of the per-second counts; p50 and p99 are the latency percentiles over all requests of the measured run (autocannon records whole milliseconds).

What each row means:

- **Article, cache on**: \`${article}\` (${fmtInt(sizes.article)} bytes of HTML), a demo article, on the app with \`PAGE_CACHE=true\`: after the first request every response comes from the page cache (encoded bytes kept in memory, 60 s TTL), so this measures Fastify's routing, the headers and the send path.
- **Article, cache off**: the same URL on the app over the same store started with \`PAGE_CACHE=false\`: every request queries SQLite and renders the page with Preact.
- **Home, cache on / off**: \`/fr/\` (${fmtInt(sizes.home)} bytes of HTML), likewise. The ceiling sends the article's bytes, so the home page, ${(sizes.home / sizes.article).toFixed(1)} times as heavy, is held to a ceiling made with a lighter response: its share is pessimistic.
- **Ceiling**: a bare \`node:http\` server in its own process that answers every request with the exact bytes of the cached article page and the same \`content-type\` (plus \`content-length\`; none of the app's other headers). It is about the most this machine and this load generator can do for that response; "Share of ceiling" divides each row by the mean of the two ceiling runs.

## Results

${table(rows, ceiling)}

Machine load in the order of the runs (1-minute load average when each run ended; well above ${os.cpus().length} on this ${os.cpus().length}-CPU machine means other processes were competing for the CPUs and the row is pessimistic): ${all.map((r) => `${r.label} ${r.load.toFixed(2)}`).join(', ')}.

Requests measured: ${all.map((r) => `${r.label} ${fmtInt(r.requests)}`).join(', ')}.

## Verdict

Targets: cached pages at least ${pct(CACHED_SHARE_OF_CEILING)} of the ceiling; uncached pages at least ${fmtInt(UNCACHED_MIN_RPS)} req/s.

${verdict(rows, ceiling).join('\n')}
`;
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-bench-'));
  const dataDir = path.join(tmp, 'data');
  const date = new Date().toISOString();
  const startLoad = os.loadavg();
  if (CPU_PROF_DIR) await fs.mkdir(CPU_PROF_DIR, { recursive: true });
  const servers: Server[] = [];
  const started = (s: Server) => (servers.push(s), s);
  try {
    console.log(`Dépêche reader benchmark: ${CONNECTIONS} connections, ${SECONDS} s per run (+${WARMUP_SECONDS} s warm-up)`);
    if (startLoad[0] > os.cpus().length) {
      console.log(`warning: the machine is busy (load average ${startLoad[0].toFixed(2)} on ${os.cpus().length} CPUs); the numbers will be pessimistic and noisy`);
    }

    // 0. Load the demo content, pick the pages and keep the cached article's bytes.
    console.log('\nloading the demo content…');
    const loader = started(await startServer('app (loader)', ['app', dataDir, 'true', 'true']));
    const base0 = `http://127.0.0.1:${loader.port}`;
    const home = await get(`${base0}/fr/`);
    const articlePath = findArticlePath(home.body.toString('utf8'));
    await get(`${base0}${articlePath}`); // fills the cache
    const article = await get(`${base0}${articlePath}`); // the cached bytes
    await loader.stop();
    console.log(`home /fr/ (${home.body.length} bytes), article ${articlePath} (${article.body.length} bytes)`);
    const bodyFile = path.join(tmp, 'article.html');
    await fs.writeFile(bodyFile, article.body);

    const ceilingRun = async (label: string) => {
      const server = started(await startServer('ceiling', ['ceiling', bodyFile, article.type]));
      const url = `http://127.0.0.1:${server.port}${articlePath}`;
      const check = await get(url);
      if (!check.body.equals(article.body) || check.type !== article.type) throw new Error('the ceiling server does not send the cached article bytes');
      const row = await measure(label, 'ceiling', null, url);
      await server.stop();
      return row;
    };

    // 1. The ceiling, first run.
    console.log('\nceiling: bare node:http with the same bytes');
    const ceilingFirst = await ceilingRun('Ceiling, first run');

    // 2. The app with its page cache (the store is loaded: no demo load again).
    console.log('\napp, page cache on');
    const cachedApp = started(await startServer('app (cache on)', ['app', dataDir, 'true', 'false']));
    const base = `http://127.0.0.1:${cachedApp.port}`;
    const again = await get(`${base}${articlePath}`);
    if (!again.body.equals(article.body)) console.log('note: the article differs from the bytes the ceiling sends');
    const articleOn = await measure('Article, cache on', 'article', true, `${base}${articlePath}`);
    const homeOn = await measure('Home, cache on', 'home', true, `${base}/fr/`);
    const onStats = await cachedApp.stats();
    if (!((onStats.cacheEntries as number) > 0)) throw new Error(`the cached app holds no page after its runs (${JSON.stringify(onStats)})`);
    await cachedApp.stop();

    // 3. The same store without the page cache.
    console.log('\napp, page cache off');
    const uncachedApp = started(await startServer('app (cache off)', ['app', dataDir, 'false', 'false']));
    const base2 = `http://127.0.0.1:${uncachedApp.port}`;
    await get(`${base2}${articlePath}`);
    await get(`${base2}/fr/`);
    const articleOff = await measure('Article, cache off', 'article', false, `${base2}${articlePath}`);
    const homeOff = await measure('Home, cache off', 'home', false, `${base2}/fr/`);
    const offStats = await uncachedApp.stats();
    if (offStats.cacheEntries !== 0) throw new Error(`the uncached app kept pages (${JSON.stringify(offStats)})`);
    await uncachedApp.stop();

    // 4. The ceiling again.
    console.log('\nceiling again');
    const ceilingLast = await ceilingRun('Ceiling, last run');

    const rows = [articleOn, articleOff, homeOn, homeOff];
    const ceiling = ceilingOf([ceilingFirst, ceilingLast]);
    const md = report(rows, ceiling, date, startLoad, articlePath, { article: article.body.length, home: home.body.length });
    await fs.mkdir(path.dirname(REPORT), { recursive: true });
    // bench/memory.ts writes its own section at the end of the same page: keep it.
    const previous = await fs.readFile(REPORT, 'utf8').catch(() => '');
    const memory = previous.indexOf('\n## Memory under picture uploads');
    await fs.writeFile(REPORT, memory >= 0 ? md.replace(/\n*$/, '\n') + previous.slice(memory) : md);

    console.log(`\n${table(rows, ceiling).replaceAll('**', '')}\n`);
    console.log(verdict(rows, ceiling).join('\n').replaceAll('**', ''));
    console.log(`\nwritten to ${path.relative(process.cwd(), REPORT) || REPORT}`);
    return 0;
  } catch (e) {
    console.error(`\nBENCHMARK FAILED: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop()));
    killAll();
    await fs.rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}

process.exitCode = await main();
// Nothing should be left, but do not linger on a stray handle.
setTimeout(() => process.exit(), 2000).unref();
