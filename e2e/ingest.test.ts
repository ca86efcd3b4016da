import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollDue } from '../src/ingest/poller.ts';
import { adminClient } from '../test/admin-client.ts';
import { ADMIN, EDITOR, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { AppShell, IngestPage, PublicationPanel, WebhooksPage } from './pages/newsroom.page.ts';

/**
 * Wire ingest in Chromium: an editor adds an RSS source served on loopback,
 * the poller fetches it, the item shows in "Dépêches", is adopted into a draft
 * and published; the public page credits the agency with a link to the
 * original. Then the admin's webhooks screen: a subscriber, its secret shown
 * once, its delivery log. axe on both screens.
 */

const nr = newsroomJourneys({ site: { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 } });
const { signedIn, api, expectNoAxeViolations } = nr;

const AGENCY = 'Agence Littorale de Presse';
const TITLE = 'Les phares de la côte d’Opale rallumés pour une nuit';
const DROP_AGENCY = 'Agence des Dépôts';
const DROP_TITLE = 'Une dépêche déposée dans le dossier de l’agence';
const NOTED_TITLE = 'Une dépêche au balisage trop profond';
const SUMMARY = 'Les gardiens bénévoles ont relancé six lanternes éteintes depuis trente ans, le temps d’une veillée.';

let feed: http.Server;
let feedBase = '';

function rss(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>${AGENCY}</title><link>${feedBase}/</link><description>Fil de l’agence</description>
<item>
<title>${TITLE}</title>
<link>${feedBase}/depeche-1</link>
<guid isPermaLink="false">alp-depeche-1</guid>
<pubDate>Tue, 24 Nov 2026 18:30:00 +0000</pubDate>
<author>redaction@alp.example (${AGENCY})</author>
<description>${SUMMARY}</description>
</item>
</channel></rss>`;
}

beforeAll(async () => {
  feed = http.createServer((req, res) => {
    if (req.url === '/fil.rss') return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss());
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedBase = `http://127.0.0.1:${(feed.address() as { port: number }).port}`;

  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  await (await api(ADMIN.email)).json('POST', '/api/admin/users', { ...EDITOR, role: 'editor', password: PASSWORD });
});

afterAll(async () => {
  await new Promise<void>((resolve) => feed?.close(() => resolve()));
});

