import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEdition } from '../src/content/edition.service.ts';
import { previewPage } from '../src/site/pages.ts';
import { importArticles } from '../src/content/import.service.ts';
import { writeImportFolder } from './fixtures.ts';
import { forEachDialect, makeArticle, NO_BACKGROUND_PASSES, startTestSite, TEST_REDIS_URL, uniqueRedisPrefix, waitFor, type TestSite } from './harness.ts';
import { key } from '../src/cdn/keys.ts';
import { mediaKeys } from '../src/cdn/article-change.ts';
import { freePort } from './support/free-port.ts';
import { deleteEntry, editEntry, endLive, makeLive, postEntry } from './support/live.ts';
import { startVarnish } from './support/varnish.ts';

const HOSTILE = '<script>alert(1)</script> "onmouseover=alert(2) x';
const BASE = 'https://news.example';

/** One Server-Sent Events frame as a client reads it. */
interface Frame {
  id?: string;
  event: string;
  data: string;
}

/** A reader's event stream over real HTTP: frames as they arrive. */
class Stream {
  frames: Frame[] = [];
  status = 0;
  headers = new Headers();
  ended = false;
  private ctrl = new AbortController();
  private buf = '';

  static async open(url: string, headers: Record<string, string> = {}): Promise<Stream> {
    const s = new Stream();
    const r = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: s.ctrl.signal });
    s.status = r.status;
    s.headers = r.headers;
    if (r.status === 200 && r.body) void s.read(r.body);
    else s.ended = true;
    return s;
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const dec = new TextDecoder();
    try {
      for await (const chunk of body as any) {
        this.buf += dec.decode(chunk, { stream: true });
        let i: number;
        while ((i = this.buf.indexOf('\n\n')) >= 0) {
          const raw = this.buf.slice(0, i);
          this.buf = this.buf.slice(i + 2);
          const f: Frame = { event: 'message', data: '' };
          let any = false;
          for (const line of raw.split('\n')) {
            if (line.startsWith(':')) continue;
            const c = line.indexOf(':');
            const field = c < 0 ? line : line.slice(0, c);
            const value = c < 0 ? '' : line.slice(c + 1).replace(/^ /, '');
            if (field === 'id') f.id = value;
            else if (field === 'event') f.event = value;
            else if (field === 'data') f.data += value;
            else continue;
            any = true;
          }
          if (any && (f.event !== 'message' || f.data)) this.frames.push(f);
        }
      }
    } catch {
      // aborted
    }
    this.ended = true;
  }

  entries(): Array<{ frame: Frame; msg: any }> {
    return this.frames.filter((f) => f.event === 'entry').map((frame) => ({ frame, msg: JSON.parse(frame.data) }));
  }

  close() {
    this.ctrl.abort();
  }
}

async function importLive(site: TestSite, articles: Record<string, any>[]) {
  const { dir } = await writeImportFolder([]);
  await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [{ name: 'a.json', baseDir: dir, text: JSON.stringify(articles) }]);
  const ids: number[] = [];
  for (const a of articles) {
    const row = await site.app.store.db.selectFrom('articles').select('id').where('edition', '=', a.edition).where('slug', '=', a.slug).executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  await site.app.site.refresh();
  return ids;
}

const jsonLdOf = (html: string) => {
  const m = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  return m ? JSON.parse(m[1]!) : null;
};

