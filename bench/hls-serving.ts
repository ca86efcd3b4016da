/**
 * `npm run bench:hls`: serving a video's HLS segments and playlists, as the
 * video library stores them in the media storage (docs/video.md), three ways:
 *
 * 1. from a web node's local media folder (`/media/…`, @fastify/static);
 * 2. through Varnish with the reference VCL (deploy/varnish/default.vcl) in
 *    front of that node: segments are immutable and kept for a year, so after
 *    the first request every one is a cache hit;
 * 3. the ceiling: a bare node:http server sending the same bytes from memory
 *    (bench/server.ts `ceiling`), measured by the same load generator in the
 *    same run, so the report shows what this machine and wrk can do at best.
 *
 * The rounds alternate the rows (the machine's speed drifts); medians are
 * shown, with wrk's own CPU use beside the node's, to show which side was the
 * limit. The answers' headers (Cache-Control, Content-Type, X-Cache) are
 * checked and printed too. Writes the "Serving HLS" table of docs/benchmarks.md.
 *
 *   BENCH_SECONDS   length of each wrk run (default 8)
 *   BENCH_ROUNDS    rounds (default 3)
 */
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../test/support/free-port.ts';
import { startVarnish } from '../test/support/varnish.ts';
import { machine, ROOT, startCeiling } from './archive-server.ts';
import { problems, wrk, wrkAvailable, WRK, type WrkResult } from './wrk.ts';

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONNECTIONS = 50;
const REPORT = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- hls-serving:start -->';
const END = '<!-- hls-serving:end -->';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms: number) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));

