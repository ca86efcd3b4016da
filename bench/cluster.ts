/**
 * A whole Dépêche cluster on one machine, for trying the reference deployment
 * (`npm run cluster`, bench/run-cluster.ts) and for tests that need one:
 *
 * - PostgreSQL: the local server, in a database of the cluster's own (`depeche_cluster`, made afresh);
 * - Redis: a redis-server of its own on a free port (nothing persisted);
 * - S3: s3rver in this process, with one bucket, in a folder of its own;
 * - two web nodes (`depeche serve`, ROLES=web) and one worker (`depeche worker`, ROLES=worker),
 *   each with a DATA_DIR of its own, so that nothing is shared through the disk;
 * - Varnish in front of both web nodes, with deploy/varnish/default.vcl and a round-robin director.
 *
 * startCluster() returns the addresses and a stop() that ends every process it
 * started (by its own handle, never by name) and removes its folders.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import S3rver from 's3rver';
import { freePort } from '../test/support/free-port.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'depeche.js');
const VCL = path.join(ROOT, 'deploy', 'varnish', 'default.vcl');

export interface ClusterOptions {
  /** The PostgreSQL server (its `postgres` database is used to make the cluster's). Default: the local one. */
  postgresUrl?: string;
  /** The cluster's database, dropped and made again at start. Default: depeche_cluster. */
  database?: string;
  /** Drop the database on stop (tests); kept by default so it can be looked at afterwards. */
  dropDatabaseOnStop?: boolean;
  /** Load the demo content (default true). */
  demo?: boolean;
  /** Extra environment for every node (tests: short intervals, LOG_LEVEL…). */
  env?: Record<string, string>;
  /** The worker's command line after `depeche` (default `worker`). */
  workerArgs?: string[];
  /** Progress messages (default: none). */
  say?: (line: string) => void;
  /** How long each process may take to start (default 180 s: the demo draws its pictures). */
  startTimeoutMs?: number;
}

export interface ClusterNode {
  name: string;
  pid: number;
  /** The node's own address, e.g. http://127.0.0.1:40123 (a worker's answers only /healthz). */
  url?: string;
  port?: number;
  dataDir: string;
  logFile: string;
  /** Sends SIGTERM and waits for the node to exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
  /** Starts the same node again, with the same port and environment. */
  start(): Promise<void>;
}

