/**
 * One web node for bench/live.ts, in a process of its own so that its memory
 * (RSS) is the node's alone. Talks over IPC:
 *   { type: 'setup' }                   imports a live article → { type: 'setup', articleId, path }
 *   { type: 'post', articleId }         posts an entry (one transaction + bus announcement) → { type: 'posted', t0, ms }
 *   { type: 'seed', articleId, n }      adds n published entries in one go → { type: 'seeded' }
 *   { type: 'render', path, rounds }    renders the page with an empty page cache → { type: 'rendered', ms: [...] }
 *   { type: 'stats' }                   → { type: 'stats', rss, connections }
 *   { type: 'stop' }
 * Configuration in the environment: BENCH_PG_URL, BENCH_SCHEMA, BENCH_REDIS_URL (optional), BENCH_PREFIX.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { importArticles } from '../src/content/import.service.ts';
import { makeLive, postEntry } from '../test/support/live.ts';

function send(msg: unknown): void {
  if (process.send && process.connected) process.send(msg);
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-livebench-'));
const base = loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DEMO_CONTENT: 'false', LOG_LEVEL: 'silent', PUBLIC_URL: 'https://news.example' });
const config = {
  ...base,
  database: { kind: 'postgres' as const, url: process.env.BENCH_PG_URL!, schema: process.env.BENCH_SCHEMA! },
  ...(process.env.BENCH_REDIS_URL ? { redisUrl: process.env.BENCH_REDIS_URL, redisPrefix: process.env.BENCH_PREFIX! } : {}),
  schedulerMs: 0,
  webhooksMs: 0,
  ingestMs: 0,
  searchBackfillMs: 0,
  backgroundImages: false,
};
const app = await buildApp(config);
await app.server.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.server.address() as { port: number }).port;
if (process.env.BENCH_REDIS_URL) while (!app.bus.shared) await new Promise((r) => setTimeout(r, 20));
send({ type: 'ready', port });

let n = 0;
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
process.on('message', async (m: any) => {
  if (m.type === 'setup') {
    const slug = `direct-${Date.now()}`;
    const article = { edition: 'fr', slug, section: 'monde', headline: 'Sommet', standfirst: 'Le direct.', status: 'published', publishedAt: new Date(Date.now() - 3600_000).toISOString(), authors: [], tags: [], body: [{ type: 'paragraph', text: 'Résumé.' }] };
    await importArticles({ db: app.store.db, media: app.media, config, now: () => new Date() }, [{ name: 'a.json', baseDir: dataDir, text: JSON.stringify([article]) }]);
    const { id } = await app.store.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await makeLive(app, id, article.publishedAt);
    await app.site.refresh(true);
    send({ type: 'setup', articleId: id, path: `/fr/monde/${slug}` });
  } else if (m.type === 'post') {
    const t0 = Date.now();
    const p0 = performance.now();
    await postEntry(app, m.articleId, { title: `Entrée ${++n}`, text: 'Les négociations reprennent après une courte pause. '.repeat(6), author: 'Claire Dubreuil' });
    send({ type: 'posted', t0, ms: performance.now() - p0 });
  } else if (m.type === 'seed') {
    const now = Date.now();
    for (let i = 0; i < m.n; i += 500) {
      const rows = Array.from({ length: Math.min(500, m.n - i) }, (_, j) => ({
        article_id: m.articleId, status: 'published' as const, posted_at: new Date(now - (m.n - i - j) * 1000).toISOString(), title: null, author_id: null, source_name: null, source_url: null,
        body: JSON.stringify([{ type: 'paragraph', text: `Entrée ancienne ${i + j}.` }]), owner_id: null, owner_token_id: null, ingest_item_id: null, article_draft_id: null, correction: null, created_at: new Date(now).toISOString(), updated_at: null,
      }));
      await app.store.db.insertInto('live_entries').values(rows).execute();
    }
    send({ type: 'seeded' });
  } else if (m.type === 'render') {
    const ms: number[] = [];
    for (let i = 0; i < m.rounds; i++) {
      app.cache.clear();
      const p0 = performance.now();
      const r = await app.server.inject(m.path);
      if (r.statusCode !== 200) throw new Error(`page answered ${r.statusCode}`);
      ms.push(performance.now() - p0);
    }
    send({ type: 'rendered', ms });
  } else if (m.type === 'stats') {
    send({ type: 'stats', rss: process.memoryUsage().rss, connections: app.liveHub.stats().connections });
  } else if (m.type === 'stop') {
    await app.close();
    await fs.rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
});
