import http from 'node:http';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { HtmlWalk, MAX_HTML_DEPTH } from '../../src/ninjs/html-walk.ts';
import { pollSource } from '../../src/ingest/poller.ts';
import { adminClient, type AdminClient } from '../admin-client.ts';
import { forEachDialect, startTestSite, type TestSite } from '../harness.ts';

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
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    editor = await adminClient(site.url).login('admin@example.org', PASSWORD);
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
});
