// A push service on loopback for bench/push.ts, in its own process so that it takes no time
// from the node under test: answers 201 to every POST, counts them, and meanwhile asks the web
// node for a page every 100 ms, timing each answer. Told the web node's URL on stdin; prints
// its port, then, on "report", a JSON line with what it saw.
import http from 'node:http';
import readline from 'node:readline';

let received = 0;
let encrypted = 0;
const probes = [];
let probing;
const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
  let bytes = 0;
  req.on('data', (c) => (bytes += c.length));
  req.on('end', () => {
    received++;
    if (req.headers['content-encoding'] === 'aes128gcm' && String(req.headers.authorization).startsWith('vapid t=') && bytes > 86) encrypted++;
    res.statusCode = 201;
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  const m = JSON.parse(line);
  if (m.probe) {
    const tick = async () => {
      const t0 = performance.now();
      try {
        const r = await fetch(m.probe);
        await r.arrayBuffer();
        probes.push({ ms: performance.now() - t0, ok: r.ok });
      } catch {
        probes.push({ ms: performance.now() - t0, ok: false });
      }
      if (probing) probing = setTimeout(tick, 100);
    };
    probing = setTimeout(tick, 0);
  }
  if (m.stop) {
    clearTimeout(probing);
    probing = undefined;
  }
  if (m.report) {
    // The probes since the last report: one window per measurement.
    const win = probes.splice(0);
    const ms = win.map((p) => p.ms).sort((a, b) => a - b);
    const q = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] : 0);
    console.log(JSON.stringify({ received, encrypted, probes: 0, failedProbes: 0, window: { n: ms.length, failed: win.filter((p) => !p.ok).length, p50: q(0.5), p99: q(0.99), max: ms.at(-1) ?? 0 } }));
  }
  if (m.exit) process.exit(0);
});