forEachDialect('live page', (dialect) => {
  let site: TestSite;
  const live = makeArticle({ section: 'monde', slug: `sommet-${dialect}-${process.pid}`, headline: 'Sommet de Bruxelles', standfirst: 'Les dirigeants européens réunis.', body: [{ type: 'paragraph', text: 'Le résumé du direct.' }], publishedAt: '2026-12-07T06:00:00Z' });
  const plain = makeArticle({ section: 'monde', headline: 'Un article ordinaire', publishedAt: '2026-12-07T05:00:00Z' });
  const other = makeArticle({ section: 'monde', headline: 'Un autre direct', publishedAt: '2026-12-07T05:00:00Z' });
  const english = makeArticle({ edition: 'en', section: 'world', headline: 'Summit live', publishedAt: '2026-12-07T05:00:00Z' });
  let liveId: number;
  let otherId: number;
  let englishId: number;
  const ids: Record<string, number> = {};
  const path = `/fr/monde/${live.slug}`;

  beforeAll(async () => {
    site = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, livePollMs: 0 });
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Dispatch', timeZone: 'America/New_York' });
    [liveId, , otherId, englishId] = await importLive(site, [live, plain, other, english]);
    await makeLive(site.app, liveId, '2026-12-07T06:00:00Z');
    await makeLive(site.app, otherId, '2026-12-07T05:00:00Z');
    await makeLive(site.app, englishId, '2026-12-07T05:00:00Z');
    const t = (m: number) => new Date(Date.UTC(2026, 11, 7, 8, m)).toISOString();
    // 24 ordinary entries, one key point, one pinned, one hostile, one draft: 27 published.
    for (let i = 1; i <= 24; i++) ids[`e${i}`] = (await postEntry(site.app, liveId, { text: `Entrée numéro ${i}.`, author: 'Claire Dubreuil', postedAt: t(i) })).id;
    ids.key = (await postEntry(site.app, liveId, { title: 'Accord trouvé sur le budget', text: 'Les Vingt-Sept se sont entendus.', keyPoint: true, postedAt: t(30) })).id;
    ids.pinned = (await postEntry(site.app, liveId, { title: 'À retenir', text: 'Ce qu’il faut savoir.', pinned: true, source: { name: 'AFP' }, postedAt: t(31) })).id;
    ids.hostile = (await postEntry(site.app, liveId, { title: HOSTILE, text: HOSTILE, author: HOSTILE, correction: HOSTILE, postedAt: t(32) })).id;
    ids.draft = (await postEntry(site.app, liveId, { title: 'Brouillon secret', status: 'draft', postedAt: t(33) })).id;
    ids.other = (await postEntry(site.app, otherId, { text: 'Dans un autre direct.', postedAt: t(5) })).id;
    ids.english = (await postEntry(site.app, englishId, { title: 'Talks begin', text: 'Leaders arrive.', postedAt: t(5) })).id;
  });
  afterAll(() => site?.close());

  const get = (p: string, headers: Record<string, string> = {}) => fetch(site.url + p, { headers, redirect: 'manual' });
  const html = async (p: string) => {
    const r = await get(p);
    expect(r.status, p).toBe(200);
    return r.text();
  };
  const entryIdsIn = (page: string) => [...page.matchAll(/<article class="live-entry[^"]*" id="entree-(\d+)"/g)].map((m) => Number(m[1]));

  it('shows, in order, the label, the summary, the key points, the pinned entries, then the entries newest first, without drafts', async () => {
    const page = await html(path);
    const at = (s: string) => {
      const i = page.indexOf(s);
      expect(i, s).toBeGreaterThan(0);
      return i;
    };
    expect(at('class="live-label"')).toBeLessThan(at('<h1>'));
    expect(page).toContain('EN DIRECT');
    expect(at('Le résumé du direct.')).toBeLessThan(at('class="live-keypoints"'));
    expect(at('class="live-keypoints"')).toBeLessThan(at('class="live-pinned"'));
    expect(at('class="live-pinned"')).toBeLessThan(at('class="live-entries"'));
    expect(page).toContain(`<a href="#entree-${ids.key}">Accord trouvé sur le budget</a>`);
    const list = entryIdsIn(page);
    expect(list).toHaveLength(20);
    expect(list.slice(0, 4)).toEqual([ids.hostile, ids.pinned, ids.key, ids.e24]);
    expect(page).not.toContain('Brouillon secret');
    expect(page).not.toContain(`entree-${ids.draft}`);
    // Times in the edition's zone, the zone shown.
    expect(page).toMatch(/<span class="live-entry-time">09:30 UTC\+1<\/span>/);
    expect(page).toContain('Par Claire Dubreuil');
    expect(page).toContain(`href="/fr/monde/${live.slug}/entree/${ids.e24}"`);
    // Read with JavaScript off: a real link to the next entries and to the other order; the script only enhances.
    expect(page).toContain(`href="/fr/monde/${live.slug}?page=2" rel="next">Entrées précédentes</a>`);
    expect(page).toContain(`href="/fr/monde/${live.slug}?order=oldest"`);
    expect(page).toMatch(/<script src="\/assets\/live\.[0-9a-f]+\.js" defer><\/script>/);
    expect(page).toContain(`data-events="/fr/monde/${live.slug}/events"`);
  });

  it('keeps hostile text as text in the page', async () => {
    const page = await html(path);
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toMatch(/<[^>]* "onmouseover=/);
    expect(page).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('paginates with real links, and switches to oldest first', async () => {
    const p2 = await html(`${path}?page=2`);
    expect(entryIdsIn(p2)).toEqual([ids.e7, ids.e6, ids.e5, ids.e4, ids.e3, ids.e2, ids.e1]);
    expect(p2).not.toContain('rel="next"');
    expect(p2).toContain(`href="/fr/monde/${live.slug}">Revenir aux dernières entrées</a>`);
    // The pinned entries and key points stay on every page.
    expect(p2).toContain('class="live-pinned"');
    const oldest = await html(`${path}?order=oldest`);
    expect(entryIdsIn(oldest).slice(0, 3)).toEqual([ids.e1, ids.e2, ids.e3]);
    expect(oldest).toContain(`href="/fr/monde/${live.slug}?order=oldest&amp;page=2" rel="next">Entrées suivantes</a>`);
    const oldest2 = await html(`${path}?order=oldest&page=2`);
    expect(entryIdsIn(oldest2)).toEqual([ids.e21, ids.e22, ids.e23, ids.e24, ids.key, ids.pinned, ids.hostile]);
    // Tracking parameters share the page; order is its own.
    expect(await html(`${path}?utm_source=x&order=oldest`)).toEqual(oldest);
    expect((await get(`${path}?page=9`)).status).toBe(404);
  });

  it('gives each entry a permalink opening the page at it, with its own sharing card and canonical address', async () => {
    const link = `/fr/monde/${live.slug}/entree/${ids.e3}`;
    const page = await html(link);
    expect(entryIdsIn(page)).toContain(ids.e3);
    expect(page).toMatch(new RegExp(`<article class="live-entry is-target" id="entree-${ids.e3}"`));
    expect(page).toContain(`<a href="#entree-${ids.e3}">Aller à l’entrée partagée</a>`);
    expect(page).toContain(`<link rel="canonical" href="${BASE}${link}"/>`);
    expect(page).toContain(`<meta property="og:url" content="${BASE}${link}"/>`);
    expect(page).toContain(`<meta property="og:title" content="Entrée numéro 3."/>`);
    expect(page).toContain(`<meta property="og:description" content="Entrée numéro 3."/>`);
    expect(page).toContain(`<meta name="twitter:title" content="Entrée numéro 3."/>`);
    const key = await html(`/fr/monde/${live.slug}/entree/${ids.key}`);
    expect(key).toContain(`<meta property="og:title" content="Accord trouvé sur le budget"/>`);
    expect(key).toContain(`<meta property="og:description" content="Les Vingt-Sept se sont entendus."/>`);
    const hostile = await html(`/fr/monde/${live.slug}/entree/${ids.hostile}`);
    expect(hostile).not.toContain('<script>alert(1)</script>');
    expect(hostile).toContain(`<meta property="og:title" content="&lt;script>alert(1)&lt;/script> &quot;onmouseover=alert(2) x"/>`);
    // A draft, another live's entry, an unknown one, a plain article: no such page.
    expect((await get(`/fr/monde/${live.slug}/entree/${ids.draft}`)).status).toBe(404);
    expect((await get(`/fr/monde/${live.slug}/entree/${ids.other}`)).status).toBe(404);
    expect((await get(`/fr/monde/${live.slug}/entree/999999`)).status).toBe(404);
    expect((await get(`/fr/monde/${plain.slug}/entree/${ids.e3}`)).status).toBe(404);
    expect((await get(`/fr/monde/${live.slug}/entry/${ids.e3}`)).status).toBe(404);
  });

  it('carries the live’s CDN key on the page, permalinks and the feed; the stream is never cached', async () => {
    for (const p of [path, `${path}?page=2`, `/fr/monde/${live.slug}/entree/${ids.e3}`, `${path}/feed.xml`]) {
      const r = await get(p);
      expect(r.headers.get('surrogate-key')?.split(' '), p).toContain(`a${liveId}`);
    }
  });

  it('carries the CDN keys of the pictures its entries show, so replacing one purges the page', async () => {
    // A picture the live article itself does not use (in another section, so no related card shows it either).
    const [pictured] = await importLive(site, [makeArticle({ section: 'sciences', headline: 'Une photo', lead: { image: 'photos/archive.jpg', alt: 'Archive' }, publishedAt: '2026-12-07T04:00:00Z' })]);
    const { lead_image_id: imageId } = await site.app.store.db.selectFrom('articles').select('lead_image_id').where('id', '=', pictured!).executeTakeFirstOrThrow();
    const before = (await get(path)).headers.get('surrogate-key')?.split(' ');
    expect(before).not.toContain(key.media(imageId!));
    const e = await postEntry(site.app, liveId, { postedAt: '2026-12-07T08:40:00Z', body: [{ type: 'paragraph', text: 'Le port, ce matin.' }, { type: 'figure', image: imageId, alt: 'Le port' }] });
    try {
      // Page caches see the new content version within moments.
      await waitFor('the page to show the entry', async () => (await (await get(path)).text()).includes('alt="Le port"'));
      for (const p of [path, `/fr/monde/${live.slug}/entree/${e.id}`]) {
        const r = await get(p);
        expect(await r.text()).toContain('alt="Le port"');
        expect(r.headers.get('surrogate-key')?.split(' '), p).toContain(key.media(imageId!));
      }
      // Replacing a picture purges its key.
      expect(await mediaKeys(site.app.store.db, imageId!)).toContain(key.media(imageId!));
    } finally {
      await deleteEntry(site.app, liveId, e.id);
      await waitFor('the page without the entry', async () => !(await (await get(path)).text()).includes('alt="Le port"'));
    }
  });

  it('describes the live as a LiveBlogPosting with its coverage and latest entries, hostile text kept as text', async () => {
    const page = await html(path);
    expect(page).not.toContain('</script> "onmouseover');
    const data = jsonLdOf(page);
    const blog = (Array.isArray(data) ? data : [data]).find((o: any) => o['@type'] === 'LiveBlogPosting');
    expect(blog).toBeTruthy();
    expect(blog.coverageStartTime).toBe('2026-12-07T06:00:00Z');
    expect(blog.coverageEndTime).toBeUndefined();
    expect(blog.liveBlogUpdate).toHaveLength(10);
    const [first] = blog.liveBlogUpdate;
    expect(first).toMatchObject({ '@type': 'BlogPosting', headline: HOSTILE, datePublished: '2026-12-07T08:32:00.000Z', url: `${BASE}/fr/monde/${live.slug}/entree/${ids.hostile}` });
    expect(first.author).toEqual({ '@type': 'Person', name: HOSTILE });
    expect(blog.liveBlogUpdate[1].author).toEqual({ '@type': 'Organization', name: 'AFP' });
  });

  it('has a feed of its own in three formats: each entry an item at its permalink, hostile text as text', async () => {
    const rss = await html(`${path}/feed.xml`);
    expect(rss).toContain(`<link>${BASE}/fr/monde/${live.slug}/entree/${ids.hostile}</link>`);
    expect(rss).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; "onmouseover=alert(2) x</title>');
    expect(rss).not.toContain('<script>');
    expect(rss).not.toContain('Brouillon secret');
    const atom = await html(`${path}/feed.atom`);
    expect(atom).toContain(`href="${BASE}/fr/monde/${live.slug}/entree/${ids.key}"`);
    const json = JSON.parse(await html(`${path}/feed.json`));
    expect(json.items).toHaveLength(27);
    expect(json.items[0]).toMatchObject({ title: HOSTILE, url: `${BASE}/fr/monde/${live.slug}/entree/${ids.hostile}`, authors: [{ name: HOSTILE }] });
    expect(json.items[0].content_text).toBe(HOSTILE);
    expect((await get(`/fr/monde/${plain.slug}/feed.xml`)).status).toBe(404);
    expect((await get(`/fr/sujet/nulle-part/feed.xml`)).status).toBe(404);
  });

  it('speaks the edition’s language, in its time zone', async () => {
    const page = await html(`/en/world/${english.slug}`);
    expect(page).toContain('>LIVE</p>');
    expect(page).not.toContain('EN DIRECT');
    // 08:05 UTC in New York.
    expect(page).toContain('<span class="live-entry-time">03:05 AM EST</span>');
    expect(page).toContain(`href="/en/world/${english.slug}/entry/${ids.english}"`);
  });

  it('previews a live for the newsroom with its published entries, following no stream', async () => {
    const page = await previewPage({ db: site.app.store.db, now: () => new Date() }, (code) => site.app.site.context(code), liveId);
    expect(page).toContain('<meta name="robots" content="noindex"/>');
    expect(page).toContain(`id="entree-${ids.e24}"`);
    expect(page).not.toContain('Brouillon secret');
    expect(page).not.toMatch(/<script src="\/assets\/live\./);
  });

  it('labels running lives on cards', async () => {
    const section = await html('/fr/monde/');
    expect(section).toMatch(/<a href="[^"]+">\s*<span class="card-live">EN DIRECT<\/span>Sommet de Bruxelles<\/a>/);
    expect(section).not.toMatch(/<span class="card-live">EN DIRECT<\/span>Un article ordinaire/);
  });

  it('answers HEAD on the stream with its headers alone, holding no stream', async () => {
    const head = await fetch(`${site.url}${path}/events`, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(head.headers.get('cache-control')).toBe('no-store');
    await waitFor('no stream held', () => site.app.liveHub.stats().connections === 0);
  });

  it('answers 404 for the stream of an article that is not a live', async () => {
    expect((await get(`/fr/monde/${plain.slug}/events`)).status).toBe(404);
    expect((await get(`/fr/monde/nulle-part/events`)).status).toBe(404);
  });

  describe('event stream', () => {
    it('delivers a new entry to a reader, rendered as on the page, and its edit and deletion', async () => {
      const s = await Stream.open(`${site.url}${path}/events`);
      expect(s.status).toBe(200);
      expect(s.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(s.headers.get('cache-control')).toBe('no-store');
      expect(s.headers.get('x-accel-buffering')).toBe('no');
      await waitFor('the stream to be followed', () => site.app.liveHub.stats().connections >= 1);
      const posted = await postEntry(site.app, liveId, { title: 'Nouvelle entrée', text: HOSTILE });
      await waitFor('the entry', () => s.entries().length >= 1);
      const [{ frame, msg }] = s.entries();
      expect(frame.id).toBe(String(posted.eventId));
      expect(msg).toMatchObject({ id: posted.id, kind: 'published', pinned: false, keyPoint: false });
      expect(msg.html).toContain(`id="entree-${posted.id}"`);
      expect(msg.html).toContain('&lt;script>alert(1)&lt;/script>');
      expect(msg.html).not.toContain('<script>');
      await editEntry(site.app, liveId, posted.id, { title: 'Entrée corrigée', correction: 'Le titre était faux.' });
      await waitFor('the edit', () => s.entries().length >= 2);
      expect(s.entries()[1]!.msg).toMatchObject({ id: posted.id, kind: 'updated' });
      expect(s.entries()[1]!.msg.html).toContain('Entrée corrigée');
      expect(s.entries()[1]!.msg.html).toContain('Le titre était faux.');
      await deleteEntry(site.app, liveId, posted.id);
      await waitFor('the deletion', () => s.entries().length >= 3);
      expect(s.entries()[2]!.msg).toEqual({ id: posted.id, kind: 'deleted' });
      // A draft is no event.
      await postEntry(site.app, liveId, { title: 'Brouillon', status: 'draft' });
      const after = await postEntry(site.app, liveId, { text: 'Encore une.' });
      await waitFor('the next entry', () => s.entries().length >= 4);
      expect(s.entries()[3]!.msg.id).toBe(after.id);
      expect(s.entries()).toHaveLength(4);
      s.close();
      await deleteEntry(site.app, liveId, after.id);
    });

    it('catches a reconnecting reader up from its Last-Event-ID, in order, then goes on live', async () => {
      const a = await postEntry(site.app, liveId, { text: 'Manquée A' });
      const b = await postEntry(site.app, liveId, { text: 'Manquée B' });
      const s = await Stream.open(`${site.url}${path}/events`, { 'last-event-id': String(a.eventId! - 1) });
      await waitFor('the missed entries', () => s.entries().length >= 2);
      expect(s.entries().map((e) => e.msg.id)).toEqual([a.id, b.id]);
      const c = await postEntry(site.app, liveId, { text: 'En direct C' });
      await waitFor('the new entry', () => s.entries().length >= 3);
      expect(s.entries().map((e) => e.frame.id)).toEqual([String(a.eventId), String(b.eventId), String(c.eventId)]);
      s.close();
      // The page's first connection names the page's last event in the query.
      const q = await Stream.open(`${site.url}${path}/events?lastEventId=${b.eventId}`);
      await waitFor('the entry after the page', () => q.entries().length >= 1);
      expect(q.entries().map((e) => e.msg.id)).toEqual([c.id]);
      q.close();
      for (const e of [a, b, c]) await deleteEntry(site.app, liveId, e.id);
    });

    it('catches lost bus messages up with its poll', async () => {
      const polled = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, database: site.config.database, livePollMs: 100 });
      try {
        const s = await Stream.open(`${polled.url}${path}/events`);
        await waitFor('the stream to be followed', () => polled.app.liveHub.stats().connections === 1);
        // Written by the other app: this one's bus never hears of it.
        const e = await postEntry(site.app, liveId, { text: 'Sans annonce' });
        await waitFor('the polled entry', () => s.entries().length >= 1);
        expect(s.entries()[0]!.msg.id).toBe(e.id);
        s.close();
        await deleteEntry(site.app, liveId, e.id);
      } finally {
        await polled.app.close();
      }
    });

    it('drops a reader that never reads, without holding its backlog', async () => {
      const small = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, database: site.config.database, livePollMs: 0 });
      (small.app.liveHub as any).maxBuffer = 64 * 1024;
      const port = new URL(small.url).port;
      const sock = net.connect(Number(port), '127.0.0.1');
      let closed = false;
      sock.on('close', () => (closed = true));
      sock.on('error', () => {});
      sock.write(`GET ${path}/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n`);
      await waitFor('the head', () => new Promise<boolean>((r) => sock.once('readable', () => r(true))));
      sock.pause();
      // A reader that reads, beside it.
      const good = await Stream.open(`${small.url}${path}/events`);
      await waitFor('both streams', () => small.app.liveHub.stats().connections === 2);
      // Each entry goes out only once the reader that reads has it, so that reader never holds more
      // than one entry unsent and is never the one dropped; the one that never reads piles up until
      // the kernel's socket buffers are full and the hub's bound is passed. Posted until it is dropped.
      const big = 'Un long paragraphe. '.repeat(900);
      const posted: number[] = [];
      try {
        for (let i = 0; i < 3000 && small.app.liveHub.stats().connections === 2; i++) {
          posted.push((await postEntry(small.app, liveId, { text: big })).id);
          await waitFor('the reader that reads to have the entry', () => good.entries().length === posted.length || small.app.liveHub.stats().connections < 2, 30_000);
        }
        await waitFor('the slow reader to be dropped', () => small.app.liveHub.stats().connections === 1);
        // Read what it was sent: the stream then ends.
        sock.on('data', () => {});
        sock.resume();
        await waitFor('its socket closed', () => closed);
        await waitFor('the good reader to get every entry', () => good.entries().length === posted.length);
        good.close();
      } finally {
        sock.destroy();
        await small.app.close();
        for (const id of posted) await deleteEntry(site.app, liveId, id);
      }
    }, 180_000);

    it('streams through the reference Varnish configuration, to every reader at once', async () => {
      const varnish = await startVarnish(Number(new URL(site.url).port), await freePort());
      try {
        const readers = await Promise.all([1, 2, 3].map(() => Stream.open(`${varnish.url}${path}/events`)));
        for (const r of readers) expect(r.status, varnish.output()).toBe(200);
        await waitFor('the three streams', () => site.app.liveHub.stats().connections === 3);
        const e = await postEntry(site.app, liveId, { text: 'À travers Varnish' });
        await waitFor('the entry through Varnish', () => readers.every((r) => r.entries().some((x) => x.msg.id === e.id)), 5000);
        for (const r of readers) r.close();
        await deleteEntry(site.app, liveId, e.id);
      } finally {
        await varnish.stop();
      }
    });

    it('tells readers when the live ends, and the label goes', async () => {
      const s = await Stream.open(`${site.url}/fr/monde/${other.slug}/events`);
      await waitFor('the stream to be followed', () => site.app.liveHub.stats().connections >= 1);
      await endLive(site.app, otherId);
      await waitFor('the end', () => s.frames.some((f) => f.event === 'ended'));
      await waitFor('the stream to end', () => s.ended);
      await waitFor('the page to change', async () => !(await (await get(`/fr/monde/${other.slug}`)).text()).includes('class="live-label"'));
      const page = await html(`/fr/monde/${other.slug}`);
      expect(page).toContain('Ce direct est terminé.');
      expect(page).toContain('data-active="false"');
      expect(await html('/fr/monde/')).not.toMatch(/<span class="card-live">EN DIRECT<\/span>Un autre direct/);
      const blog = (jsonLdOf(page) as any[]).find((o) => o['@type'] === 'LiveBlogPosting');
      expect(blog.coverageEndTime).toBeTruthy();
    });

    it('gives a reader back after the end the entries it missed before the end, then the end', async () => {
      const seen = await postEntry(site.app, englishId, { text: 'Seen before the loss.' });
      const missed = await postEntry(site.app, englishId, { title: HOSTILE, text: 'Posted while the reader was away.' });
      await endLive(site.app, englishId);
      const s = await Stream.open(`${site.url}/en/world/${english.slug}/events`, { 'last-event-id': String(seen.eventId) });
      expect(s.status).toBe(200);
      await waitFor('the stream to end', () => s.ended);
      expect(s.frames.map((f) => f.event)).toEqual(['entry', 'ended']);
      expect(s.entries()[0]!.frame.id).toBe(String(missed.eventId));
      expect(s.entries()[0]!.msg).toMatchObject({ id: missed.id, kind: 'published' });
      expect(s.entries()[0]!.msg.html).not.toContain('<script>');
      // Without an id (a first visit), the end alone.
      const fresh = await Stream.open(`${site.url}/en/world/${english.slug}/events`);
      await waitFor('the stream to end', () => fresh.ended);
      expect(fresh.frames.map((f) => f.event)).toEqual(['ended']);
    });

    it('turns readers away past the node’s cap of streams, with Retry-After, while the page still reads', async () => {
      const node = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, database: site.config.database, liveMaxStreams: 2 });
      const streams: Stream[] = [];
      try {
        streams.push(await Stream.open(`${node.url}${path}/events`), await Stream.open(`${node.url}${path}/events`));
        await waitFor('two streams', () => node.app.liveHub.stats().connections === 2);
        const refused = await fetch(`${node.url}${path}/events`, { headers: { accept: 'text/event-stream' } });
        expect(refused.status).toBe(503);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(10);
        expect(refused.headers.get('cache-control')).toBe('no-store');
        expect(refused.headers.get('content-type')).not.toContain('text/event-stream');
        const page = await fetch(`${node.url}${path}`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('data-events=');
        // One reader leaves: the next one is let in, and gets entries.
        streams[0]!.close();
        await waitFor('the stream to be let go', () => node.app.liveHub.admit());
        const again = await Stream.open(`${node.url}${path}/events`);
        streams.push(again);
        expect(again.status).toBe(200);
        await waitFor('the stream to be followed', () => node.app.liveHub.stats().connections === 2);
        const e = await postEntry(node.app, liveId, { text: 'Pour le lecteur admis.' });
        await waitFor('the entry', () => again.entries().some((x) => x.msg.id === e.id));
        await deleteEntry(node.app, liveId, e.id);
      } finally {
        for (const s of streams) s.close();
        await node.app.close();
      }
    });

    it('lets the server close while streams are open', async () => {
      const node = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, database: site.config.database });
      const streams = await Promise.all([1, 2, 3].map(() => Stream.open(`${node.url}${path}/events`)));
      await waitFor('the streams', () => node.app.liveHub.stats().connections === 3);
      const started = Date.now();
      await node.app.close();
      expect(Date.now() - started).toBeLessThan(5000);
      await waitFor('the streams to end', () => streams.every((s) => s.ended));
    });
  });

  describe('two nodes sharing Redis', () => {
    it('delivers an entry posted on one node to a reader of the other', async () => {
      const prefix = uniqueRedisPrefix();
      const nodes = await Promise.all([0, 1].map(() => startTestSite(dialect, { ...NO_BACKGROUND_PASSES, database: site.config.database, redisUrl: TEST_REDIS_URL, redisPrefix: prefix, livePollMs: 0 })));
      try {
        await waitFor('both nodes on Redis', () => nodes.every((n) => n.app.bus.shared));
        const s = await Stream.open(`${nodes[1]!.url}${path}/events`);
        await waitFor('the stream to be followed', () => nodes[1]!.app.liveHub.stats().connections === 1);
        const e = await postEntry(nodes[0]!.app, liveId, { text: 'Postée sur l’autre nœud' });
        await waitFor('the entry on the other node', () => s.entries().length >= 1, 5000);
        expect(s.entries()[0]!.msg).toMatchObject({ id: e.id, kind: 'published' });
        s.close();
        await deleteEntry(nodes[0]!.app, liveId, e.id);
      } finally {
        for (const n of nodes) await n.app.close();
      }
    });
  });
});
