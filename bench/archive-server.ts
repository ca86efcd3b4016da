/**
 * A generated archive as the benchmarks open it: where it lives (an SQLite
 * folder or a PostgreSQL schema) and `depeche serve` started on it in its own
 * process, uncached, as production would run it.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/free-port.ts';
import { openStore } from '../src/store/db.ts';
import type { Config } from '../src/config.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Target {
  name: string;
  database: Config['database'];
  /** The environment `depeche` needs to open this archive. */
  env: Record<string, string>;
}

export interface Server {
  url: string;
  child: ChildProcess;
  coldStartMs: number;
  /** Published articles, from the listing counts. */
  articles: number;
}

/** An archive folder made by `npm run bench:archive --data-dir`, or a schema of `database`. */
export function target(name: string, spec: string, database: string | undefined): Target {
  if (database) {
    const url = `${database}${database.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${spec}`)}`;
    return { name, database: { kind: 'postgres', url: database, schema: spec }, env: { DATABASE_URL: url, DATA_DIR: path.join(os.tmpdir(), `depeche-bench-${spec}`) } };
  }
  const dir = path.resolve(spec);
  return { name, database: { kind: 'sqlite', file: path.join(dir, 'depeche.db') }, env: { DATA_DIR: dir } };
}

/** `depeche serve` on the archive, PAGE_CACHE=false, once it answers /fr/. */
export async function start(t: Target, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const began = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/depeche.js'), 'serve'], {
    env: {
      ...process.env,
      ...t.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PAGE_CACHE: 'false',
      DEMO_CONTENT: 'false',
      LOG_LEVEL: 'warn',
      INGEST_POLL_SECONDS: '0',
      CONTENT_API_RATE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${t.name}: the server exited (${child.exitCode})`);
    const ok = await fetch(`${url}/fr/`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const coldStartMs = Date.now() - began;
  const store = openStore(t.database);
  const n = await store.db.selectFrom('archive_months').select((eb) => eb.fn.sum<number>('articles').as('n')).executeTakeFirst();
  await store.close();
  return { url, child, coldStartMs, articles: Number(n?.n ?? 0) };
}

export function rssMb(pid: number): Promise<number> {
  return fs.readFile(`/proc/${pid}/status`, 'utf8').then((s) => Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024);
}

/** The machine, for a report's first line. */
export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
}

/**
 * Replaces the table headed `### <label>:` between the `start` and `end`
 * markers of a document, keeping the other labels' tables.
 */
export async function writeTable(file: string, startMark: string, endMark: string, label: string, table: string): Promise<void> {
  const doc = await fs.readFile(file, 'utf8');
  const a = doc.indexOf(startMark);
  const b = doc.indexOf(endMark);
  if (a < 0 || b < a) throw new Error(`${path.basename(file)} has no ${startMark} … ${endMark} block`);
  const inner = doc.slice(a + startMark.length, b);
  const parts = inner.split(/\n(?=### )/).filter((p) => p.trim() && !p.trim().startsWith(`### ${label}:`));
  const next = [...parts.map((p) => p.trim()), table.trim()].join('\n\n');
  await fs.writeFile(file, `${doc.slice(0, a + startMark.length)}\n${next}\n${doc.slice(b)}`);
}

/** The bare node:http server of bench/server.ts (`ceiling` mode), as a child process. */
export async function startCeiling(pagesFile: string): Promise<{ child: ChildProcess; port: number; stop(): Promise<void> }> {
  const child = fork(path.join(ROOT, 'bench', 'server.ts'), ['ceiling', pagesFile], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ceiling server exited (code ${code})`)));
    child.on('message', (m: { type: string; port?: number }) => {
      if (m.type === 'ready' && typeof m.port === 'number') resolve(m.port);
    });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ type: 'stop' });
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}
