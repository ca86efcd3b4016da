import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_KEY } from '../src/cdn/keys.ts';
import { DEFAULT_COLOURS } from '../src/identity/colours.ts';
import { bumpContentVersion } from '../src/store/content-version.ts';
import { startDesignSite, type DesignSite } from '../e2e/design-screens.ts';

/**
 * The bar for the article page: every stylesheet it links — the
 * theme's (tokens and the typefaces of the edition's script), site.css and
 * the edition's brand stylesheet — under 20 KB together, before compression,
 * as served. Measured on the demo site, whose editions include an Arabic one,
 * with every brand colour set, so the brand stylesheet is at its largest.
 */
const BUDGET = 20 * 1024;

let site: DesignSite;
beforeAll(async () => {
  site = await startDesignSite();
  const db = site.app.store.db;
  for (const { code, identity } of await db.selectFrom('editions').select(['code', 'identity']).execute()) {
    const parsed = identity ? JSON.parse(identity) : {};
    await db.updateTable('editions').set({ identity: JSON.stringify({ ...parsed, colours: DEFAULT_COLOURS }) }).where('code', '=', code).execute();
  }
  await bumpContentVersion(db, [SITE_KEY]);
  await site.app.site.refresh();
}, 180_000);
afterAll(() => site?.close());

async function stylesheets(path: string): Promise<Array<{ href: string; bytes: number }>> {
  const res = await fetch(site.url + path);
  expect(res.status, path).toBe(200);
  const html = await res.text();
  const hrefs = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  return Promise.all(
    hrefs.map(async (href) => {
      const r = await fetch(site.url + href);
      expect(r.status, href).toBe(200);
      return { href, bytes: (await r.arrayBuffer()).byteLength };
    }),
  );
}

/** The newest published article of an edition that is not a live (a live page links its own stylesheet). */
async function articlePath(edition: string): Promise<string> {
  const a = await site.app.store.db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.slug', 's.slug as section'])
    .where('a.edition', '=', edition)
    .where('a.status', '=', 'published')
    .where('a.live_started_at', 'is', null)
    .orderBy('a.published_at', 'desc')
    .executeTakeFirstOrThrow();
  return `/${edition}/${a.section}/${encodeURIComponent(a.slug)}`;
}

describe('the article page’s stylesheets', () => {
  it('stay under 20 KB together in French, with the Latin faces only', async () => {
    const sheets = await stylesheets(await articlePath('fr'));
    expect(sheets.map((s) => s.href).slice(0, 2).join(' ')).toMatch(/^\/assets\/tokens\.[0-9a-f]{12}\.css \/assets\/site\.[0-9a-f]{12}\.css$/);
    const theme = await (await fetch(site.url + sheets[0]!.href)).text();
    expect(theme).toMatch(/@font-face\{font-family:"?Source Serif 4 Variable"?;/);
    expect(theme).not.toMatch(/@font-face\{font-family:"?Noto Sans Arabic Variable"?;/);
    expect(sheets.at(-1)!.href).toMatch(/^\/brand\/fr\./);
    const total = sheets.reduce((n, s) => n + s.bytes, 0);
    expect(total, JSON.stringify(sheets)).toBeLessThan(BUDGET);
  });

  it('stay under 20 KB together in Arabic, with the Arabic face and the Latin sans only', async () => {
    const sheets = await stylesheets(await articlePath('ar'));
    expect(sheets[0]!.href).toMatch(/^\/assets\/tokens-arabic\.[0-9a-f]{12}\.css$/);
    expect(sheets.at(-1)!.href).toMatch(/^\/brand\/ar\./);
    const theme = await (await fetch(site.url + sheets[0]!.href)).text();
    expect(theme).toMatch(/@font-face\{font-family:"?Noto Sans Arabic Variable"?;/);
    expect(theme).toMatch(/@font-face\{font-family:"?Source Sans 3 Variable"?;/);
    expect(theme).not.toMatch(/@font-face\{font-family:"?Source Serif 4 Variable"?;/);
    const total = sheets.reduce((n, s) => n + s.bytes, 0);
    expect(total, JSON.stringify(sheets)).toBeLessThan(BUDGET);
  });

  it('stay under 20 KB together in every edition of the demo', async () => {
    const editions = await site.app.store.db.selectFrom('editions').select('code').execute();
    for (const { code } of editions) {
      const sheets = await stylesheets(await articlePath(code));
      const total = sheets.reduce((n, s) => n + s.bytes, 0);
      console.log(`${code}: ${total} bytes`, sheets.map((s) => `${s.href} ${s.bytes}`).join(', '));
      expect(total, `${code}: ${JSON.stringify(sheets)}`).toBeLessThan(BUDGET);
    }
  });
});
