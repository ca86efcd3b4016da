/**
 * How long a publish takes to show through Varnish: `npx tsx bench/cdn-publish.ts [publishes]`.
 *
 * Two app nodes over one PostgreSQL schema (TEST_DATABASE_URL or the local
 * server), with the default content poll (500 ms) and CDN_PURGE=varnish; Varnish
 * (deploy/varnish/default.vcl) in front of node B. Each round warms the section
 * page in Varnish, publishes an article on node A, and times until Varnish
 * serves the section page with it (the draft is made before the clock starts). Node B may still hold the old page in its
 * own cache when the first purge arrives: the second round of the purge is
 * what makes the page right. Prints the median and the maximum.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { adminClient } from '../test/admin-client.ts';
import { freePort } from '../test/support/free-port.ts';
import { startVarnish } from '../test/support/varnish.ts';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const rounds = Number(process.argv[2] ?? 50);
const schema = `bench_cdn_${process.pid}`;

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create schema ${schema}`);
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-cdn-bench-'));
const varnishPort = await freePort();
const config = {
  ...loadConfig({ DATA_DIR: dataDir, DEMO_CONTENT: 'false', LOG_LEVEL: 'silent', PUBLIC_URL: 'https://news.example', CDN_PURGE: 'varnish', CDN_PURGE_URLS: `http://127.0.0.1:${varnishPort}` }),
  database: { kind: 'postgres' as const, url, schema },
  backgroundImages: false,
};
const a = await buildApp(config);
const b = await buildApp(config);
await a.server.listen({ host: '127.0.0.1', port: 0 });
await b.server.listen({ host: '127.0.0.1', port: 0 });
const portOf = (x: typeof a) => (x.server.server.address() as { port: number }).port;
const varnish = await startVarnish(portOf(b), varnishPort);
const editorBase = `http://127.0.0.1:${portOf(a)}`;
await adminClient(editorBase).call('POST', '/api/admin/setup', { email: 'ed@example.org', name: 'Ed', password: 'correct horse battery' });
const editor = await adminClient(editorBase).login('ed@example.org', 'correct horse battery');

async function draft(slug: string, headline: string): Promise<number> {
  const { article } = await editor.json('POST', '/api/admin/articles', { edition: 'fr', section: 'monde', slug, headline, standfirst: 'Chapô.', authors: [], tags: [], body: [{ type: 'paragraph', text: 'Texte.' }] });
  return article.id;
}
const publish = (id: number) => editor.json('POST', `/api/admin/articles/${id}/transitions`, { to: 'published' });
const sectionPage = () => fetch(`${varnish.url}/fr/monde/`).then((r) => r.text());

const times: number[] = [];
try {
  await publish(await draft('premier', 'Premier'));
  for (let i = 0; i < rounds; i++) {
    // Warm: the page is in Varnish, without the article to come.
    while ((await fetch(`${varnish.url}/fr/monde/`)).headers.get('x-cache') !== 'HIT') await new Promise((r) => setTimeout(r, 20));
    const headline = `Depeche numero ${i}`;
    const id = await draft(`depeche-${i}`, headline);
    const t0 = performance.now();
    await publish(id);
    while (!(await sectionPage()).includes(headline)) {
      if (performance.now() - t0 > 10_000) throw new Error(`round ${i}: not visible after 10 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    times.push(performance.now() - t0);
    // Let both rounds of every purge go before the next warm-up.
    while (Number((await a.store.db.selectFrom('cdn_purges').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) > 0) await new Promise((r) => setTimeout(r, 20));
  }
  times.sort((x, y) => x - y);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${rounds} publishes on node A, read through Varnish in front of node B: median ${median.toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms (from the publish request to the page through Varnish)`);
} finally {
  await varnish.stop();
  await a.close();
  await b.close();
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
  await fs.rm(dataDir, { recursive: true, force: true });
}
