import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';

export interface TestVarnish {
  url: string;
  port: number;
  /** What varnishd printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

const VCL = new URL('../../deploy/varnish/default.vcl', import.meta.url);

/**
 * Starts Varnish with the reference VCL (deploy/varnish/default.vcl) in front of
 * an app on `backendPort`, in its own work folder and on `listenPort` (or a free one), as a
 * foreground child process. Answers once it takes requests.
 */
export async function startVarnish(backendPort: number, listenPort?: number): Promise<TestVarnish> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-varnish-'));
  // varnishd reads the VCL and works in the folder as its own unprivileged users.
  await fs.chmod(dir, 0o755);
  const vcl = (await fs.readFile(VCL, 'utf8')).replace('.port = "3000";', `.port = "${backendPort}";`);
  if (!vcl.includes(`"${backendPort}"`)) throw new Error('the reference VCL no longer has .port = "3000" to replace');
  const file = path.join(dir, 'test.vcl');
  await fs.writeFile(file, vcl);
  const port = listenPort ?? (await freePort());
  let out = '';
  const child: ChildProcess = spawn('/usr/sbin/varnishd', ['-F', '-n', path.join(dir, 'work'), '-a', `127.0.0.1:${port}`, '-f', file, '-s', 'malloc,32m', '-T', 'none'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
  };
  // Ready once it answers a purge of nothing (allowed from loopback).
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`varnishd exited: ${out}`);
    }
    try {
      const r = await fetch(url, { method: 'PURGE', headers: { 'xkey-purge': 'nothing' } });
      await r.text();
      if (r.status === 200) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`varnishd did not start within 30 s: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, output: () => out, stop };
}
