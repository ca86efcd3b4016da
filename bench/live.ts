// Live coverage at scale: event streams held by one web node, delivery spread, two nodes over Redis, and what
// a post and a page cost in a long live. Results go to docs/benchmarks.md ("Live coverage").
// Usage: npm run bench:live [-- [--posting] <readers> <readers on the second node>]   (TEST_DATABASE_URL, TEST_REDIS_URL as for the tests)
// --posting: only part 3, what a post and the page cost in a live of 5 and of 5,000 entries.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const postingOnly = process.argv.includes('--posting');
const readers = Number(args[0] ?? 10_000);
const remoteReaders = Number(args[1] ?? 2_000);
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = `livebench_${randomBytes(4).toString('hex')}`;

/** A child with an IPC channel; `ask` sends a message and waits for the answer of the given type. */
function child(file: string, args: string[], env: Record<string, string> = {}) {
  const c: ChildProcess = fork(path.join(ROOT, 'bench', file), args, { cwd: ROOT, execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // Answers by type: a waiter takes one, or it waits in `early` for the next call asking for it.
  const waiting = new Map<string, (m: any) => void>();
  const early = new Map<string, any[]>();
  let exited: number | null | undefined;
  const onExit = new Set<(code: number | null) => void>();
  c.on('exit', (code) => {
    exited = code;
    for (const f of onExit) f(code);
  });
  c.on('message', (m: any) => {
    const w = waiting.get(m.type);
    if (w) {
      waiting.delete(m.type);
      w(m);
    } else early.set(m.type, [...(early.get(m.type) ?? []), m]);
  });
  const next = (type: string, timeoutMs = 300_000) =>
    new Promise<any>((resolve, reject) => {
      const queued = early.get(type);
      if (queued?.length) return resolve(queued.shift());
      if (exited !== undefined) return reject(new Error(`${file} exited (${exited}) before ${type}`));
      const fail = (code: number | null) => reject(new Error(`${file} exited (${code}) before ${type}`));
      const t = setTimeout(() => reject(new Error(`${file}: no ${type} after ${timeoutMs} ms`)), timeoutMs);
      onExit.add(fail);
      waiting.set(type, (m) => {
        clearTimeout(t);
        onExit.delete(fail);
        resolve(m);
      });
    });
  return {
    proc: c,
    next,
    ask(msg: object, type: string, timeoutMs?: number) {
      const p = next(type, timeoutMs);
      c.send(msg);
      return p;
    },
    stop() {
      if (c.exitCode === null) c.send({ type: 'stop' });
      return new Promise<void>((r) => (c.exitCode !== null ? r() : c.once('exit', () => r())));
    },
  };
}

const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const mb = (b: number) => `${Math.round(b / 1048576)} MB`;

/** The size of the ceiling's frame: about what one entry of this benchmark weighs in the stream (title, text, markup). */
const FRAME_BYTES = 1500;

/**
 * Posts on `poster`, waits for every reader of `load` to have the entry; answers the delays from the post (ms)
 * and the load process's own CPU over that time (a reader process near 100 % would make the delays its own).
 */
async function deliver(poster: ReturnType<typeof child>, load: ReturnType<typeof child>, articleId: number, expected: number) {
  await load.ask({ type: 'mark' }, 'marked');
  const posted = await poster.ask({ type: 'post', articleId, bytes: FRAME_BYTES }, 'posted');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { arrivals, cpuMs, wallMs } = await load.ask({ type: 'report' }, 'report');
    const got = (arrivals as number[]).filter((a) => a > 0);
    if (got.length === expected || Date.now() > deadline) {
      const delays = got.map((a) => a - posted.t0).sort((x, y) => x - y);
      return { delays, missing: expected - got.length, postMs: posted.ms as number, loadCpu: (cpuMs as number) / (wallMs as number) };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const admin = new pg.Client({ connectionString: pgUrl });
await admin.connect();
await admin.query(`create schema ${schema}`);
const env = { BENCH_PG_URL: pgUrl, BENCH_SCHEMA: schema };
const out: string[] = [];
const say = (s: string) => {
  console.log(s);
  out.push(s);
};
try {
  say(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`);

  // 1. One node, `readers` streams, in rounds alternating with a bare server holding as many (the ceiling:
  //    what these readers, on this machine, measure at best for one frame written to every stream).
  if (!postingOnly) {
    const node = child('live-node.ts', [], env);
    const { port } = await node.next('ready');
    const { articleId, path: livePath } = await node.ask({ type: 'setup' }, 'setup');
    const idle = await node.ask({ type: 'stats' }, 'stats');
    const t0 = Date.now();
    const load = child('live-load.ts', [String(port), livePath, String(readers)]);
    const { open } = await load.next('ready', 600_000);
    const held = await node.ask({ type: 'stats' }, 'stats');
    say(`one node: ${open} streams open in ${((Date.now() - t0) / 1000).toFixed(1)} s; node RSS ${mb(idle.rss)} before, ${mb(held.rss)} with ${held.connections} streams`);
    const bare = child('live-ceiling.ts', []);
    const { port: barePort } = await bare.next('ready');
    const bareLoad = child('live-load.ts', [String(barePort), livePath, String(readers)]);
    await bareLoad.next('ready', 600_000);
    const line = (r: Awaited<ReturnType<typeof deliver>>) => {
      const d = r.delays;
      return `first ${d[0]} ms, median ${q(d, 0.5)} ms, p99 ${q(d, 0.99)} ms, last ${d.at(-1)} ms (spread ${d.at(-1)! - d[0]!} ms); readers' process CPU ${Math.round(r.loadCpu * 100)} %${r.missing ? `, ${r.missing} missing` : ''}`;
    };
    const rounds: string[] = [];
    const ratios: number[] = [];
    let peak = held.rss;
    for (let i = 0; i < 5; i++) {
      const real = await deliver(node, load, articleId, readers);
      const ceiling = await deliver(bare, bareLoad, 0, readers);
      rounds.push(`  round ${i + 1}, Dépêche → ${readers} readers: ${line(real)}`, `  round ${i + 1}, bare server: ${line(ceiling)}`);
      ratios.push(real.delays.at(-1)! / Math.max(1, ceiling.delays.at(-1)!));
      peak = Math.max(peak, (await node.ask({ type: 'stats' }, 'stats')).rss);
    }
    for (const r of rounds) say(r);
    ratios.sort((x, y) => x - y);
    say(`  last reader, Dépêche / bare server, per round: ${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${q(ratios, 0.5).toFixed(2)})`);
    say(`  node RSS after the entries: ${mb(peak)}`);
    await bareLoad.stop();
    await bare.stop();
    await load.stop();
    await node.stop();
  }

  // 2. Two nodes over Redis: readers on B, posts on A.
  if (!postingOnly) {
    const redisEnv = { ...env, BENCH_REDIS_URL: redisUrl, BENCH_PREFIX: `${schema}:` };
    const a = child('live-node.ts', [], redisEnv);
    const b = child('live-node.ts', [], redisEnv);
    await a.next('ready');
    const { port: portB } = await b.next('ready');
    const { articleId, path: livePath } = await a.ask({ type: 'setup' }, 'setup');
    const load = child('live-load.ts', [String(portB), livePath, String(remoteReaders)]);
    await load.next('ready', 600_000);
    const all: number[] = [];
    let worst = 0;
    for (let i = 0; i < 20; i++) {
      const r = await deliver(a, load, articleId, remoteReaders);
      all.push(r.delays[0]!);
      worst = Math.max(worst, r.delays.at(-1)!);
    }
    all.sort((x, y) => x - y);
    say(`two nodes over Redis, ${remoteReaders} readers on B, 20 entries posted on A: first reader on B after median ${q(all, 0.5)} ms, max ${all.at(-1)} ms; last reader on B at most ${worst} ms after the post`);
    await load.stop();
    await a.stop();
    await b.stop();
  }

  // 3. What a post and the page cost in a live of 5 and of 5,000 entries.
  {
    const node = child('live-node.ts', [], env);
    await node.next('ready');
    for (const n of [5, 5000]) {
      const { articleId, path: livePath } = await node.ask({ type: 'setup' }, 'setup');
      await node.ask({ type: 'seed', articleId, n }, 'seeded');
      const posts: number[] = [];
      for (let i = 0; i < 50; i++) posts.push((await node.ask({ type: 'post', articleId }, 'posted')).ms);
      posts.sort((x, y) => x - y);
      const { ms } = await node.ask({ type: 'render', path: livePath, rounds: 30 }, 'rendered');
      (ms as number[]).sort((x, y) => x - y);
      say(`live of ${n} entries: post median ${q(posts, 0.5).toFixed(1)} ms (p90 ${q(posts, 0.9).toFixed(1)} ms); page 1 rendered without cache median ${q(ms, 0.5).toFixed(1)} ms (p90 ${q(ms, 0.9).toFixed(1)} ms)`);
    }
    await node.stop();
  }
} finally {
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
