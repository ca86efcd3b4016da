/**
 * The video benchmark: `npm run bench:video` (bench/video.ts).
 *
 * 1. Generates a 1080p source with ffmpeg (testsrc2 and a tone, BENCH_VIDEO_SECONDS long).
 * 2. Starts a web node and a worker node (bench/video-node.ts) on one SQLite store and
 *    media folder, uploads the source through the Admin API (multipart), and lets the
 *    worker transcode it: each step's speed as a ratio to real time, ffmpeg's peak
 *    memory per step, and the worker process's own peak.
 * 3. Measures the web node's throughput on an uncached article page (PAGE_CACHE=false:
 *    every request queries and renders) with `wrk`, in alternating rounds: quiet, then
 *    while the worker transcodes the same source again at low priority. wrk's own CPU
 *    is sampled, so a generator at its limit is seen.
 *
 * Writes the "Video" section of docs/benchmarks.md and prints it.
 *
 *   BENCH_VIDEO_SECONDS  source length (default 20)
 *   BENCH_SECONDS        each wrk run (default 5)
 *   BENCH_ROUNDS         quiet/transcoding pairs (default 5)
 *   BENCH_CONNECTIONS    wrk connections (default 20)
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { problems, wrk, wrkAvailable, type WrkResult } from './wrk.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = path.join(ROOT, 'docs', 'benchmarks.md');
const run = promisify(execFile);

const num = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number from 1`);
  return n;
};
const SOURCE_SECONDS = num('BENCH_VIDEO_SECONDS', 20);
const SECONDS = num('BENCH_SECONDS', 5);
const ROUNDS = num('BENCH_ROUNDS', 5);
const CONNECTIONS = num('BENCH_CONNECTIONS', 20);
const PAGE = '/fr/sport/athletisme-marathon-des-calanques-record';
const TARGET_SHARE = 0.8;

interface Node {
  child: ChildProcess;
  port: number;
  next(type: string, timeoutMs?: number): Promise<any>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function start(mode: 'web' | 'worker', dataDir: string): Promise<Node> {
  const child = fork(path.join(ROOT, 'bench', 'video-node.ts'), [mode, dataDir], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, NODE_ENV: 'production' } });
  children.add(child);
  const queue: any[] = [];
  const waiting: Array<{ type: string; resolve: (m: any) => void; reject: (e: Error) => void }> = [];
  child.on('message', (m: any) => {
    if (m.type === 'failed') {
      for (const w of waiting.splice(0)) w.reject(new Error(`${mode}: ${m.message}`));
      return;
    }
    const i = waiting.findIndex((w) => w.type === m.type);
    if (i >= 0) waiting.splice(i, 1)[0].resolve(m);
    else queue.push(m);
  });
  const next = (type: string, timeoutMs = 30 * 60_000) =>
    new Promise<any>((resolve, reject) => {
      const i = queue.findIndex((m) => m.type === type);
      if (i >= 0) return resolve(queue.splice(i, 1)[0]);
      const timer = setTimeout(() => reject(new Error(`${mode}: no ${type} after ${timeoutMs / 1000} s`)), timeoutMs);
      waiting.push({ type, resolve: (m) => (clearTimeout(timer), resolve(m)), reject: (e) => (clearTimeout(timer), reject(e)) });
    });
  return next('ready', 300_000).then((m) => ({ child, port: m.port, next }));
}

/** Busy and total jiffies of the whole machine (/proc/stat), to tell how much of it other work took. */
async function machineTicks(): Promise<{ busy: number; total: number }> {
  const line = (await fs.readFile('/proc/stat', 'utf8')).split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** A wrk run, with the machine's busy cores over it (all processes: ours and anything else). */
async function measured(opts: Parameters<typeof wrk>[0]): Promise<WrkResult & { machineCores: number }> {
  const a = await machineTicks();
  const r = await wrk(opts);
  const b = await machineTicks();
  return { ...r, machineCores: ((b.busy - a.busy) / (b.total - a.total)) * os.cpus().length };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

async function main(): Promise<void> {
  if (!wrkAvailable()) throw new Error('wrk is needed (apt-get install wrk)');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-bench-video-'));
  const started = new Date();
  const load0 = os.loadavg();
  try {
    const source = path.join(dir, 'source.mp4');
    console.log(`generating a ${SOURCE_SECONDS} s 1080p source…`);
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', String(SOURCE_SECONDS), '-c:v', 'libx264', '-preset', 'fast', '-b:v', '8M', '-pix_fmt', 'yuv420p', '-c:a', 'aac', source], { timeout: 600_000 });
    const dataDir = path.join(dir, 'data');
    console.log('starting the web node (demo content) and the worker node…');
    const web = await start('web', dataDir);
    const worker = await start('worker', dataDir);
    const base = `http://127.0.0.1:${web.port}`;

    // An admin, then the upload as the newsroom sends it.
    const setup = await fetch(`${base}/api/admin/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.org', name: 'Bench', password: 'correct horse battery' }) });
    if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
    const login = await fetch(`${base}/api/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.org', password: 'correct horse battery' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const { csrf } = (await login.json()) as { csrf: string };
    const form = new FormData();
    form.append('title', 'Mire 1080p');
    form.append('file', new Blob([new Uint8Array(await fs.readFile(source))], { type: 'video/mp4' }), 'mire.mp4');
    const up = await fetch(`${base}/api/admin/videos`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
    if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
    const { video } = (await up.json()) as { video: { id: number; durationMs: number } };

    console.log('transcoding…');
    const steps: Array<{ step: string; ms: number; peakRssKb: number; cpuSeconds: number }> = [];
    const collect = (async () => {
      for (;;) {
        const m = await worker.next('step');
        if (m.ms !== undefined) steps.push({ step: m.step, ms: m.ms, peakRssKb: m.peakRssKb, cpuSeconds: m.cpuSeconds });
        console.log(`  ${m.step}${m.ms !== undefined ? `: ${(m.ms / 1000).toFixed(1)} s` : ''}`);
        if (m.step === 'master') return;
      }
    })();
    const t0 = Date.now();
    worker.child.send({ type: 'drain' });
    const drained = await worker.next('drained');
    await collect;
    const totalMs = Date.now() - t0;
    const check = (await (await fetch(`${base}/api/admin/videos/${video.id}`, { headers: { cookie } })).json()) as { video: { status: string } };
    if (check.video.status !== 'ready') throw new Error(`the video is ${check.video.status}`);

    const page = await fetch(base + PAGE);
    if (page.status !== 200) throw new Error(`${PAGE}: ${page.status}`);
    console.log('web throughput, alternating quiet and transcoding rounds…');
    await wrk({ url: base + PAGE, seconds: 2, connections: CONNECTIONS, watch: [web.child.pid!] });
    const rounds: Array<{ quiet: WrkResult & { machineCores: number }; busy: WrkResult & { machineCores: number } }> = [];
    for (let i = 0; i < ROUNDS; i++) {
      const quiet = await measured({ url: base + PAGE, seconds: SECONDS, connections: CONNECTIONS, watch: [web.child.pid!] });
      worker.child.send({ type: 'start', videoId: video.id });
      await worker.next('started', 120_000);
      const busy = await measured({ url: base + PAGE, seconds: SECONDS, connections: CONNECTIONS, watch: [web.child.pid!, worker.child.pid!] });
      worker.child.send({ type: 'abort' });
      await worker.next('aborted', 120_000);
      for (const r of [quiet, busy]) {
        const p = problems(r);
        if (p.length) throw new Error(`wrk: ${p.join('; ')}`);
      }
      rounds.push({ quiet, busy });
      console.log(`  round ${i + 1}: quiet ${quiet.rps.toFixed(0)}/s, transcoding ${busy.rps.toFixed(0)}/s (${((100 * busy.rps) / quiet.rps).toFixed(0)} %)`);
    }
    const share = median(rounds.map((r) => r.busy.rps / r.quiet.rps));
    const gen = Math.max(...rounds.flatMap((r) => [r.quiet.generator.cores, r.busy.generator.cores]));

    const cpu = os.cpus();
    const durationS = video.durationMs / 1000;
    const lines = [
      '## Video',
      '',
      `Measured by \`npm run bench:video\` (bench/video.ts) on ${started.toISOString()}: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores (\`nproc\`), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${(await run('ffmpeg', ['-version'])).stdout.split('\n')[0].split(' Copyright')[0]} (Debian), SQLite. Load average at the start ${load0.map((x) => x.toFixed(1)).join(', ')} (1, 5, 15 min; other work shared the machine).`,
      '',
      `Source: ${durationS.toFixed(0)} s of \`testsrc2\` at 1920×1080, 25 fps, with a 440 Hz tone (H.264 8 Mbit/s + AAC), uploaded by multipart to a web node; a worker node (another process on the same store and media folder) transcodes it with x264 \`veryfast\` at niceness 19, one ffmpeg at a time, step by step as in production. Speed is the source's duration divided by the step's wall time (1.0× = real time); wall times stretch when other work shares the machine, the CPU time (user + system of the ffmpeg process, all threads, from /proc) much less so.`,
      '',
      '| Step | Output | Wall time | Speed (× real time) | ffmpeg CPU time | ffmpeg peak RSS |',
      '|---|---|---|---|---|---|',
      ...steps.map((s) => {
        const what: Record<string, string> = { v1080: 'HLS 1920×1080, 5 Mbit/s', v720: 'HLS 1280×720, 2.8 Mbit/s', v480: 'HLS 854×480, 1.4 Mbit/s', v360: 'HLS 640×360, 0.8 Mbit/s', audio: 'HLS AAC 96 kbit/s', mp4: 'MP4 1280×720 (CRF 23, faststart)', poster: 'one JPEG frame', sprite: `thumbnail sprite (${Math.ceil(durationS)} × 160 px) + WebVTT` };
        return `| ${s.step} | ${what[s.step] ?? ''} | ${(s.ms / 1000).toFixed(1)} s | ${(durationS / (s.ms / 1000)).toFixed(2)}× | ${s.cpuSeconds.toFixed(1)} s | ${mb(s.peakRssKb)} |`;
      }),
      `| **all** | upload to ready, uploads to the media folder included | ${(totalMs / 1000).toFixed(1)} s | **${(durationS / (totalMs / 1000)).toFixed(2)}×** | ${steps.reduce((a, x) => a + x.cpuSeconds, 0).toFixed(1)} s | |`,
      '',
      `At the CPU time measured the ladder costs ${(steps.reduce((a, x) => a + x.cpuSeconds, 0) / durationS).toFixed(2)} CPU-seconds per second of 1080p source: on this machine's ${cpu.length} cores free of other work, about ${(durationS / (steps.reduce((a, x) => a + x.cpuSeconds, 0) / cpu.length)).toFixed(2)}× real time.`,
      '',
      `Worker node's peak RSS (the Node process, \`process.resourceUsage().maxRSS\`, its ffmpeg children apart): **${mb(drained.maxRssKb)}**. Largest ffmpeg child: **${mb(Math.max(...steps.map((s) => s.peakRssKb)))}** (VmHWM sampled from /proc every 200 ms). The worker streams files and never holds a video in memory, so its peak does not grow with the source's size.`,
      '',
      `Web node under load: \`wrk -t1 -c${CONNECTIONS} -d${SECONDS}s\` on an uncached article page (\`${PAGE}\`, PAGE_CACHE=false: every request queries SQLite and renders), ${ROUNDS} rounds, each a quiet run then a run while the worker transcodes the source again (a new job, aborted after the run).`,
      '',
      '| Round | Quiet (req/s) | While transcoding (req/s) | Share | p99 quiet / transcoding (ms) | Web node cores quiet / transcoding | wrk cores | Machine busy cores quiet / transcoding |',
      '|---|---|---|---|---|---|---|---|',
      ...rounds.map(
        (r, i) =>
          `| ${i + 1} | ${r.quiet.rps.toFixed(0)} | ${r.busy.rps.toFixed(0)} | ${((100 * r.busy.rps) / r.quiet.rps).toFixed(0)} % | ${r.quiet.p99.toFixed(1)} / ${r.busy.p99.toFixed(1)} | ${r.quiet.servers[0].cores.toFixed(2)} / ${r.busy.servers[0].cores.toFixed(2)} | ${r.quiet.generator.cores.toFixed(2)} / ${r.busy.generator.cores.toFixed(2)} | ${r.quiet.machineCores.toFixed(2)} / ${r.busy.machineCores.toFixed(2)} |`,
      ),
      '',
      `Median share while transcoding: **${(100 * share).toFixed(0)} %** of the quiet throughput; target within 20 % (≥ ${TARGET_SHARE * 100} %): **${share >= TARGET_SHARE ? 'PASS' : 'FAIL'}**. wrk used at most ${gen.toFixed(2)} of a core${gen >= 0.9 ? ' — it may have been the limit' : ', so it was not the limit'}; the web node is one Node process (one core at most for rendering), and ffmpeg at niceness 19 takes the processor time the web node and wrk leave (a node running several web processes on this machine would leave ffmpeg less, and the transcode would slow down rather than the pages). "Machine busy cores" is all of the machine's processor time over the run (/proc/stat, of ${os.cpus().length}): what it shows above the web node, wrk and ffmpeg is other work on the machine, which moves quiet and transcoding runs alike and is why the rounds alternate.`,
      '',
    ];
    const section = lines.join('\n');
    let doc = await fs.readFile(REPORT, 'utf8');
    const at = doc.indexOf('\n## Video\n');
    if (at >= 0) {
      const end = doc.indexOf('\n## ', at + 1);
      doc = doc.slice(0, at + 1) + section + (end >= 0 ? doc.slice(end) : '');
    } else doc = `${doc.trimEnd()}\n\n${section}`;
    await fs.writeFile(REPORT, doc);
    console.log(`\n${section}`);
    web.child.disconnect();
    worker.child.disconnect();
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
