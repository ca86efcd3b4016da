import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { HtmlWalk, MAX_HTML_DEPTH } from '../../src/ninjs/html-walk.ts';
import { pollSource } from '../../src/ingest/poller.ts';
import { checkPlans, importPlans, readExport, reportLines } from '../../src/migrate-in/migrate.service.ts';
import { firstAdmin, type AdminClient } from '../admin-client.ts';
import { forEachDialect, scratchDir, startTestSite, type TestSite } from '../harness.ts';

const PASSWORD = 'correct horse battery';
const nested = (n: number, inner: string, open = '<div>') => open.repeat(n) + inner + '</div>'.repeat(n);

/**
 * Proves that /healthz was answered *while* a conversion was under way: every
 * step of every HtmlWalk is recorded (the real method runs), and so is every
 * /healthz answer; a walk whose first and last steps have a /healthz answer
 * between them let the event loop serve requests in the middle of converting.
 * A conversion that ran in one go would leave no answer between its steps.
 */
function watchConversions() {
  const step = vi.spyOn(HtmlWalk.prototype, 'step');
  const answered = vi.fn();
  return {
    answered,
    /** Healthz answers received between the first and the last step of the longest walk. */
    answersDuringLongestWalk(): number {
      const byWalk = new Map<unknown, number[]>();
      step.mock.contexts.forEach((walk, i) => byWalk.set(walk, [...(byWalk.get(walk) ?? []), step.mock.invocationCallOrder[i]]));
      const longest = [...byWalk.values()].sort((a, b) => b.length - a.length)[0] ?? [];
      const [first, last] = [longest[0], longest[longest.length - 1]];
      return answered.mock.invocationCallOrder.filter((o) => o > first && o < last).length;
    },
    restore: () => step.mockRestore(),
  };
}

/** Asks /healthz again and again until `done` settles; each answer must be 200. */
async function healthzWhile(site: TestSite, done: Promise<unknown>, answered: () => void): Promise<number> {
  let settled = false;
  void done.finally(() => (settled = true)).catch(() => {});
  let n = 0;
  while (!settled) {
    const r = await fetch(`${site.url}/healthz`);
    expect(r.status).toBe(200);
    await r.arrayBuffer();
    answered();
    n++;
  }
  return n;
}

