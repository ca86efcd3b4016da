import http from 'node:http';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { publishDue } from '../src/newsroom/workflow.service.ts';
import { WebhookWorker } from '../src/webhooks/delivery.worker.ts';
import { verifySignature } from '../src/webhooks/signature.ts';
import { WEBHOOK_EVENTS } from '../src/webhooks/outbox.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';
const SECRET = 'a-receiver-secret-0123456789';

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
}

/** A webhook receiver on loopback: answers 204, 500, or holds the request until released. */
async function startReceiver() {
  const r = {
    mode: 'ok' as 'ok' | 'fail' | 'hang',
    received: [] as Received[],
    answered: 0,
    held: [] as Array<() => void>,
    arrived: [] as Array<() => void>,
    url: '',
    server: undefined as unknown as http.Server,
    /** Resolves when the next request has arrived. */
    nextArrival(): Promise<void> {
      return new Promise((resolve) => r.arrived.push(resolve));
    },
    release() {
      for (const f of r.held.splice(0)) f();
    },
  };
  r.server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      r.received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      for (const f of r.arrived.splice(0)) f();
      const answer = (code: number) => {
        res.statusCode = code;
        res.end(() => r.answered++);
      };
      if (r.mode === 'hang') r.held.push(() => answer(204));
      else answer(r.mode === 'ok' ? 204 : 500);
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(r.server.address() as { port: number }).port}/hooks`;
  return r;
}

forEachDialect('webhooks', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-11-25T10:00:00Z');
  let admin: AdminClient, editor: AdminClient;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  const draft = () => {
    const a = makeArticle();
    delete a.status;
    delete a.publishedAt;
    return a;
  };
  const publishedArticle = async () => {
    const { article } = await editor.json('POST', '/api/admin/articles', draft());
    return (await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).article;
  };
  const subscribe = async (events?: string[]) => (await admin.json('POST', '/api/admin/webhooks', { url: receiver.url, secret: SECRET, ...(events ? { events } : {}) })).webhook;
  const deliveries = async (id: number) => (await admin.json('GET', `/api/admin/webhooks/${id}/deliveries`)).deliveries;

  beforeAll(async () => {
    receiver = await startReceiver();
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => clock);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'eve@example.org', name: 'Eve', role: 'editor', password: PASSWORD });
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
  });
  afterAll(async () => {
    receiver.release();
    await site?.close();
    receiver.server.closeAllConnections();
    await new Promise((resolve) => receiver.server.close(resolve));
  });
  beforeEach(async () => {
    // Each test starts with no subscriber and nothing left to send.
    for (const w of (await admin.json('GET', '/api/admin/webhooks')).webhooks) await admin.json('DELETE', `/api/admin/webhooks/${w.id}`);
    receiver.mode = 'ok';
    receiver.received.length = 0;
  });

  it('answers 403 to a non-admin on every webhook route', async () => {
    expect((await editor.call('GET', '/api/admin/webhooks')).status).toBe(403);
    expect((await editor.call('POST', '/api/admin/webhooks', { url: receiver.url, secret: SECRET })).status).toBe(403);
    const w = await subscribe();
    expect((await editor.call('GET', `/api/admin/webhooks/${w.id}/deliveries`)).status).toBe(403);
    expect((await editor.call('DELETE', `/api/admin/webhooks/${w.id}`)).status).toBe(403);
    expect((await adminClient(site.url).call('GET', '/api/admin/webhooks')).status).toBe(401);
  });

  it('answers 422 naming url, secret and events when they are not acceptable', async () => {
    const r = await admin.call('POST', '/api/admin/webhooks', { url: 'ftp://example.org/x', secret: 'short', events: ['article.deleted'] });
    expect(r.status).toBe(422);
    expect((await r.json()).issues.map((i: { field: string }) => i.field).sort()).toEqual(['events', 'secret', 'url']);
  });

  it('generates a secret when none is given, shows it once and never lists it', async () => {
    const { webhook } = await admin.json('POST', '/api/admin/webhooks', { url: receiver.url });
    expect(webhook.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    // Every event by default, those of lives and alerts too.
    expect(webhook.events).toEqual([...WEBHOOK_EVENTS]);
    expect(webhook.events).toEqual(expect.arrayContaining(['article.published', 'article.updated', 'article.unpublished', 'live.entry.published', 'live.entry.updated', 'live.entry.deleted']));
    const { webhooks } = await admin.json('GET', '/api/admin/webhooks');
    expect(webhooks).toEqual([{ id: webhook.id, url: receiver.url, events: webhook.events, active: true, createdAt: clock.toISOString() }]);
  });

  it('sends exactly one signed delivery when an article is published', async () => {
    const w = await subscribe();
    const article = await publishedArticle();
    expect(receiver.received).toHaveLength(0); // publishing only wrote a row
    expect(await site.app.webhooks.runOnce()).toBe(1);
    expect(await site.app.webhooks.runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(verifySignature(SECRET, got.raw, got.headers['x-depeche-signature'] as string)).toBe(true);
    expect(verifySignature('another-secret-of-some-length', got.raw, got.headers['x-depeche-signature'] as string)).toBe(false);
    const body = JSON.parse(got.raw);
    expect(got.headers['x-depeche-event']).toBe('article.published');
    expect(got.headers['x-depeche-delivery']).toBe(String(body.deliveryId));
    expect(body).toEqual({
      event: 'article.published',
      article: { id: article.id, edition: 'fr', slug: article.slug, url: article.url, headline: article.headline, status: 'published', publishedAt: clock.toISOString(), updatedAt: null },
      occurredAt: clock.toISOString(),
      deliveryId: expect.any(Number),
    });
    const [d] = await deliveries(w.id);
    expect(d).toMatchObject({ id: body.deliveryId, event: 'article.published', status: 'delivered', attempts: 1, lastStatusCode: 204, lastError: null, nextAttemptAt: null });
  });

  it('queues article.updated for a save of a published article and article.unpublished, only for subscribers that want them', async () => {
    const all = await subscribe();
    const onlyUnpublished = await subscribe(['article.unpublished']);
    const article = await publishedArticle();
    await editor.json('PUT', `/api/admin/articles/${article.id}`, { ...article, headline: 'Nouveau titre' }, { headers: { 'if-match': `"${article.version}"` } });
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'unpublished' });
    expect((await deliveries(all.id)).map((d: { event: string }) => d.event)).toEqual(['article.unpublished', 'article.updated', 'article.published']);
    expect((await deliveries(onlyUnpublished.id)).map((d: { event: string }) => d.event)).toEqual(['article.unpublished']);
    await site.app.webhooks.runOnce();
    expect(receiver.received.map((r) => JSON.parse(r.raw).article.headline)).toContain('Nouveau titre');
  });

  it('queues article.published when the scheduler publishes a scheduled article', async () => {
    const w = await subscribe(['article.published']);
    const { article } = await editor.json('POST', '/api/admin/articles', draft());
    const at = new Date(clock.getTime() + 60_000);
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'scheduled', at: at.toISOString() });
    expect(await deliveries(w.id)).toEqual([]);
    clock = at;
    expect(await publishDue({ db: site.app.store.db, now: () => clock, config: site.config })).toEqual([article.id]);
    expect(await site.app.webhooks.runOnce()).toBe(1);
    expect(JSON.parse(receiver.received[0].raw)).toMatchObject({ event: 'article.published', article: { id: article.id, publishedAt: at.toISOString() } });
  });

  it('retries a receiver answering 500 with exponential backoff, and the log lists the attempts', async () => {
    const w = await subscribe();
    receiver.mode = 'fail';
    await publishedArticle();
    const start = clock.getTime();
    expect(await site.app.webhooks.runOnce()).toBe(1);
    let [d] = await deliveries(w.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'the receiver answered 500', nextAttemptAt: new Date(start + 30_000).toISOString() });
    // Not due yet: nothing is sent.
    clock = new Date(start + 29_000);
    expect(await site.app.webhooks.runOnce()).toBe(0);
    clock = new Date(start + 30_000);
    expect(await site.app.webhooks.runOnce()).toBe(1);
    [d] = await deliveries(w.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: new Date(start + 30_000 + 60_000).toISOString() });
    receiver.mode = 'ok';
    clock = new Date(start + 90_000);
    expect(await site.app.webhooks.runOnce()).toBe(1);
    [d] = await deliveries(w.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204, lastError: null, nextAttemptAt: null });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['x-depeche-delivery'])).size).toBe(1);
  });

  it('gives a delivery up as failed after 8 attempts', async () => {
    const w = await subscribe();
    receiver.mode = 'fail';
    await publishedArticle();
    for (let i = 0; i < 8; i++) {
      expect(await site.app.webhooks.runOnce()).toBe(1);
      clock = new Date(clock.getTime() + 2 ** i * 30_000);
    }
    expect(await site.app.webhooks.runOnce()).toBe(0);
    const [d] = await deliveries(w.id);
    expect(d).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 500, nextAttemptAt: null });
  });

  it('lets only one of two workers send a due delivery', async () => {
    await subscribe();
    await publishedArticle();
    const other = new WebhookWorker({ db: site.app.store.db, now: () => clock, log: site.app.server.log });
    const counts = await Promise.all([site.app.webhooks.runOnce(), other.runOnce()]);
    expect(counts.sort()).toEqual([0, 1]);
    expect(receiver.received).toHaveLength(1);
  });

  it('answers a transition while a receiver is still holding a delivery', async () => {
    const w = await subscribe();
    receiver.mode = 'hang';
    await publishedArticle();
    const arrived = receiver.nextArrival();
    const sending = site.app.webhooks.runOnce();
    await arrived;
    const answeredBefore = receiver.answered;
    const { article } = await editor.json('POST', '/api/admin/articles', draft());
    const r = await editor.call('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    expect(r.status).toBe(200);
    expect(receiver.answered).toBe(answeredBefore); // the receiver has not answered yet
    expect(receiver.held).toHaveLength(1);
    receiver.release();
    expect(await sending).toBe(1);
    expect((await deliveries(w.id)).map((d: { status: string }) => d.status)).toEqual(['pending', 'delivered']);
  });
});
