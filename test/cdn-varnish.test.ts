import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PurgeWorker } from '../src/cdn/purge.worker.ts';
import { purgeAdapter } from '../src/cdn/purge-adapters.ts';
import type { Config } from '../src/config.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeDraft, startTestSite, type DialectName, type TestSite } from './harness.ts';
import { freePort } from './support/free-port.ts';
import { startVarnish, type TestVarnish } from './support/varnish.ts';

/**
 * The CDN contract end to end: the app behind the reference VCL
 * (deploy/varnish/default.vcl) with CDN_PURGE=varnish. Varnish's X-Cache
 * header (set by the VCL) tells a hit from a miss.
 */

const PASSWORD = 'correct horse battery';
const WAIT = { timeout: 15_000, interval: 50 };

async function through(v: TestVarnish, path: string) {
  const r = await fetch(v.url + path);
  return { status: r.status, cache: r.headers.get('x-cache'), age: Number(r.headers.get('age')), text: await r.text() };
}

async function startBehindVarnish(dialect: DialectName, cdn: Partial<Config['cdn']> = {}) {
  const port = await freePort();
  const base = { purge: 'varnish' as const, purgeUrls: [`http://127.0.0.1:${port}`], keyHeader: 'surrogate-key' as const, fastly: null, cloudflare: null, purgeMs: 50 };
  const site = await startTestSite(dialect, { cdn: { ...base, ...cdn } });
  const varnish = await startVarnish(Number(new URL(site.url).port), port);
  await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'ed@example.org', name: 'Ed', password: PASSWORD });
  const editor = await adminClient(site.url).login('ed@example.org', PASSWORD);
  return { site, varnish, editor };
}

