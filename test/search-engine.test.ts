import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { publishDue } from '../src/newsroom/workflow.service.ts';
import { createSearchEngine } from '../src/search/sql-engine.ts';
import type { ArticleSearch } from '../src/search/search.types.ts';
import { firstAdmin, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeArticle, makeDraft, startTestSite, type TestSite } from './harness.ts';

/** The index follows every write through the Admin API, and readers see only what is published and due. */

const PASSWORD = 'correct horse battery';

forEachDialect('search index follows the writes', (dialect) => {
  let site: TestSite;
  let editor: AdminClient;
  let clock = new Date('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, searchBackfillMs: 0 }, () => clock);
    editor = await firstAdmin(site.url, PASSWORD);
  });
  afterAll(() => site.close());

  const search = (q: string, more: Partial<ArticleSearch> = {}) =>
    site.app.search.searchArticles(site.app.store.db, { q, audience: 'readers', edition: 'fr', now: clock.toISOString(), ...more });
  const ids = async (q: string, more: Partial<ArticleSearch> = {}) => (await search(q, more)).hits.map((h) => h.articleId);
  const newsroom = (q: string, more: Partial<ArticleSearch> = {}) => ids(q, { audience: 'newsroom', edition: undefined, ...more });

  it('finds a draft for the newsroom only, then for readers once published, never a stale word after a save, and nothing after unpublishing or deleting', async () => {
    const created = await editor.json('POST', '/api/admin/articles', makeDraft({ headline: 'Les négociations reprennent à Genève', body: [{ type: 'paragraph', text: 'Un chantier de zanzibarite est ouvert.' }] }));
    const id = created.article.id as number;
    expect(await newsroom('zanzibarite')).toEqual([id]);
    expect(await newsroom('zanzibarite', { ownerId: created.article.ownerId })).toEqual([id]);
    expect(await newsroom('zanzibarite', { ownerId: created.article.ownerId + 1 })).toEqual([]);
    expect(await ids('zanzibarite')).toEqual([]);

    await editor.json('POST', `/api/admin/articles/${id}/transitions`, { to: 'published' });
    expect(await ids('zanzibarite')).toEqual([id]);
    expect(await ids('negociation')).toEqual([id]);

    const current = await editor.json('GET', `/api/admin/articles/${id}`);
    const { article } = current.article ? current : { article: current };
    await editor.call('PUT', `/api/admin/articles/${id}`, { ...article, body: [{ type: 'paragraph', text: 'Un chantier de quetzalite est ouvert.' }] }, { headers: { 'if-match': `"${article.version}"` } }).then(async (r) => expect(r.status, await r.text()).toBe(200));
    expect(await ids('zanzibarite')).toEqual([]);
    expect(await ids('quetzalite')).toEqual([id]);

    await editor.json('POST', `/api/admin/articles/${id}/transitions`, { to: 'unpublished' });
    expect(await ids('quetzalite')).toEqual([]);
    expect(await newsroom('quetzalite')).toEqual([id]);
    expect(await newsroom('quetzalite', { status: 'unpublished' })).toEqual([id]);
    expect(await newsroom('quetzalite', { status: 'published' })).toEqual([]);

    await editor.call('DELETE', `/api/admin/articles/${id}`).then((r) => expect(r.status).toBe(204));
    expect(await newsroom('quetzalite')).toEqual([]);
  });

  it('publishes a scheduled article into reader results when the scheduler runs, not before', async () => {
    const created = await editor.json('POST', '/api/admin/articles', makeDraft({ headline: 'Le pont levant rouvre', body: [{ type: 'paragraph', text: 'Les travaux du pont levant de la capybarade sont finis.' }] }));
    const id = created.article.id as number;
    await editor.json('POST', `/api/admin/articles/${id}/transitions`, { to: 'scheduled', at: '2026-11-25T12:00:00Z' });
    expect(await ids('capybarade')).toEqual([]);
    expect(await newsroom('capybarade', { status: 'scheduled' })).toEqual([id]);
    const saved = clock;
    try {
      clock = new Date('2026-11-25T12:00:01Z');
      expect(await publishDue({ db: site.app.store.db, now: () => clock, config: site.config })).toEqual([id]);
      expect(await ids('capybarade')).toEqual([id]);
    } finally {
      clock = saved;
    }
  });

  it('files an adopted wire item as wire copy', async () => {
    const db = site.app.store.db;
    const source = await db
      .insertInto('ingest_sources')
      .values({ name: 'Agence', kind: 'rss', url: 'https://wire.example/feed.xml', edition: 'fr', section: 'monde', etag: null, last_modified: null, next_poll_at: clock.toISOString(), failures: 0, last_error: null, last_polled_at: null, created_by: null, created_at: clock.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const payload = { edition: 'fr', section: 'monde', headline: 'Dépêche sur le tatou géant', authors: ['Jeanne Pigiste'], tags: [], body: [{ type: 'paragraph', text: 'Un tatou géant observé.' }], source: { name: 'Agence' } };
    const item = await db
      .insertInto('ingest_items')
      .values({ source_id: source.id, guid: 'g-1', title: payload.headline, summary: null, link: null, published_at: clock.toISOString(), updated_at: null, payload: JSON.stringify(payload), status: 'new', adopted_article_id: null, created_at: clock.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { article } = await editor.json('POST', `/api/admin/ingest/items/${item.id}/adopt`);
    expect(await newsroom('tatou', { kind: 'wire' })).toEqual([article.id]);
    expect(await newsroom('tatou', { kind: 'article' })).toEqual([]);
  });

  it('never shows readers an embargoed or scheduled article, and shows it once its time has come', async () => {
    const later = makeArticle({ headline: 'Embargo sur le rapport ornithorynque', publishedAt: '2026-11-26T08:00:00Z' });
    const [imported] = await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => clock }, [{ name: 'a.json', baseDir: '.', text: JSON.stringify([later]) }]);
    expect(await ids('ornithorynque')).toEqual([]);
    expect(await newsroom('ornithorynque')).toEqual([imported!.id]);
    expect(await ids('ornithorynque', { now: '2026-11-26T08:00:00Z' })).toEqual([imported!.id]);
  });
});
