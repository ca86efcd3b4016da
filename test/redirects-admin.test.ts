import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('managing redirects from the Admin API', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-11-25T10:00:00Z');
  let admin: AdminClient, editor: AdminClient, author: AdminClient, contributor: AdminClient;
  let jetty: { id: number; path: string; slug: string }, harbour: { id: number; path: string }, draft: { id: number };

  const get = (path: string) => fetch(site.url + path, { redirect: 'manual' });
  const tick = () => (clock = new Date(clock.getTime() + 60_000));
  const fields = async (r: Response) => ((await r.json()).issues as Array<{ field: string; message: string }>).map((i) => i.field);
  const newArticle = async (overrides: Record<string, unknown>, publish: boolean) => {
    const a = makeArticle({ section: 'monde', ...overrides });
    delete a.status;
    delete a.publishedAt;
    const { article } = await editor.json('POST', '/api/admin/articles', a);
    if (!publish) return article;
    return (await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).article;
  };
  const auditOf = async (articleId: number) =>
    ((await editor.json('GET', `/api/admin/audit?subject=article:${articleId}`)).entries as Array<{ action: string; details: string | null }>)
      .filter((e) => e.action.startsWith('redirect.'))
      .map((e) => ({ action: e.action, details: JSON.parse(e.details ?? 'null') }));

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 }, () => clock);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    for (const [email, role] of [
      ['eve@example.org', 'editor'],
      ['abel@example.org', 'author'],
      ['carl@example.org', 'contributor'],
    ]) {
      await admin.json('POST', '/api/admin/users', { email, name: email.split('@')[0], role, password: PASSWORD });
    }
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    author = await adminClient(site.url).login('abel@example.org', PASSWORD);
    contributor = await adminClient(site.url).login('carl@example.org', PASSWORD);
    jetty = await newArticle({ headline: 'La jetée rouvre' }, true);
    harbour = await newArticle({ headline: 'Le port s’agrandit' }, true);
    draft = await newArticle({ headline: 'Brouillon pas encore publié' }, false);
  });
  afterAll(() => site?.close());

  it('keeps redirects to editors and admins: contributors and authors get 403', async () => {
    for (const who of [contributor, author]) {
      expect((await who.call('GET', '/api/admin/redirects')).status).toBe(403);
      expect((await who.call('POST', '/api/admin/redirects', { from: '/2019/role-check', articleId: jetty.id })).status).toBe(403);
      expect((await who.call('DELETE', '/api/admin/redirects?path=/2019/role-check')).status).toBe(403);
    }
    expect((await adminClient(site.url).call('GET', '/api/admin/redirects')).status).toBe(401);
    expect((await admin.call('GET', '/api/admin/redirects')).status).toBe(200);
    expect((await editor.call('GET', '/api/admin/redirects')).status).toBe(200);
  });

  it('stores a former address given as a full URL, and the site answers it with a 301 to the article', async () => {
    tick();
    const r = await editor.call('POST', '/api/admin/redirects', { from: 'https://ancien.example/2019/03/12/la-jetee/?utm_source=lettre', articleId: jetty.id });
    expect(r.status, await r.clone().text()).toBe(201);
    const { redirect } = await r.json();
    expect(redirect).toMatchObject({ path: '/2019/03/12/la-jetee', articleId: jetty.id, edition: 'fr', headline: 'La jetée rouvre', articlePath: jetty.path, live: true });
    const old = await get('/2019/03/12/la-jetee/');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe(jetty.path);
  });

  it('drops a cached 404 page of the address once the redirect is stored', async () => {
    const old = '/fr/ancienne-rubrique/la-jetee';
    // Earlier writes are taken in first, so that nothing but the redirect empties the cache below.
    await site.app.site.refresh();
    expect((await get(old)).status).toBe(404);
    expect(site.app.cache.get(old)?.status, 'the 404 page is cached').toBe(404);
    tick();
    await editor.json('POST', '/api/admin/redirects', { from: old, articleId: jetty.id });
    // What the content-version poll does in every process.
    await site.app.site.refresh();
    const r = await get(old);
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe(jetty.path);
  });

  it('lists redirects newest first with the article, and filters on the address', async () => {
    tick();
    await editor.json('POST', '/api/admin/redirects', { from: '/?p=4512', articleId: draft.id });
    const all = await editor.json('GET', '/api/admin/redirects');
    expect(all.redirects.map((x: { path: string }) => x.path)).toEqual(['/?p=4512', '/fr/ancienne-rubrique/la-jetee', '/2019/03/12/la-jetee']);
    expect(all).toMatchObject({ page: 1, total: 3, hasMore: false });
    // A redirect to a draft is kept but answers nothing until the article is published.
    expect(all.redirects[0]).toMatchObject({ articleId: draft.id, headline: 'Brouillon pas encore publié', status: 'draft', live: false });
    expect((await get('/?p=4512')).status).toBe(404);

    const found = await editor.json('GET', `/api/admin/redirects?q=${encodeURIComponent('2019/03')}`);
    expect(found.redirects.map((x: { path: string }) => x.path)).toEqual(['/2019/03/12/la-jetee']);
    expect(found.total).toBe(1);
    const byUrl = await editor.json('GET', `/api/admin/redirects?q=${encodeURIComponent('https://ancien.example/?p=4512')}`);
    expect(byUrl.redirects.map((x: { path: string }) => x.path)).toEqual(['/?p=4512']);
    // `_` is a character to find, not a wildcard.
    expect((await editor.json('GET', '/api/admin/redirects?q=la_jetee')).redirects).toEqual([]);
    expect((await editor.call('GET', '/api/admin/redirects?page=0')).status).toBe(422);
  });

  it('answers 422 naming from for an empty, unusable or home page address', async () => {
    for (const from of [undefined, '  ', 'javascript:alert(1)', '/', 'https://ancien.example/', '/?utm_source=lettre', '/?s=recherche']) {
      const r = await editor.call('POST', '/api/admin/redirects', { from, articleId: jetty.id });
      expect(r.status, String(from)).toBe(422);
      expect(await fields(r), String(from)).toEqual(['from']);
    }
  });

  it('answers 422 naming from for an address of the site’s own pages, saying the redirect would never be used', async () => {
    const own = ['/fr', '/fr/', '/fr/monde/', jetty.path, `${jetty.path}?utm_source=x`, '/admin/articles', '/api/content/articles', '/media/x.jpg', '/fr/sujet/port', '/fr/auteur/ana', '/fr/personne/luc/', '/sitemaps/fr-2026-11.xml', '/robots.txt', '/oembed?url=x', '/fr/monde/feed.atom'];
    for (const from of own) {
      const r = await editor.call('POST', '/api/admin/redirects', { from, articleId: harbour.id });
      expect(r.status, from).toBe(422);
      const body = await r.json();
      expect(body.issues.map((i: { field: string }) => i.field), from).toEqual(['from']);
      expect(body.issues[0].message, from).toMatch(/never be used/);
    }
    const article = await editor.call('POST', '/api/admin/redirects', { from: jetty.path, articleId: harbour.id });
    expect((await article.json()).issues[0].message).toContain('La jetée rouvre');
    // The same words under another edition or section are no page of this site.
    expect((await editor.call('POST', '/api/admin/redirects', { from: `/fr/archives/${jetty.slug}`, articleId: jetty.id })).status).toBe(201);
  });

  it('answers 422 naming articleId for a missing or unknown article', async () => {
    for (const articleId of [undefined, 'douze', 0, 999_999]) {
      const r = await editor.call('POST', '/api/admin/redirects', { from: '/2019/unknown-target', articleId });
      expect(r.status, String(articleId)).toBe(422);
      expect(await fields(r), String(articleId)).toEqual(['articleId']);
    }
    const both = await editor.call('POST', '/api/admin/redirects', { from: '/', articleId: 999_999 });
    expect((await fields(both)).sort()).toEqual(['articleId', 'from']);
    expect((await editor.json('GET', `/api/admin/redirects?q=unknown-target`)).total).toBe(0);
  });

  it('refuses a stored address with 409 naming from, and points it at another article with replace', async () => {
    const from = '/2018/le-vieux-port';
    tick();
    await editor.json('POST', '/api/admin/redirects', { from, articleId: jetty.id });
    const clash = await editor.call('POST', '/api/admin/redirects', { from: `${from}/`, articleId: harbour.id });
    expect(clash.status).toBe(409);
    const body = await clash.json();
    expect(body.code).toBe('conflict');
    expect(body.issues[0].field).toBe('from');
    expect((await get(from)).headers.get('location')).toBe(jetty.path);

    tick();
    const replaced = await admin.call('POST', '/api/admin/redirects', { from, articleId: harbour.id, replace: true });
    expect(replaced.status).toBe(200);
    expect((await replaced.json()).redirect).toMatchObject({ path: from, articleId: harbour.id, articlePath: harbour.path });
    const r = await get(from);
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe(harbour.path);
  });

  it('deletes a redirect named by ?path=, after which the old address answers 404', async () => {
    const from = '/2017/06/01/digue';
    await editor.json('POST', '/api/admin/redirects', { from, articleId: harbour.id });
    expect((await get(from)).status).toBe(301);
    const r = await editor.call('DELETE', `/api/admin/redirects?path=${encodeURIComponent(`${from}/`)}`);
    expect(r.status).toBe(204);
    expect((await get(from)).status).toBe(404);
    expect((await editor.call('DELETE', `/api/admin/redirects?path=${encodeURIComponent(from)}`)).status).toBe(404);
    expect((await editor.call('DELETE', '/api/admin/redirects')).status).toBe(422);

    // With a query in the key: the parameter carries it encoded.
    expect((await editor.call('DELETE', `/api/admin/redirects?path=${encodeURIComponent('/?p=4512')}`)).status).toBe(204);
    expect((await editor.json('GET', '/api/admin/redirects?q=p%3D4512')).total).toBe(0);
  });

  it('writes an audit row for each change, under the article', async () => {
    expect(await auditOf(harbour.id)).toEqual([
      { action: 'redirect.delete', details: { path: '/2017/06/01/digue' } },
      { action: 'redirect.create', details: { path: '/2017/06/01/digue' } },
      { action: 'redirect.replace', details: { path: '/2018/le-vieux-port', previousArticleId: jetty.id } },
    ]);
    expect(await auditOf(draft.id)).toEqual([
      { action: 'redirect.delete', details: { path: '/?p=4512' } },
      { action: 'redirect.create', details: { path: '/?p=4512' } },
    ]);
    // Refused requests wrote nothing.
    expect((await auditOf(jetty.id)).map((e) => e.details.path)).toEqual(['/2018/le-vieux-port', `/fr/archives/${jetty.slug}`, '/fr/ancienne-rubrique/la-jetee', '/2019/03/12/la-jetee']);
  });
});
