/**
 * The ceiling for bench/live.ts: a bare node:http server holding event streams
 * and writing one frame of the size of an entry's to each, with nothing else
 * (no database, no bus, no rendering). What the same readers measure against
 * it is what this load generator and this machine can do at best.
 *   → { type: 'ready', port }; { type: 'post', bytes } → { type: 'posted', t0, ms }; { type: 'stats' } → { rss, connections }
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const streams = new Set<http.ServerResponse>();
let n = 0;
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  res.write('retry: 3000\n\n');
  res.socket?.setNoDelay(true);
  streams.add(res);
  res.on('close', () => streams.delete(res));
});
server.listen(0, '127.0.0.1', () => process.send!({ type: 'ready', port: (server.address() as AddressInfo).port }));

process.on('message', (m: any) => {
  if (m.type === 'post') {
    const t0 = Date.now();
    const p0 = performance.now();
    n++;
    const frame = Buffer.from(`id: ${n}\nevent: entry\ndata: ${JSON.stringify({ id: n, kind: 'published', html: 'x'.repeat(m.bytes) })}\n\n`);
    for (const s of streams) s.write(frame);
    process.send!({ type: 'posted', t0, ms: performance.now() - p0 });
  } else if (m.type === 'stats') {
    process.send!({ type: 'stats', rss: process.memoryUsage().rss, connections: streams.size });
  } else if (m.type === 'stop') {
    for (const s of streams) s.destroy();
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
