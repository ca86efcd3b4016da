import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { enqueuePush } from '../src/push/push-jobs.ts';
import { PushWorker } from '../src/push/push.worker.ts';
import { loadVapidKeys } from '../src/push/vapid.ts';
import { ensureEdition } from '../src/content/edition.service.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';
import { decryptPush, fakeBrowser, startPushService, verifyVapid } from './support/push-service.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('web push', (dialect) => {
  let site: TestSite;
  const clock = new Date('2026-12-07T08:00:00Z');
  let push: Awaited<ReturnType<typeof startPushService>>;
  let publicKey: string;
  const db = () => site.app.store.db;

  beforeAll(async () => {
    push = await startPushService();
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => clock);
    publicKey = (await (await fetch(`${site.url}/api/content/push/key`)).json()).publicKey;
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    await push?.close();
  });
  beforeEach(async () => {
    await db().deleteFrom('push_subscriptions').execute();
    await db().deleteFrom('push_jobs').execute();
    push.received.length = 0;
  });

  it('generates one VAPID key pair, keeps it in site_secrets and answers the public key', async () => {
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
    const again = (await (await fetch(`${site.url}/api/content/push/key`)).json()).publicKey;
    expect(again).toBe(publicKey);
    const row = await db().selectFrom('site_secrets').select('value').where('key', '=', 'vapid').executeTakeFirstOrThrow();
    const kept = JSON.parse(row.value);
    expect(kept.publicKey).toBe(publicKey);
    expect(Buffer.from(kept.privateKey, 'base64url')).toHaveLength(32);
  });

  it('serves the service worker at /sw.js for the whole site, never kept long', async () => {
    const r = await fetch(`${site.url}/sw.js`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(r.headers.get('service-worker-allowed')).toBe('/');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(await r.text()).toContain("addEventListener('push'");
  });

  it('answers 422 naming each bad field of a subscription, and refuses endpoints on internal hosts', async () => {
    const post = (body: unknown) => fetch(`${site.url}/api/content/push/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const r = await post({ subscription: { endpoint: 'ftp://push.example/x', keys: { p256dh: 'abc', auth: 'short' } }, edition: 'zz', lives: 'yes' });
    expect(r.status).toBe(422);
    expect((await r.json()).issues.map((i: { field: string }) => i.field).sort()).toEqual(['edition', 'lives', 'subscription.endpoint', 'subscription.keys.auth', 'subscription.keys.p256dh']);
    const keys = fakeBrowser().keys;
    for (const endpoint of ['https://10.1.2.3/push', 'https://localhost/push', 'http://push.example/x', 'https://[::1]/p']) {
      const bad = await post({ subscription: { endpoint, keys }, edition: 'fr' });
      expect(bad.status, endpoint).toBe(422);
    }
    // Loopback http is accepted only where the configuration allows it (tests and the benchmark): not here.
    expect((await post({ subscription: { endpoint: push.endpoint('x'), keys }, edition: 'fr' })).status).toBe(422);
    expect((await post({ subscription: { endpoint: 'https://push.example/send/abc', keys }, edition: 'fr' })).status).toBe(201);
  });
});

forEachDialect('web push delivery', (dialect) => {
  let site: TestSite;
  const clock = new Date('2026-12-07T08:00:00Z');
  let editor: AdminClient;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let publicKey: string;
  const db = () => site.app.store.db;

  const subscribe = async (name: string, opts: { edition?: string; alerts?: boolean; lives?: boolean } = {}) => {
    const browser = fakeBrowser();
    const r = await fetch(`${site.url}/api/content/push/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subscription: { endpoint: push.endpoint(name), keys: browser.keys }, edition: opts.edition ?? 'fr', ...(opts.alerts !== undefined ? { alerts: opts.alerts } : {}), ...(opts.lives !== undefined ? { lives: opts.lives } : {}) }),
    });
    expect(r.status).toBe(201);
    return browser;
  };
  const runAll = async (w: PushWorker = site.app.push) => {
    let n = 0;
    for (let i = 0; i < 50; i++) {
      const got = await w.runOnce();
      if (!got) break;
      n += got;
    }
    return n;
  };
  const worker = (batch: number) => new PushWorker({ db: db(), now: () => clock, log: site.app.server.log, vapid: () => loadVapidKeys(db(), 'mailto:desk@news.example', clock) }, { leaseMs: 60_000, concurrency: 4, timeoutMs: 500, batch });

  beforeAll(async () => {
    push = await startPushService();
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, push: { subject: 'mailto:desk@news.example', intervalMs: 0, concurrency: 8, timeoutMs: 400, batch: 3, allowLoopback: true } }, () => clock);
    await ensureEdition(db(), { code: 'en', name: 'Dispatch', timeZone: 'UTC' });
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    editor = await adminClient(site.url).login('admin@example.org', PASSWORD);
    publicKey = (await (await fetch(`${site.url}/api/content/push/key`)).json()).publicKey;
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    await push?.close();
  });
  beforeEach(async () => {
    await db().deleteFrom('push_subscriptions').execute();
    await db().deleteFrom('push_jobs').execute();
    push.received.length = 0;
  });

  it('delivers an alert to a loopback push endpoint: the message decrypts to the alert, signed with the site’s VAPID key', async () => {
    const browser = await subscribe('reader-1');
    await subscribe('english', { edition: 'en' });
    await subscribe('lives-only', { alerts: false, lives: true });
    const hostile = 'Séisme <script>alert(1)</script> "onmouseover=';
    const { alert } = await editor.json('POST', '/api/admin/alerts', { text: hostile, url: '/fr/tv/x', level: 'breaking', editions: ['fr'] });
    expect(push.received).toHaveLength(0); // creating the alert only queued it
    expect(await runAll()).toBe(1);
    expect(push.received.map((r) => r.path)).toEqual(['/push/reader-1']);
    const [got] = push.received;
    expect(got.headers['content-encoding']).toBe('aes128gcm');
    expect(got.headers.urgency).toBe('high');
    expect(Number(got.headers.ttl)).toBeGreaterThan(0);
    const claims = verifyVapid(String(got.headers.authorization), publicKey);
    expect(claims.aud).toBe(push.base);
    expect(claims.sub).toBe('mailto:desk@news.example');
    expect(JSON.parse(decryptPush(got.body, browser))).toEqual({ title: 'Alerte info', body: hostile, url: 'https://news.example/fr/tv/x', tag: `alert-${alert.id}` });
    const job = await db().selectFrom('push_jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', sent: 1, failed: 0, removed: 0, locked_until: null });
    const sub = await db().selectFrom('push_subscriptions').select(['last_sent_at']).where('endpoint', '=', push.endpoint('reader-1')).executeTakeFirstOrThrow();
    expect(sub.last_sent_at).toBe(clock.toISOString());
  });

  it('sends key points of lives only to the subscriptions that asked for lives', async () => {
    await subscribe('alerts-only');
    const lives = await subscribe('lives', { lives: true });
    await enqueuePush(db(), { kind: 'entry', edition: 'fr', now: clock, message: { title: 'EN DIRECT', body: 'Point clé', url: 'https://news.example/fr/x', tag: 'live-1' } });
    await runAll();
    expect(push.received.map((r) => r.path)).toEqual(['/push/lives']);
    expect(push.received[0].headers.urgency).toBe('normal');
    expect(JSON.parse(decryptPush(push.received[0].body, lives)).body).toBe('Point clé');
  });

  it('updates a subscription’s choices one at a time: a live’s Follow button sets lives and keeps alerts, the footer’s sets alerts and keeps lives', async () => {
    const send = async (name: string, browser: ReturnType<typeof fakeBrowser>, choice: Record<string, boolean>) => {
      const r = await fetch(`${site.url}/api/content/push/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription: { endpoint: push.endpoint(name), keys: browser.keys }, edition: 'fr', ...choice }) });
      return { status: r.status, body: await r.json() };
    };
    const row = (name: string) => db().selectFrom('push_subscriptions').select(['alerts', 'lives']).where('endpoint', '=', push.endpoint(name)).executeTakeFirst();
    const reader = await subscribe('reader');
    expect(await row('reader')).toEqual({ alerts: 1, lives: 0 });
    expect(await send('reader', reader, { lives: true })).toEqual({ status: 201, body: { subscribed: true, alerts: true, lives: true } });
    expect(await row('reader')).toEqual({ alerts: 1, lives: 1 });
    expect((await send('reader', reader, { alerts: true })).body).toEqual({ subscribed: true, alerts: true, lives: true });
    expect((await send('reader', reader, { alerts: false })).body).toEqual({ subscribed: true, alerts: false, lives: true });
    expect(await row('reader')).toEqual({ alerts: 0, lives: 1 });
    // Wanting neither any more: the subscription is gone.
    expect(await send('reader', reader, { lives: false })).toEqual({ status: 200, body: { subscribed: false, alerts: false, lives: false } });
    expect(await row('reader')).toBeUndefined();
    // A browser subscribing from a live page only: lives, no alerts.
    const follower = fakeBrowser();
    expect((await send('follower', follower, { alerts: false, lives: true })).body).toEqual({ subscribed: true, alerts: false, lives: true });
    // A new subscription wanting nothing is refused.
    const r = await send('nothing', fakeBrowser(), { alerts: false });
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('alerts');
  });

  it('sends a key point posted into a live that pushes to the readers following lives, not to alerts-only ones; a live that does not push sends nothing', async () => {
    const newLive = async (push: boolean, headline: string) => {
      const a = makeArticle({ section: 'monde', headline, live: { startedAt: clock.toISOString(), endedAt: null, push } });
      delete a.status;
      delete a.publishedAt;
      const { article } = await editor.json('POST', '/api/admin/articles', a);
      return (await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).article;
    };
    await subscribe('alerts-only');
    const both = await subscribe('both');
    const follower = await subscribe('follower', { alerts: false, lives: true });
    await subscribe('english-follower', { edition: 'en', alerts: false, lives: true });
    // The footer's subscriber follows lives from a live page: the same endpoint, updated.
    const r = await fetch(`${site.url}/api/content/push/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription: { endpoint: push.endpoint('both'), keys: both.keys }, edition: 'fr', lives: true }) });
    expect(r.status).toBe(201);
    const quiet = await newLive(false, 'Un direct sans notifications');
    await editor.json('POST', `/api/admin/articles/${quiet.id}/entries`, { body: [{ type: 'paragraph', text: 'Point clé discret.' }], keyPoint: true });
    expect(await runAll()).toBe(0);
    const hostile = 'Cessez-le-feu <script>alert(1)</script>';
    const live = await newLive(true, 'Sommet de Port-Lune en direct');
    await editor.json('POST', `/api/admin/articles/${live.id}/entries`, { body: [{ type: 'paragraph', text: 'Pas un point clé.' }] });
    const { entry } = await editor.json('POST', `/api/admin/articles/${live.id}/entries`, { title: hostile, body: [{ type: 'paragraph', text: 'Les deux camps acceptent.' }], keyPoint: true });
    expect(await runAll()).toBe(2);
    expect(push.received.map((m) => m.path).sort()).toEqual(['/push/both', '/push/follower']);
    for (const m of push.received) {
      const browser = m.path === '/push/both' ? both : follower;
      expect(m.headers.urgency).toBe('normal');
      expect(JSON.parse(decryptPush(m.body, browser))).toEqual({ title: 'Sommet de Port-Lune en direct', body: hostile, url: `https://news.example/fr/monde/${live.slug}/entree/${entry.id}`, tag: `live-${live.id}` });
    }
    expect(await db().selectFrom('push_subscriptions').select('endpoint').where('endpoint', '=', push.endpoint('alerts-only')).executeTakeFirst()).toBeDefined();
  });

  it('shows "Suivre ce direct" on a live that pushes, in the reader’s language, hidden until the script finds push support; not on other lives', async () => {
    const make = async (edition: string, section: string, push: boolean, headline: string) => {
      const a = makeArticle({ edition, section, headline, live: { startedAt: clock.toISOString(), endedAt: null, push } });
      delete a.status;
      delete a.publishedAt;
      const { article } = await editor.json('POST', '/api/admin/articles', a);
      return (await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).article;
    };
    const page = async (a: { edition: string; slug: string }, section: string) => {
      const r = await fetch(`${site.url}/${a.edition}/${section}/${a.slug}`);
      expect(r.status).toBe(200);
      return r.text();
    };
    const fr = await page(await make('fr', 'monde', true, 'Direct suivi'), 'monde');
    const button = fr.match(/<p class="live-follow"[^>]*>[\s\S]*?<\/p>/)?.[0];
    expect(button).toBeDefined();
    // Hidden with JavaScript off (public/live.js shows it), never a pop-up: a plain button.
    expect(button).toMatch(/<p class="live-follow" hidden/);
    expect(button).toContain('<button type="button" class="live-follow-button" aria-pressed="false">Suivre ce direct</button>');
    expect(button).toContain('data-edition="fr"');
    expect(fr).toContain('src="/assets/live');
    // The footer's alerts button stays.
    expect(fr).toContain('class="push-optin"');
    expect(await page(await make('fr', 'monde', false, 'Direct sans notifications'), 'monde')).not.toContain('live-follow');
    const en = await page(await make('en', 'world', true, 'Followed live'), 'world');
    expect(en).toContain('>Follow this live</button>');
    expect(en).not.toContain('Suivre');
  });

  it('removes subscriptions whose push service answers 404 or 410, counts other failures, and times out one that hangs', async () => {
    for (const n of ['ok-1', 'gone-404', 'gone-410', 'error-500', 'hangs', 'ok-2']) await subscribe(n);
    push.answer('gone-404', 404);
    push.answer('gone-410', 410);
    push.answer('error-500', 500);
    push.answer('hangs', 'hang');
    await editor.json('POST', '/api/admin/alerts', { text: 'Tri des abonnements', editions: ['fr'] });
    await runAll();
    expect(push.received.map((r) => r.path).sort()).toEqual(['/push/error-500', '/push/gone-404', '/push/gone-410', '/push/hangs', '/push/ok-1', '/push/ok-2']);
    const left = await db().selectFrom('push_subscriptions').select(['endpoint', 'failures']).orderBy('id').execute();
    expect(left.map((s) => [s.endpoint.split('/').pop(), s.failures])).toEqual([
      ['ok-1', 0],
      ['error-500', 1],
      ['hangs', 1],
      ['ok-2', 0],
    ]);
    const job = await db().selectFrom('push_jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', sent: 2, failed: 2, removed: 2 });
  });

  it('drops a subscription after repeated failures', async () => {
    await subscribe('always-500');
    push.answer('always-500', 500);
    for (let i = 0; i < 5; i++) {
      await editor.json('POST', '/api/admin/alerts', { text: `Essai ${i}`, editions: ['fr'] });
      await runAll();
    }
    expect(await db().selectFrom('push_subscriptions').select('id').execute()).toEqual([]);
  });

  it('resumes a job from its cursor after a worker died, and sends each message once when two workers run at once', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (const n of names) await subscribe(`r-${n}`);
    const ids = (await db().selectFrom('push_subscriptions').select('id').orderBy('id').execute()).map((r) => r.id);
    await enqueuePush(db(), { kind: 'alert', edition: 'fr', now: clock, message: { title: 't', body: 'reprise', url: 'https://news.example/', tag: 'x' } });
    // A worker that had sent the first two and then died: its lease has run out.
    await db().updateTable('push_jobs').set({ cursor: ids[1], locked_until: '2026-12-07T07:00:00.000Z' }).execute();
    await runAll();
    expect(push.received.map((r) => r.path)).toEqual(names.slice(2).map((n) => `/push/r-${n}`));

    push.received.length = 0;
    await db().deleteFrom('push_jobs').execute();
    await enqueuePush(db(), { kind: 'alert', edition: 'fr', now: clock, message: { title: 't', body: 'deux', url: 'https://news.example/', tag: 'y' } });
    const [one, two] = [worker(2), worker(2)];
    await Promise.all([runAll(one), runAll(two), runAll()]);
    expect(push.received.map((r) => r.path).sort()).toEqual(names.map((n) => `/push/r-${n}`));
    expect(await db().selectFrom('push_jobs').select(['status', 'sent']).execute()).toEqual([{ status: 'done', sent: 7 }]);
  });

  it('pushes an alert that starts later when it starts, and never one ended or expired before its start', async () => {
    const start = clock.getTime();
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    try {
      const browser = await subscribe('later');
      const { alert: later } = await editor.json('POST', '/api/admin/alerts', { text: 'Annonce à 9 h', editions: ['fr'], startsAt: at(60), expiresAt: at(180) });
      const { alert: ended } = await editor.json('POST', '/api/admin/alerts', { text: 'Annulée avant son heure', editions: ['fr'], startsAt: at(60) });
      await editor.json('POST', '/api/admin/alerts', { text: 'Expirée avant envoi', editions: ['fr'], startsAt: at(30), expiresAt: at(45) });
      // Not started: nothing goes out, the jobs wait.
      expect(await runAll()).toBe(0);
      expect(push.received).toEqual([]);
      expect(await db().selectFrom('push_jobs').select('status').where('status', '=', 'pending').execute()).toHaveLength(3);
      const r = await editor.call('DELETE', `/api/admin/alerts/${ended.id}`);
      expect(r.status).toBe(204);
      clock.setTime(start + 59 * 60_000);
      expect(await runAll()).toBe(0);
      expect(push.received).toEqual([]);
      // Its start: only the alert still running is pushed (the third expired at 45 min, the second was ended).
      clock.setTime(start + 60 * 60_000);
      expect(await runAll()).toBe(1);
      expect(push.received.map((x) => JSON.parse(decryptPush(x.body, browser)).tag)).toEqual([`alert-${later.id}`]);
      const jobs = await db().selectFrom('push_jobs').select(['alert_id', 'status', 'sent', 'due_at']).orderBy('id').execute();
      expect(jobs.map((j) => [j.status, j.sent])).toEqual([
        ['done', 1],
        ['done', 0],
        ['done', 0],
      ]);
      expect(jobs[0]).toMatchObject({ alert_id: later.id, due_at: at(60) });
      // An alert that starts now is pushed at once, as before.
      push.received.length = 0;
      await editor.json('POST', '/api/admin/alerts', { text: 'Tout de suite', editions: ['fr'] });
      expect(await runAll()).toBe(1);
      expect(push.received).toHaveLength(1);
    } finally {
      clock.setTime(start);
    }
  });

  it('unsubscribes with DELETE { endpoint }', async () => {
    await subscribe('leaving');
    const r = await fetch(`${site.url}/api/content/push/subscriptions`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: push.endpoint('leaving') }) });
    expect(r.status).toBe(204);
    expect(await db().selectFrom('push_subscriptions').select('id').execute()).toEqual([]);
    await editor.json('POST', '/api/admin/alerts', { text: 'Personne', editions: ['fr'] });
    await runAll();
    expect(push.received).toEqual([]);
  });
});
