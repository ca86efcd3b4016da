import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pollSource } from '../../src/ingest/poller.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { firstAdmin, type AdminClient } from '../admin-client.ts';
import { cliEnv, depeche } from '../cli-runner.ts';
import { forEachDialect, freshDatabase, scratchDir, startTestSite, type TestSite } from '../harness.ts';

/**
 * Numbers inside imported documents (ninjs, WordPress WXR, Ghost JSON): too
 * large for an `integer` column, negative, 1e309 (JSON reads it as Infinity),
 * "NaN" as text, or not a number at all. Each document imports or is refused
 * cleanly, alike on both databases: no 5xx, exit 0 or 1 with a message and no
 * stack trace, the bad value named in the report, nothing half-written.
 */

const CHILD_MS = 180_000;
const PASSWORD = 'correct horse battery';
const noStack = (r: { stderr: string; stdout: string }) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at \S+ \(|TypeError|RangeError/);

forEachDialect('numbers inside imported documents', (dialect) => {
  let env: Record<string, string>;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let store: Store;
  let work: string;
  const exported = async () => {
    const r = await depeche(env, ['export']);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as any[];
  };
  const redirects = async () => (await store.db.selectFrom('redirects').innerJoin('articles', 'articles.id', 'redirects.article_id').select(['redirects.path', 'articles.slug']).orderBy('redirects.path').execute()).map((r) => `${r.path} → ${r.slug}`);

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    env = cliEnv(db.dataDir, db.database);
    work = await scratchDir('import-numbers-');
    expect((await depeche(env, ['migrate'])).code).toBe(0);
    store = openStore(db.database);
  }, CHILD_MS);
  afterAll(async () => {
    await store?.close();
    await db.drop();
  });

  it('imports ninjs items whose dates are 1e309, a year 275760, "1" or a list as items without those dates, each reported', async () => {
    const file = path.join(work, 'nombres.json');
    // Written as text: 1e309 and 99999999999 are what the agency's bytes say, not what JSON.stringify would.
    await fs.writeFile(
      file,
      `[{"guid":"n-inf","headline":"Date infinie","body_text":"Un.","firstcreated":1e309,"versioncreated":99999999999,"version":-1,"urgency":1e309,"pubstatus":"usable"},
        {"guid":"n-far","headline":"Date lointaine","body_text":"Deux.","firstcreated":"+275760-09-13T00:00:00Z","versioncreated":"1","pubstatus":"usable"},
        {"guid":"n-list","headline":"Date en liste","body_text":"Trois.","firstcreated":[2026,11,20],"versioncreated":{"$date":"NaN"},"charcount":"NaN"}]`,
    );
    const r = await depeche(env, ['import', '--from', 'ninjs', '--section', 'depeches', file]);
    noStack(r);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('firstcreated: Infinity is not a date-time written as text; not imported');
    expect(r.stdout).toContain('versioncreated: 99999999999 is not a date-time written as text; not imported');
    expect(r.stdout).toContain('firstcreated: "+275760-09-13T00:00:00Z" is not a date-time; not imported');
    expect(r.stdout).toContain('versioncreated: "1" is not a date-time; not imported');
    expect(r.stdout).toContain('firstcreated: a list is not a date-time written as text; not imported');
    const all = await exported();
    for (const headline of ['Date infinie', 'Date lointaine', 'Date en liste']) {
      const a = all.find((x) => x.headline === headline);
      // Usable but with no date it can read: a draft, with no date at all (not 2001-01-01 from "1").
      expect(a, headline).toMatchObject({ status: 'draft' });
      expect(a.publishedAt, headline).toBeUndefined();
      expect(a.updatedAt, headline).toBeUndefined();
    }
  }, CHILD_MS);

  it('makes /?p= redirects only from WordPress ids the shared parser accepts, and names every other one in the report', async () => {
    const item = (id: string, slug: string, extra = '') => `<item><title>Billet ${slug}</title><link>https://ancien.example/${slug}/</link>
      <dc:creator>admin</dc:creator><content:encoded><![CDATA[<p>Texte ${slug}.</p>]]></content:encoded><excerpt:encoded></excerpt:encoded>
      <wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2026-03-14 09:00:00</wp:post_date_gmt><wp:post_name>${slug}</wp:post_name>
      <wp:status>publish</wp:status><wp:post_parent>-1</wp:post_parent><wp:menu_order>1e309</wp:menu_order><wp:post_type>post</wp:post_type>${extra}</item>`;
    const wxr = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Ancien site</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>admin</wp:author_login><wp:author_display_name>Admin</wp:author_display_name></wp:author>
<item><title>photo</title><wp:post_id>99999999999</wp:post_id><wp:post_type>attachment</wp:post_type><wp:attachment_url>https://ancien.example/wp-content/uploads/p.jpg</wp:attachment_url></item>
${item('12', 'wp-douze')}
${item('99999999999', 'wp-trop-grand', '<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>99999999999</wp:meta_value></wp:postmeta>')}
${item('-1', 'wp-negatif')}
${item('1e309', 'wp-exposant')}
${item('NaN', 'wp-nan')}
${item('0012', 'wp-zero-devant')}
${item('2147483647', 'wp-plus-grand-id')}
</channel></rss>`;
    const file = path.join(work, 'nombres.xml');
    await fs.writeFile(file, wxr);
    const r = await depeche(env, ['import', '--from', 'wordpress', file]);
    noStack(r);
    expect(r.code, r.stderr).toBe(0);
    for (const bad of ['99999999999', '-1', '1e309', 'NaN', '0012']) expect(r.stderr).toContain(`wp:post_id: "${bad}" is not a whole number from 1 to 2147483647; no /?p= redirect`);
    expect(r.stderr).toContain('_thumbnail_id: "99999999999" is not an attachment id (a whole number from 1 to 2147483647); no featured image');
    expect(r.stderr).toContain('attachment "99999999999": wp:post_id is not a whole number from 1 to 2147483647; no featured image can name it');
    const mine = (await redirects()).filter((x) => / → wp-/.test(x));
    expect(mine).toEqual([
      '/?p=12 → wp-douze',
      '/?p=2147483647 → wp-plus-grand-id',
      ...['wp-douze', 'wp-exposant', 'wp-nan', 'wp-negatif', 'wp-plus-grand-id', 'wp-trop-grand', 'wp-zero-devant'].map((s) => `/${s} → ${s}`),
    ].sort());
    const all = await exported();
    expect(all.filter((a) => a.slug.startsWith('wp-')).map((a) => a.status)).toEqual(Array(7).fill('published'));
  }, CHILD_MS);

  it('joins a Ghost 0.x export on its numeric ids, reads its dates in milliseconds, and leaves out rows whose ids or positions are not numbers it can hold', async () => {
    const ms = Date.UTC(2014, 0, 2, 10, 0, 0);
    // 1e309 and 99999999999 as the file's own bytes; JSON.parse reads the first as Infinity.
    const ghost = `{"db":[{"meta":{"version":"0.11.14"},"data":{
      "posts":[
        {"id":1,"title":"Ghost un","slug":"ghost-un","html":"<p>Un.</p>","status":"published","published_at":${ms},"created_at":${ms},"updated_at":1e309,"author_id":1},
        {"id":2,"title":"Ghost deux","slug":"ghost-deux","html":"<p>Deux.</p>","status":"published","published_at":1e309,"created_at":"${new Date(ms).toISOString()}","author_id":99999999999},
        {"id":-1,"title":"Ghost négatif","slug":"ghost-negatif","html":"<p>Non.</p>","status":"published","published_at":${ms}},
        {"id":1e309,"title":"Ghost infini","slug":"ghost-infini","html":"<p>Non.</p>","status":"published","published_at":${ms}},
        {"id":3,"title":"Ghost NaN","slug":"ghost-nan","html":"<p>Trois.</p>","status":"published","published_at":"NaN","created_at":"1"}
      ],
      "tags":[{"id":1,"name":"Monde","slug":"monde-ghost"},{"id":2,"name":"Culture","slug":"culture-ghost"},{"id":2.5,"name":"Demi","slug":"demi"}],
      "posts_tags":[
        {"id":1,"post_id":1,"tag_id":1,"sort_order":0},
        {"id":2,"post_id":2,"tag_id":2,"sort_order":1e309},
        {"id":3,"post_id":2,"tag_id":1,"sort_order":-1},
        {"id":4,"post_id":99999999999,"tag_id":2,"sort_order":0}
      ],
      "users":[{"id":1,"name":"Ada Ghost"},{"id":"NaN","name":"Personne"}]
    }}]}`;
    const file = path.join(work, 'ghost.json');
    await fs.writeFile(file, ghost);
    const r = await depeche(env, ['import', '--from', 'ghost', file]);
    noStack(r);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('posts[2].id: -1 is not a Ghost id (a text, or a whole number from 1 to 2147483647); post not imported');
    expect(r.stderr).toContain('posts[3].id: Infinity is not a Ghost id');
    expect(r.stderr).toContain('tags[2].id: 2.5 is not a Ghost id (a text, or a whole number from 1 to 2147483647); row not imported');
    expect(r.stderr).toContain('posts_tags[3].post_id: 99999999999 is not a Ghost id');
    expect(r.stderr).toContain('posts_tags[1].sort_order: Infinity is not a whole number from 0 to 2147483647; placed last');
    expect(r.stderr).toContain('posts_tags[2].sort_order: -1 is not a whole number from 0 to 2147483647; placed last');
    expect(r.stderr).toContain('published_at: Infinity is not a date; created_at used');
    expect(r.stderr).toContain('published_at: "NaN" is not a date; no publication date');
    expect(r.stderr).toContain('updated_at: Infinity is not a date; not imported');
    const all = await exported();
    const byslug = (s: string) => all.find((a) => a.slug === s);
    expect(byslug('ghost-negatif')).toBeUndefined();
    expect(byslug('ghost-infini')).toBeUndefined();
    // Each post has its own tags and author, not those of every post with a numeric id.
    expect(byslug('ghost-un')).toMatchObject({ section: 'monde-ghost', tags: [], authors: ['Ada Ghost'], status: 'published', publishedAt: '2014-01-02T10:00:00.000Z' });
    expect(byslug('ghost-deux')).toMatchObject({ section: 'culture-ghost', tags: ['Monde'], authors: [], status: 'published', publishedAt: '2014-01-02T10:00:00.000Z' });
    expect(byslug('ghost-deux').updatedAt).toBeUndefined();
    expect(byslug('ghost-nan')).toMatchObject({ section: 'uncategorized', status: 'draft' });
    expect(byslug('ghost-nan').publishedAt).toBeUndefined();
  }, CHILD_MS);
});

forEachDialect('numbers inside ninjs items sent over HTTP', (dialect) => {
  let site: TestSite;
  let editor: AdminClient;
  let sourceId: number;
  let dropFolder: string;

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 });
    editor = await firstAdmin(site.url, PASSWORD);
    ({ id: sourceId, dropFolder } = (await editor.json('POST', '/api/admin/ingest/sources', { name: 'Agence Nombres', kind: 'ninjs', edition: 'fr', section: 'monde' })).source);
  }, CHILD_MS);
  afterAll(() => site?.close());

  it('queues items whose numbers are out of range with 202 and their notes, and each one adopts as a draft (201), never a 5xx', async () => {
    const body = `[{"guid":"h-inf","headline":"Infini","body_text":"Un.","firstcreated":1e309,"versioncreated":"+275760-09-13T00:00:00Z","version":99999999999,"priority":-1},
      {"guid":"h-un","headline":"Un","body_text":"Deux.","firstcreated":"2026-11-20T09:00:00Z","versioncreated":"1","urgency":"NaN"}]`;
    const r = await fetch(`${site.url}/api/admin/ingest/ninjs?source=${sourceId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: editor.cookie!, 'x-csrf-token': editor.csrf! },
      body,
    });
    expect(r.status, await r.clone().text()).toBe(202);
    expect(await r.json()).toEqual({ added: 2, duplicates: 0 });
    const items = (await editor.json('GET', `/api/admin/ingest/items?source=${sourceId}`)).items as any[];
    const inf = items.find((i) => i.guid === 'h-inf');
    const un = items.find((i) => i.guid === 'h-un');
    expect(inf.notes).toContainEqual({ field: 'firstcreated', message: 'Infinity is not a date-time written as text; not imported' });
    expect(inf.notes).toContainEqual({ field: 'versioncreated', message: '"+275760-09-13T00:00:00Z" is not a date-time; not imported' });
    expect(un.notes).toContainEqual({ field: 'versioncreated', message: '"1" is not a date-time; not imported' });
    expect(inf.updatedAt).toBeNull();
    expect(un.updatedAt).toBeNull();
    expect(un.publishedAt).toBe('2026-11-20T09:00:00Z');
    for (const it of [inf, un]) {
      const adopted = await editor.call('POST', `/api/admin/ingest/items/${it.id}/adopt`);
      expect(adopted.status, await adopted.clone().text()).toBe(201);
    }
  }, CHILD_MS);

  it('takes a drop-folder file whose dates are numbers out of range, with the notes and no file refused', async () => {
    await fs.writeFile(path.join(dropFolder, 'nombres.json'), '{"guid":"d-inf","headline":"Dossier","body_text":"Texte.","firstcreated":-1e309,"versioncreated":"0000-01-01T00:00:00Z","wordcount":1e309}');
    const log = { info() {}, error() {}, warn() {} };
    const at = new Date('2026-12-01T08:00:00Z');
    expect(await pollSource({ db: site.app.store.db, now: () => at, log, ingestDir: site.config.ingestDir }, sourceId)).toMatchObject({ ok: true, added: 1, failed: [] });
    const item = ((await editor.json('GET', `/api/admin/ingest/items?source=${sourceId}`)).items as any[]).find((i) => i.guid === 'd-inf');
    expect(item).toMatchObject({ publishedAt: '2026-12-01T08:00:00Z', updatedAt: null });
    expect(item.notes).toContainEqual({ field: 'firstcreated', message: '-Infinity is not a date-time written as text; not imported' });
    expect(item.notes).toContainEqual({ field: 'versioncreated', message: '"0000-01-01T00:00:00Z" is not a date-time; not imported' });
    expect((await editor.call('POST', `/api/admin/ingest/items/${item.id}/adopt`)).status).toBe(201);
  }, CHILD_MS);
});
