import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { writeImportFolder } from './fixtures.ts';
import { announceContentChange } from '../src/bus/content-changes.ts';
import { videoChangeKeys } from '../src/cdn/page-keys.ts';
import { bumpContentVersion } from '../src/store/content-version.ts';
import { forEachDialect, makeArticle, NO_BACKGROUND_PASSES, startTestSite, waitFor, type TestSite } from './harness.ts';
import { readyVideo, setArticleVideos, type ReadyVideo } from './support/video.ts';

const BASE = 'https://news.example';
const XSD = path.resolve(import.meta.dirname, 'fixtures/sitemap.xsd');
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off', 'long-title': 'off' } });
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/** The page's one JSON-LD block, parsed. */
function jsonLd(html: string): any[] {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0][1]);
}
/** Open Graph and X tags, as [key, content]. */
const social = (html: string) =>
  [...html.matchAll(/<meta (property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"\/>/g)].map((m) => [m[2], decode(m[3])]);
/** An attribute of the first element matching `start` (a literal beginning of its tag). */
function attr(html: string, start: string, name: string): string | undefined {
  const i = html.indexOf(start);
  if (i < 0) return undefined;
  const tag = html.slice(i, html.indexOf('>', i));
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]) : undefined;
}

function xmllint(bytes: Buffer): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', ['--noout', '--schema', XSD, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
    child.stdin.end(bytes);
  });
}