export interface Cluster {
  /** Varnish, the address readers use (also PUBLIC_URL). */
  url: string;
  varnishPort: number;
  web: ClusterNode[];
  worker: ClusterNode;
  redisUrl: string;
  redisPort: number;
  /** The cluster's redis-server: stopped and started again on the same port (outage tests). */
  redis: { stop(): Promise<void>; start(): Promise<void> };
  /** Starts one more worker (`depeche worker`), stopped with the cluster. */
  addWorker(name: string): Promise<ClusterNode>;
  databaseUrl: string;
  s3: { endpoint: string; bucket: string; publicUrl: string };
  /** The environment every node was started with (without ROLES and PORT). */
  env: Record<string, string>;
  /** Where logs and data are. */
  dir: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>, failed?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = failed?.();
    if (why) throw new Error(`${what}: ${why}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(100);
  }
}

async function answers(url: string, init?: RequestInit): Promise<boolean> {
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
  await r.arrayBuffer();
  return r.ok;
}

/** A child process whose output goes to a file; stop() is exact (its own pid). */
function launch(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): { child: ChildProcess; exited: Promise<void>; stop: () => Promise<void>; exitReason: () => string | undefined } {
  const fd = fsSync.openSync(logFile, 'a');
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  fsSync.closeSync(fd);
  let reason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      reason = `exited (code ${code}, signal ${signal}); see ${logFile}`;
      resolve();
    });
    child.once('error', (e) => {
      reason = e.message;
      resolve();
    });
  });
  const stop = async () => {
    if (reason) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(t);
  };
  return { child, exited, stop, exitReason: () => reason };
}

/**
 * The reference VCL for two web nodes: its `app` backend pointed at the first
 * node, a copy of it for the second, and a round-robin director over both.
 */
export function clusterVcl(vcl: string, ports: number[]): string {
  const block = /backend app \{[\s\S]*?\n\}\n/.exec(vcl)?.[0];
  if (!block || !block.includes('.port = "3000";')) throw new Error(`${VCL}: no \`backend app { … .port = "3000"; … }\` block to point at the web nodes`);
  const backends = ports.map((p, i) => block.replace('backend app {', `backend app${i} {`).replace('.port = "3000";', `.port = "${p}";`)).join('\n');
  const director = `
import directors;

sub vcl_init {
    new nodes = directors.round_robin();
${ports.map((_, i) => `    nodes.add_backend(app${i});`).join('\n')}
}

sub vcl_recv {
    set req.backend_hint = nodes.backend();
}
`;
  // Our vcl_recv comes before the reference one: VCL runs same-named subroutines in the order written.
  return vcl.replace(block, `${backends}\n${director}\n`);
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const say = opts.say ?? (() => {});
  const startTimeout = opts.startTimeoutMs ?? 180_000;
  const postgresUrl = opts.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = opts.database ?? 'depeche_cluster';
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`database name ${JSON.stringify(database)}: expected lower-case letters, digits and _`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-cluster-'));
  // varnishd reads its VCL and works in its folder as its own unprivileged users.
  await fs.chmod(dir, 0o755);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };

  try {
    // PostgreSQL: a database of the cluster's own.
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.query(`create database ${database}`);
    } finally {
      await admin.end();
    }
    const dbUrl = new URL(postgresUrl);
    dbUrl.pathname = `/${database}`;
    const databaseUrl = dbUrl.toString();
    if (opts.dropDatabaseOnStop) {
      stops.push(async () => {
        const c = new pg.Client({ connectionString: postgresUrl });
        await c.connect();
        await c.query(`drop database if exists ${database} with (force)`).finally(() => c.end());
      });
    }
    say(`PostgreSQL: ${databaseUrl}`);

    // Redis of its own.
    const redisPort = await freePort();
    let redisProcess: ReturnType<typeof launch> | undefined;
    const redis = {
      async start() {
        const r = launch('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], process.env, path.join(dir, 'redis.log'));
        redisProcess = r;
        await until('redis-server', 30_000, () => pingRedis(redisPort), r.exitReason);
      },
      async stop() {
        await redisProcess?.stop();
      },
    };
    stops.push(() => redis.stop());
    await redis.start();
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    say(`Redis: ${redisUrl}`);

    // S3-compatible storage, in this process.
    const bucket = 'depeche-media';
    const s3Port = await freePort();
    const s3 = new S3rver({ address: '127.0.0.1', port: s3Port, directory: path.join(dir, 's3'), silent: true, configureBuckets: [{ name: bucket }] });
    await s3.run();
    stops.push(() => s3.close());
    const s3Endpoint = `http://127.0.0.1:${s3Port}`;
    const mediaPublicUrl = `${s3Endpoint}/${bucket}`;
    say(`S3: ${s3Endpoint}, bucket ${bucket}`);

    const varnishPort = await freePort();
    const varnishUrl = `http://127.0.0.1:${varnishPort}`;
    const webPorts = [await freePort(), await freePort()];
    const env: Record<string, string> = {
      HOST: '127.0.0.1',
      PUBLIC_URL: varnishUrl,
      DEMO_CONTENT: 'false',
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      MEDIA_STORAGE: 's3',
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: s3Endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      MEDIA_PUBLIC_URL: mediaPublicUrl,
      CDN_PURGE: 'varnish',
      CDN_PURGE_URLS: varnishUrl,
      TRUST_PROXY: 'loopback',
      ...opts.env,
    };

    const node = async (name: string, args: string[], extra: Record<string, string>, port?: number): Promise<ClusterNode> => {
      const dataDir = path.join(dir, name);
      await fs.mkdir(dataDir, { recursive: true });
      const logFile = path.join(dir, `${name}.log`);
      const nodeEnv = { ...process.env, ...env, DATA_DIR: dataDir, ...extra, ...(port ? { PORT: String(port) } : {}) };
      let current: ReturnType<typeof launch> | undefined;
      const url = port ? `http://127.0.0.1:${port}` : undefined;
      const n: ClusterNode = {
        name,
        pid: 0,
        url,
        port,
        dataDir,
        logFile,
        async start() {
          current = launch(process.execPath, [BIN, ...args], nodeEnv, logFile);
          n.pid = current.child.pid ?? 0;
          const c = current;
          if (url) await until(`${name} (${url})`, startTimeout, () => answers(`${url}/healthz`), c.exitReason);
          else await until(name, 3000, async () => false, c.exitReason).catch((e: Error) => {
            // A worker has no address: it is up once it has run a few seconds without exiting.
            if (!/not ready/.test(e.message)) throw e;
          });
        },
        async stop() {
          await current?.stop();
        },
      };
      stops.push(() => n.stop());
      await n.start();
      say(`${name}: ${url ?? `pid ${n.pid}`} (log ${logFile})`);
      return n;
    };

    // The first node loads the demo content into the empty store (and its pictures into S3); then the others start.
    const web0 = await node('web-1', ['serve'], { ROLES: 'web', DEMO_CONTENT: String(opts.demo ?? true) }, webPorts[0]);
    const web1 = await node('web-2', ['serve'], { ROLES: 'web' }, webPorts[1]);
    // A worker answers only /healthz, on a port of its own (never the default 3000 another site may hold).
    const startWorker = async (name: string) => node(name, opts.workerArgs ?? ['worker'], { ROLES: 'worker' }, await freePort());
    const worker = await startWorker('worker');

    // Varnish in front of both.
    const vclFile = path.join(dir, 'cluster.vcl');
    await fs.writeFile(vclFile, clusterVcl(await fs.readFile(VCL, 'utf8'), webPorts));
    const varnish = launch('/usr/sbin/varnishd', ['-F', '-n', path.join(dir, 'varnish'), '-a', `127.0.0.1:${varnishPort}`, '-f', vclFile, '-s', 'malloc,64m', '-T', 'none'], process.env, path.join(dir, 'varnish.log'));
    stops.push(varnish.stop);
    await until('varnishd', 30_000, () => answers(`${varnishUrl}/healthz`), varnish.exitReason);
    say(`Varnish: ${varnishUrl}`);

    return {
      url: varnishUrl,
      varnishPort,
      web: [web0, web1],
      worker,
      redisUrl,
      redisPort,
      redis,
      addWorker: startWorker,
      databaseUrl,
      s3: { endpoint: s3Endpoint, bucket, publicUrl: mediaPublicUrl },
      env,
      dir,
      async stop() {
        await stopAll();
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopAll();
    await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
    throw e;
  }
}

/** PING over a bare socket: no Redis client needed to know it is up. */
function pingRedis(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.on('error', () => resolve(false));
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
  });
}
