/**
 * The memory benchmark: `npm run bench:memory` (or `npx tsx bench/memory.ts`).
 *
 * Starts the server (`depeche serve`, SQLite, no demo content) as a child
 * process, signs in, and sends five uploads at once, twice: five copies of the
 * hostile picture of issue 8 (a 100000 × 1000 PNG of a few hundred KB, which
 * the header check refuses) and five different pictures at the limits
 * (8000 × 5000, 40 megapixels), which are decoded, IMAGE_DECODES at a time.
 * The server's peak resident memory is read from the kernel (VmHWM in
 * /proc/PID/status), so no sample is missed. It replaces the section
 * "Memory under picture uploads" of docs/benchmarks.md and prints it.
 *
 * It is a measurement, not a test: exit 1 only when the server fails or an
 * answer is not the expected one; the 1 GB target is reported, not enforced.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = path.join(ROOT, 'docs', 'benchmarks.md');
const HEADING = '## Memory under picture uploads';
const UPLOADS = 5;
const TARGET_MB = 1024;
const START_TIMEOUT_MS = 120_000;
const PASSWORD = 'correct horse battery';

const mb = (kb: number) => Math.round(kb / 1024);

async function status(pid: number): Promise<{ rssKb: number; hwmKb: number }> {
  const text = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** Resets the kernel's high-water mark, so each phase reports its own peak (Linux: write 5 to clear_refs). */
async function resetPeak(pid: number): Promise<void> {
  await fs.writeFile(`/proc/${pid}/clear_refs`, '5');
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'depeche.js'), 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_CONTENT: 'false', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start')), START_TIMEOUT_MS);
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const m = /"(?:msg|message)":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(buf) ?? /listening at (http:\/\/127\.0\.0\.1:\d+)/i.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, url };
}

async function signIn(url: string): Promise<Record<string, string>> {
  const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const setup = await post('/api/admin/setup', { email: 'bench@example.org', name: 'Bench', password: PASSWORD });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}`);
  const r = await post('/api/admin/session', { email: 'bench@example.org', password: PASSWORD });
  if (r.status !== 201) throw new Error(`sign-in answered ${r.status}`);
  return { cookie: r.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': (await r.json()).csrf };
}

async function phase(pid: number, url: string, auth: Record<string, string>, files: Array<{ name: string; data: Buffer; type: string }>, expected: number) {
  await resetPeak(pid);
  const before = await status(pid);
  const statuses = await Promise.all(
    files.map(async (f) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
      const r = await fetch(`${url}/api/admin/media`, { method: 'POST', headers: auth, body: form });
      await r.arrayBuffer();
      return r.status;
    }),
  );
  const after = await status(pid);
  if (statuses.some((s) => s !== expected)) throw new Error(`expected ${expected} for every upload, got ${statuses.join(', ')}`);
  return { beforeMb: mb(before.rssKb), peakMb: mb(after.hwmKb), statuses };
}

async function main() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-bench-memory-'));
  const { child, url } = await startServer(dataDir);
  try {
    const auth = await signIn(url);
    const strip = await sharp({ create: { width: 100_000, height: 1000, channels: 3, background: '#808080' } }).png({ compressionLevel: 9 }).toBuffer();
    const large = await Promise.all(
      Array.from({ length: UPLOADS }, (_, i) =>
        sharp({ create: { width: 8000, height: 5000, channels: 3, background: { r: 40 + i * 30, g: 90, b: 140 } } }).png().toBuffer(),
      ),
    );
    const hostile = await phase(child.pid!, url, auth, Array.from({ length: UPLOADS }, (_, i) => ({ name: `bandeau-${i}.png`, data: strip, type: 'image/png' })), 422);
    const atLimit = await phase(child.pid!, url, auth, large.map((data, i) => ({ name: `grande-${i}.png`, data, type: 'image/png' })), 201);

    const cpus = os.cpus();
    const rows = [
      [`${UPLOADS} × 100000 × 1000 PNG (${Math.round(strip.length / 1024)} KB each), refused from the header`, hostile],
      [`${UPLOADS} × 8000 × 5000 PNG (40 megapixels, ${Math.round(large[0].length / 1024)} KB each), accepted and encoded`, atLimit],
    ] as const;
    const worst = Math.max(hostile.peakMb, atLimit.peakMb);
    const section = [
      HEADING,
      '',
      `Measured by \`npm run bench:memory\` on ${new Date().toISOString().slice(0, 10)}: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${mb(os.totalmem() / 1024)} MB of memory, Node ${process.version}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}). One server process (\`depeche serve\`, SQLite, default limits: MAX_IMAGE_PIXELS 40000000, MAX_IMAGE_SIDE 12000, IMAGE_DECODES 2); ${UPLOADS} uploads sent at once for each row. Peak is the kernel's high-water mark of the server's resident memory (VmHWM) during the row, reset before it.`,
      '',
      '| Uploads at once | RSS before (MB) | Peak RSS (MB) | Answers |',
      '| --- | ---: | ---: | --- |',
      ...rows.map(([what, r]) => `| ${what} | ${r.beforeMb} | ${r.peakMb} | ${[...new Set(r.statuses)].join(', ')} |`),
      '',
      `Target: peak under ${TARGET_MB} MB: **${worst < TARGET_MB ? 'PASS' : 'MISS'}** (${worst} MB). Before the limits, one 100000 × 1000 PNG took the server from 603 MB to 1,435 MB and three at once reached 2.58 GB (issue 8).`,
      '',
    ].join('\n');

    let doc = await fs.readFile(REPORT, 'utf8').catch(() => '# Benchmarks\n');
    const at = doc.indexOf(HEADING);
    if (at >= 0) {
      const next = doc.indexOf('\n## ', at + HEADING.length);
      doc = doc.slice(0, at) + section + (next >= 0 ? doc.slice(next + 1) : '');
    } else doc = doc.replace(/\n*$/, '\n\n') + section;
    await fs.writeFile(REPORT, doc);
    console.log(section);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
