/**
 * A server for the benchmark, run as a child process of bench/run.ts so that
 * the load generator and the server do not share one event loop.
 *
 *   app     <dataDir> <pageCache:true|false> <demo:true|false>
 *   ceiling <pagesFile>   a JSON list of { path, file, type }: the bytes to send for each path
 *
 * The app logs as `depeche serve` does, one JSON line per request at info
 * level on its standard output (BENCH_LOG_LEVEL to change the level), which
 * the runner sends to a file.
 *
 * It talks to its parent over the IPC channel: it sends { type: 'ready', port }
 * once it listens on 127.0.0.1, answers { type: 'stats' } and stops on
 * { type: 'stop' }. It also stops when the parent goes away.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

type Msg = { type: 'stop' } | { type: 'stats' };

function send(msg: unknown): void {
  if (process.send && process.connected) process.send(msg);
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('bench/server.ts is meant to be started by bench/run.ts (it needs an IPC channel)');
  const [mode, ...args] = process.argv.slice(2);
  let stop: () => Promise<void>;
  let stats: () => Record<string, unknown> = () => ({});

  if (mode === 'app') {
    const [dataDir, pageCache, demo] = args;
    if (!dataDir || !pageCache || !demo) throw new Error('usage: app <dataDir> <pageCache> <demo>');
    const base = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      DEMO_CONTENT: demo,
      PAGE_CACHE: pageCache,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'info',
      // One load generator is one address: no API rate limit.
      CONTENT_API_RATE_LIMIT: '0',
      ADMIN_API_RATE_LIMIT: '0',
    });
    // SQLite in dataDir (no DATABASE_URL); no AVIF encoding stealing CPU during the runs.
    const config = { ...base, backgroundImages: false };
    const started = Date.now();
    const app = await buildApp(config);
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.server.address() as { port: number }).port;
    stats = () => ({ cacheEntries: app.cache.size, buildMs: Date.now() - started });
    stop = () => app.close();
    send({ type: 'ready', port, buildMs: Date.now() - started });
  } else if (mode === 'ceiling') {
    const [pagesFile] = args;
    if (!pagesFile) throw new Error('usage: ceiling <pagesFile>');
    const list = JSON.parse(await fs.readFile(pagesFile, 'utf8')) as { path: string; file: string; type: string }[];
    const pages = new Map<string, { body: Buffer; type: string }>();
    for (const p of list) pages.set(p.path, { body: await fs.readFile(p.file), type: p.type });
    // The least a server can do: look the bytes up and send them with their type and length.
    const server = http.createServer((req, res) => {
      const page = pages.get(req.url!);
      if (!page) {
        res.writeHead(404, { 'content-length': 0 });
        return res.end();
      }
      res.writeHead(200, { 'content-type': page.type, 'content-length': page.body.length });
      res.end(page.body);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const port = (server.address() as { port: number }).port;
    stop = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    send({ type: 'ready', port });
  } else {
    throw new Error(`unknown mode ${mode ?? '(none)'}: expected app or ceiling`);
  }

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // Never hang on the way out.
    setTimeout(() => process.exit(code), 5000).unref();
    try {
      await stop();
    } finally {
      process.exit(code);
    }
  };
  process.on('message', (m: Msg) => {
    if (m.type === 'stats') send({ type: 'stats', ...stats() });
    else if (m.type === 'stop') void shutdown(0);
  });
  // The parent died or closed the channel: go too.
  process.on('disconnect', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
}

main().catch((e) => {
  console.error(e);
  send({ type: 'failed', message: String(e?.stack ?? e) });
  process.exit(1);
});
