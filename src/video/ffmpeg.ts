import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';

export interface FfmpegOptions {
  /** The program, by name on PATH (config.video.ffmpeg). */
  bin: string;
  /** 0–19: the child is reniced at once, so a transcode yields the processors to web pages. */
  niceness: number;
  /** The length of what is being made, to turn ffmpeg's position into a fraction. */
  durationMs: number;
  /** Told the fraction done (0–1) as ffmpeg reports it (about twice a second). */
  onProgress?: (fraction: number) => void;
  /** Aborting kills ffmpeg at once. */
  signal?: AbortSignal;
}

export interface FfmpegResult {
  /** Wall time, ms. */
  ms: number;
  /** The child's peak resident memory as Linux last reported it (VmHWM, KiB); 0 where /proc is missing. */
  peakRssKb: number;
  /** Processor time it used (user + system, all threads, s) as last sampled: its cost whatever else shares the machine. */
  cpuSeconds: number;
}

/** ffmpeg stopped with an error; `message` is its last words, for the video's failure reason. */
export class FfmpegFailed extends Error {}

/**
 * Runs ffmpeg with an argument array (never a shell) on files we named. Its
 * progress comes from `-progress pipe:1` (key=value lines on standard
 * output); its standard error is kept only for the last lines, the reason a
 * failure gives.
 */
export function runFfmpeg(args: string[], opts: FfmpegOptions): Promise<FfmpegResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(opts.signal.reason ?? new Error('aborted'));
    const child = spawn(opts.bin, ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-progress', 'pipe:1', '-y', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) {
      try {
        os.setPriority(child.pid, opts.niceness);
      } catch {
        // Already gone (it failed at once): its exit says why.
      }
    }
    let peakRssKb = 0;
    let cpuSeconds = 0;
    // VmHWM is the peak so far, and utime + stime the time used so far; read now and then, since they go with the process.
    const sample = async () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        const m = /VmHWM:\s+(\d+)/.exec(await readFile(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakRssKb = Math.max(peakRssKb, Number(m[1]));
        const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuSeconds = Math.max(cpuSeconds, (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        // Exited between the check and the read.
      }
    };
    const sampler = setInterval(() => void sample(), 200);
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      rest += text;
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        // out_time_us is in microseconds (so is out_time_ms, despite its name).
        const m = /^out_time_us=(\d+)/.exec(line);
        if (m && opts.durationMs > 0) opts.onProgress?.(Math.min(1, Number(m[1]) / 1000 / opts.durationMs));
      }
      void sample();
    });
    let errTail = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      errTail = (errTail + text).slice(-2000);
    });
    const onAbort = () => child.kill('SIGKILL');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      clearInterval(sampler);
      opts.signal?.removeEventListener('abort', onAbort);
      reject(new FfmpegFailed(`could not start ${opts.bin}: ${err.message}`));
    });
    child.on('close', (code, sig) => {
      clearInterval(sampler);
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.signal?.aborted) return reject(opts.signal.reason ?? new Error('aborted'));
      if (code === 0) return resolve({ ms: Date.now() - started, peakRssKb, cpuSeconds });
      const last = errTail.trim().split('\n').filter(Boolean).slice(-2).join(' / ');
      reject(new FfmpegFailed(`ffmpeg stopped (${sig ?? `exit ${code}`})${last ? `: ${last.slice(0, 400)}` : ''}`));
    });
  });
}
