import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { publishDue } from '../src/newsroom/workflow.service.ts';
import { spawn } from 'node:child_process';
import { adminClient, type AdminClient } from './admin-client.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

function publishInAnotherProcess(site: TestSite, now: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/publish-due.ts'], {
      env: { ...process.env, DEPECHE_TEST_DATABASE: JSON.stringify(site.config.database), DEPECHE_TEST_NOW: now },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err))));
  });
}

forEachDialect('newsroom articles API', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-11-25T10:00:00Z');
  let admin: AdminClient, editor: AdminClient, author: AdminClient, contributor: AdminClient, other: AdminClient;
  let imageId: number;

  const draft = (o: Record<string, unknown> = {}) => {
    const a = makeArticle({ status: undefined, publishedAt: undefined, ...o });
    delete a.status;
    delete a.publishedAt;
    return a;
  };

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0 }, () => clock);
    const setup = adminClient(site.url);
    await setup.call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    for (const [role, name] of [['editor', 'Eve'], ['author', 'Aymeric'], ['contributor', 'Colette'], ['contributor', 'Otto']]) {
      await admin.json('POST', '/api/admin/users', { email: `${name.toLowerCase()}@example.org`, name, role, password: PASSWORD });
    }
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    author = await adminClient(site.url).login('aymeric@example.org', PASSWORD);
    contributor = await adminClient(site.url).login('colette@example.org', PASSWORD);
    other = await adminClient(site.url).login('otto@example.org', PASSWORD);
    // A picture in the library, through the import.
    const { dir } = await writeImportFolder([]);
    await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => clock }, [
      { name: 'seed.json', baseDir: dir, text: JSON.stringify(makeArticle({ section: 'monde', lead: { image: 'photos/lead.jpg', alt: 'Un port', credit: 'AMP' } })) },
    ]);
    imageId = (await site.app.store.db.selectFrom('images').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => site.close());

  it('creates a draft with an ETag, reads it back, and saves with If-Match', async () => {
    const r = await contributor.call('POST', '/api/admin/articles', draft({ headline: 'Premier jet' }));
    expect(r.status).toBe(201);
    expect(r.headers.get('etag')).toBe('"1"');
    const { article } = await r.json();
    expect(article).toMatchObject({ headline: 'Premier jet', status: 'draft', version: 1 });
    const put = await contributor.call('PUT', `/api/admin/articles/${article.id}`, { ...article, headline: 'Deuxième jet' }, { headers: { 'if-match': '"1"' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"2"');
    expect((await put.json()).article.headline).toBe('Deuxième jet');
  });

  it('refuses a save without If-Match (428) and a stale one (412) with what changed, losing neither', async () => {
    const { article } = await editor.json('POST', '/api/admin/articles', draft({ headline: 'Base', body: [{ type: 'paragraph', text: 'un' }] }));
    const none = await editor.call('PUT', `/api/admin/articles/${article.id}`, article);
    expect(none.status).toBe(428);
    expect((await none.json()).code).toBe('precondition_required');
    // Two editors start from version 1; the first save wins.
    const first = await editor.json('PUT', `/api/admin/articles/${article.id}`, { ...article, body: [{ type: 'paragraph', text: 'texte d’Eve' }] }, { headers: { 'if-match': '"1"' } });
    expect(first.article.version).toBe(2);
    const second = await admin.call('PUT', `/api/admin/articles/${article.id}`, { ...article, headline: 'Titre d’Ada' }, { headers: { 'if-match': '"1"' } });
    expect(second.status).toBe(412);
    const body = await second.json();
    expect(body).toMatchObject({ code: 'precondition_failed', currentVersion: 2 });
    expect(body.changes).toEqual([{ field: 'body[0]', before: { type: 'paragraph', text: 'un' }, after: { type: 'paragraph', text: 'texte d’Eve' } }]);
    expect(body.current.body[0].text).toBe('texte d’Eve');
    // Ada resolves by saving on top of version 2: both edits survive.
    const merged = await admin.json('PUT', `/api/admin/articles/${article.id}`, { ...body.current, headline: 'Titre d’Ada' }, { headers: { 'if-match': '"2"' } });
    expect(merged.article).toMatchObject({ headline: 'Titre d’Ada', version: 3 });
    expect(merged.article.body[0].text).toBe('texte d’Eve');
  });

  it('says what changed even for an imported article that had no revision yet', async () => {
    const { dir } = await writeImportFolder([]);
    const [imported] = await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => clock }, [
      { name: 'wire.json', baseDir: dir, text: JSON.stringify(makeArticle({ section: 'monde', headline: 'Dépêche importée' })) },
    ]);
    const { article } = await editor.json('GET', `/api/admin/articles/${imported.id}`);
    await editor.json('PUT', `/api/admin/articles/${article.id}`, { ...article, standfirst: 'Chapô d’Eve' }, { headers: { 'if-match': '"1"' } });
    const late = await admin.call('PUT', `/api/admin/articles/${article.id}`, { ...article, headline: 'Autre titre' }, { headers: { 'if-match': '"1"' } });
    expect(late.status).toBe(412);
    expect((await late.json()).changes).toEqual([{ field: 'standfirst', before: 'Un chapô.', after: 'Chapô d’Eve' }]);
  });

  it('keeps every save as a revision that can be compared and restored', async () => {
    const { article } = await editor.json('POST', '/api/admin/articles', draft({ headline: 'v1' }));
    await editor.json('PUT', `/api/admin/articles/${article.id}`, { ...article, headline: 'v2' }, { headers: { 'if-match': '"1"' } });
    const { revisions } = await editor.json('GET', `/api/admin/articles/${article.id}/revisions`);
    expect(revisions.map((r: any) => [r.version, r.user])).toEqual([[2, 'Eve'], [1, 'Eve']]);
    expect((await editor.json('GET', `/api/admin/articles/${article.id}/revisions/1`)).article.headline).toBe('v1');
    const compared = await editor.json('GET', `/api/admin/articles/${article.id}/compare?from=1&to=2`);
    expect(compared.changes).toEqual([{ field: 'headline', before: 'v1', after: 'v2' }]);
    const restored = await editor.json('POST', `/api/admin/articles/${article.id}/revisions/1/restore`, undefined, { headers: { 'if-match': '"2"' } });
    expect(restored.article).toMatchObject({ headline: 'v1', version: 3 });
  });

  it('lets each role do what it may and refuses the rest, even with another id in the URL', async () => {
    const mine = (await contributor.json('POST', '/api/admin/articles', draft({ headline: 'À Colette' }))).article;
    const theirs = (await other.json('POST', '/api/admin/articles', draft({ headline: 'À Otto' }))).article;
    // A contributor edits their own draft, never another's.
    expect((await contributor.call('PUT', `/api/admin/articles/${theirs.id}`, { ...theirs, headline: 'pris' }, { headers: { 'if-match': '"1"' } })).status).toBe(403);
    expect((await contributor.call('DELETE', `/api/admin/articles/${theirs.id}`)).status).toBe(403);
    // A contributor submits for review but cannot publish.
    expect((await contributor.call('POST', `/api/admin/articles/${mine.id}/transitions`, { to: 'published' })).status).toBe(403);
    const submitted = await contributor.json('POST', `/api/admin/articles/${mine.id}/transitions`, { to: 'in_review' });
    expect(submitted.article.status).toBe('in_review');
    // An author publishes their own article only.
    const own = (await author.json('POST', '/api/admin/articles', draft({ headline: 'D’Aymeric' }))).article;
    expect((await author.json('POST', `/api/admin/articles/${own.id}/transitions`, { to: 'published' })).article.status).toBe('published');
    expect((await author.call('POST', `/api/admin/articles/${mine.id}/transitions`, { to: 'published' })).status).toBe(403);
    // An editor publishes anyone's; only an admin manages accounts.
    expect((await editor.json('POST', `/api/admin/articles/${mine.id}/transitions`, { to: 'published' })).article.status).toBe('published');
    expect((await editor.call('POST', '/api/admin/users', { email: 'z@example.org', name: 'Z', role: 'admin', password: PASSWORD })).status).toBe(403);
    expect((await contributor.call('PUT', '/api/admin/home/fr', { articleIds: [] })).status).toBe(403);
    // Anonymous callers get 401.
    expect((await adminClient(site.url).call('GET', '/api/admin/articles')).status).toBe(401);
  });

  it('checks an article before publishing and lists what is missing', async () => {
    const { article } = await editor.json('POST', '/api/admin/articles', draft({
      headline: 'Sans crédit',
      lead: { image: imageId, alt: 'Un port' },
      body: [{ type: 'figure', image: imageId, alt: '', decorative: true, credit: 'AMP' }, { type: 'figure', image: imageId, alt: 'x' }],
    }));
    const r = await editor.call('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    expect(r.status).toBe(409);
    const body = await r.json();
    // In the editor's admin language (French unless chosen otherwise).
    expect(body.issues).toEqual([
      { field: 'lead.credit', message: 'chaque photo doit avoir un crédit' },
      { field: 'body[1].credit', message: 'chaque photo doit avoir un crédit' },
    ]);
    expect((await editor.call('POST', '/api/admin/articles', draft({ lead: { image: 'photos/x.jpg', alt: 'x' } }))).status).toBe(422);
  });

  it('publishes to the public site, previews drafts with the public rendering, and redirects a changed slug', async () => {
    const { article } = await editor.json('POST', '/api/admin/articles', draft({ section: 'monde', headline: 'Publié en ligne', slug: 'publie-en-ligne' }));
    const preview = await editor.call('GET', `/api/admin/articles/${article.id}/preview`);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('<h1>Publié en ligne</h1>');
    expect((await fetch(`${site.url}/fr/monde/publie-en-ligne`)).status).toBe(404);
    const pub = await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    await site.app.site.refresh();
    expect((await fetch(`${site.url}/fr/monde/publie-en-ligne`)).status).toBe(200);
    await editor.json('PUT', `/api/admin/articles/${article.id}`, { ...pub.article, slug: 'nouveau-titre' }, { headers: { 'if-match': `"${pub.article.version}"` } });
    await site.app.site.refresh();
    const old = await fetch(`${site.url}/fr/monde/publie-en-ligne`, { redirect: 'manual' });
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/fr/monde/nouveau-titre');
    const gone = await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'unpublished' });
    expect(gone.article.status).toBe('unpublished');
    await site.app.site.refresh();
    expect((await fetch(`${site.url}/fr/monde/nouveau-titre`)).status).toBe(410);
  });

  it('publishes a scheduled article when its time comes, once, even with two processes', async () => {
    const { article } = await editor.json('POST', '/api/admin/articles', draft({ section: 'monde', headline: 'À 11 heures', slug: 'a-onze-heures' }));
    expect((await editor.call('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'scheduled', at: '2026-11-25T09:00:00Z' })).status).toBe(422);
    const s = await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'scheduled', at: '2026-11-25T12:00:00+01:00' });
    expect(s.article).toMatchObject({ status: 'scheduled', scheduledAt: '2026-11-25T11:00:00.000Z' });
    expect(await publishDue({ db: site.app.store.db, now: () => new Date('2026-11-25T10:59:00Z'), config: site.config })).toEqual([]);
    // Two app processes wake at once: one publishes, the other finds nothing to do.
    const [a, b] = await Promise.all([publishInAnotherProcess(site, '2026-11-25T11:00:01Z'), publishInAnotherProcess(site, '2026-11-25T11:00:01Z')]);
    expect([...a, ...b]).toEqual([article.id]);
    clock = new Date('2026-11-25T11:00:01Z');
    const { entries } = await admin.json('GET', `/api/admin/audit?subject=article:${article.id}`);
    expect(entries.filter((e: any) => e.action === 'article.published')).toHaveLength(1);
    await site.app.site.refresh();
    expect((await fetch(`${site.url}/fr/monde/a-onze-heures`)).status).toBe(200);
  });

  it('lets editors pin home page stories ahead of newer ones', async () => {
    const list = await editor.json('GET', '/api/admin/articles?status=published&edition=fr');
    const oldest = list.articles[list.articles.length - 1];
    await editor.json('PUT', '/api/admin/home/fr', { articleIds: [oldest.id] });
    await site.app.site.refresh();
    const home = await (await fetch(`${site.url}/fr/`)).text();
    const lead = home.slice(home.indexOf('class="home-lead"'), home.indexOf('class="home-latest"'));
    expect(lead).toContain(`/${oldest.slug}"`);
  });

  it('lists with filters and headline search', async () => {
    const found = await editor.json('GET', '/api/admin/articles?q=JET');
    expect(found.articles.map((a: any) => a.headline)).toEqual(['Deuxième jet']);
    const reviews = await editor.json('GET', '/api/admin/articles?status=in_review');
    expect(reviews.articles.every((a: any) => a.status === 'in_review')).toBe(true);
  });
});