describe('wire ingest and webhooks in Chromium', () => {
  it(
    'adds an RSS source, adopts its item from “Dépêches”, publishes it, and the public page links the source',
    async () => {
      const page = await signedIn(EDITOR.email);
      const ingest = new IngestPage(page);
      await ingest.open();
      await ingest.addSource({ name: AGENCY, kind: 'RSS', url: `${feedBase}/fil.rss`, section: 'regions' });

      // The poller, as `depeche ingest poll` runs it.
      const log = { info() {}, warn() {}, error() {} };
      const results = await pollDue({ db: nr.site.app.store.db, now: () => new Date(), log, ingestDir: nr.site.config.ingestDir }, { all: true });
      expect(results).toEqual([expect.objectContaining({ name: AGENCY, ok: true, added: 1 })]);

      await page.reload({ waitUntil: 'load' });
      await ingest.heading.waitFor();
      const item = ingest.item(TITLE);
      await item.waitFor();
      expect(await item.textContent()).toContain(AGENCY);
      expect(await item.textContent()).toContain(SUMMARY);
      expect(await item.getByRole('link', { name: /Voir l’original/ }).getAttribute('href')).toBe(`${feedBase}/depeche-1`);
      await expectNoAxeViolations(page, 'Dépêches');

      const editor = await ingest.adopt(TITLE);
      expect(await editor.headline.inputValue()).toBe(TITLE);
      expect(await editor.section.inputValue()).toBe('regions');
      await editor.waitStatus('Brouillon');
      await editor.transitionButton('Publier').click();
      await editor.waitStatus('Publié');
      const id = Number(new URL(page.url()).pathname.split('/').pop());

      // The queue no longer offers it.
      await ingest.open();
      await ingest.queue.getByText('Aucune dépêche.').waitFor();
      await ingest.filterByStatus('Reprises');
      await ingest.item(TITLE).getByRole('link', { name: 'Ouvrir le brouillon' }).waitFor();

      const { article } = await (await api(EDITOR.email)).json('GET', `/api/admin/articles/${id}`);
      expect(article).toMatchObject({ status: 'published', section: 'regions', source: { name: AGENCY, url: `${feedBase}/depeche-1` } });
      expect(article.path).toMatch(/^\/fr\/regions\/[a-z0-9-]+$/);

      const reader = await nr.newPage();
      const r = await reader.goto(nr.site.url + article.path, { waitUntil: 'load' });
      expect(r?.status()).toBe(200);
      const sourceLine = reader.locator('p.source');
      const line = (await sourceLine.textContent()) ?? '';
      expect(line).toContain('SOURCE\u202f:');
      expect(line.replace(/[ \n\t]+/g, ' ')).toContain(`: ${AGENCY}`);
      expect(await sourceLine.getByRole('link', { name: AGENCY }).getAttribute('href')).toBe(`${feedBase}/depeche-1`);
    },
    JOURNEY_MS,
  );

  it(
    'adds a NINJS source without an address: the sources table shows its drop folder, and a file dropped there reaches the queue with its conversion notes in French',
    async () => {
      const page = await signedIn(EDITOR.email);
      const ingest = new IngestPage(page);
      await ingest.open();
      await ingest.addSource({ name: DROP_AGENCY, kind: 'NINJS', url: '', section: 'regions' });
      const { sources } = await (await api(EDITOR.email)).json('GET', '/api/admin/ingest/sources');
      const folder = sources.find((s: { name: string }) => s.name === DROP_AGENCY).dropFolder;
      expect(path.dirname(folder)).toBe(nr.site.config.ingestDir);
      expect(path.basename(folder)).toMatch(/^\d+$/);
      const row = ingest.sourcesRegion.getByRole('row', { name: new RegExp(DROP_AGENCY) });
      expect((await row.textContent())?.replace(/\s+/g, ' ')).toContain(`Dossier de dépôt : ${folder}`);
      await expectNoAxeViolations(page, 'Dépêches, a source with a drop folder');

      await fs.writeFile(path.join(folder, 'depeche.json'), JSON.stringify({ guid: 'drop-1', headline: DROP_TITLE, body_text: 'Déposée dans le dossier.', firstcreated: '2026-11-24T07:00:00Z' }));
      // An item the conversion cannot keep as it is: markup nested 80 levels deep, two scripts, a date without a zone, a field of its own.
      const deep = `${'<div>'.repeat(80)}Texte enfoui${'</div>'.repeat(80)}`;
      await fs.writeFile(
        path.join(folder, 'profonde.json'),
        JSON.stringify({ guid: 'drop-2', headline: NOTED_TITLE, body_html: `<p>Début.</p><script>a()</script><script>b()</script>${deep}`, firstcreated: '2026-11-24T08:00:00', urgency: 2, located: 'Genève' }),
      );
      const log = { info() {}, warn() {}, error() {} };
      const results = await pollDue({ db: nr.site.app.store.db, now: () => new Date(), log, ingestDir: nr.site.config.ingestDir }, { all: true });
      expect(results).toContainEqual(expect.objectContaining({ name: DROP_AGENCY, ok: true, added: 2, failed: [] }));
      await page.reload({ waitUntil: 'load' });
      await ingest.heading.waitFor();
      await ingest.item(DROP_TITLE).waitFor();
      expect(await ingest.item(DROP_TITLE).textContent()).toContain(DROP_AGENCY);
      expect(await ingest.notes(DROP_TITLE).count()).toBe(0);

      // What the conversion did not keep as it was shows on the item, in French, field by field.
      const notes = ingest.notes(NOTED_TITLE);
      await notes.waitFor();
      expect(await notes.getByRole('listitem').allTextContents()).toEqual([
        'Corps : élément <script> retiré avec son contenu (2 fois)',
        'Corps : balisage imbriqué sur plus de 64 niveaux, mis à plat en texte (16 balises non suivies ; leur texte est gardé)',
        'Date de création : « 2026-11-24T08:00:00 » n’indique pas de fuseau horaire : lu en heure UTC',
        'located : champ non repris',
      ]);
      await expectNoAxeViolations(page, 'Dépêches, an item with conversion notes');
    },
    JOURNEY_MS,
  );

  it(
    'manages webhook subscribers as an admin: a generated secret shown once, the delivery log, and no axe violations',
    async () => {
      const page = await signedIn(ADMIN.email);
      const hooks = new WebhooksPage(page);
      await hooks.open();
      await hooks.list.getByText('Aucun abonné.').waitFor();
      await expectNoAxeViolations(page, 'Webhooks, empty');

      const url = `${feedBase}/recepteur`;
      const secret = await hooks.create(url, { uncheck: ['Article modifié'] });
      expect(secret?.length ?? 0).toBeGreaterThanOrEqual(16);
      const { webhooks } = await (await api(ADMIN.email)).json('GET', '/api/admin/webhooks');
      expect(webhooks).toEqual([expect.objectContaining({ url, events: ['article.published', 'article.unpublished'] })]);
      expect(JSON.stringify(webhooks)).not.toContain(secret!);

      const log = await hooks.showDeliveries(url);
      await log.getByText('Aucune livraison.').waitFor();
      await expectNoAxeViolations(page, 'Webhooks, with a subscriber, its secret and its delivery log');

      // The editor has no such screen.
      const editorPage = await signedIn(EDITOR.email);
      expect(await new AppShell(editorPage).nav.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);

      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: `Supprimer l’abonné ${url}` }).click();
      await hooks.list.getByText('Aucun abonné.').waitFor();
    },
    JOURNEY_MS,
  );
});
