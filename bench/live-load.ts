/**
 * The readers for bench/live.ts: N event streams held open on raw sockets, in
 * a process of their own. Reports when each reader got the latest entry.
 *   argv: <port> <path> <count>
 *   → { type: 'ready', open }; { type: 'mark' } forgets arrivals; { type: 'report' } → { type: 'report', arrivals: number[] }
 */
import net from 'node:net';

const [port, path, countArg] = process.argv.slice(2);
const count = Number(countArg);
let open = 0;
// Per reader: when it last got an entry (ms since the epoch), 0 since the mark.
const arrivals = new Float64Array(count);
// This process's CPU since the mark: whether the readers themselves are the bottleneck.
let cpuAtMark = process.cpuUsage();
let wallAtMark = performance.now();
const sockets: net.Socket[] = [];

function connect(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), '127.0.0.1');
    let head = true;
    s.setNoDelay(true);
    s.on('data', (chunk: Buffer) => {
      if (head) {
        head = false;
        if (!chunk.subarray(0, 15).toString('latin1').startsWith('HTTP/1.1 200')) return reject(new Error(`reader ${i}: ${chunk.subarray(0, 40).toString()}`));
        open++;
        resolve();
      }
      if (arrivals[i] === 0 && chunk.includes('event: entry')) arrivals[i] = Date.now();
    });
    s.on('error', reject);
    s.write(`GET ${path}/events HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n`);
    sockets.push(s);
  });
}

for (let i = 0; i < count; i += 250) {
  await Promise.all(Array.from({ length: Math.min(250, count - i) }, (_, j) => connect(i + j)));
}
process.send!({ type: 'ready', open });
process.on('message', (m: any) => {
  if (m.type === 'mark') {
    arrivals.fill(0);
    cpuAtMark = process.cpuUsage();
    wallAtMark = performance.now();
    process.send!({ type: 'marked' });
  } else if (m.type === 'report') {
    const cpu = process.cpuUsage(cpuAtMark);
    process.send!({ type: 'report', arrivals: Array.from(arrivals), cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wallAtMark });
  }
  else if (m.type === 'stop') {
    for (const s of sockets) s.destroy();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
