import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve('bin/depeche.js');

export interface WorkerProcess {
  child: ChildProcess;
  /** Every JSON log line so far. */
  lines: Array<Record<string, any>>;
  /** The port its /healthz listens on. */
  port(): number | undefined;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: nothing is cleaned up. */
  kill(): Promise<void>;
}

/** Starts `depeche worker` in a child process and waits until it listens. */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, 'worker'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DEMO_CONTENT: 'false', LOG_LEVEL: 'info', INGEST_POLL_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, any>> = [];
  let stderr = '';
  let buffered = '';
  child.stdout!.on('data', (d) => {
    buffered += d;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const p of parts) {
      try {
        lines.push(JSON.parse(p));
      } catch {
        lines.push({ msg: p });
      }
    }
  });
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = () => {
    for (const l of lines) {
      const m = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(String(l.msg ?? ''));
      if (m) return Number(m[1]);
    }
    return undefined;
  };
  const deadline = Date.now() + 60_000;
  while (port() === undefined) {
    if (child.exitCode !== null) throw new Error(`depeche worker exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`depeche worker did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    lines,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
