/**
 * The load generator of the benchmarks: Debian's `wrk` (a C program, one
 * event loop per thread), which outruns both a bare node:http server and the
 * app on this machine, where a generator written in Node did not. Each run
 * also samples the CPU time of wrk itself and of the servers named, from
 * /proc/<pid>/stat, so the report can show which side was the limit.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WRK = process.env.WRK_BIN ?? '/usr/bin/wrk';
const REPORT_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wrk-report.lua');
const MARK = 'WRK_JSON ';

export interface WrkOptions {
  url: string;
  seconds: number;
  connections: number;
  threads?: number;
  /** Processes whose CPU use is sampled during the run (the server under load). */
  watch?: number[];
}

export interface CpuUse {
  pid: number;
  /** CPU seconds per wall-clock second over the sampled window (1.0 = one core busy). */
  cores: number;
}

export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  bytes: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  /** wrk's own CPU use, then each watched process's, over the middle of the run. */
  generator: CpuUse;
  servers: CpuUse[];
}

const TICKS = 100; // USER_HZ: what /proc/<pid>/stat counts in, 100 on Linux (getconf CLK_TCK)

/** CPU seconds (user + system, every thread) a live process has used; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS; // utime and stime, fields 14 and 15
}

/** Whether wrk is installed, for a message better than ENOENT. */
export function wrkAvailable(): boolean {
  try {
    fs.accessSync(WRK, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs wrk once and parses the summary its report script prints. CPU is
 * sampled from 20% to 90% of the run, when connections are open and the
 * load is steady.
 */
export function wrk(opts: WrkOptions): Promise<WrkResult> {
  const args = ['-t', String(opts.threads ?? 1), '-c', String(opts.connections), '-d', `${opts.seconds}s`, '--timeout', '10s', '-s', REPORT_SCRIPT, opts.url];
  const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const watched = [child.pid!, ...(opts.watch ?? [])];
  const samples: { t: number; cpu: (number | undefined)[] }[] = [];
  const sample = () => samples.push({ t: performance.now(), cpu: watched.map(cpuSeconds) });
  const first = setTimeout(sample, opts.seconds * 200);
  const last = setTimeout(sample, opts.seconds * 900);
  const guard = setTimeout(() => child.kill('SIGKILL'), (opts.seconds + 30) * 1000);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new Error(`${WRK}: ${e.message}`)));
    child.once('close', (code, signal) => {
      for (const t of [first, last, guard]) clearTimeout(t);
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (code !== 0 || !line) return reject(new Error(`wrk on ${opts.url} failed (code ${code}, signal ${signal}): ${err.trim() || out.trim()}`));
      const s = JSON.parse(line.slice(MARK.length)) as {
        requests: number;
        duration_us: number;
        bytes: number;
        errors: WrkResult['errors'];
        latency_us: { p50: number; p95: number; p99: number; max: number };
      };
      const use = (i: number): CpuUse => {
        const [a, b] = [samples[0], samples[1]];
        const pid = watched[i]!;
        const before = a?.cpu[i];
        const after = b?.cpu[i];
        if (!a || !b || before === undefined || after === undefined) return { pid, cores: Number.NaN };
        return { pid, cores: (after - before) / ((b.t - a.t) / 1000) };
      };
      const seconds = s.duration_us / 1e6;
      resolve({
        requests: s.requests,
        seconds,
        rps: s.requests / seconds,
        bytes: s.bytes,
        p50: s.latency_us.p50 / 1000,
        p95: s.latency_us.p95 / 1000,
        p99: s.latency_us.p99 / 1000,
        max: s.latency_us.max / 1000,
        errors: s.errors,
        generator: use(0),
        servers: watched.slice(1).map((_, i) => use(i + 1)),
      });
    });
  });
}

/** What went wrong in a run, if anything: errors, timeouts, answers other than 2xx or 3xx, nothing answered. */
export function problems(r: WrkResult): string[] {
  const p: string[] = [];
  const e = r.errors;
  if (e.connect || e.read || e.write) p.push(`socket errors (connect ${e.connect}, read ${e.read}, write ${e.write})`);
  if (e.timeout) p.push(`${e.timeout} timeouts`);
  if (e.status) p.push(`${e.status} answers not 2xx or 3xx`);
  if (!r.requests) p.push('no answer at all');
  return p;
}
