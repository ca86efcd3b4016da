/**
 * `npm run cluster`: starts a Dépêche cluster on this machine (bench/cluster.ts):
 * the local PostgreSQL (database depeche_cluster, made afresh), a Redis and an
 * S3-compatible server of its own, two web nodes, one worker and Varnish in
 * front, with the demo content. Prints the addresses; Ctrl-C stops everything.
 */
import { startCluster } from './cluster.ts';

const started = Date.now();
console.log('starting a Dépêche cluster (the first start draws the demo pictures: about a minute)…');
let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping the cluster…');
  await cluster?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  cluster = await startCluster({ say: (line) => console.log(`  ${line}`) });
} catch (e) {
  console.error(`the cluster did not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
const c = cluster;
console.log(`
ready in ${Math.round((Date.now() - started) / 1000)} s

  site (through Varnish)  ${c.url}/fr/
  newsroom                ${c.url}/admin/
  web node 1              ${c.web[0]!.url}/fr/
  web node 2              ${c.web[1]!.url}/fr/
  worker                  pid ${c.worker.pid}
  PostgreSQL              ${c.databaseUrl}
  Redis                   ${c.redisUrl}
  S3 (s3rver)             ${c.s3.endpoint}, bucket ${c.s3.bucket}
  logs and data           ${c.dir}

Ctrl-C stops everything.`);
