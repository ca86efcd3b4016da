import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pollDue, pollSource } from '../src/ingest/poller.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, startTestSite, type TestSite } from './harness.ts';
import { cliEnv, depeche } from './cli-runner.ts';

const PASSWORD = 'correct horse battery';

interface Served {
  status?: number;
  body: string | Buffer;
  type?: string;
  etag?: string;
  /** Send the headers, then never finish the body. */
  hang?: boolean;
}

/** A wire feed server on loopback: serves what a test sets per path, honours If-None-Match, records headers. */
async function startFeeds() {
  const f = {
    routes: new Map<string, Served>(),
    seen: [] as Array<{ path: string; headers: http.IncomingHttpHeaders }>,
    url: (p: string) => `${base}${p}`,
    server: undefined as unknown as http.Server,
  };
  let base = '';
  f.server = http.createServer((req, res) => {
    f.seen.push({ path: req.url ?? '', headers: req.headers });
    const r = f.routes.get(req.url ?? '');
    if (!r) return res.writeHead(404).end();
    if (r.etag && req.headers['if-none-match'] === r.etag) return res.writeHead(304, { etag: r.etag }).end();
    res.writeHead(r.status ?? 200, { 'content-type': r.type ?? 'application/rss+xml; charset=utf-8', ...(r.etag ? { etag: r.etag } : {}) });
    if (r.hang) return res.write(String(r.body).slice(0, 10));
    res.end(r.body);
  });
  await new Promise<void>((resolve) => f.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(f.server.address() as { port: number }).port}`;
  return f;
}

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Agence</title><link>https://agence.example/</link>${items}</channel></rss>`;

const RSS_ITEMS = `
<item><title>Séisme au large du Japon</title><link>https://agence.example/depeches/seisme</link><guid>urn:agence:1</guid>
  <pubDate>Tue, 24 Nov 2026 08:15:00 +0000</pubDate><description><![CDATA[<p>Un séisme de <b>magnitude 6</b> a frappé.</p><script>alert(1)</script>]]></description></item>
<item><title>&lt;script&gt;alert('x')&lt;/script&gt;Élections régionales</title><link>javascript:alert(1)</link><guid>urn:agence:2</guid>
  <pubDate>pas une date</pubDate><description>Les bureaux ferment à 20 heures.</description></item>
<item><title>Lien relatif</title><link>/depeches/relatif</link><pubDate>Tue, 24 Nov 2026 09:00:00 +0000</pubDate><description>Texte.</description></item>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2026-11-24T10:00:00Z</updated>
<entry><id>urn:wire:a1</id><title type="html">La &lt;em&gt;COP&lt;/em&gt; s'achève</title><link rel="alternate" href="https://wire.example/cop"/>
  <published>2026-11-24T07:00:00Z</published><updated>2026-11-24T09:00:00Z</updated>
  <content type="html">&lt;p&gt;Les négociations se terminent.&lt;/p&gt;</content></entry>
<entry><id>urn:wire:a2</id><title>Deuxième</title><link href="https://wire.example/2"/><updated>2026-11-24T06:00:00Z</updated><summary>Résumé.</summary></entry>
</feed>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><item><title>&lol3;</title><guid>lol</guid></item></channel></rss>`;

const XXE = `<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title><guid>xxe</guid></item></channel></rss>`;


forEachDialect('wire ingest', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-11-25T10:00:00Z');
  let admin: AdminClient, editor: AdminClient, contributor: AdminClient;
  let feeds: Awaited<ReturnType<typeof startFeeds>>;
  const warnings: object[] = [];
  const log = { info() {}, error() {}, warn: (o: object) => void warnings.push(o) };
  const deps = () => ({ db: site.app.store.db, now: () => clock, log, ingestDir: site.config.ingestDir });

  const addSource = async (body: Record<string, unknown>) => (await editor.json('POST', '/api/admin/ingest/sources', { edition: 'fr', section: 'monde', ...body })).source;
  const items = async (sourceId: number, status = 'new') => (await contributor.json('GET', `/api/admin/ingest/items?status=${status}&source=${sourceId}`)).items as any[];

  beforeAll(async () => {
    feeds = await startFeeds();
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 }, () => clock);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'eve@example.org', name: 'Eve', role: 'editor', password: PASSWORD });
    await admin.json('POST', '/api/admin/users', { email: 'carl@example.org', name: 'Carl', role: 'contributor', password: PASSWORD });
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    contributor = await adminClient(site.url).login('carl@example.org', PASSWORD);
  });
  afterAll(async () => {
    await site?.close();
    feeds.server.closeAllConnections();
    await new Promise((resolve) => feeds.server.close(resolve));
  });

  it('keeps sources to editors and answers 422 naming a bad url and kind', async () => {
    expect((await contributor.call('POST', '/api/admin/ingest/sources', { name: 'x', kind: 'rss', url: feeds.url('/x'), edition: 'fr', section: 'monde' })).status).toBe(403);
    expect((await contributor.call('GET', '/api/admin/ingest/sources')).status).toBe(403);
    const r = await editor.call('POST', '/api/admin/ingest/sources', { name: 'x', kind: 'gopher', url: 'ftp://x.example/', edition: 'fr', section: 'monde' });
    expect(r.status).toBe(422);
    const fields = (await r.json()).issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'url']));
  });

  it('fills the queue from an RSS feed, then sends If-None-Match and takes a 304 as nothing new', async () => {
    feeds.routes.set('/rss', { body: rss(RSS_ITEMS), etag: '"v1"' });
    const s = await addSource({ name: 'Agence Test', kind: 'rss', url: feeds.url('/rss') });
    const first = await pollSource(deps(), s.id);
    expect(first).toMatchObject({ ok: true, added: 3, duplicates: 0, notModified: false });
    const queued = await items(s.id);
    expect(queued.map((i) => i.guid).sort()).toEqual(['urn:agence:1', 'urn:agence:2', expect.stringMatching(/^sha256:/)].sort());

    const second = await pollSource(deps(), s.id);
    expect(second).toMatchObject({ ok: true, notModified: true, added: 0 });
    const last = feeds.seen.filter((x) => x.path === '/rss').at(-1)!;
    expect(last.headers['if-none-match']).toBe('"v1"');
    expect(await items(s.id)).toHaveLength(3);
  });

  it('recognises duplicates when the feed changes but repeats items', async () => {
    feeds.routes.set('/dup', { body: rss(RSS_ITEMS), etag: '"a"' });
    const s = await addSource({ name: 'Dup', kind: 'rss', url: feeds.url('/dup') });
    await pollSource(deps(), s.id);
    feeds.routes.set('/dup', {
      body: rss(RSS_ITEMS + '<item><title>Nouvelle</title><guid>urn:agence:9</guid><pubDate>Wed, 25 Nov 2026 08:00:00 +0000</pubDate></item>'),
      etag: '"b"',
    });
    expect(await pollSource(deps(), s.id)).toMatchObject({ ok: true, added: 1, duplicates: 3 });
  });

  it('neutralises hostile items: a script in a title stays plain text, javascript: and relative links are dropped, a broken date becomes the fetch time', async () => {
    const s = (await editor.json('GET', '/api/admin/ingest/sources')).sources.find((x: { name: string }) => x.name === 'Agence Test');
    const queued = await items(s.id);
    const hostile = queued.find((i) => i.guid === 'urn:agence:2');
    expect(hostile.title).toBe('Élections régionales');
    expect(hostile.title).not.toMatch(/[<>]/);
    expect(hostile.link).toBeNull();
    expect(hostile.payload.source).toEqual({ name: 'Agence Test' });
    expect(hostile.publishedAt).toBe('2026-11-25T10:00:00Z');
    expect(queued.find((i) => i.title === 'Lien relatif').link).toBeNull();
    const quake = queued.find((i) => i.guid === 'urn:agence:1');
    expect(JSON.stringify(quake.payload.body)).not.toMatch(/script|alert/);
    expect(quake.payload.body[0]).toMatchObject({ type: 'paragraph' });
  });

  it('refuses a billion-laughs and an external-entity document without expanding anything', async () => {
    feeds.routes.set('/lol', { body: BILLION_LAUGHS });
    feeds.routes.set('/xxe', { body: XXE });
    const lol = await addSource({ name: 'Lol', kind: 'rss', url: feeds.url('/lol') });
    const xxe = await addSource({ name: 'Xxe', kind: 'rss', url: feeds.url('/xxe') });
    warnings.length = 0;
    const a = await pollSource(deps(), lol.id);
    const b = await pollSource(deps(), xxe.id);
    expect(a).toMatchObject({ ok: false, error: expect.stringMatching(/DOCTYPE/) });
    expect(b).toMatchObject({ ok: false, error: expect.stringMatching(/DOCTYPE/) });
    expect(warnings).toHaveLength(2);
    expect(await items(lol.id)).toEqual([]);
    expect(await items(xxe.id)).toEqual([]);
  });

  it('fills the queue from an Atom feed, with html titles as text and original times', async () => {
    feeds.routes.set('/atom', { body: ATOM, type: 'application/atom+xml' });
    const s = await addSource({ name: 'Wire', kind: 'atom', url: feeds.url('/atom') });
    expect(await pollSource(deps(), s.id)).toMatchObject({ ok: true, added: 2 });
    const queued = await items(s.id);
    const cop = queued.find((i) => i.guid === 'urn:wire:a1');
    expect(cop).toMatchObject({ title: "La COP s'achève", link: 'https://wire.example/cop', publishedAt: '2026-11-24T07:00:00Z', updatedAt: '2026-11-24T09:00:00Z' });
    expect(cop.payload.body).toEqual([{ type: 'paragraph', text: 'Les négociations se terminent.' }]);
    expect(queued.find((i) => i.guid === 'urn:wire:a2').publishedAt).toBe('2026-11-24T06:00:00Z');
  });

  it('decodes a feed in its declared encoding and replaces invalid bytes', async () => {
    const latin1 = Buffer.from(rss('<item><title>Café à Noël</title><guid>l1</guid></item>').replace('UTF-8', 'ISO-8859-1'), 'latin1');
    feeds.routes.set('/latin1', { body: Buffer.concat([latin1.subarray(0, -20), latin1.subarray(-20)]), type: 'application/rss+xml' });
    const s = await addSource({ name: 'Latin', kind: 'rss', url: feeds.url('/latin1') });
    await pollSource(deps(), s.id);
    expect((await items(s.id))[0].title).toBe('Café à Noël');
  });

  it('refuses a feed larger than the limit and one that never finishes, queueing nothing and backing off', async () => {
    feeds.routes.set('/huge', { body: Buffer.from(rss(RSS_ITEMS + `<item><title>${'x'.repeat(8000)}</title><guid>big</guid></item>`)) });
    feeds.routes.set('/slow', { body: Buffer.from(rss(RSS_ITEMS)), hang: true });
    const huge = await addSource({ name: 'Huge', kind: 'rss', url: feeds.url('/huge') });
    const slow = await addSource({ name: 'Slow', kind: 'rss', url: feeds.url('/slow') });
    expect(await pollSource(deps(), huge.id, { maxBytes: 4096 })).toMatchObject({ ok: false, error: 'larger than 4096 bytes' });
    expect(await pollSource(deps(), slow.id, { timeoutMs: 300 })).toMatchObject({ ok: false, error: expect.stringMatching(/^no (complete )?answer within 0.3 s$/) });
    for (const s of [huge, slow]) {
      expect(await items(s.id)).toEqual([]);
      const src = (await editor.json('GET', '/api/admin/ingest/sources')).sources.find((x: { id: number }) => x.id === s.id);
      expect(src.failures).toBe(1);
    }
  });

  it('gives a due source to one of two processes polling at the same moment', async () => {
    feeds.routes.set('/race', { body: rss(RSS_ITEMS), etag: '"race"' });
    const s = await addSource({ name: 'Race', kind: 'rss', url: feeds.url('/race') });
    const fetched = () => feeds.seen.filter((x) => x.path === '/race').length;
    const [a, b] = await Promise.all([pollDue(deps()), pollDue(deps())]);
    expect(fetched()).toBe(1);
    expect([...a, ...b].filter((r) => r.sourceId === s.id)).toEqual([expect.objectContaining({ ok: true, added: 3 })]);
    // Polled, it waits for its next turn.
    expect((await pollDue(deps())).some((r) => r.sourceId === s.id)).toBe(false);
  });

  it('backs off a failing source: next_poll_at grows with each failure, and pollDue skips it meanwhile', async () => {
    feeds.routes.set('/down', { status: 500, body: 'oops' });
    const s = await addSource({ name: 'Down', kind: 'rss', url: feeds.url('/down') });
    const waits: number[] = [];
    for (let n = 0; n < 3; n++) {
      expect(await pollSource(deps(), s.id)).toMatchObject({ ok: false, error: 'HTTP 500' });
      const src = (await editor.json('GET', '/api/admin/ingest/sources')).sources.find((x: { id: number }) => x.id === s.id);
      expect(src.failures).toBe(n + 1);
      waits.push(Date.parse(src.nextPollAt) - clock.getTime());
    }
    expect(waits[1]).toBeGreaterThan(waits[0]);
    expect(waits[2]).toBeGreaterThan(waits[1]);
  });

  it('queues POSTed ninjs into a ninjs source, recognising a repeated guid', async () => {
    const s = await addSource({ name: 'AFP ninjs', kind: 'ninjs' });
    const doc = [
      { uri: 'https://afp.example/n/1', guid: 'n1', headline: 'Dépêche ninjs', body_text: 'Un paragraphe.', firstcreated: '2026-11-23T05:00:00Z', version: '1' },
      { guid: 'n2', headlines: [{ value: 'Deuxième ninjs' }], bodies: [{ value: '<p>Corps</p>', contenttype: 'text/html' }], versioncreated: '2026-11-23T06:00:00Z' },
    ];
    expect((await contributor.call('POST', `/api/admin/ingest/ninjs?source=${s.id}`, doc)).status).toBe(403);
    expect(await editor.json('POST', `/api/admin/ingest/ninjs?source=${s.id}`, doc)).toEqual({ added: 2, duplicates: 0 });
    expect(await editor.json('POST', `/api/admin/ingest/ninjs?source=${s.id}`, doc[0])).toEqual({ added: 0, duplicates: 1 });
    const first = (await items(s.id)).find((i) => i.guid === 'n1');
    expect(first.payload).toMatchObject({ headline: 'Dépêche ninjs', source: { name: 'AFP ninjs', url: 'https://afp.example/n/1' }, publishedAt: '2026-11-23T05:00:00Z', section: 'monde' });
    // An item nested thousands of levels deep is refused with 422, not a crash of the converter.
    const n = 5000;
    const deep = '{"guid":"deep","headline":"Profond","associations":{"a":' + '{"associations":{"a":'.repeat(n) + '{}' + '}}'.repeat(n) + '}}';
    const refused = await fetch(`${site.url}/api/admin/ingest/ninjs?source=${s.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: editor.cookie!, 'x-csrf-token': editor.csrf! },
      body: deep,
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('nested more than 32 levels deep');
    expect((await items(s.id)).some((i) => i.guid === 'deep')).toBe(false);
  });

  it('adopts an item as a draft keeping its source and time, 409 the second time; published, the page shows SOURCE :', async () => {
    const s = (await editor.json('GET', '/api/admin/ingest/sources')).sources.find((x: { name: string }) => x.name === 'Agence Test');
    const quake = (await items(s.id)).find((i) => i.guid === 'urn:agence:1');
    const r = await contributor.call('POST', `/api/admin/ingest/items/${quake.id}/adopt`);
    expect(r.status).toBe(201);
    const { article, item } = await r.json();
    expect(item).toMatchObject({ status: 'adopted', adoptedArticleId: article.id });
    expect(article).toMatchObject({ status: 'draft', source: { name: 'Agence Test', url: 'https://agence.example/depeches/seisme' }, section: 'monde' });
    expect(Date.parse(article.publishedAt)).toBe(Date.parse('2026-11-24T08:15:00Z'));
    expect((await contributor.call('POST', `/api/admin/ingest/items/${quake.id}/adopt`)).status).toBe(409);
    expect((await contributor.call('POST', `/api/admin/ingest/items/${quake.id}/dismiss`)).status).toBe(409);
    expect((await items(s.id)).map((i) => i.id)).not.toContain(quake.id);

    const published = (await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).article;
    expect(Date.parse(published.publishedAt)).toBe(Date.parse('2026-11-24T08:15:00Z'));
    await site.app.site.refresh();
    const page = await fetch(`${site.url}/fr/monde/${article.slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The French typography puts a narrow no-break space before the colon.
    expect(html).toMatch(/<p class="source">SOURCE[\s\u00a0\u202f]:\s*<a href="https:\/\/agence\.example\/depeches\/seisme" rel="noopener">Agence Test<\/a><\/p>/);
  });

  it('dismisses an item', async () => {
    const s = (await editor.json('GET', '/api/admin/ingest/sources')).sources.find((x: { name: string }) => x.name === 'Wire');
    const [first] = await items(s.id);
    expect((await contributor.json('POST', `/api/admin/ingest/items/${first.id}/dismiss`)).item.status).toBe('dismissed');
    expect((await items(s.id, 'dismissed')).map((i) => i.id)).toEqual([first.id]);
  });

  it('`depeche ingest poll` polls every source once and prints one line per source', async () => {
    const r = await depeche(cliEnv(site.dataDir, site.config.database), ['ingest', 'poll']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Agence Test: 0 new, 0 duplicates/m);
    expect(r.stdout).toMatch(/^Dup: 0 new, 0 duplicates \(not modified\)$/m);
    expect(r.stdout).toMatch(/^Wire: 0 new, 2 duplicates$/m);
    expect(r.stdout).toMatch(/^Down: error: HTTP 500$/m);
    expect(r.stdout).toMatch(/^Lol: error: .*DOCTYPE/m);
    // A ninjs source without a URL is polled too: its drop folder, empty here.
    expect(r.stdout).toMatch(/^AFP ninjs: 0 new, 0 duplicates$/m);
    expect(r.code).toBe(1);
  });
});
