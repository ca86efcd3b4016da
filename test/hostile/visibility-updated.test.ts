import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../../src/content/import.service.ts';
import { adminClient, firstAdmin, type AdminClient } from '../admin-client.ts';
import { writeImportFolder } from '../fixtures.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from '../harness.ts';

/**
 * Hostile audit, item 17: the server owns an article's "updated" time. A save of a
 * published article that changes what readers see sets it, and every output follows.
 */

const PASSWORD = 'correct horse battery';
const PUBLISHED = '2026-11-20T09:30:00.000Z';

forEachDialect('updated time of published articles', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-11-25T10:00:00Z');
  let admin: AdminClient, editor: AdminClient, author: AdminClient;

  const get = async (path: string) => {
    const r = await fetch(site.url + path);
    expect(r.status, path).toBe(200);
    return r.text();
  };
  const load = async (id: number) => {
    const r = await editor.call('GET', `/api/admin/articles/${id}`);
    return { article: (await r.json()).article, etag: r.headers.get('etag')! };
  };
  const save = async (who: AdminClient, id: number, change: Record<string, unknown>) => {
    const { article, etag } = await load(id);
    return who.call('PUT', `/api/admin/articles/${id}`, { ...article, ...change }, { headers: { 'if-match': etag } });
  };
  const importOne = async (o: Record<string, unknown>) => {
    const a = makeArticle({ publishedAt: PUBLISHED, ...o });
    const { dir } = await writeImportFolder([]);
    const [row] = await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => clock }, [{ name: 'a.json', baseDir: dir, text: JSON.stringify(a) }]);
    await site.app.site.refresh();
    return row;
  };
  /** What the outbox holds for the article's last article.updated event. */
  const webhookUpdatedAt = async (id: number) => {
    const rows = await site.app.store.db.selectFrom('webhook_deliveries').select(['payload', 'id']).where('event', '=', 'article.updated').orderBy('id', 'desc').execute();
    const mine = rows.map((r) => JSON.parse(r.payload)).filter((p) => p.article.id === id);
    return mine[0]?.article.updatedAt;
  };
  /** Every output that carries the article's last modification. */
  const outputs = async (slug: string, id: number) => {
    const page = await get(`/fr/tv/${slug}`);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]);
    const graph: any[] = Array.isArray(jsonLd) ? jsonLd : (jsonLd['@graph'] ?? [jsonLd]);
    const atom = await get('/fr/feed.atom');
    const entry = atom.split('<entry>').find((e) => e.includes(`article:${id}<`))!;
    const sitemap = await get('/sitemaps/fr-2026-11.xml');
    const url = sitemap.split('<url>').find((u) => u.includes(`/fr/tv/${slug}<`))!;
    const api = JSON.parse(await get(`/api/content/articles/fr/${slug}`));
    return {
      shown: /Mis à jour le <time datetime="([^"]+)">/.exec(page)?.[1] ?? null,
      dateModified: graph.find((o) => o.dateModified)?.dateModified,
      ogModified: /<meta property="article:modified_time" content="([^"]+)"/.exec(page)?.[1],
      atomUpdated: new Date(/<updated>([^<]+)<\/updated>/.exec(entry)![1]).toISOString(),
      lastmod: new Date(/<lastmod>([^<]+)<\/lastmod>/.exec(url)![1]).toISOString(),
      contentApi: api.updatedAt,
      webhook: await webhookUpdatedAt(id),
    };
  };

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => clock);
    admin = await firstAdmin(site.url, PASSWORD);
    for (const [role, name] of [['editor', 'Eve'], ['author', 'Aymeric']]) {
      await admin.json('POST', '/api/admin/users', { email: `${name.toLowerCase()}@example.org`, name, role, password: PASSWORD });
    }
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    author = await adminClient(site.url).login('aymeric@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/webhooks', { url: 'https://hooks.example/depeche', secret: 'a-secret-long-enough-for-signing-0001', events: ['article.updated'] });
  });
  afterAll(() => site.close());

  it('moves the updated time of every output when an editor’s save changes what readers see, whatever updatedAt the client sends', async () => {
    const { id, slug } = await importOne({});
    const before = await outputs(slug, id);
    expect(before.shown).toBeNull();
    expect(before.dateModified).toBe(PUBLISHED);

    clock = new Date('2026-11-25T11:00:00Z');
    // The admin used to send back the updatedAt it had read; a client may send anything.
    const r = await save(editor, id, { headline: 'Titre corrigé et complété', updatedAt: '2020-01-01T00:00:00Z' });
    expect(r.status).toBe(200);
    const at = clock.toISOString();
    expect((await r.json()).article.updatedAt).toBe(at);
    await site.app.site.refresh();
    expect(await outputs(slug, id)).toEqual({ shown: at, dateModified: at, ogModified: at, atomUpdated: at, lastmod: at, contentApi: at, webhook: at });
  });

  it('keeps the updated time for an editor’s silent fix, a save that changes no reader-visible field, and a draft', async () => {
    const { id, slug } = await importOne({});
    clock = new Date('2026-11-26T08:00:00Z');
    await (await save(editor, id, { standfirst: 'Un chapô plus long.' })).json();
    const first = clock.toISOString();

    clock = new Date('2026-11-26T09:00:00Z');
    const fix = await save(editor, id, { headline: 'Titre sans coquille', silentFix: true });
    expect(fix.status).toBe(200);
    expect((await fix.json()).article).toMatchObject({ headline: 'Titre sans coquille', updatedAt: first });
    clock = new Date('2026-11-26T10:00:00Z');
    const seo = await save(editor, id, { seo: { title: 'Pour les moteurs' } });
    expect((await seo.json()).article.updatedAt).toBe(first);
    await site.app.site.refresh();
    const out = await outputs(slug, id);
    expect(out).toEqual({ shown: first, dateModified: first, ogModified: first, atomUpdated: first, lastmod: first, contentApi: first, webhook: first });
    expect(await get(`/fr/tv/${slug}`)).toContain('Titre sans coquille');

    // A draft has no update to show readers, and its client cannot give it one.
    const created = await editor.json('POST', '/api/admin/articles', { ...makeArticle({ updatedAt: '2026-11-26T10:00:00Z' }), status: undefined, publishedAt: undefined });
    expect(created.article.updatedAt).toBeUndefined();
    const saved = await (await save(editor, created.article.id, { headline: 'Brouillon retouché' })).json();
    expect(saved.article.updatedAt).toBeUndefined();
  });

  it('lets only editors and above mark a silent fix, and names silentFix when it is not true or false', async () => {
    const { article } = await author.json('POST', '/api/admin/articles', { ...makeArticle(), status: undefined, publishedAt: undefined });
    await author.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    const refused = await save(author, article.id, { headline: 'En douce', silentFix: true });
    expect(refused.status).toBe(403);
    const bad = await save(editor, article.id, { headline: 'En douce', silentFix: 'oui' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).issues.map((i: { field: string }) => i.field)).toEqual(['silentFix']);
    // The author's own save is an update readers are told about.
    clock = new Date('2026-11-27T08:00:00Z');
    const ok = await save(author, article.id, { headline: 'Au grand jour' });
    expect((await ok.json()).article.updatedAt).toBe(clock.toISOString());
  });
});
