import { createECDH, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminClient } from '../test/admin-client.ts';
import { adminClient } from '../test/admin-client.ts';
import { ADMIN, EDITOR, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { AlertBannerPart, AlertsPage } from './pages/alerts.page.ts';
import { IngestPage } from './pages/newsroom.page.ts';
import { makeArticle } from '../test/harness.ts';

/**
 * Breaking-news alerts in Chromium: a reader's page, loaded before the alert
 * and never reloaded, shows it within 5 s and drops it once ended; a page
 * loaded with JavaScript off has it in its HTML; the newsroom publishes and
 * ends one from the "Alertes" screen; the push opt-in button registers the
 * service worker and subscribes where the browser can.
 */

const nr = newsroomJourneys({ site: { pageCache: true, push: { subject: 'mailto:desk@news.example', intervalMs: 0, concurrency: 8, timeoutMs: 1000, batch: 100, allowLoopback: true } } });
const { newPage, signedIn, expectNoAxeViolations } = nr;
let editor: AdminClient;

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  const admin = await nr.api(ADMIN.email);
  await admin.json('POST', '/api/admin/users', { ...EDITOR, role: 'editor', password: PASSWORD });
  editor = await nr.api(EDITOR.email);
});

describe('alerts in Chromium', () => {
  it(
    'a page loaded before the alert shows it within 5 s without a reload, drops it when ended, and remembers a dismissal',
    async () => {
      const page = await newPage();
      let navigations = 0;
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) navigations++;
      });
      await page.goto(`${nr.site.url}/fr/`);
      // The page is a kept copy: the second request is answered from the page cache with the same bytes.
      const [a, b] = [await fetch(`${nr.site.url}/fr/`), await fetch(`${nr.site.url}/fr/`)];
      expect(await a.text()).toBe(await b.text());
      const banner = new AlertBannerPart(page);
      expect(await banner.region.locator('.site-alert').count()).toBe(0);
      const text = 'Séisme de magnitude 6 au large de Nice <script>x</script>';
      const { alert } = await editor.json('POST', '/api/admin/alerts', { text, url: '/fr/', level: 'breaking', editions: ['fr'] });
      await banner.alert(text).waitFor({ timeout: 5000 });
      expect(navigations).toBe(1);
      expect(await banner.alert(text).getByRole('link').textContent()).toBe(text);
      await expectNoAxeViolations(page, 'a page with an alert');

      // Ended: it leaves the page, still without a reload.
      await editor.call('DELETE', `/api/admin/alerts/${alert.id}`);
      await banner.alert(text).waitFor({ state: 'detached', timeout: 5000 });

      // Dismissed: gone at once, and still gone after a reload.
      const { alert: second } = await editor.json('POST', '/api/admin/alerts', { text: 'Deuxième alerte', level: 'info', editions: ['fr'] });
      await banner.alert('Deuxième alerte').waitFor({ timeout: 5000 });
      await banner.alert('Deuxième alerte').getByRole('button', { name: 'Masquer cette alerte' }).click();
      expect(await banner.alert('Deuxième alerte').count()).toBe(0);
      await page.reload();
      await page.locator('#site-alerts').waitFor({ state: 'attached' });
      expect(await banner.alert('Deuxième alerte').count()).toBe(0);
      await editor.call('DELETE', `/api/admin/alerts/${second.id}`);
    },
    JOURNEY_MS,
  );

  it(
    'shows the alert in the HTML to a reader without JavaScript',
    async () => {
      const { alert } = await editor.json('POST', '/api/admin/alerts', { text: 'Alerte sans script', level: 'urgent', editions: ['fr'] });
      const page = await newPage();
      await page.context().route('**/*.js', (r) => r.abort());
      const html = await (await page.goto(`${nr.site.url}/fr/`))!.text();
      expect(html).toContain('Alerte sans script');
      await new AlertBannerPart(page).alert('Alerte sans script').waitFor();
      await editor.call('DELETE', `/api/admin/alerts/${alert.id}`);
    },
    JOURNEY_MS,
  );

  it(
    'an editor publishes an alert from the Alertes screen and ends it with two clicks',
    async () => {
      const screen = new AlertsPage(await signedIn(EDITOR.email));
      await screen.open();
      await expectNoAxeViolations(screen.page, 'alerts screen');
      await screen.publish('Le pont de Normandie fermé');
      await screen.row('Le pont de Normandie fermé').getByText('En cours').waitFor();
      const reader = await newPage();
      await reader.goto(`${nr.site.url}/fr/`);
      const banner = new AlertBannerPart(reader);
      await banner.alert('Le pont de Normandie fermé').waitFor({ timeout: 5000 });
      await screen.end('Le pont de Normandie fermé');
      await screen.row('Le pont de Normandie fermé').getByText('Terminée').waitFor();
      await banner.alert('Le pont de Normandie fermé').waitFor({ state: 'detached', timeout: 5000 });
    },
    JOURNEY_MS,
  );

  it(
    'a wire flash shows flagged in the queue and becomes an alert in one click',
    async () => {
      const { source } = await editor.json('POST', '/api/admin/ingest/sources', { name: 'AFP', kind: 'ninjs', edition: 'fr', section: 'monde' });
      const title = 'FLASH – Le barrage de Serre-Ponçon évacué';
      await editor.json('POST', `/api/admin/ingest/ninjs?source=${source.id}`, [{ guid: 'flash-e2e', headline: title, urgency: 1, body_text: 'x' }]);
      const page = await signedIn(EDITOR.email);
      const queue = new IngestPage(page);
      await queue.open();
      const item = page.getByRole('article', { name: new RegExp(title) });
      await item.getByText('Flash', { exact: true }).waitFor();
      await item.getByRole('button', { name: `Créer une alerte avec « ${title} »` }).click();
      const screen = new AlertsPage(page);
      await page.getByRole('heading', { level: 1, name: 'Alertes' }).waitFor();
      await screen.row(title).getByText('En cours').waitFor();
      const reader = await newPage();
      await reader.goto(`${nr.site.url}/fr/`);
      await new AlertBannerPart(reader).alert(title).waitFor();
      await screen.end(title);
      await screen.row(title).getByText('Terminée').waitFor();
    },
    JOURNEY_MS,
  );

  it(
    'the opt-in button registers /sw.js and subscribes where the browser has a push service',
    async () => {
      const page = await newPage();
      await page.context().grantPermissions(['notifications'], { origin: nr.site.url });
      await page.goto(`${nr.site.url}/fr/`);
      const button = page.getByRole('button', { name: 'Recevoir les alertes' });
      // Nothing is asked on arrival: the button waits for the reader.
      await button.waitFor();
      expect(await page.evaluate(() => Notification.permission)).toBe('granted');
      await button.click();
      const status = page.locator('.push-status');
      await page.waitForFunction(() => (document.querySelector('.push-status')?.textContent ?? '') !== '', undefined, { timeout: 15_000 });
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/'))?.scope ?? null);
      expect(scope).toBe(`${nr.site.url}/`);
      const said = await status.textContent();
      const rows = await nr.site.app.store.db.selectFrom('push_subscriptions').select(['endpoint', 'edition']).execute();
      if (said === 'Vous recevrez les alertes.') {
        // A browser with a push service: the subscription reached the server, for this edition.
        expect(rows.map((r) => r.edition)).toEqual(['fr']);
        expect(await button.getAttribute('aria-pressed')).toBe('true');
      } else {
        // Headless Chromium has no push service: the reader is told, and nothing was stored.
        expect(said).toBe('Votre navigateur ne permet pas les notifications.');
        expect(rows).toEqual([]);
        expect(await button.getAttribute('aria-pressed')).toBe('false');
      }
    },
    JOURNEY_MS,
  );

  it(
    'with a push service, the footer button subscribes for alerts and "Suivre ce direct" adds the lives to the same subscription; each turns only its own choice off',
    async () => {
      // Headless Chromium has no push service: the page's push manager hands out a subscription made here,
      // with a real P-256 key, so that everything from the buttons to the stored row runs as in a browser that has one.
      const keys = createECDH('prime256v1');
      keys.generateKeys();
      const sub = { endpoint: 'https://push.example/send/reader-1', keys: { p256dh: keys.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
      const a = makeArticle({ section: 'monde', headline: 'Direct suivi par notification', live: { startedAt: new Date().toISOString(), endedAt: null, push: true } });
      delete a.status;
      delete a.publishedAt;
      const { article } = await editor.json('POST', '/api/admin/articles', a);
      await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
      const page = await newPage();
      await page.context().grantPermissions(['notifications'], { origin: nr.site.url });
      await page.addInitScript((s) => {
        // The browser keeps its subscription across pages: so does the stub, in sessionStorage.
        const made = { toJSON: () => s, unsubscribe: async () => (sessionStorage.removeItem('stub-push'), true) };
        PushManager.prototype.subscribe = async function () {
          sessionStorage.setItem('stub-push', '1');
          return made as unknown as PushSubscription;
        };
        PushManager.prototype.getSubscription = async function () {
          return (sessionStorage.getItem('stub-push') ? made : null) as PushSubscription | null;
        };
      }, sub);
      const row = () => nr.site.app.store.db.selectFrom('push_subscriptions').select(['edition', 'alerts', 'lives']).where('endpoint', '=', sub.endpoint).executeTakeFirst();
      await page.goto(`${nr.site.url}${article.path}`);

      const alerts = page.locator('.push-optin button');
      await page.getByRole('button', { name: 'Recevoir les alertes' }).click();
      await expect.poll(() => alerts.getAttribute('aria-pressed')).toBe('true');
      expect(await row()).toEqual({ edition: 'fr', alerts: 1, lives: 0 });

      const follow = page.locator('.live-follow button');
      await page.getByRole('button', { name: 'Suivre ce direct' }).click();
      await expect.poll(() => follow.getAttribute('aria-pressed')).toBe('true');
      expect(await row()).toEqual({ edition: 'fr', alerts: 1, lives: 1 });
      // Both stay as chosen on the next page.
      await page.reload();
      await expect.poll(() => page.locator('.push-optin button').getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => page.locator('.live-follow button').getAttribute('aria-pressed')).toBe('true');

      await page.locator('.push-optin button').click();
      await expect.poll(() => page.locator('.push-optin button').getAttribute('aria-pressed')).toBe('false');
      expect(await row()).toEqual({ edition: 'fr', alerts: 0, lives: 1 });
      await page.locator('.live-follow button').click();
      await expect.poll(() => page.locator('.live-follow button').getAttribute('aria-pressed')).toBe('false');
      // Wanting nothing, it is forgotten by the server.
      expect(await row()).toBeUndefined();
    },
    JOURNEY_MS,
  );
});