forEachDialect('hostile markup', (dialect) => {
  let site: TestSite;
  let editor: AdminClient;
  let feed: http.Server;
  let feedUrl = '';
  let feedBody = '';

  const addSource = async (body: Record<string, unknown>) => (await editor.json('POST', '/api/admin/ingest/sources', { edition: 'fr', section: 'monde', ...body })).source;
  const items = async (sourceId: number) => (await editor.json('GET', `/api/admin/ingest/items?source=${sourceId}`)).items as any[];

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 });
    editor = await firstAdmin(site.url, PASSWORD);
    feed = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feedBody));
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feed.address() as { port: number }).port}/feed`;
  }, 120_000);
  afterAll(async () => {
    await site?.close();
    feed?.closeAllConnections();
    await new Promise((resolve) => feed?.close(resolve));
  });

  it('answers /healthz while converting a POSTed ninjs item of 78,000 nested <div>, then queues it flattened with a note', async () => {
    const s = await addSource({ name: 'Fil ninjs', kind: 'ninjs' });
    const body = JSON.stringify({ guid: 'profond', headline: 'Très profond', body_html: nested(78_000, '<p>Le texte <b>au fond</b> est gardé.</p>'), versioncreated: '2026-12-01T08:00:00Z' });
    expect(body.length).toBeGreaterThan(850_000);
    expect(body.length).toBeLessThan(1024 * 1024); // under the API's body limit
    const watch = watchConversions();
    try {
      const post = editor.call('POST', `/api/admin/ingest/ninjs?source=${s.id}`, JSON.parse(body));
      await healthzWhile(site, post, watch.answered);
      const r = await post;
      expect(r.status, await r.clone().text()).toBe(202);
      expect(await r.json()).toEqual({ added: 1, duplicates: 0 });
      expect(watch.answersDuringLongestWalk()).toBeGreaterThan(0);
    } finally {
      watch.restore();
    }
    const [item] = await items(s.id);
    expect(JSON.stringify(item.payload.body)).toContain('Le texte au fond est gardé.');
    expect(item.notes).toContainEqual({ field: 'body', message: expect.stringMatching(new RegExp(`nested more than ${MAX_HTML_DEPTH} levels deep flattened to text \\(\\d+ tags not followed; their text is kept\\)`)) });
    expect(Object.keys(item.payload)).not.toContain('$notes');
  }, 180_000);

  it("answers /healthz while the poller converts a 4.6 MB feed item of 220,000 nested <div> served on loopback", async () => {
    const html = nested(220_000, 'Dépêche enfouie', '<div class="c">');
    feedBody = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Agence</title><item><title>Enfouie</title><guid>urn:profond</guid><pubDate>Tue, 01 Dec 2026 08:00:00 +0000</pubDate><description><![CDATA[${html}]]></description></item></channel></rss>`;
    expect(feedBody.length).toBeGreaterThan(4_500_000);
    expect(feedBody.length).toBeLessThan(5 * 1024 * 1024); // under the poller's size limit
    const s = await addSource({ name: 'Agence profonde', kind: 'rss', url: feedUrl });
    const watch = watchConversions();
    try {
      const poll = pollSource({ db: site.app.store.db, now: () => new Date(), log: { info() {}, warn() {}, error() {} }, ingestDir: site.config.ingestDir }, s.id, { timeoutMs: 120_000 });
      await healthzWhile(site, poll, watch.answered);
      expect(await poll).toMatchObject({ ok: true, added: 1 });
      expect(watch.answersDuringLongestWalk()).toBeGreaterThan(0);
    } finally {
      watch.restore();
    }
    const [item] = await items(s.id);
    expect(item.payload.body).toEqual([{ type: 'paragraph', text: 'Dépêche enfouie' }]);
    expect(item.notes.map((n: { message: string }) => n.message).join('\n')).toContain(`nested more than ${MAX_HTML_DEPTH} levels deep flattened to text (${220_000 - MAX_HTML_DEPTH} tags not followed`);
  }, 180_000);

  it('imports a WXR declared ISO-8859-1 with a DOCTYPE in a post, a broken post_date_gmt, a missing picture and 30,000 nested <div>, reporting each instead of refusing', async () => {
    const dir = await scratchDir('wxr-');
    const deepBody = nested(30_000, '<p>Fond du puits.</p>');
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Ancien site</title>
<item><title>Le café du port</title><link>https://old.example/cafe/</link><wp:post_id>1</wp:post_id><wp:post_name>cafe-du-port</wp:post_name><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<wp:post_date>2026-01-10 09:00:00</wp:post_date><wp:post_date_gmt>pas une date</wp:post_date_gmt>
<content:encoded><![CDATA[<!DOCTYPE html><html><body><p>Un café crème.</p><figure><img src="https://old.example/wp-content/uploads/2026/01/absente.jpg" alt=""><figcaption>Le comptoir, en 1950.</figcaption></figure>${deepBody}</body></html>]]></content:encoded></item>
</channel></rss>`;
    const file = path.join(dir, 'export.xml');
    await fs.writeFile(file, Buffer.from(xml, 'latin1'));
    const result = readExport('wordpress', file, await fs.readFile(file), 'fr', 'Europe/Paris');
    const report = reportLines(result).join('\n');
    expect(report).toContain('export.xml: read as ISO-8859-1, the encoding the file declares');
    expect(report).toContain(`wp:post_date_gmt: "pas une date" is not a date; wp:post_date read in the site's time zone (Europe/Paris)`);
    expect(report).toContain('its caption kept as a paragraph of text ("Le comptoir, en 1950.")');
    expect(report).toMatch(/content:encoded: markup nested more than \d+ levels deep flattened to text/);
    expect(await checkPlans(site.app.store.db, result.plans)).toEqual([]);
    const [imported] = await importPlans({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, result.plans, result.baseDir);
    const row = await site.app.store.db.selectFrom('articles').select(['headline', 'body', 'published_at']).where('id', '=', imported.id).executeTakeFirstOrThrow();
    expect(row.headline).toBe('Le café du port');
    expect(JSON.parse(row.body)).toEqual([
      { type: 'paragraph', text: 'Un café crème.' },
      { type: 'paragraph', text: 'Le comptoir, en 1950.' },
      { type: 'paragraph', text: 'Fond du puits.' },
    ]);
    expect(new Date(row.published_at!).toISOString()).toBe('2026-01-10T08:00:00.000Z'); // 09:00 in Paris in winter
  }, 120_000);
});
