// A worker-role node for bench/push.ts: builds the app from the config it is given (JSON on argv),
// says "ready", sends the pending push job when told "go", reports the seconds it took, and exits.
import readline from 'node:readline';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';

const config = { ...(JSON.parse(process.argv[2]) as Config), roles: { web: false, worker: true } };
const app = await buildApp(config);
console.log(JSON.stringify({ ready: true }));
const rl = readline.createInterface({ input: process.stdin });
rl.once('line', async () => {
  const t0 = performance.now();
  await app.push.runOnce();
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000 }));
  await app.close();
  process.exit(0);
});
