import { h } from 'preact';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { SLOT_NAMES, type ThemeSlots } from '../src/render/slots.ts';
import { adminClient } from './admin-client.ts';
import { forEachDialect, freshDatabase, makeDraft, NO_BACKGROUND_PASSES, testConfig } from './harness.ts';

/**
 * A theme's template slots on real pages: each slot answers a Preact element
 * (rendered as markup) and a string holding markup (escaped), so every place
 * shows both rules at once.
 */

const both = (name: string, extra = '') => [h('span', { class: `slot-${name}` }, `${name}${extra}`), `<i>${name}</i>`];
const slots: ThemeSlots = {
  header: (ctx) => both('header', `-${ctx.edition.code}`),
  belowNav: () => both('belowNav'),
  homeVideo: () => both('homeVideo'),
  articleTop: (_ctx, a) => both('articleTop', `-${a.slug}`),
  articleEnd: (_ctx, a) => both('articleEnd', `-${a.slug}`),
  footer: () => both('footer'),
  footerEnd: () => both('footerEnd'),
};

/** Where slot `name` landed in the page, checking that its element is markup and its string escaped. */
function at(html: string, name: string, extra = ''): number {
  const i = html.indexOf(`<span class="slot-${name}">${name}${extra}</span>&lt;i>${name}&lt;/i>`);
  expect(i, `${name} slot`).toBeGreaterThan(-1);
  expect(html).not.toContain(`<i>${name}</i>`);
  return i;
}

forEachDialect('Theme slots', (dialect) => {
  let app: App;
  let url: string;
  let drop: () => Promise<void>;
  let articlePath: string;
  const clock = new Date('2026-12-01T10:00:00.000Z');
  const page = async (p: string) => {
    const r = await fetch(url + p);
    expect(r.status).toBe(200);
    return r.text();
  };

  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    app = await buildApp(testConfig(db.dataDir, db.database, NO_BACKGROUND_PASSES), { now: () => clock, slots });
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;
    await adminClient(url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: 'correct horse battery' });
    const admin = await adminClient(url).login('admin@example.org', 'correct horse battery');
    const { article } = await admin.json('POST', '/api/admin/articles', { ...makeDraft({ section: 'monde', slug: 'avec-slots' }), publishedAt: '2026-12-01T09:00:00.000Z' });
    await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    articlePath = '/fr/monde/avec-slots';
    await app.site.refresh(true);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('puts the header, below-nav and footer slots in place on every page, and the home video row on the home', async () => {
    const home = await page('/fr/');
    const header = at(home, 'header', '-fr');
    expect(header).toBeGreaterThan(home.indexOf('<header'));
    expect(header).toBeLessThan(home.indexOf('</header>'));
    const belowNav = at(home, 'belowNav');
    expect(belowNav).toBeGreaterThan(header);
    expect(belowNav).toBeLessThan(home.indexOf('<main'));
    const video = at(home, 'homeVideo');
    expect(video).toBeGreaterThan(home.indexOf('<main'));
    expect(video).toBeLessThan(home.indexOf('</main>'));
    const footer = at(home, 'footer');
    expect(footer).toBeGreaterThan(home.indexOf('<footer class="site-footer"'));
    expect(footer).toBeLessThan(home.indexOf('class="footer-cols"'));
    const end = at(home, 'footerEnd');
    expect(end).toBeGreaterThan(home.indexOf('class="legal"'));
    expect(end).toBeLessThan(home.indexOf('</footer>'));
    // Not on the article page: the home video row is the home's.
    expect(await page(articlePath)).not.toContain('slot-homeVideo');
  });

  it('puts the article slots after the article header and after the body, before the share block', async () => {
    const html = await page(articlePath);
    for (const name of ['header', 'belowNav', 'footer', 'footerEnd']) at(html, name, name === 'header' ? '-fr' : '');
    const top = at(html, 'articleTop', '-avec-slots');
    const end = at(html, 'articleEnd', '-avec-slots');
    const main = html.slice(html.indexOf('<main'));
    const offset = html.indexOf('<main');
    expect(top).toBeGreaterThan(offset + main.indexOf('</header>'));
    expect(top).toBeLessThan(html.indexOf('class="article-body"'));
    expect(end).toBeGreaterThan(html.indexOf('class="article-body"'));
    expect(end).toBeLessThan(html.indexOf('class="share"'));
    expect(SLOT_NAMES.every((n) => n in slots)).toBe(true);
  });
});
