import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { exportArticles } from '../src/content/export.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { ValidationFailed } from '../src/errors.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';

const BASE = 'https://news.example';
const PASSWORD = 'correct horse battery staple';

/** The page's hreflang links as `lang href`, in order. */
const hreflangs = (html: string) => [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/?>/g)].map((m) => `${m[1]} ${m[2]}`);
/** The visible "in other languages" links as `lang href text`. */
const switcher = (html: string) => {
  const nav = html.match(/<nav class="translations"[^>]*>([\s\S]*?)<\/nav>/);
  return nav ? [...nav[1].matchAll(/<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+">([^<]+)<\/a>/g)].map((m) => `${m[2]} ${m[1]} ${m[3]}`) : [];
};

forEachDialect('translations of an article', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  const fr = makeArticle({ section: 'monde', headline: 'Sommet sur le climat' });
  const en = makeArticle({ edition: 'en', section: 'world', headline: 'Climate summit', translationOf: { edition: 'fr', slug: fr.slug } });
  const es = makeArticle({ edition: 'es', section: 'mundo', headline: 'Cumbre del clima', status: 'draft', publishedAt: undefined, translationOf: { edition: 'fr', slug: fr.slug } });
  const lone = makeArticle({ section: 'monde', headline: 'Sans traduction' });
  const deps = () => ({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() });
  const page = async (path: string) => {
    const r = await fetch(site.url + path);
    expect(r.status, path).toBe(200);
    return r.text();
  };

  beforeAll(async () => {
    site = await startTestSite(dialect);
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Dépêche English', timeZone: 'Europe/London' });
    await ensureEdition(site.app.store.db, { code: 'es', name: 'Dépêche Español', timeZone: 'Europe/Madrid' });
    // The translations come before the article they name: links are made once every article is in.
    await importArticles(deps(), [{ name: 'a.json', baseDir: '.', text: JSON.stringify([en, es, fr, lone]) }]);
    await site.app.site.refresh();
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
  });
  afterAll(() => site.close());

  it('links each published translation with hreflang, and the default edition as x-default', async () => {
    const frUrl = `${BASE}/fr/monde/${fr.slug}`;
    const enUrl = `${BASE}/en/world/${en.slug}`;
    const expected = [`fr ${frUrl}`, `en ${enUrl}`, `x-default ${frUrl}`];
    expect(hreflangs(await page(`/fr/monde/${fr.slug}`))).toEqual(expected);
    // The draft Spanish version is nowhere.
    expect(hreflangs(await page(`/en/world/${en.slug}`))).toEqual([`en ${enUrl}`, `fr ${frUrl}`, `x-default ${frUrl}`]);
    expect(hreflangs(await page(`/fr/monde/${lone.slug}`))).toEqual([]);
  });

  it('shows readers the other languages, each named in its own language', async () => {
    expect(switcher(await page(`/fr/monde/${fr.slug}`))).toEqual([`en ${BASE}/en/world/${en.slug} English`]);
    expect(switcher(await page(`/en/world/${en.slug}`))).toEqual([`fr ${BASE}/fr/monde/${fr.slug} Français`]);
    expect(switcher(await page(`/fr/monde/${lone.slug}`))).toEqual([]);
  });

  it('lists the published translations in the Content API', async () => {
    const json = await (await fetch(`${site.url}/api/content/articles/fr/${fr.slug}`)).json();
    expect(json.translations).toEqual([{ edition: 'en', slug: en.slug, headline: 'Climate summit', url: `${BASE}/en/world/${en.slug}` }]);
    const lonely = await (await fetch(`${site.url}/api/content/articles/fr/${lone.slug}`)).json();
    expect(lonely.translations).toEqual([]);
  });

  it('exports the link so that an import rebuilds the same group', async () => {
    const { articles } = await exportArticles(site.app.store.db, (key) => key);
    const bySlug = new Map(articles.map((a) => [a.slug, a]));
    expect(bySlug.get(fr.slug)!.translationOf).toBeUndefined();
    expect(bySlug.get(en.slug)!.translationOf).toEqual({ edition: 'fr', slug: fr.slug });
    expect(bySlug.get(es.slug)!.translationOf).toEqual({ edition: 'fr', slug: fr.slug });
    expect(bySlug.get(lone.slug)!.translationOf).toBeUndefined();
  });

  it('refuses a second translation into the same edition, or one in the same edition, writing nothing', async () => {
    const again = makeArticle({ edition: 'en', section: 'world', translationOf: { edition: 'fr', slug: fr.slug } });
    const same = makeArticle({ section: 'monde', translationOf: { edition: 'fr', slug: fr.slug } });
    const missing = makeArticle({ edition: 'en', section: 'world', translationOf: { edition: 'fr', slug: 'nowhere' } });
    for (const [a, message] of [
      [again, `fr/${fr.slug} already has a en translation: ${en.slug}`],
      [same, 'is in the same edition (fr)'],
      [missing, 'no article fr/nowhere'],
    ] as const) {
      const err = await importArticles(deps(), [{ name: 'b.json', baseDir: '.', text: JSON.stringify(a) }]).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationFailed);
      expect(err.issues[0].field).toBe('b.json: translationOf');
      expect(err.issues[0].message).toContain(message);
      expect(await site.app.store.db.selectFrom('articles').select('id').where('slug', '=', a.slug).executeTakeFirst()).toBeUndefined();
    }
  });

  it('links, lists and unlinks translations through the Admin API', async () => {
    const frId = (await site.app.store.db.selectFrom('articles').select('id').where('slug', '=', lone.slug).executeTakeFirstOrThrow()).id;
    const draft: Record<string, any> = { ...makeArticle({ edition: 'en', section: 'world', headline: 'No translation yet' }), status: undefined, publishedAt: undefined };
    const r = await admin.call('POST', '/api/admin/articles', { ...draft, translationOf: frId });
    expect(r.status).toBe(201);
    const created = (await r.json()).article;
    expect(created.translationOf).toEqual({ edition: 'fr', slug: lone.slug });
    expect(created.translations).toEqual([{ id: frId, edition: 'fr', slug: lone.slug, headline: 'Sans traduction', status: 'published' }]);
    const fromFr = (await admin.json('GET', `/api/admin/articles/${frId}`)).article;
    expect(fromFr.translations.map((t: any) => t.id)).toEqual([created.id]);

    // A second English one is refused with the field named.
    const dup = await admin.call('POST', '/api/admin/articles', { ...draft, slug: `${draft.slug}-2`, translationOf: frId });
    expect(dup.status).toBe(422);
    expect(JSON.stringify(await dup.json())).toContain('translationOf');

    // Saving what GET answered keeps the link; null takes it away.
    const kept = (await admin.json('PUT', `/api/admin/articles/${created.id}`, created, { headers: { 'if-match': `"${created.version}"` } })).article;
    expect(kept.translations.map((t: any) => t.id)).toEqual([frId]);
    const unlinked = (await admin.json('PUT', `/api/admin/articles/${created.id}`, { ...kept, translationOf: null }, { headers: { 'if-match': `"${kept.version}"` } })).article;
    expect(unlinked.translationOf).toBeUndefined();
    expect(unlinked.translations).toEqual([]);
  });
});
