import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportArticles } from '../src/content/export.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { memoryBus } from '../src/bus/bus.ts';
import { createEntry, updateEntry } from '../src/live/entries.service.ts';
import { SYSTEM } from '../src/newsroom/roles.ts';
import { openStore } from '../src/store/db.ts';
import { LIVE_TOPIC, readAnnouncement, type LiveAnnouncement } from '../src/live/live-events.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { writeImportFolder } from './fixtures.ts';
import { cliEnv, depeche } from './cli-runner.ts';
import fs from 'node:fs/promises';
import path from 'node:path';
import { forEachDialect, makeArticle, startTestSite, waitFor, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';
const HOSTILE_TITLE = '<script>alert(1)</script> & "onmouseover=alert(2)';
const HOSTILE_TEXT = '"><img src=x onerror=alert(3)> </script><script>alert(4)</script>';

forEachDialect('live entries (Admin API)', (dialect) => {
  let site: TestSite;
  const clock = { now: new Date('2026-12-07T08:00:00Z') };
  let admin: AdminClient, editor: AdminClient, editor2: AdminClient, contributor: AdminClient, other: AdminClient;
  let imageId: number;
  const announced: LiveAnnouncement[] = [];

  const db = () => site.app.store.db;
  const tick = (ms = 1000) => (clock.now = new Date(clock.now.getTime() + ms));
  const draft = (o: Record<string, unknown> = {}) => {
    const a = makeArticle({ section: 'monde', ...o });
    delete a.status;
    delete a.publishedAt;
    return a;
  };
  /** A live article, published unless told otherwise. */
  const newLive = async (live: Record<string, unknown> = {}, publish = true) => {
    const { article } = await editor.json('POST', '/api/admin/articles', draft({ headline: 'Sommet de Port-Lune en direct', live: { startedAt: clock.now.toISOString(), ...live } }));
    if (!publish) return article;
    return (await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).article;
  };
  const post = (c: AdminClient, liveId: number, entry: Record<string, unknown>) => c.call('POST', `/api/admin/articles/${liveId}/entries`, entry);
  const para = (text: string) => [{ type: 'paragraph', text }];
  const events = (articleId: number) => db().selectFrom('live_events').selectAll().where('article_id', '=', articleId).orderBy('id').execute();
  const purges = () => db().selectFrom('cdn_purges').select('keys').orderBy('id').execute();
  const deliveries = async () => (await db().selectFrom('webhook_deliveries').select(['event', 'payload']).orderBy('id').execute()).map((d) => ({ event: d.event, payload: JSON.parse(d.payload) }));

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => clock.now);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    for (const [role, name] of [['editor', 'Eve'], ['editor', 'Emile'], ['contributor', 'Colette'], ['contributor', 'Otto']]) {
      await admin.json('POST', '/api/admin/users', { email: `${name.toLowerCase()}@example.org`, name, role, password: PASSWORD });
    }
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    editor2 = await adminClient(site.url).login('emile@example.org', PASSWORD);
    contributor = await adminClient(site.url).login('colette@example.org', PASSWORD);
    other = await adminClient(site.url).login('otto@example.org', PASSWORD);
    const { dir } = await writeImportFolder([]);
    await importArticles({ db: db(), media: site.app.media, config: site.config, now: () => clock.now }, [
      { name: 'seed.json', baseDir: dir, text: JSON.stringify(makeArticle({ section: 'monde', lead: { image: 'photos/lead.jpg', alt: 'Un port' } })) },
    ]);
    imageId = (await db().selectFrom('images').select('id').executeTakeFirstOrThrow()).id;
    site.app.bus.subscribe(LIVE_TOPIC, (payload) => {
      const a = readAnnouncement(payload);
      if (a) announced.push(a);
    });
  });
  afterAll(() => site.close());

  it('makes an article a live through the Admin API; GET gives live and never embeds entries', async () => {
    const live = await newLive({ openPosting: false });
    expect(live.live).toEqual({ startedAt: clock.now.toISOString(), endedAt: null, openPosting: false, push: false });
    expect(live).not.toHaveProperty('entries');
    const plain = (await editor.json('POST', '/api/admin/articles', draft())).article;
    expect(plain.live).toBeNull();
    // Entries have their own routes.
    const r = await editor.call('PUT', `/api/admin/articles/${live.id}`, { ...live, entries: [{ body: para('x') }] }, { headers: { 'if-match': `"${live.version}"` } });
    expect(r.status).toBe(422);
    expect((await r.json()).issues[0].field).toBe('entries');
    // A save that leaves live out keeps it; null makes it an ordinary article again.
    const { live: _l, ...withoutLive } = live;
    const kept = (await editor.json('PUT', `/api/admin/articles/${live.id}`, withoutLive, { headers: { 'if-match': `"${live.version}"` } })).article;
    expect(kept.live.startedAt).toBe(live.live.startedAt);
    const cleared = (await editor.json('PUT', `/api/admin/articles/${live.id}`, { ...kept, live: null }, { headers: { 'if-match': `"${kept.version}"` } })).article;
    expect(cleared.live).toBeNull();
    const r2 = await post(editor, live.id, { body: para('Rien.') });
    expect(r2.status).toBe(409);
    expect((await r2.json()).message).toMatch(/not a live/);
  });

  it('posts, lists, edits with the entry version and removes entries', async () => {
    const live = await newLive();
    const r = await post(editor, live.id, { title: 'Ouverture', body: [...para('Les délégations arrivent.'), { type: 'figure', image: imageId, alt: 'Le port' }], keyPoint: true });
    expect(r.status).toBe(201);
    expect(r.headers.get('etag')).toBe('"1"');
    const { entry } = await r.json();
    expect(entry).toMatchObject({
      articleId: live.id,
      status: 'published',
      postedAt: clock.now.toISOString(),
      title: 'Ouverture',
      author: 'Eve',
      source: null,
      pinned: false,
      keyPoint: true,
      correction: null,
      version: 1,
      articleDraftId: null,
      ingestItemId: null,
      updatedAt: null,
      postedBy: 'Eve',
    });
    expect(entry.body[1]).toEqual({ type: 'figure', image: imageId, alt: 'Le port' });
    // Each entry carries its public permalink, which readers open.
    expect(live.url).toMatch(/^https?:\/\/[^/]+\/fr\/monde\/[^/]+$/);
    expect(entry.url).toBe(`${live.url}/entree/${entry.id}`);
    const permalink = await fetch(site.url + new URL(entry.url).pathname);
    expect(permalink.status).toBe(200);
    expect(await permalink.text()).toContain(`id="entree-${entry.id}"`);
    tick();
    const second = (await (await post(editor, live.id, { body: para('Deuxième.'), pinned: true })).json()).entry;

    const list = await editor.json('GET', `/api/admin/articles/${live.id}/entries`);
    expect(list.entries.map((e: { id: number }) => e.id)).toEqual([second.id, entry.id]);
    expect(list.entries.map((e: { url: string }) => e.url)).toEqual([`${live.url}/entree/${second.id}`, entry.url]);
    expect(list.hasMore).toBe(false);
    const page1 = await editor.json('GET', `/api/admin/articles/${live.id}/entries?limit=1`);
    expect(page1).toMatchObject({ hasMore: true, entries: [{ id: second.id }] });
    const page2 = await editor.json('GET', `/api/admin/articles/${live.id}/entries?limit=1&before=${second.id}`);
    expect(page2).toMatchObject({ hasMore: false, entries: [{ id: entry.id }] });

    // What GET gave may be sent back as it is.
    tick();
    const put = await editor.call('PUT', `/api/admin/articles/${live.id}/entries/${entry.id}`, { ...entry, correction: 'Le nombre de délégations a été corrigé.' }, { headers: { 'if-match': '"1"' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"2"');
    const edited = (await put.json()).entry;
    expect(edited).toMatchObject({ version: 2, correction: 'Le nombre de délégations a été corrigé.', updatedAt: clock.now.toISOString(), postedAt: entry.postedAt, title: 'Ouverture' });
    expect((await editor.call('PUT', `/api/admin/articles/${live.id}/entries/${entry.id}`, edited)).status).toBe(428);

    expect((await editor.call('DELETE', `/api/admin/articles/${live.id}/entries/${second.id}`)).status).toBe(204);
    expect((await editor.call('GET', `/api/admin/articles/${live.id}/entries/${second.id}`)).status).toBe(404);
    expect((await editor.json('GET', `/api/admin/articles/${live.id}/entries`)).entries).toHaveLength(1);
    // An entry of another live is not found through this one.
    const otherLive = await newLive();
    expect((await editor.call('GET', `/api/admin/articles/${otherLive.id}/entries/${entry.id}`)).status).toBe(404);
  });

  it('pages through drafts and published entries together, newest first, and by status', async () => {
    const live = await newLive();
    const made: Array<{ id: number; status: string }> = [];
    for (let i = 0; i < 7; i++) {
      tick(i === 3 ? 0 : 1000); // two entries at the same second: the id decides
      const status = i % 3 === 1 ? 'draft' : 'published';
      made.push((await (await post(editor, live.id, { status, body: para(`Entrée ${i}`) })).json()).entry);
    }
    const newestFirst = made.map((e) => e.id).reverse();
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await editor.json('GET', `/api/admin/articles/${live.id}/entries?limit=2${before ? `&before=${before}` : ''}`);
      seen.push(...page.entries.map((e: { id: number }) => e.id));
      if (!page.hasMore) break;
      before = seen[seen.length - 1];
    }
    expect(seen).toEqual(newestFirst);
    const drafts = (await editor.json('GET', `/api/admin/articles/${live.id}/entries?status=draft`)).entries.map((e: { id: number }) => e.id);
    expect(drafts).toEqual(made.filter((e) => e.status === 'draft').map((e) => e.id).reverse());
    expect((await editor.call('GET', `/api/admin/articles/${live.id}/entries?status=maybe`)).status).toBe(422);
    expect((await editor.call('GET', `/api/admin/articles/${live.id}/entries?before=999999`)).status).toBe(422);
  });

  it('answers 422 naming the field of a bad entry', async () => {
    const live = await newLive();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ body: [] }, 'body'],
      [{ body: [{ type: 'figure', image: 'photos/x.jpg', alt: 'x' }] }, 'body[0].image'],
      [{ body: [{ type: 'figure', image: 999999, alt: 'x' }] }, 'body[0].image'],
      [{ body: [{ type: 'quote', text: 'Oui.', speaker: { name: '' } }] }, 'body[0].speaker.name'],
      [{ body: [{ type: 'paragraph', content: [{ text: 'lien', href: 'javascript:alert(1)' }] }] }, 'body[0].content[0].href'],
      [{ body: para('x'), status: 'maybe' }, 'status'],
      [{ body: para('x'), colour: 'red' }, 'colour'],
    ];
    for (const [input, field] of cases) {
      const r = await post(editor, live.id, input);
      expect(r.status, JSON.stringify(input)).toBe(422);
      expect((await r.json()).issues.map((i: { field: string }) => i.field)).toContain(field);
    }
  });

  it('lets contributors propose drafts, editors publish, and open posting let contributors publish', async () => {
    const live = await newLive();
    const refused = await post(contributor, live.id, { body: para('Je publie ?') });
    expect(refused.status).toBe(403);
    const { entry: d } = await (await post(contributor, live.id, { status: 'draft', body: para('Proposition de Colette.') })).json();
    expect(d).toMatchObject({ status: 'draft', author: 'Colette', postedBy: 'Colette' });
    // Colette edits her own draft; Otto may not; neither may publish it.
    const own = await contributor.call('PUT', `/api/admin/articles/${live.id}/entries/${d.id}`, { ...d, title: 'Titre' }, { headers: { 'if-match': '"1"' } });
    expect(own.status).toBe(200);
    expect((await other.call('PUT', `/api/admin/articles/${live.id}/entries/${d.id}`, { ...d }, { headers: { 'if-match': '"2"' } })).status).toBe(403);
    expect((await other.call('DELETE', `/api/admin/articles/${live.id}/entries/${d.id}`)).status).toBe(403);
    expect((await contributor.call('PUT', `/api/admin/articles/${live.id}/entries/${d.id}`, { ...d, status: 'published' }, { headers: { 'if-match': '"2"' } })).status).toBe(403);
    // An editor publishes it: its time becomes now, and readers' pages are told.
    tick(60_000);
    const published = (await editor.json('PUT', `/api/admin/articles/${live.id}/entries/${d.id}`, { status: 'published' , body: d.body, title: 'Titre', author: 'Colette' }, { headers: { 'if-match': '"2"' } })).entry;
    expect(published).toMatchObject({ status: 'published', postedAt: clock.now.toISOString(), author: 'Colette', postedBy: 'Colette' });
    expect((await events(live.id)).map((e) => [e.entry_id, e.kind])).toEqual([[d.id, 'published']]);
    // Published by an editor, Colette's entry is no longer hers to change in a closed live.
    expect((await contributor.call('PUT', `/api/admin/articles/${live.id}/entries/${d.id}`, published, { headers: { 'if-match': '"3"' } })).status).toBe(403);
    // Contributors never touch an editor's entry, and only editors end a live.
    const { entry: e } = await (await post(editor, live.id, { body: para('Entrée de la rédaction en chef.') })).json();
    expect((await contributor.call('PUT', `/api/admin/articles/${live.id}/entries/${e.id}`, e, { headers: { 'if-match': '"1"' } })).status).toBe(403);
    expect((await contributor.call('POST', `/api/admin/articles/${live.id}/live/end`)).status).toBe(403);

    // Open posting: contributors publish directly.
    const art = (await editor.json('GET', `/api/admin/articles/${live.id}`)).article;
    await editor.json('PUT', `/api/admin/articles/${live.id}`, { ...art, live: { ...art.live, openPosting: true } }, { headers: { 'if-match': `"${art.version}"` } });
    const direct = await post(contributor, live.id, { body: para('Depuis le terrain.') });
    expect(direct.status).toBe(201);
    const de = (await direct.json()).entry;
    expect(de.status).toBe('published');
    expect((await contributor.call('DELETE', `/api/admin/articles/${live.id}/entries/${de.id}`)).status).toBe(204);
  });

  it('never conflicts between reporters posting at once, and answers 412 with the current entry between two editors of one entry', async () => {
    const live = await newLive({ openPosting: true });
    const posts = await Promise.all(Array.from({ length: 12 }, (_, i) => post(i % 2 ? contributor : editor, live.id, { body: para(`Entrée ${i}`) })));
    expect(posts.map((r) => r.status)).toEqual(Array(12).fill(201));
    const ids = await Promise.all(posts.map(async (r) => (await r.json()).entry.id));
    expect(new Set(ids).size).toBe(12);
    expect((await editor.json('GET', `/api/admin/articles/${live.id}/entries?limit=200`)).entries).toHaveLength(12);
    expect(await events(live.id)).toHaveLength(12);

    const target = (await editor.json('GET', `/api/admin/articles/${live.id}/entries/${ids[0]}`)).entry;
    const [a, b] = await Promise.all([
      editor.call('PUT', `/api/admin/articles/${live.id}/entries/${target.id}`, { ...target, title: 'Version d’Eve' }, { headers: { 'if-match': '"1"' } }),
      editor2.call('PUT', `/api/admin/articles/${live.id}/entries/${target.id}`, { ...target, title: 'Version d’Émile' }, { headers: { 'if-match': '"1"' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    const winner = (await won.json()).entry;
    const body = await lost.json();
    expect(body.code).toBe('precondition_failed');
    expect(body.currentVersion).toBe(2);
    expect(body.current).toEqual(winner);
    // An edit of another entry of the live is unaffected by the version of this one.
    const neighbour = await editor2.call('PUT', `/api/admin/articles/${live.id}/entries/${ids[1]}`, { body: para('Corrigé.') }, { headers: { 'if-match': '"1"' } });
    expect(neighbour.status).toBe(200);
  });

  it('keeps hostile text as text in the API, the webhook payload and the export', async () => {
    const live = await newLive();
    await admin.json('POST', '/api/admin/webhooks', { url: 'https://hooks.example/live', events: ['live.entry.published'] });
    const { entry } = await (await post(editor, live.id, { title: HOSTILE_TITLE, author: HOSTILE_TITLE, body: [...para(HOSTILE_TEXT), { type: 'quote', text: HOSTILE_TEXT, speaker: { name: HOSTILE_TITLE } }] })).json();
    expect(entry.title).toBe(HOSTILE_TITLE);
    expect(entry.author).toBe(HOSTILE_TITLE);
    expect(entry.body[0].text).toBe(HOSTILE_TEXT);
    const got = (await editor.json('GET', `/api/admin/articles/${live.id}/entries/${entry.id}`)).entry;
    expect(got).toEqual(entry);
    const hook = (await deliveries()).find((d) => d.payload.entry?.id === entry.id)!;
    expect(hook.payload.entry.title).toBe(HOSTILE_TITLE);
    expect(hook.payload.entry.text).toContain(HOSTILE_TEXT);
    const { articles } = await exportArticles(db(), (_k, id) => id, { ids: [live.id] });
    expect(articles[0].entries![0]).toMatchObject({ title: HOSTILE_TITLE, author: HOSTILE_TITLE, body: [{ type: 'paragraph', text: HOSTILE_TEXT }, { type: 'quote' }] });
  });

  it('records who posted, edited and removed what in the audit log', async () => {
    const live = await newLive({ openPosting: true });
    const { entry } = await (await post(contributor, live.id, { body: para('Audit.') })).json();
    await editor.json('PUT', `/api/admin/articles/${live.id}/entries/${entry.id}`, { ...entry, title: 'Audité' }, { headers: { 'if-match': '"1"' } });
    await editor2.call('DELETE', `/api/admin/articles/${live.id}/entries/${entry.id}`);
    const log = (await admin.json('GET', `/api/admin/audit?subject=article:${live.id}`)).entries as Array<{ action: string; actor: string; details: string }>;
    const users = new Map((await db().selectFrom('users').select(['id', 'name']).execute()).map((u) => [u.name, u.id]));
    const rows = log
      .filter((l) => l.action.startsWith('live.entry.'))
      .reverse()
      .map((l) => [l.action, l.actor, JSON.parse(l.details).entryId]);
    expect(rows).toEqual([
      ['live.entry.create', `user:${users.get('Colette')}`, entry.id],
      ['live.entry.update', `user:${users.get('Eve')}`, entry.id],
      ['live.entry.delete', `user:${users.get('Emile')}`, entry.id],
    ]);
  });

  it('sends live.entry webhooks with the entry permalink, only for what readers of a public live see', async () => {
    await admin.json('POST', '/api/admin/webhooks', { url: 'https://hooks.example/all', events: ['live.entry.published', 'live.entry.updated', 'live.entry.deleted'] });
    const live = await newLive();
    await db().deleteFrom('webhook_deliveries').execute();
    const { entry } = await (await post(editor, live.id, { title: 'Accord', body: para('Un accord est signé.'), keyPoint: true })).json();
    await editor.json('PUT', `/api/admin/articles/${live.id}/entries/${entry.id}`, { ...entry, title: 'Accord signé' }, { headers: { 'if-match': '"1"' } });
    const { entry: d } = await (await post(editor, live.id, { status: 'draft', body: para('Brouillon.') })).json();
    await editor.json('PUT', `/api/admin/articles/${live.id}/entries/${d.id}`, { ...d, title: 'Toujours brouillon' }, { headers: { 'if-match': '"1"' } });
    await editor.call('DELETE', `/api/admin/articles/${live.id}/entries/${d.id}`);
    await editor.call('DELETE', `/api/admin/articles/${live.id}/entries/${entry.id}`);
    const got = (await deliveries()).filter((x) => x.payload.article?.id === live.id && x.payload.event.startsWith('live.'));
    const mine = got.filter((x, i) => got.findIndex((y) => y.event === x.event && y.payload.entry.title === x.payload.entry.title) === i);
    expect(mine.map((x) => x.event)).toEqual(['live.entry.published', 'live.entry.updated', 'live.entry.deleted']);
    const url = `https://news.example/fr/monde/${live.slug}/entree/${entry.id}`;
    expect(mine[0].payload).toMatchObject({
      event: 'live.entry.published',
      article: { id: live.id, url: `https://news.example/fr/monde/${live.slug}`, headline: live.headline },
      entry: { id: entry.id, url, title: 'Accord', author: 'Eve', keyPoint: true, pinned: false, text: 'Un accord est signé.', postedAt: entry.postedAt },
    });
    expect(mine[1].payload.entry.title).toBe('Accord signé');
    // A live readers do not see yet (a draft article) sends none.
    const hidden = await newLive({}, false);
    const before = (await deliveries()).length;
    expect((await post(editor, hidden.id, { body: para('En coulisses.') })).status).toBe(201);
    expect((await deliveries()).length).toBe(before);
  });

  it('purges only the live’s surrogate key, and a draft entry makes no live event, purge or announcement', async () => {
    const live = await newLive();
    await db().deleteFrom('cdn_purges').execute();
    const announcedBefore = announced.length;
    const { entry: d } = await (await post(editor, live.id, { status: 'draft', body: para('Pas encore.') })).json();
    await editor.json('PUT', `/api/admin/articles/${live.id}/entries/${d.id}`, { ...d, title: 'Toujours pas' }, { headers: { 'if-match': '"1"' } });
    expect(await events(live.id)).toEqual([]);
    expect(await purges()).toEqual([]);

    const { entry } = await (await post(editor, live.id, { body: para('Maintenant.') })).json();
    expect(await purges()).toEqual([{ keys: `a${live.id} miss` }]);
    const ev = await events(live.id);
    expect(ev.map((e) => [e.entry_id, e.kind])).toEqual([[entry.id, 'published']]);
    await waitFor('the announcement on the bus', () => announced.length > announcedBefore);
    expect(announced.slice(announcedBefore)).toEqual([{ articleId: live.id, eventId: ev[0].id }]);

    // Published made draft again: readers' pages lose it.
    const cur = (await editor.json('GET', `/api/admin/articles/${live.id}/entries/${entry.id}`)).entry;
    await editor.json('PUT', `/api/admin/articles/${live.id}/entries/${entry.id}`, { ...cur, status: 'draft' }, { headers: { 'if-match': '"1"' } });
    expect((await events(live.id)).map((e) => e.kind)).toEqual(['published', 'deleted']);
    expect(await purges()).toEqual([{ keys: `a${live.id} miss` }, { keys: `a${live.id} miss` }]);
  });

  it('queues a web push for a newly published key point of a live that sends them, and none otherwise', async () => {
    const jobs = () => db().selectFrom('push_jobs').selectAll().where('kind', '=', 'entry').orderBy('id').execute();
    await db().deleteFrom('push_jobs').execute();
    const quiet = await newLive();
    await post(editor, quiet.id, { body: para('Point clé discret.'), keyPoint: true });
    const live = await newLive({ push: true });
    await post(editor, live.id, { body: para('Pas un point clé.') });
    const { entry: d } = await (await post(editor, live.id, { status: 'draft', body: para('Brouillon clé.'), keyPoint: true })).json();
    expect(await jobs()).toEqual([]);
    const { entry } = await (await post(editor, live.id, { title: 'Cessez-le-feu', body: para('Les deux camps acceptent.'), keyPoint: true })).json();
    const [job] = await jobs();
    expect(job).toMatchObject({ kind: 'entry', edition: 'fr', status: 'pending' });
    expect(JSON.parse(job.payload)).toEqual({ title: live.headline, body: 'Cessez-le-feu', url: `https://news.example/fr/monde/${live.slug}/entree/${entry.id}`, tag: `live-${live.id}` });
    // Editing it again sends nothing more; publishing the key-point draft does.
    await editor.json('PUT', `/api/admin/articles/${live.id}/entries/${entry.id}`, { ...entry, title: 'Cessez-le-feu accepté' }, { headers: { 'if-match': '"1"' } });
    expect(await jobs()).toHaveLength(1);
    await editor.json('PUT', `/api/admin/articles/${live.id}/entries/${d.id}`, { ...d, status: 'published' }, { headers: { 'if-match': '"1"' } });
    expect(await jobs()).toHaveLength(2);
  });

  it('makes an entry of a wire item keeping its source, and an article draft of an entry', async () => {
    const live = await newLive();
    const running = (await contributor.json('GET', '/api/admin/lives?edition=fr')).lives;
    expect(running[0]).toEqual({ id: live.id, edition: 'fr', headline: live.headline, status: 'published', startedAt: live.live.startedAt });
    expect((await contributor.json('GET', '/api/admin/lives?edition=en')).lives).toEqual([]);
    const { source } = await editor.json('POST', '/api/admin/ingest/sources', { name: 'Agence Exemple', kind: 'ninjs', edition: 'fr', section: 'monde' });
    await editor.json('POST', `/api/admin/ingest/ninjs?source=${source.id}`, { uri: 'urn:exemple:1', headline: 'Flash : la séance reprend', body_text: 'La séance plénière reprend à 15 h.', version: '1' });
    const [item] = (await editor.json('GET', `/api/admin/ingest/items?source=${source.id}`)).items;
    const r = await editor.call('POST', `/api/admin/articles/${live.id}/entries/from-wire`, { itemId: item.id });
    expect(r.status).toBe(201);
    const { entry } = await r.json();
    expect(entry).toMatchObject({ status: 'published', title: 'Flash : la séance reprend', ingestItemId: item.id, author: null, source: { name: 'Agence Exemple' } });
    expect(JSON.stringify(entry.body)).toContain('La séance plénière reprend à 15 h.');
    expect((await editor.json('GET', `/api/admin/ingest/items?source=${source.id}`)).items[0].status).toBe('new');
    // A contributor's wire entry is a draft in a closed live.
    expect((await (await contributor.call('POST', `/api/admin/articles/${live.id}/entries/from-wire`, { itemId: item.id })).json()).entry.status).toBe('draft');
    expect((await editor.call('POST', `/api/admin/articles/${live.id}/entries/from-wire`, {})).status).toBe(422);

    const made = await editor.call('POST', `/api/admin/articles/${live.id}/entries/${entry.id}/article`);
    expect(made.status).toBe(201);
    const { article, entry: linked } = await made.json();
    expect(article).toMatchObject({ status: 'draft', edition: 'fr', section: 'monde', headline: 'Flash : la séance reprend', source: { name: 'Agence Exemple' }, live: null });
    expect(linked.articleDraftId).toBe(article.id);
    expect((await editor.json('GET', `/api/admin/articles/${live.id}/entries/${entry.id}`)).entry.articleDraftId).toBe(article.id);
    expect((await editor.call('POST', `/api/admin/articles/${live.id}/entries/${entry.id}/article`)).status).toBe(409);
  });

  it('ends a live in one call: endedAt set, a new version, entries kept', async () => {
    const live = await newLive();
    await post(editor, live.id, { body: para('Dernière entrée.') });
    tick(3_600_000);
    const [ev] = await events(live.id);
    const announcedBefore = announced.length;
    const r = await editor.call('POST', `/api/admin/articles/${live.id}/live/end`);
    await waitFor('the announcement of the end', () => announced.length > announcedBefore);
    expect(announced.slice(announcedBefore)).toEqual([{ articleId: live.id, eventId: ev.id }]);
    expect(r.status).toBe(200);
    const { article } = await r.json();
    expect(article.live).toMatchObject({ startedAt: live.live.startedAt, endedAt: clock.now.toISOString() });
    expect(article.version).toBe(live.version + 1);
    expect((await editor.json('GET', '/api/admin/lives')).lives.map((l: { id: number }) => l.id)).not.toContain(live.id);
    expect(r.headers.get('etag')).toBe(`"${article.version}"`);
    // An editor who held the article as it was gets 412 rather than reopening the live.
    expect((await editor.call('PUT', `/api/admin/articles/${live.id}`, live, { headers: { 'if-match': `"${live.version}"` } })).status).toBe(412);
    expect((await editor.json('GET', `/api/admin/articles/${live.id}/entries`)).entries).toHaveLength(1);
    // Deleting the article takes its entries and their events with it.
    expect((await editor.call('DELETE', `/api/admin/articles/${live.id}`)).status).toBe(204);
    expect(await db().selectFrom('live_entries').select('id').where('article_id', '=', live.id).execute()).toEqual([]);
    expect(await events(live.id)).toEqual([]);
  });

  it('round-trips a live and its entries through import and export', async () => {
    const { dir } = await writeImportFolder([]);
    const slug = `direct-import-${dialect}`;
    const source = makeArticle({
      slug,
      section: 'monde',
      headline: 'Tempête sur la côte : le direct',
      live: { startedAt: '2026-12-06T06:00:00Z', endedAt: '2026-12-06T22:00:00Z', openPosting: true, push: false },
      entries: [
        { postedAt: '2026-12-06T06:05:00Z', title: 'Début', author: 'Nadia Ferrand', body: [{ type: 'paragraph', text: 'Les vents forcissent.' }], keyPoint: true },
        { postedAt: '2026-12-06T07:00:00Z', source: { name: 'Agence Exemple', url: 'https://example.org/flash/9' }, body: [{ type: 'figure', image: 'photos/lead.jpg', alt: 'La digue' }], pinned: true },
        { status: 'draft', postedAt: '2026-12-06T08:00:00Z', title: HOSTILE_TITLE, body: [{ type: 'paragraph', text: HOSTILE_TEXT }], correction: 'Heure corrigée.' },
      ],
    });
    const [imported] = await importArticles({ db: db(), media: site.app.media, config: site.config, now: () => clock.now }, [{ name: 'live.json', baseDir: dir, text: JSON.stringify(source) }]);
    const api = (await editor.json('GET', `/api/admin/articles/${imported.id}`)).article;
    expect(api.live).toEqual({ startedAt: '2026-12-06T06:00:00.000Z', endedAt: '2026-12-06T22:00:00.000Z', openPosting: true, push: false });
    const listed = (await editor.json('GET', `/api/admin/articles/${imported.id}/entries`)).entries;
    expect(listed.map((e: { status: string }) => e.status)).toEqual(['draft', 'published', 'published']);

    const first = await exportArticles(db(), (key) => `media/${key}`, { ids: [imported.id] });
    const out = first.articles[0];
    expect(out.live).toEqual(api.live);
    const strip = (es: any[]) => es.map(({ id: _id, ...e }) => e);
    expect(strip(out.entries!)).toEqual([
      { status: 'published', postedAt: '2026-12-06T06:05:00.000Z', title: 'Début', author: 'Nadia Ferrand', body: [{ type: 'paragraph', text: 'Les vents forcissent.' }], keyPoint: true },
      { status: 'published', postedAt: '2026-12-06T07:00:00.000Z', source: { name: 'Agence Exemple', url: 'https://example.org/flash/9' }, body: [{ type: 'figure', image: expect.stringMatching(/^media\//), alt: 'La digue' }], pinned: true },
      { status: 'draft', postedAt: '2026-12-06T08:00:00.000Z', title: HOSTILE_TITLE, body: [{ type: 'paragraph', text: HOSTILE_TEXT }], correction: 'Heure corrigée.' },
    ]);
    // Read back by the import (by media id, as the export names pictures for the API), it is the same live.
    const again = (await exportArticles(db(), (_key, id) => id, { ids: [imported.id] })).articles[0];
    const [copy] = await importArticles({ db: db(), media: site.app.media, config: site.config, now: () => clock.now }, [{ name: 'again.json', baseDir: dir, text: JSON.stringify({ ...again, slug: `${slug}-copie` }) }]);
    const back = (await exportArticles(db(), (key) => `media/${key}`, { ids: [copy.id] })).articles[0];
    expect(back.live).toEqual(out.live);
    expect(strip(back.entries!)).toEqual(strip(out.entries!));
  });

  it('reads a live with its entries through `depeche import` and writes it back with `depeche export`', async () => {
    const { dir } = await writeImportFolder([]);
    const file = path.join(dir, 'direct.json');
    const slug = `direct-cli-${dialect}`;
    await fs.writeFile(
      file,
      JSON.stringify(
        makeArticle({
          slug,
          section: 'monde',
          live: { startedAt: '2026-12-05T18:00:00Z', endedAt: null, push: true },
          entries: [
            { postedAt: '2026-12-05T18:01:00Z', author: 'Nadia Ferrand', body: [{ type: 'paragraph', text: 'Les bureaux de vote ferment.' }], keyPoint: true },
            { postedAt: '2026-12-05T18:30:00Z', title: HOSTILE_TITLE, body: [{ type: 'figure', image: 'photos/small.png', alt: 'Urne' }], pinned: true },
          ],
        }),
      ),
    );
    const env = cliEnv(site.dataDir, site.config.database);
    const imported = await depeche(env, ['import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    const exported = await depeche(env, ['export']);
    expect(exported.code, exported.stderr).toBe(0);
    const live = (JSON.parse(exported.stdout) as any[]).find((a) => a.slug === slug);
    expect(live.live).toEqual({ startedAt: '2026-12-05T18:00:00.000Z', endedAt: null, openPosting: false, push: true });
    expect(live.entries.map(({ id: _id, ...e }: any) => e)).toEqual([
      { status: 'published', postedAt: '2026-12-05T18:01:00.000Z', author: 'Nadia Ferrand', body: [{ type: 'paragraph', text: 'Les bureaux de vote ferment.' }], keyPoint: true },
      { status: 'published', postedAt: '2026-12-05T18:30:00.000Z', title: HOSTILE_TITLE, body: [{ type: 'figure', image: expect.stringMatching(/\.png$/), alt: 'Urne' }], pinned: true },
    ]);
    // The figure names the picture's file, which exists.
    await fs.access(live.entries[1].body[0].image);
  }, 60_000);

  it('costs the same statements to post into a live of 3 entries as into one of 3,000', async () => {
    const { dir } = await writeImportFolder([]);
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ postedAt: new Date(Date.UTC(2026, 11, 6, 6) + i * 1000).toISOString(), body: [{ type: 'paragraph', text: `Entrée ${i}` }], keyPoint: i % 10 === 0 }));
    const lives = await importArticles({ db: db(), media: site.app.media, config: site.config, now: () => clock.now }, [
      { name: 'small.json', baseDir: dir, text: JSON.stringify(makeArticle({ section: 'monde', live: { startedAt: '2026-12-06T06:00:00Z', push: true }, entries: entries(3) })) },
      { name: 'long.json', baseDir: dir, text: JSON.stringify(makeArticle({ section: 'monde', live: { startedAt: '2026-12-06T06:00:00Z', push: true }, entries: entries(3000) })) },
    ]);
    // A store of its own: its counter sees only these writes, not the site's background reads.
    const store = openStore(site.config.database);
    try {
      const deps = { db: store.db, now: () => clock.now, config: site.config, bus: memoryBus({ error() {} }) };
      const cost = async (liveId: number) => {
        const start = store.queries.count;
        const e = await createEntry(deps, liveId, { title: 'Mesure', body: para('Une entrée.'), keyPoint: true }, SYSTEM);
        const posted = store.queries.count - start;
        const before = store.queries.count;
        await updateEntry(deps, liveId, e.id, { body: para('Corrigée.'), keyPoint: true }, '"1"', SYSTEM);
        return [posted, store.queries.count - before];
      };
      const small = await cost(lives[0].id);
      const long = await cost(lives[1].id);
      expect(long).toEqual(small);
      expect(small[0]).toBeLessThan(20);
    } finally {
      await store.close();
    }
  });
});
