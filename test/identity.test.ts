import { HtmlValidate } from 'html-validate';
import icoEndec from 'ico-endec';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeArticle, makeImage, NO_BACKGROUND_PASSES, scratchDir, startTestSite, waitFor, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';
const BASE = '/api/admin/editions/fr/identity';
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off', 'long-title': 'off' } });
const invalid = async (html: string) => (await validator.validateString(html)).results.flatMap((x) => x.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector})`));
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 60"><rect width="240" height="60" fill="#b0122a"/><text x="12" y="42" fill="#fff">Dépêche</text></svg>';

function upload(field: string, data: Buffer | string, type: string, name: string): FormData {
  const form = new FormData();
  form.append(field, new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type }), name);
  return form;
}

forEachDialect('edition identity', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let editor: AdminClient;
  const article = makeArticle();
  const articlePath = `/fr/tv/${article.slug}`;
  const get = (path: string) => fetch(site.url + path);
  const home = async () => (await get('/fr/')).text();
  /** Waits until the home page (as readers get it, after the change reached the page cache) satisfies `ok`. */
  const homeWhen = async (what: string, ok: (html: string) => boolean) => {
    let html = '';
    await waitFor(what, async () => ok((html = await home())));
    return html;
  };

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'eve@example.org', name: 'Eve Editor', role: 'editor', password: PASSWORD });
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    const deps = { db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() };
    await importArticles(deps, [{ name: 'a.json', baseDir: await scratchDir('identity-'), text: JSON.stringify([article]) }]);
    await site.app.site.refresh();
  });
  afterAll(() => site?.close());

  it('is for admins only, and starts empty: the text wordmark, the theme’s icon and colours', async () => {
    expect((await editor.call('GET', BASE)).status).toBe(403);
    const { identity } = await admin.json('GET', BASE);
    expect(identity).toMatchObject({ edition: 'fr', logo: null, icons: null, colours: {}, social: [], socialImageId: null });
    expect((await admin.call('GET', '/api/admin/editions/xx/identity')).status).toBe(404);
    const html = await home();
    expect(html).toMatch(/<a class="brand" href="\/fr\/">[^<]+<\/a>/);
    expect(html).toContain('<meta name="theme-color" content="#ffffff"/>');
    expect(html).toContain('<link rel="manifest" href="/fr/manifest.webmanifest"/>');
    expect(html).not.toContain('/brand/');
    // The theme's tokens come before site.css, which uses them.
    const tokens = html.indexOf('/assets/tokens.');
    expect(tokens).toBeGreaterThan(0);
    expect(tokens).toBeLessThan(html.indexOf('/assets/site.'));
  });

  it('refuses colours that are not #rrggbb or too pale to read, naming the field and the ratio', async () => {
    let r = await admin.call('PATCH', BASE, { colours: { link: '#999999' } });
    expect(r.status).toBe(422);
    let body = await r.json();
    expect(body.issues).toEqual([{ field: 'colours.link', message: expect.stringMatching(/contrast 2\.84:1 .* 4\.5:1/) }]);
    r = await admin.call('PATCH', BASE, { colours: { accent: 'rouge' } });
    expect((await r.json()).issues[0].field).toBe('colours.accent');
    // The paper is checked against the ink already set as well as the theme's.
    await admin.json('PATCH', BASE, { colours: { ink: '#333333' } });
    r = await admin.call('PATCH', BASE, { colours: { ink: '#333333', paper: '#555555' } });
    body = await r.json();
    expect(body.issues.map((i: { field: string }) => i.field)).toContain('colours.ink');
    expect((await admin.call('PATCH', BASE, { shade: 1 })).status).toBe(422);
  });

  it('serves the brand colours as a fingerprinted stylesheet linked after site.css', async () => {
    const { identity } = await admin.json('PATCH', BASE, { colours: { accent: '#0a3d91', header: '#0a3d91', headerInk: '#ffffff' } });
    expect(identity.colours).toEqual({ accent: '#0a3d91', header: '#0a3d91', headerInk: '#ffffff' });
    const html = await homeWhen('the brand colours', (h) => h.includes('content="#0a3d91"'));
    const href = html.match(/<link rel="stylesheet" href="(\/brand\/fr\.[0-9a-f]{12}\.css)"\/>/)![1];
    expect(html.indexOf(href)).toBeGreaterThan(html.indexOf('/assets/site.'));
    expect(html).toContain('<meta name="theme-color" content="#0a3d91"/>');
    const css = await get(href);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toBe(':root{--color-accent:#0a3d91;--color-header:#0a3d91;--color-header-ink:#ffffff}\n');
    expect((await get('/brand/zz.0123456789ab.css')).status).toBe(404);
  });

  it('refuses a logo with a script, or one that is neither SVG nor PNG, naming the field', async () => {
    let r = await admin.call('PUT', `${BASE}/logo`, upload('logo', LOGO.replace('</svg>', '<script>alert(1)</script></svg>'), 'image/svg+xml', 'logo.svg'));
    expect(r.status).toBe(422);
    expect((await r.json()).issues).toEqual([{ field: 'logo', message: expect.stringContaining('script') }]);
    r = await admin.call('PUT', `${BASE}/logo`, upload('logo', LOGO.replace('<rect', '<rect onmouseover="steal()"'), 'image/svg+xml', 'logo.svg'));
    expect((await r.json()).issues[0].message).toContain('onmouseover');
    r = await admin.call('PUT', `${BASE}/logo`, upload('logo', await makeImage(300, 100, 'jpeg'), 'image/jpeg', 'logo.jpg'));
    expect(r.status).toBe(422);
    expect((await r.json()).issues).toEqual([{ field: 'logo', message: 'expected an SVG or PNG file' }]);
    r = await admin.call('PUT', `${BASE}/logo`, upload('file', LOGO, 'image/svg+xml', 'logo.svg'));
    expect((await r.json()).issues[0].field).toBe('logo');
  });

  it('shows an SVG logo in the header, with its size, served as the cleaned SVG', async () => {
    const { identity } = await admin.json('PUT', `${BASE}/logo`, upload('logo', `<?xml version="1.0"?>\n${LOGO}`, 'image/svg+xml', 'logo.svg'));
    expect(identity.logo).toMatchObject({ mime: 'image/svg+xml', width: 240, height: 60 });
    const html = await homeWhen('the logo in the header', (h) => h.includes(identity.logo.url));
    expect(html).toContain(`<a class="brand" href="/fr/"><img src="${identity.logo.url}" width="240" height="60" alt="`);
    expect(await invalid(html)).toEqual([]);
    const file = await get(identity.logo.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const text = await file.text();
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text).toContain('Dépêche');
    // A PNG replaces it; removing it brings the text wordmark back.
    const png = await admin.json('PUT', `${BASE}/logo`, upload('logo', await makeImage(400, 100, 'png'), 'image/png', 'logo.png'));
    expect(png.identity.logo).toMatchObject({ mime: 'image/png', width: 400, height: 100 });
    // A PNG logo is the publisher's logo in articles' structured data (an SVG one is not: search engines take raster logos).
    await waitFor('the PNG logo as the publisher’s', async () => {
      const html = await (await get(articlePath)).text();
      const news = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1])[0];
      return news.publisher.logo.url === `https://news.example${png.identity.logo.url}` && news.publisher.logo.width === 400;
    });
    await admin.json('DELETE', `${BASE}/logo`);
    await homeWhen('the text wordmark again', (h) => /<a class="brand" href="\/fr\/">[^<]+<\/a>/.test(h));
  });

  it('makes the favicon and touch icons from one picture, at their sizes', async () => {
    let r = await admin.call('PUT', `${BASE}/icon`, upload('icon', await makeImage(256, 256, 'png'), 'image/png', 'small.png'));
    expect(r.status).toBe(422);
    expect((await r.json()).issues).toEqual([{ field: 'icon', message: expect.stringContaining('256 × 256') }]);
    r = await admin.call('PUT', `${BASE}/icon`, upload('icon', 'plain text', 'text/plain', 'x.txt'));
    expect((await r.json()).issues[0].field).toBe('icon');

    const { identity } = await admin.json('PUT', `${BASE}/icon`, upload('icon', await makeImage(640, 640, 'png', '#b0122a'), 'image/png', 'icon.png'));
    expect(Object.keys(identity.icons).sort()).toEqual(['180', '192', '32', '512', 'ico']);
    for (const size of [32, 180, 192, 512]) {
      const res = await get(identity.icons[String(size)]);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
    }
    const html = await homeWhen('the icons in the head', (h) => h.includes(identity.icons['180']));
    // Valid HTML with everything the identity adds: icons, theme colour, manifest, brand stylesheet.
    expect(await invalid(html)).toEqual([]);
    expect(html).toContain(`<link rel="apple-touch-icon" href="${identity.icons['180']}"/>`);
    expect(html).toContain(`<link rel="icon" href="${identity.icons['32']}" type="image/png" sizes="32x32"/>`);
    const ico = await get('/favicon.ico');
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const entries = icoEndec.decode(Buffer.from(await ico.arrayBuffer()));
    expect(entries.map((e) => e.width)).toEqual([16, 32, 48]);
  });

  it('describes the edition in a valid web app manifest', async () => {
    const r = await get('/fr/manifest.webmanifest');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const m = await r.json();
    expect(m).toMatchObject({ id: '/fr/', start_url: '/fr/', scope: '/fr/', lang: 'fr', dir: 'ltr', display: 'minimal-ui', theme_color: '#0a3d91', background_color: '#ffffff' });
    expect(typeof m.name).toBe('string');
    expect(m.name.length).toBeGreaterThan(0);
    expect(m.icons.map((i: { sizes: string }) => i.sizes)).toEqual(['192x192', '512x512']);
    for (const icon of m.icons) {
      const meta = await sharp(Buffer.from(await (await get(icon.src)).arrayBuffer())).metadata();
      expect(`${meta.width}x${meta.height}`).toBe(icon.sizes);
      expect(icon.type).toBe('image/png');
    }
    expect((await get('/zz/manifest.webmanifest')).status).toBe(404);
  });

  it('keeps social accounts with https addresses only', async () => {
    const r = await admin.call('PATCH', BASE, { social: [{ network: 'x', url: 'http://x.com/depeche' }, { network: 'myspace', url: 'https://myspace.com/d' }] });
    expect(r.status).toBe(422);
    expect((await r.json()).issues.map((i: { field: string }) => i.field)).toEqual(['social[0].url', 'social[1].network']);
    const { identity } = await admin.json('PATCH', BASE, { social: [{ network: 'youtube', url: 'https://www.youtube.com/@depeche' }] });
    expect(identity.social).toEqual([{ network: 'youtube', url: 'https://www.youtube.com/@depeche' }]);
    // The colours set before are kept.
    expect(identity.colours.accent).toBe('#0a3d91');
    // The publisher's profiles, in the article's structured data.
    let news: any;
    await waitFor('the publisher’s sameAs', async () => {
      const html = await (await get(articlePath)).text();
      news = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1])[0];
      return news.publisher.sameAs !== undefined;
    });
    expect(news.publisher.sameAs).toEqual(['https://www.youtube.com/@depeche']);
    // And in the footer.
    const html = await homeWhen('the account in the footer', (h) => h.slice(h.indexOf('<footer')).includes('https://www.youtube.com/@depeche'));
    expect(html.slice(html.indexOf('<footer'))).toContain('<a href="https://www.youtube.com/@depeche" rel="me noopener">YouTube</a>');
  });

  it('gives pages without a picture the default social picture', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makeImage(1200, 630))], { type: 'image/jpeg' }), 'card.jpg');
    form.append('alt', 'Le plateau du journal');
    const media = await admin.json('POST', '/api/admin/media', form);
    const bad = await admin.call('PATCH', BASE, { socialImageId: 999999 });
    expect((await bad.json()).issues[0].field).toBe('socialImageId');
    const { identity } = await admin.json('PATCH', BASE, { socialImageId: media.id });
    expect(identity.socialImageId).toBe(media.id);
    const html = await homeWhen('the default social picture', (h) => h.includes('og:image'));
    expect(html).toContain(`<meta property="og:image" content="https://news.example${identity.socialImage.url}"/>`);
    expect(html).toContain('<meta property="og:image:alt" content="Le plateau du journal"/>');
    // An article without a picture of its own shows it too.
    const page = await (await get(articlePath)).text();
    expect(page).toContain(`<meta property="og:image" content="https://news.example${identity.socialImage.url}"/>`);
    await admin.json('PATCH', BASE, { socialImageId: null });
    await homeWhen('no social picture again', (h) => !h.includes('og:image'));
  });

  it('serves self-hosted typefaces with fallback metrics in the theme’s stylesheet', async () => {
    const html = await home();
    const href = html.match(/href="(\/assets\/tokens\.[0-9a-f]{12}\.css)"/)![1];
    const css = await (await get(href)).text();
    expect(css).toContain('--color-ink:');
    expect(css).toContain('--step-0:');
    expect(css).toContain('--space-m:');
    expect(css).toContain('--radius-m:');
    expect(css).toMatch(/font-family:"?Source Sans 3 Variable Fallback"?;src:local\("?Arial"?\)[^}]*size-adjust:[\d.]+%/);
    expect(css).toContain('font-display:optional');
    const font = css.match(/url\((\/assets\/source-sans-3-latin-wght-normal\.[0-9a-f]{12}\.woff2)\)/)![1];
    const r = await get(font);
    expect(r.headers.get('content-type')).toBe('font/woff2');
    expect(Buffer.from(await r.arrayBuffer()).subarray(0, 4).toString()).toBe('wOF2');
  });
});
