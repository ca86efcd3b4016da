import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { addRedirects, redirectKey } from '../src/content/redirects.ts';
import { forEachDialect, makeArticle, startTestSite, type TestSite } from './harness.ts';

it('keys a former address by its path without trailing slash, and its query', () => {
  expect(redirectKey('https://old.example/2024/05/12/la-jetee/')).toBe('/2024/05/12/la-jetee');
  expect(redirectKey('https://old.example/?p=12')).toBe('/?p=12');
  expect(redirectKey('/contact/')).toBe('/contact');
  expect(redirectKey('/?utm_source=lettre&p=12&fbclid=x')).toBe('/?p=12');
  expect(redirectKey('javascript:alert(1)')).toBeNull();
});

forEachDialect('redirects from a former site', (dialect) => {
  let site: TestSite;
  const live = makeArticle({ section: 'monde', headline: 'La jetée rouvre' });
  const draft = makeArticle({ section: 'monde', status: 'draft', publishedAt: undefined });
  const get = (path: string) => fetch(site.url + path, { redirect: 'manual' });

  beforeAll(async () => {
    site = await startTestSite(dialect);
    const deps = { db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() };
    const [a, d] = await importArticles(deps, [{ name: 'a.json', baseDir: '.', text: JSON.stringify([live, draft]) }]);
    await site.app.store.db.transaction().execute((trx) =>
      addRedirects(
        trx,
        [
          { address: 'https://old.example/2024/05/12/la-jetee/', articleId: a.id },
          { address: 'https://old.example/2024/05/la-jetee', articleId: a.id },
          { address: 'https://old.example/?p=12', articleId: a.id },
          { address: 'https://old.example/fr/ancienne-rubrique/la-jetee', articleId: a.id },
          { address: 'https://old.example/la-jetee/', articleId: a.id },
          { address: 'https://old.example/?p=13', articleId: d.id },
        ],
        new Date(),
      ),
    );
    await site.app.site.refresh();
  });
  afterAll(() => site.close());

  it('answers each former address of a published article with a 301 to its page', async () => {
    const target = `/fr/monde/${live.slug}`;
    for (const old of ['/2024/05/12/la-jetee/', '/2024/05/12/la-jetee', '/2024/05/la-jetee', '/?p=12', '/?p=12&utm_source=x', '/la-jetee/', '/fr/ancienne-rubrique/la-jetee']) {
      const r = await get(old);
      expect(r.status, old).toBe(301);
      expect(r.headers.get('location'), old).toBe(target);
    }
    const page = await get(target);
    expect(page.status, await page.text()).toBe(200);
  });

  it('leads nowhere for a draft, an unknown address or an unknown ?p=', async () => {
    for (const path of ['/?p=13', '/?p=99', '/2024/05/12/autre/', '/fr/ancienne-rubrique/autre']) expect((await get(path)).status, path).toBe(404);
    // The home page with any other query is still the home page.
    expect((await get('/?utm_source=x')).status).toBe(200);
  });
});