async function publish(editor: AdminClient, fields: Record<string, unknown>) {
  const { article } = await editor.json('POST', '/api/admin/articles', makeDraft(fields));
  const r = await editor.call('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
  expect(r.status).toBe(200);
  return (await r.json()).article ?? article;
}

/** Waits until `check` holds (outside a test, where expect.poll is not available). */
async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + WAIT.timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not so after ${WAIT.timeout} ms: ${what}`);
    await new Promise((r) => setTimeout(r, WAIT.interval));
  }
}

const outboxEmpty = (site: TestSite) => async () => Number((await site.app.store.db.selectFrom('cdn_purges').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

forEachDialect('CDN contract through Varnish', (dialect) => {
  let site: TestSite;
  let varnish: TestVarnish;
  let editor: AdminClient;
  let first: { id: number };
  beforeAll(async () => {
    ({ site, varnish, editor } = await startBehindVarnish(dialect));
    first = await publish(editor, { section: 'monde', slug: 'premier-accord', headline: 'Premier accord' });
    await publish(editor, { section: 'sport', slug: 'match-nul', headline: 'Match nul' });
    await until(async () => (await outboxEmpty(site)()) === 0, 'the outbox is sent');
  }, 60_000);
  afterAll(async () => {
    await varnish?.stop();
    await site?.close();
  });

  it('sends Cache-Control for a CDN and surrogate keys naming the article, its section, the edition and the site', async () => {
    const r = await fetch(`${site.url}/fr/monde/premier-accord`);
    expect(r.headers.get('cache-control')).toBe('public, max-age=30, s-maxage=86400, stale-while-revalidate=60, stale-if-error=86400');
    const keys = r.headers.get('surrogate-key')!.split(' ');
    expect(keys).toEqual(expect.arrayContaining([`a${first.id}`, 'e-fr', 'all']));
    expect(keys.some((k) => /^s\d+$/.test(k))).toBe(true);
    const missing = await fetch(`${site.url}/fr/monde/nulle-part`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('public, max-age=10, s-maxage=30');
    expect(missing.headers.get('surrogate-key')).toBe('miss all');
  });

  it('takes purges from loopback only: another address is refused with 403 and the page stays cached', async () => {
    await through(varnish, '/fr/sport/');
    // 127.0.0.2 is this machine too, but not in the VCL's purgers acl.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${varnish.url}/`, { method: 'PURGE', localAddress: '127.0.0.2', headers: { 'xkey-purge': 'all' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect((await through(varnish, '/fr/sport/')).cache).toBe('HIT');
  });

  it('serves a page again from Varnish: the second request is a hit', async () => {
    expect((await through(varnish, '/fr/monde/premier-accord')).status).toBe(200);
    const again = await through(varnish, '/fr/monde/premier-accord');
    expect(again.status).toBe(200);
    expect(again.cache).toBe('HIT');
    expect(again.text).toContain('Premier accord');
  });

  it('purges the article, its section, the home page and the feeds when an article is published or edited, and keeps an unrelated section cached', async () => {
    const warm = ['/fr/monde/premier-accord', '/fr/monde/', '/fr/', '/fr/feed.xml', '/fr/monde/feed.xml', '/fr/sport/'];
    for (const p of warm) await through(varnish, p);
    for (const p of warm) expect((await through(varnish, p)).cache, p).toBe('HIT');

    await publish(editor, { section: 'monde', slug: 'second-accord', headline: 'Second accord signé' });
    for (const p of ['/fr/monde/', '/fr/', '/fr/feed.xml', '/fr/monde/feed.xml', '/fr/monde/premier-accord']) {
      // The article page lists its section's newest articles: it shows the new one too.
      await expect.poll(async () => (await through(varnish, p)).text, { ...WAIT, message: p }).toContain('Second accord signé');
    }

    const { article } = await editor.json('GET', `/api/admin/articles/${first.id}`);
    const put = await editor.call('PUT', `/api/admin/articles/${first.id}`, { ...article, headline: 'Premier accord révisé' }, { headers: { 'if-match': `"${article.version}"` } });
    expect(put.status).toBe(200);
    for (const p of ['/fr/monde/premier-accord', '/fr/monde/', '/fr/', '/fr/feed.xml']) {
      await expect.poll(async () => (await through(varnish, p)).text, { ...WAIT, message: p }).toContain('Premier accord révisé');
    }
    // Both rounds of every purge sent: the sport page was never among them.
    await expect.poll(outboxEmpty(site), WAIT).toBe(0);
    const sport = await through(varnish, '/fr/sport/');
    expect(sport.cache).toBe('HIT');
    expect(sport.text).toContain('Match nul');
  });

  it('moves an article between sections: both sections are purged', async () => {
    await through(varnish, '/fr/sport/');
    expect((await through(varnish, '/fr/sport/')).cache).toBe('HIT');
    const { article } = await editor.json('GET', `/api/admin/articles/${first.id}`);
    const put = await editor.call('PUT', `/api/admin/articles/${first.id}`, { ...article, section: 'sport' }, { headers: { 'if-match': `"${article.version}"` } });
    expect(put.status).toBe(200);
    await expect.poll(async () => (await through(varnish, '/fr/sport/')).text, WAIT).toContain('Premier accord révisé');
    await expect.poll(async () => (await through(varnish, '/fr/monde/')).text, WAIT).not.toContain('Premier accord révisé');
  });

  it('retries and logs a purge that fails while Varnish is down, and publishing still answers 200', async () => {
    await expect.poll(outboxEmpty(site), WAIT).toBe(0);
    // This test drives a worker of its own, to read what it logs.
    await site.app.purges.stop();
    const port = varnish.port;
    await varnish.stop();
    const warnings: Array<{ o: any; m: string }> = [];
    const log = { warn: (o: object, m: string) => warnings.push({ o, m }), error: (o: object, m: string) => warnings.push({ o, m }) };
    const worker = new PurgeWorker({ db: site.app.store.db, now: () => new Date(), log, adapter: purgeAdapter(site.config.cdn) }, { backoffMs: 10, maxBackoffMs: 20, echoMs: 10 });

    const late = await publish(editor, { section: 'monde', slug: 'pendant-la-panne', headline: 'Pendant la panne' });
    expect(late.id).toBeGreaterThan(0);
    // Two changes, two rows (the draft's creation, then its publication), sent together.
    expect(await worker.runOnce()).toBe(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].m).toBe('CDN purge failed; will retry');
    expect(warnings[0].o.error).toContain(`Varnish at http://127.0.0.1:${port}`);
    const rows = await site.app.store.db.selectFrom('cdn_purges').selectAll().execute();
    expect(rows.map((r) => [r.status, r.attempts, r.rounds])).toEqual([['pending', 1, 2], ['pending', 1, 2]]);
    expect(rows[1].last_error).toContain(`Varnish at http://127.0.0.1:${port}`);
    expect(rows.flatMap((r) => r.keys.split(' '))).toContain(`a${late.id}`);

    varnish = await startVarnish(Number(new URL(site.url).port), port);
    // Retried after its backoff; both rounds sent, the row is gone.
    await expect.poll(async () => (await worker.runOnce(), outboxEmpty(site)()), WAIT).toBe(0);
    expect(warnings).toHaveLength(1);
  });
});

forEachDialect('Varnish serves stale pages while the app is down', (dialect) => {
  let site: TestSite;
  let varnish: TestVarnish;
  beforeAll(async () => {
    let editor: AdminClient;
    // Pages expire from Varnish after a second, so that what is served with the app down is stale.
    ({ site, varnish, editor } = await startBehindVarnish(dialect, { sharedMaxAge: 1 }));
    await publish(editor, { section: 'monde', slug: 'toujours-la', headline: 'Toujours là' });
    // Every purge sent (both rounds), so none drops the copy this test looks at.
    await until(async () => (await outboxEmpty(site)()) === 0, 'the outbox is sent');
  }, 60_000);
  afterAll(async () => {
    await varnish?.stop();
    await site?.close();
  });

  it('keeps serving the last copy of a page, past its lifetime, while the app is stopped', async () => {
    await expect.poll(async () => (await through(varnish, '/fr/monde/toujours-la')).status, WAIT).toBe(200);
    await site.app.close();
    await expect.poll(async () => (await through(varnish, '/fr/monde/toujours-la')).cache, WAIT).toBe('HIT-STALE');
    const r = await through(varnish, '/fr/monde/toujours-la');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Toujours là');
    expect(r.age).toBeGreaterThanOrEqual(1);
    // A page Varnish never had cannot be made up.
    expect((await through(varnish, '/fr/monde/jamais-vue')).status).toBe(503);
  });
});