if (!wrkAvailable()) throw new Error(`${WRK} is missing: apt-get install wrk`);

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-bench-hls-'));
const folder = 'videos/1/bench';
const out = path.join(dataDir, 'media', folder);
await fs.mkdir(path.join(out, '720p'), { recursive: true });
console.log('making 12 s of 720p HLS with ffmpeg…');
// A generated picture and tone (original content), 6-second segments as the video worker makes them.
await run('ffmpeg', [
  ...['-hide_banner', '-loglevel', 'error', '-y'],
  ...['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '12'],
  ...['-c:v', 'libx264', '-preset', 'veryfast', '-b:v', '2800k', '-maxrate', '3000k', '-bufsize', '6000k', '-g', '50', '-keyint_min', '50', '-sc_threshold', '0'],
  ...['-c:a', 'aac', '-b:a', '128k'],
  ...['-f', 'hls', '-hls_time', '6', '-hls_playlist_type', 'vod', '-hls_segment_filename', path.join(out, '720p', 'seg_%03d.ts'), path.join(out, '720p', 'index.m3u8')],
], { timeout: 120_000 });
const segment = `${folder}/720p/seg_000.ts`;
const playlist = `${folder}/720p/index.m3u8`;
const segmentBytes = (await fs.stat(path.join(dataDir, 'media', segment))).size;
const playlistBytes = (await fs.stat(path.join(dataDir, 'media', playlist))).size;

const port = await freePort();
const node = spawn(process.execPath, [path.join(ROOT, 'bin/depeche.js'), 'serve'], {
  env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, DEMO_CONTENT: 'false', LOG_LEVEL: 'warn', INGEST_POLL_SECONDS: '0', CONTENT_API_RATE_LIMIT: '0' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const direct = `http://127.0.0.1:${port}`;
for (;;) {
  if (node.exitCode !== null) throw new Error(`the web node exited (${node.exitCode})`);
  if (await fetch(`${direct}/healthz`).then((r) => r.ok, () => false)) break;
  await new Promise((r) => setTimeout(r, 50));
}
const varnish = await startVarnish(port);
const pagesFile = path.join(dataDir, 'ceiling.json');
await fs.writeFile(pagesFile, JSON.stringify([
  { path: `/media/${segment}`, file: path.join(dataDir, 'media', segment), type: 'video/mp2t' },
  { path: `/media/${playlist}`, file: path.join(dataDir, 'media', playlist), type: 'application/vnd.apple.mpegurl' },
]));
const ceiling = await startCeiling(pagesFile);

try {
  // What readers' players and the CDN are told.
  const headers: string[] = [];
  for (const [label, url] of [
    ['segment, web node', `${direct}/media/${segment}`],
    ['playlist, web node', `${direct}/media/${playlist}`],
    ['segment, Varnish (second request)', `${varnish.url}/media/${segment}`],
  ] as const) {
    if (label.includes('second')) await fetch(url).then((r) => r.arrayBuffer());
    const r = await fetch(url);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${label}: ${r.status}`);
    headers.push(`| ${label} | ${r.headers.get('content-type')} | ${r.headers.get('cache-control')} | ${r.headers.get('x-cache') ?? '—'} |`);
  }
  if (!headers[2]!.includes('HIT')) throw new Error(`Varnish did not keep the segment: ${headers[2]}`);

  const rows = [
    { label: 'Segment, web node (local media)', url: `${direct}/media/${segment}`, bytes: segmentBytes, watch: [node.pid!] },
    { label: 'Segment, through Varnish', url: `${varnish.url}/media/${segment}`, bytes: segmentBytes, watch: [] as number[] },
    { label: 'Segment, bare node:http (ceiling)', url: `http://127.0.0.1:${ceiling.port}/media/${segment}`, bytes: segmentBytes, watch: [ceiling.child.pid!] },
    { label: 'Playlist, web node', url: `${direct}/media/${playlist}`, bytes: playlistBytes, watch: [node.pid!] },
    { label: 'Playlist, through Varnish', url: `${varnish.url}/media/${playlist}`, bytes: playlistBytes, watch: [] as number[] },
    { label: 'Playlist, bare node:http (ceiling)', url: `http://127.0.0.1:${ceiling.port}/media/${playlist}`, bytes: playlistBytes, watch: [ceiling.child.pid!] },
  ];
  const results = new Map<string, WrkResult[]>(rows.map((r) => [r.label, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const row of rows) {
      const r = await wrk({ url: row.url, seconds: SECONDS, connections: CONNECTIONS, threads: 2, watch: row.watch });
      const p = problems(r);
      if (p.length) throw new Error(`${row.label}: ${p.join(', ')}`);
      results.get(row.label)!.push(r);
      console.log(`round ${round} ${row.label}: ${fmtInt(r.rps)} req/s, ${fmtInt(r.bytes / r.seconds / 2 ** 20)} MiB/s, wrk ${r.generator.cores.toFixed(2)} cores${r.servers[0] ? `, server ${r.servers[0].cores.toFixed(2)} cores` : ''}`);
    }
  }
  const table = rows.map((row) => {
    const rs = results.get(row.label)!;
    const server = rs.map((r) => r.servers[0]?.cores).filter((c): c is number => c !== undefined);
    return `| ${row.label} | ${fmtInt(row.bytes)} | ${fmtInt(median(rs.map((r) => r.rps)))} | ${fmtInt(median(rs.map((r) => r.bytes / r.seconds / 2 ** 20)))} | ${fmtMs(median(rs.map((r) => r.p50)))} | ${fmtMs(median(rs.map((r) => r.p99)))} | ${median(rs.map((r) => r.generator.cores)).toFixed(2)} | ${server.length ? median(server).toFixed(2) : '—'} |`;
  });
  const ratio = (a: string, b: string) =>
    results.get(a)!.map((r, i) => `${Math.round((r.rps / results.get(b)![i]!.rps) * 100)}%`).join(', ');
  const section = [
    START,
    '## Serving HLS',
    '',
    `${machine()}; ${new Date().toISOString().slice(0, 10)}. \`npm run bench:hls\` (bench/hls-serving.ts).`,
    '',
    `A 720p segment (6 s, H.264 + AAC at about 2.9 Mbit/s) and its playlist, as the video worker stores them in the media storage, served by a web node from its local media folder, through Varnish with the reference VCL in front of that node, and by a bare node:http server sending the same bytes from memory (the ceiling). wrk (${WRK}, 2 threads, ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds alternating the rows, medians shown). wrk, Varnish and the servers share the 2 CPUs; "wrk CPU" and "server CPU" are cores used (1.00 = one core busy).`,
    '',
    '| Row | Bytes | Requests/s | MiB/s | p50 (ms) | p99 (ms) | wrk CPU | server CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...table,
    '',
    `Web node ÷ ceiling for segments, per round: ${ratio(rows[0]!.label, rows[2]!.label)}; Varnish ÷ ceiling: ${ratio(rows[1]!.label, rows[2]!.label)}.`,
    '',
    'A web node reads a segment from disk for every request (@fastify/static streams the file), a fraction of what the same bytes sent from memory reach; one node still sends some gigabits a second. Segments are meant to be served by the CDN (or the bucket\'s own host, MEDIA_PUBLIC_URL), where each one is fetched once and then answered from the cache at the ceiling\'s rate or above.',
    '',
    'What players and the CDN are told (the second request through Varnish is a hit):',
    '',
    '| Request | Content-Type | Cache-Control | X-Cache |',
    '| --- | --- | --- | --- |',
    ...headers,
    '',
    'Every output key of a transcode is new (the run folder is part of it), so a year-long `immutable` lifetime is safe: a new transcode or poster writes new keys and the pages that point at them are purged.',
    END,
  ].join('\n');
  const doc = await fs.readFile(REPORT, 'utf8');
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  await fs.writeFile(REPORT, a >= 0 && b > a ? doc.slice(0, a) + section + doc.slice(b + END.length) : `${doc.trimEnd()}\n\n${section}\n`);
  console.log(section);
} finally {
  await ceiling.stop();
  await varnish.stop();
  node.kill('SIGTERM');
  await new Promise((r) => node.once('exit', r));
  await fs.rm(dataDir, { recursive: true, force: true });
}