forEachDialect('video pages, listings, players in articles, sitemap and oEmbed', (dialect) => {
  let site: TestSite;
  let journal: ReadyVideo;
  let draft: ReadyVideo;
  let world: ReadyVideo;
  let english: ReadyVideo;
  const leading = makeArticle({ section: 'tv', headline: 'Le journal de la nuit en images', publishedAt: '2026-11-21T09:00:00Z' });
  const withBlock = makeArticle({ section: 'monde', headline: 'Un reportage dans le corps', publishedAt: '2026-11-21T08:00:00Z' });
  const plain = makeArticle({ section: 'monde', headline: 'Sans vidéo', publishedAt: '2026-11-21T07:00:00Z' });

  const get = (p: string) => fetch(site.url + p, { redirect: 'manual' });
  const page = async (p: string) => {
    const r = await get(p);
    expect(r.status, p).toBe(200);
    return r.text();
  };
  const idOf = async (slug: string) => (await site.app.store.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const sectionId = async (edition: string, slug: string) => (await site.app.store.db.selectFrom('sections').select('id').where('edition', '=', edition).where('slug', '=', slug).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES);
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Dépêche English', timeZone: 'Europe/London' });
    const { dir } = await writeImportFolder([]);
    const english1 = makeArticle({ edition: 'en', section: 'world', headline: 'An English story' });
    await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [
      { name: 'a.json', baseDir: dir, text: JSON.stringify([leading, withBlock, plain, english1]) },
    ]);
    journal = await readyVideo(site.app, {
      title: 'Le journal de la nuit',
      description: 'Les titres & la météo.',
      sectionId: await sectionId('fr', 'tv'),
      licence: 'https://creativecommons.org/licenses/by-nd/4.0/',
      chapters: [
        { startMs: 2000, title: 'La météo' },
        { startMs: 0, title: 'Les titres' },
      ],
      publishedAt: '2026-11-20T10:00:00.000Z',
    });
    draft = await readyVideo(site.app, { title: 'Brouillon secret', sectionId: await sectionId('fr', 'tv'), published: false });
    world = await readyVideo(site.app, { title: 'Reportage sans sous-titres', sectionId: await sectionId('fr', 'monde'), subtitles: [], publishedAt: '2026-11-19T10:00:00.000Z' });
    english = await readyVideo(site.app, { edition: 'en', language: 'en', title: 'The night news', subtitles: [{ language: 'en', vtt: 'WEBVTT\n\n00:00.000 --> 00:02.000\nGood evening.\n' }] });
    await setArticleVideos(site.app, await idOf(leading.slug), { lead: { video: journal.id } });
    await setArticleVideos(site.app, await idOf(withBlock.slug), { blocks: [{ video: world.id, caption: 'Le reportage complet.' }] });
    await site.app.site.refresh();
  }, 180_000);
  afterAll(() => site.close());

  it('shows a published video on its own page: words, duration, player, transcript, chapters, the article using it', async () => {
    const r = await get(`/fr/videos/${journal.slug}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('surrogate-key')!.split(' ')).toEqual(expect.arrayContaining([`v${journal.id}`, 'vl-fr', `m${journal.posterImageId}`]));
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("media-src 'self' blob:");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'self'");
    const html = await r.text();
    expect(html).toContain('<h1>Le journal de la nuit</h1>');
    expect(html).toContain('Les titres &amp; la météo.');
    expect(html).toMatch(/Durée <time datetime="PT4S">0:04<\/time>/);
    expect(html).toContain('<dd>Rédaction TV</dd>');
    expect(html).toContain('<dd>© Dépêche TV</dd>');
    expect(html).toContain('rel="license"');
    // Chapters, sorted by time, link the MP4 at their time (JavaScript off) and seek the player (data-seek).
    const chapters = [...html.matchAll(/<a href="([^"]+)" data-seek="(\d+)" data-player-ref="player-\d+"><time datetime="(PT\d+S)">([\d:]+)<\/time> <span>([^<]+)<\/span><\/a>/g)].map((m) => [m[1].replace(/^.*\//, ''), m[2], m[3], m[4], m[5]]);
    expect(chapters).toEqual([
      ['video.mp4#t=0', '0', 'PT0S', '0:00', 'Les titres'],
      ['video.mp4#t=2', '2', 'PT2S', '0:02', 'La météo'],
    ]);
    // The article that leads with it.
    expect(html).toContain(`<a href="/fr/tv/${leading.slug}">Le journal de la nuit en images</a>`);
    // The player's stylesheet and script, only on pages with a player.
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/video\.[0-9a-f]{12}\.css"\/>/);
    expect(html).toMatch(/<script src="\/assets\/video\.[0-9a-f]{12}\.js" defer><\/script>/);
  });

  it('reads with JavaScript off: the poster links to the MP4, links to each subtitle file, the transcript as page text', async () => {
    const html = await page(`/fr/videos/${journal.slug}`);
    // The page links media as it does pictures: under /media/ on its own site (on the media host when MEDIA_PUBLIC_URL is set).
    const mp4 = `/media/${journal.mp4Key}`;
    expect(attr(html, '<figure class="player"', 'data-hls')).toBe(`/media/${journal.hlsKey}`);
    expect(attr(html, '<figure class="player"', 'data-mp4')).toBe(mp4);
    expect(attr(html, '<figure class="player"', 'data-hlsjs')).toMatch(/^\/assets\/hls\.[0-9a-f]{12}\.js$/);
    expect(attr(html, '<a class="player__poster"', 'href')).toBe(mp4);
    expect(html).toMatch(/<a class="player__poster"[^>]*><picture>.*<img [^>]*\salt[\s/]/);
    expect(html).toContain(`<a class="player__mp4" href="${mp4}" type="video/mp4">Télécharger la vidéo (MP4)</a>`);
    expect(html).toContain(`<ul class="player__subtitles"><li><a href="/media/${journal.subtitleKeys[0]}" hreflang="fr" type="text/vtt" data-label="Français">Sous-titres : Français (WebVTT)</a></li></ul>`);
    // The transcript: collapsible, in the subtitles' language, markup and entities of the cues resolved, a pause starting a paragraph.
    expect(html).toContain('<details class="player__transcript"><summary>Transcription</summary><div lang="fr"><p>Bonjour et bienvenue dans le journal. Voici les titres de la nuit.</p><p>À demain &amp; bonne nuit.</p></div></details>');
    // The files it links to are there, with their types.
    for (const [url, type] of [[mp4, 'video/mp4'], [`/media/${journal.hlsKey}`, 'mpegurl'], [`/media/${journal.subtitleKeys[0]}`, 'text/vtt']]) {
      const f = await get(url);
      expect(f.status, url).toBe(200);
      expect(f.headers.get('content-type'), url).toContain(type);
    }
    // The hls.js the player loads is the pinned package's light build, served as our own file.
    const lib = await get(attr(html, '<figure class="player"', 'data-hlsjs')!);
    expect(lib.status).toBe(200);
    expect(lib.headers.get('cache-control')).toContain('immutable');
    const require = createRequire(import.meta.url);
    expect(Buffer.from(await lib.arrayBuffer()).equals(await fs.readFile(require.resolve('hls.js/dist/hls.light.min.js')))).toBe(true);
  });

  it('describes the video for search engines and link previews: VideoObject with ISO duration and clips, og:video, the player card', async () => {
    const html = await page(`/fr/videos/${journal.slug}`);
    const url = `${BASE}/fr/videos/${journal.slug}`;
    const [video, crumbs] = jsonLd(html);
    expect(video).toMatchObject({
      '@type': 'VideoObject',
      '@id': `${url}#video`,
      name: 'Le journal de la nuit',
      description: 'Les titres & la météo.',
      uploadDate: '2026-11-20T10:00:00.000Z',
      duration: 'PT4S',
      contentUrl: `${BASE}/media/${journal.mp4Key}`,
      embedUrl: `${url}/embed`,
      url,
      inLanguage: 'fr',
      width: 640,
      height: 360,
      transcript: 'Bonjour et bienvenue dans le journal. Voici les titres de la nuit.\n\nÀ demain & bonne nuit.',
      license: 'https://creativecommons.org/licenses/by-nd/4.0/',
    });
    expect(video.thumbnailUrl[0]).toMatch(/^https:\/\/news\.example\/media\/.+\.jpg$/);
    expect(video.hasPart).toEqual([
      { '@type': 'Clip', name: 'Les titres', startOffset: 0, endOffset: 2, url: `${url}?t=0` },
      { '@type': 'Clip', name: 'La météo', startOffset: 2, endOffset: 4, url: `${url}?t=2` },
    ]);
    expect(crumbs['@type']).toBe('BreadcrumbList');
    const tags = social(html);
    expect(tags).toEqual(expect.arrayContaining([
      ['og:type', 'video.other'],
      ['og:video', `${BASE}/media/${journal.mp4Key}`],
      ['og:video:type', 'video/mp4'],
      ['og:video:width', '640'],
      ['og:video:height', '360'],
      ['twitter:card', 'player'],
      ['twitter:player', `${url}/embed`],
      ['twitter:player:width', '640'],
      ['twitter:player:height', '360'],
    ]));
    expect(html).toContain(`<link rel="alternate" type="application/json+oembed" title="Le journal de la nuit" href="${BASE}/oembed?url=${encodeURIComponent(url)}&amp;format=json"/>`);
  });

  it('serves valid HTML for the video page, the listing, the embed and an article with videos', async () => {
    for (const p of [`/fr/videos/${journal.slug}`, '/fr/videos', '/fr/videos?section=tv', `/fr/videos/${journal.slug}/embed`, `/fr/tv/${leading.slug}`, `/fr/monde/${withBlock.slug}`, '/fr/tv/']) {
      const report = await validator.validateString(await page(p));
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector})`)), p).toEqual([]);
    }
  });

  it('answers 404 for drafts, unknown videos and pages past the end', async () => {
    for (const p of [`/fr/videos/${draft.slug}`, `/fr/videos/${draft.slug}/embed`, '/fr/videos/nulle-part', `/en/videos/${journal.slug}`, '/fr/videos?section=nulle-part', '/fr/videos?page=2', '/fr/videos?page=x']) {
      expect((await get(p)).status, p).toBe(404);
    }
    expect(await page('/fr/videos')).not.toContain('Brouillon secret');
    expect(await page('/fr/tv/')).not.toContain('Brouillon secret');
  });

  it('lists the edition’s published videos, newest first, and one section’s with ?section=', async () => {
    const all = await page('/fr/videos');
    expect(all).toContain('<h1>Vidéos</h1>');
    const titles = [...all.matchAll(/<a href="\/fr\/videos\/[^"]+"><span class="card-video">Vidéo<\/span>([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles).toEqual(['Le journal de la nuit', 'Reportage sans sous-titres']);
    const tv = await page('/fr/videos?section=tv');
    expect(tv).toContain('<h1>Vidéos : TV</h1>');
    expect(tv).toContain(`href="/fr/videos/${journal.slug}"`);
    expect(tv).not.toContain(`href="/fr/videos/${world.slug}"`);
    expect(tv).toContain('<link rel="canonical" href="https://news.example/fr/videos?section=tv"/>');
    // The English edition's, in English.
    const en = await page('/en/videos');
    expect(en).toContain('<h1>Videos</h1>');
    expect(en).toContain(`href="/en/videos/${english.slug}"`);
    expect(en).not.toContain(journal.slug);
    const enPage = await page(`/en/videos/${english.slug}`);
    expect(enPage).toContain('Play the video');
    expect(enPage).toContain('<summary>Transcript</summary><div lang="en"><p>Good evening.</p></div>');
  });

  it('shows a section’s newest videos on its page, and a play mark on the cards of articles leading with a video', async () => {
    const r = await get('/fr/tv/');
    expect(r.headers.get('surrogate-key')!.split(' ')).toEqual(expect.arrayContaining(['vl-fr', `v${journal.id}`]));
    const tv = await r.text();
    expect(tv).toContain('<h2 id="section-videos-title">Dernières vidéos</h2>');
    expect(tv).toContain(`href="/fr/videos/${journal.slug}"`);
    expect(tv).toContain('<a href="/fr/videos?section=tv">Vidéos : TV</a>');
    expect(tv).toContain(`<a href="/fr/tv/${leading.slug}"><span class="card-video">Vidéo</span>Le journal de la nuit en images</a>`);
    // Not on a page without videos, and no player assets on listings.
    const monde = await page('/fr/monde/');
    expect(monde).toContain(`href="/fr/videos/${world.slug}"`);
    expect(monde).toContain(`<a href="/fr/monde/${plain.slug}">Sans vidéo</a>`);
    expect(monde).not.toMatch(/assets\/video\./);
  });

  it('plays an article’s lead video and its video blocks, and describes them in the article’s structured data and cards', async () => {
    const r = await get(`/fr/tv/${leading.slug}`);
    expect(r.headers.get('surrogate-key')!.split(' ')).toEqual(expect.arrayContaining([`v${journal.id}`]));
    const html = await r.text();
    expect(html).toContain(`<div class="video-figure lead" id="video-${journal.id}"><figure class="player" data-player `);
    expect(attr(html, '<a class="player__poster"', 'href')).toBe(`/media/${journal.mp4Key}`);
    expect(html).toMatch(/assets\/video\.[0-9a-f]{12}\.js/);
    const [news, , video] = jsonLd(html);
    expect(news.video).toEqual([{ '@id': `${BASE}/fr/tv/${leading.slug}#library-video-${journal.id}` }]);
    expect(video).toMatchObject({ '@type': 'VideoObject', duration: 'PT4S', embedUrl: `${BASE}/fr/videos/${journal.slug}/embed`, hasPart: [expect.objectContaining({ name: 'Les titres' }), expect.objectContaining({ name: 'La météo' })] });
    expect(social(html)).toEqual(expect.arrayContaining([['og:video', `${BASE}/media/${journal.mp4Key}`], ['og:video:type', 'video/mp4'], ['twitter:card', 'player']]));
    // The poster stands for the article wherever a picture is shown.
    expect(social(html).find(([k]) => k === 'og:image')?.[1]).toMatch(/^https:\/\/news\.example\/media\//);

    const body = await page(`/fr/monde/${withBlock.slug}`);
    expect(body).toMatch(new RegExp(`<div class="article-body">.*<div class="video-figure"><figure class="player"`));
    expect(body).toContain('<figcaption><span class="caption">Le reportage complet.</span><bdi class="credit">Rédaction TV</bdi></figcaption>');
    // A video without subtitles has no subtitle links and no transcript.
    expect(body).not.toContain('player__subtitles');
    expect(body).not.toContain('player__transcript');
    expect(social(body).some(([k]) => k === 'og:video')).toBe(false);
    expect(jsonLd(body).filter((o) => o['@type'] === 'VideoObject')).toHaveLength(1);
  });

  it('serves an embeddable player page that any site may frame', async () => {
    const r = await get(`/fr/videos/${journal.slug}/embed`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(r.headers.get('content-security-policy')).not.toContain("frame-ancestors 'self'");
    const html = await r.text();
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toContain(`<link rel="canonical" href="${BASE}/fr/videos/${journal.slug}"/>`);
    expect(html).toContain('data-player ');
    expect(html).not.toContain('class="site-header"');
    // The ordinary pages still refuse to be framed elsewhere, also after the embed was cached.
    expect((await get(`/fr/videos/${journal.slug}`)).headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect((await get(`/fr/videos/${journal.slug}/embed`)).headers.get('content-security-policy')).toContain('frame-ancestors *');
  });

  it('lists published videos in a video sitemap that validates, linked from the sitemap index', async () => {
    const index = await (await get('/sitemap.xml')).text();
    expect(index).toContain(`<loc>${BASE}/sitemaps/fr-videos.xml</loc>`);
    expect(index).toContain(`<loc>${BASE}/sitemaps/en-videos.xml</loc>`);
    const r = await get('/sitemaps/fr-videos.xml');
    expect(r.status).toBe(200);
    const bytes = Buffer.from(await r.arrayBuffer());
    const lint = await xmllint(bytes);
    expect(lint.err.trim(), 'xmllint').toBe('- validates');
    const xml = bytes.toString();
    expect(xml).toContain('xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"');
    expect(xml).toContain(`<loc>${BASE}/fr/videos/${journal.slug}</loc>`);
    expect(xml).toContain(`<video:content_loc>${BASE}/media/${journal.mp4Key}</video:content_loc>`);
    expect(xml).toContain(`<video:player_loc>${BASE}/fr/videos/${journal.slug}/embed</video:player_loc>`);
    expect(xml).toContain('<video:duration>4</video:duration>');
    expect(xml).toContain('<video:description>Les titres &amp; la météo.</video:description>');
    expect(xml).not.toContain(draft.slug);
    expect(xml.indexOf(journal.slug)).toBeLessThan(xml.indexOf(world.slug));
  });

  it('answers oEmbed with type video for a video page and an article leading with one, link otherwise', async () => {
    const oembed = async (url: string, extra = '') => {
      const r = await get(`/oembed?url=${encodeURIComponent(url)}&format=json${extra}`);
      expect(r.status, url).toBe(200);
      return r.json();
    };
    const v = await oembed(`${BASE}/fr/videos/${journal.slug}`);
    expect(v).toMatchObject({ version: '1.0', type: 'video', title: 'Le journal de la nuit', width: 640, height: 360, provider_name: 'Dépêche' });
    expect(v.html).toBe(`<iframe src="${BASE}/fr/videos/${journal.slug}/embed" width="640" height="360" title="Le journal de la nuit" allow="fullscreen; picture-in-picture" allowfullscreen loading="lazy" style="border:0"></iframe>`);
    const small = await oembed(`${BASE}/fr/videos/${journal.slug}`, '&maxwidth=320');
    expect([small.width, small.height]).toEqual([320, 180]);
    const a = await oembed(`${BASE}/fr/tv/${leading.slug}`);
    expect(a.type).toBe('video');
    expect(a.title).toBe('Le journal de la nuit en images');
    expect(a.html).toContain(`${BASE}/fr/videos/${journal.slug}/embed`);
    expect((await oembed(`${BASE}/fr/monde/${plain.slug}`)).type).toBe('link');
    const missing = await get(`/oembed?url=${encodeURIComponent(`${BASE}/fr/videos/${draft.slug}`)}&format=json`);
    expect(missing.status).toBe(404);
  });

  it('drops the cached pages that show a video when it changes, and the listings when one is published', async () => {
    // Cached: the video page, the article leading with it, the listing, the section page.
    const paths = [`/fr/videos/${journal.slug}`, `/fr/tv/${leading.slug}`, '/fr/videos', '/fr/tv/'];
    for (const p of paths) await page(p);
    const change = async (id: number, set: Record<string, unknown>, listed: boolean) => {
      await site.app.store.db.transaction().execute(async (trx) => {
        await trx.updateTable('videos').set(set).where('id', '=', id).execute();
        await bumpContentVersion(trx, videoChangeKeys({ id, edition: 'fr' }, listed));
      });
      announceContentChange(site.app.bus);
    };
    await change(journal.id, { title: 'Le journal du matin' }, false);
    for (const p of paths) await waitFor(`${p} shows the new title`, async () => (await page(p)).includes('Le journal du matin'));
    // A draft published: it joins the listings and the section's row.
    await change(draft.id, { status: 'published', published_at: '2026-11-22T10:00:00.000Z' }, true);
    for (const p of ['/fr/videos', '/fr/tv/', '/sitemaps/fr-videos.xml']) await waitFor(`${p} lists the published draft`, async () => (await (await get(p)).text()).includes(draft.slug));
    expect((await get(`/fr/videos/${draft.slug}`)).status).toBe(200);
  });
});
