import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { importArticles } from '../src/content/import.service.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, freshDatabase, makeArticle, NO_BACKGROUND_PASSES, testConfig } from './harness.ts';

interface Answer {
  status: number;
  /** Header names and values in the order sent, without Date (it changes every second). */
  headers: string[];
  body: Buffer;
}

/** A raw HTTP GET (or HEAD) that keeps the headers as sent, in order. */
function request(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = res.rawHeaders;
        const kept: string[] = [];
        for (let i = 0; i < raw.length; i += 2) if (!/^(date|connection|keep-alive)$/i.test(raw[i]!)) kept.push(raw[i]!.toLowerCase(), raw[i + 1]!);
        resolve({ status: res.statusCode!, headers: kept, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

forEachDialect('kept pages answered in front of Fastify', (dialect) => {
  let app: App;
  let base: string;
  let drop: () => Promise<void>;
  let config: ReturnType<typeof testConfig>;
  const log: Record<string, unknown>[] = [];
  const article = makeArticle({ section: 'tv', headline: 'Grille de printemps', publishedAt: '2026-11-21T08:00:00Z' });
  const articlePath = `/fr/tv/${article.slug}`;

  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    config = { ...testConfig(db.dataDir, db.database, NO_BACKGROUND_PASSES), logLevel: 'info' };
    app = await buildApp(config, { logStream: { write: (line) => void log.push(JSON.parse(line)) } });
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;
    const { dir } = await writeImportFolder([]);
    await importArticles({ db: app.store.db, media: app.media, config, now: () => new Date() }, [{ name: 'a.json', baseDir: dir, text: JSON.stringify([article]) }]);
    await app.site.refresh();
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const requestLines = () => log.filter((l) => l.msg === 'request');

  it('sends a kept page with the same status, headers and bytes as the routes do', async () => {
    for (const path of [articlePath, '/fr/', '/fr/tv/aucun-article-ici', '/fr/feed.xml']) {
      const routed = await request(base, path); // not kept yet: made by the route, then kept
      expect(app.cache.get(path), path).toBeDefined();
      const front = await request(base, path); // answered in front of Fastify
      // A query string always goes through the routes, which answer from the same kept page.
      const viaRoutes = await request(base, `${path}?utm_source=x`);
      expect(front, path).toEqual(routed);
      expect(viaRoutes, path).toEqual(routed);
      expect(front.headers, path).toContain('etag');
    }
    const page = await request(base, articlePath);
    expect(page.status).toBe(200);
    expect(page.headers).toEqual(expect.arrayContaining(['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'cache-control']));
    expect((await request(base, '/fr/tv/aucun-article-ici')).status).toBe(404);
  });

  it('answers 304 to a matching ETag, with the page headers and no body, on both paths', async () => {
    const page = await request(base, articlePath);
    const etag = page.headers[page.headers.indexOf('etag') + 1]!;
    const front = await request(base, articlePath, { 'if-none-match': etag });
    const viaRoutes = await request(base, `${articlePath}?utm_source=x`, { 'if-none-match': etag });
    expect(front.status).toBe(304);
    expect(front.body.length).toBe(0);
    expect(front).toEqual(viaRoutes);
    expect(front.headers).not.toContain('content-length');
    expect((await request(base, articlePath, { 'if-none-match': `"autre", W/${etag}` })).status).toBe(304);
    expect((await request(base, articlePath, { 'if-none-match': '"autre"' })).status).toBe(200);
  });

  it('writes one log line per request, with its own request id, on both paths', async () => {
    await request(base, articlePath);
    const before = requestLines().length;
    await request(base, articlePath);
    await request(base, `${articlePath}?utm_source=x`);
    await request(base, '/healthz');
    await expect.poll(() => requestLines().length).toBe(before + 3);
    const lines = requestLines().slice(before);
    expect(lines.map((l) => [l.method, l.url, l.status])).toEqual([
      ['GET', articlePath, 200],
      ['GET', `${articlePath}?utm_source=x`, 200],
      ['GET', '/healthz', 200],
    ]);
    for (const l of lines) expect(typeof l.ms).toBe('number');
    const ids = requestLines().map((l) => l.reqId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leaves to the routes what only they decide: HEAD, and a query that changes the page', async () => {
    await request(base, '/');
    expect(app.cache.get('/')).toBeDefined();
    // WordPress's `/?p=12` names an article, not the home page kept under `/`.
    expect((await request(base, '/?p=12')).status).toBe(404);
    const head = await request(base, articlePath, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers from the new content once content changes', async () => {
    const before = await request(base, '/fr/');
    const { dir } = await writeImportFolder([]);
    const other = makeArticle({ section: 'tv', headline: 'Dernière minute au front', publishedAt: '2026-11-22T08:00:00Z' });
    await importArticles({ db: app.store.db, media: app.media, config, now: () => new Date() }, [{ name: 'b.json', baseDir: dir, text: JSON.stringify([other]) }]);
    await expect.poll(async () => (await request(base, '/fr/')).body.toString('utf8'), { timeout: 10_000 }).toContain('Dernière minute au front');
    expect((await request(base, '/fr/')).body.equals(before.body)).toBe(false);
  });
});
