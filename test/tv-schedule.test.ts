import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdnContract } from '../src/cdn/contract.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { cliEnv, depeche } from './cli-runner.ts';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importXmltv } from '../src/tv/xmltv-import.ts';
import { forEachDialect, makeDraft, NO_BACKGROUND_PASSES, scratchDir, startTestSite, waitFor, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';
const STREAM = 'https://live.example-cdn.net/chaine/master.m3u8';

/** An XMLTV file written for these tests: programmes given as [start, stop, title, extra elements]. */
function xmltv(channel: string, programmes: Array<[string, string, string, string?]>): string {
  const items = programmes.map(([start, stop, title, extra = '']) => `  <programme start="${start}" stop="${stop}" channel="${channel}">\n    <title lang="fr">${title}</title>\n${extra}  </programme>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tv generator-info-name="tests">\n  <channel id="${channel}"><display-name>Chaîne d’essai</display-name></channel>\n${items.join('\n')}\n</tv>\n`;
}

/**
 * Europe/Paris goes back from 03:00 CEST to 02:00 CET on 25 October 2026: the hour from
 * 02:00 to 03:00 happens twice, and the day lasts 25 hours.
 */
const OCTOBER = xmltv('essai.tv', [
  ['20261024230000 +0200', '20261025003000 +0200', 'Nuit blanche'],
  ['20261025003000 +0200', '20261025023000 +0200', 'Les Veilleurs'],
  ['20261025023000 +0200', '20261025023000 +0100', 'Premier passage'],
  ['20261025023000 +0100', '20261025030000 +0100', 'Second passage'],
  ['20261025030000 +0100', '20261025200000 +0100', 'Boucle info'],
  ['20261025200000 +0100', '20261025203000 +0100', 'Le Journal', '    <sub-title lang="fr">Edition du dimanche</sub-title>\n    <episode-num system="onscreen">S02E05</episode-num>\n'],
  ['20261025233000 +0100', '20261026004500 +0100', 'Grand Format', '    <desc lang="fr">Un documentaire au long cours.</desc>\n'],
  ['20261026004500 +0100', '20261026060000 +0100', 'Aube'],
]);

/** 29 March 2026: from 02:00 CET the clocks jump to 03:00 CEST; the day lasts 23 hours. */
const MARCH = xmltv('essai.tv', [
  ['20260329000000 +0100', '20260329013000 +0100', 'Minuit pile'],
  ['20260329013000 +0100', '20260329033000 +0200', 'Heure envolee'],
  ['20260329033000 +0200', '20260329233000 +0200', 'Boucle printemps'],
  ['20260329233000 +0200', '20260330000000 +0200', 'Dernier mot'],
  ['20260330000000 +0200', '20260330010000 +0200', 'Lendemain'],
]);

/** What the site sends for pages that change with the clock, as its CDN contract says. */
let clockCc = () => '';
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"');
/** Each programme of a page as "times · title", in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<li class="programme[^"]*"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => {
    const time = squash(m[1]!.match(/<p class="programme__time">([\s\S]*?)<\/p>/)![1]!.replace(/<[^>]+>/g, ''));
    const title = squash(m[1]!.match(/<h3 class="programme__title">([\s\S]*?)<\/h3>/)![1]!.replace(/<[^>]+>/g, ''));
    return unescape(`${time} · ${title}`);
  });
}
function jsonLd(html: string): any {
  const m = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  return m ? JSON.parse(m[1]!) : null;
}

forEachDialect('the live channel and its schedule', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let editor: AdminClient;
  let clock = new Date('2026-10-20T12:00:00Z');
  let dir: string;
  let guide = { status: 200, body: '' };
  let guideServer: http.Server;
  let guideUrl: string;
  const page = async (p: string) => {
    const r = await fetch(site.url + p);
    return { status: r.status, html: await r.text(), headers: r.headers };
  };
  const cli = (args: string[]) => depeche(cliEnv(site.dataDir, site.config.database), args);

  beforeAll(async () => {
    site = await startTestSite(dialect, { ...NO_BACKGROUND_PASSES, scheduleMs: 0 }, () => clock);
    clockCc = () => cdnContract({ purging: site.config.cdn.purge !== 'none', keyHeader: site.config.cdn.keyHeader, sharedMaxAge: site.config.cdn.sharedMaxAge }).cacheControl.clock;
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'eve@example.org', name: 'Eve Editor', role: 'editor', password: PASSWORD });
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    dir = await scratchDir('tv-');
    guideServer = http.createServer((_req, res) => {
      res.writeHead(guide.status, { 'content-type': 'application/xml' });
      res.end(guide.body);
    });
    await new Promise<void>((r) => guideServer.listen(0, '127.0.0.1', r));
    guideUrl = `http://127.0.0.1:${(guideServer.address() as { port: number }).port}/guide.xml`;
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    await new Promise((r) => guideServer?.close(r));
  });

  describe('channel settings', () => {
    it('refuses bad settings, naming the field', async () => {
      const bad = async (body: unknown) => {
        const r = await admin.call('PUT', '/api/admin/channels/fr', body);
        expect(r.status).toBe(422);
        return (await r.json()).issues.map((i: { field: string }) => i.field);
      };
      expect(await bad({ streams: ['http://live.example/a.m3u8'] })).toEqual(['streams[0]']);
      expect(await bad({ streams: [STREAM, 'https://live.example/video.mp4'] })).toEqual(['streams[1]']);
      expect(await bad({ streams: 'https://live.example/a.m3u8' })).toEqual(['streams']);
      expect(await bad({ enabled: 'yes', scheduleUrl: 'ftp://guide.example/x.xml', schedulePollMinutes: 1 })).toEqual(['enabled', 'scheduleUrl', 'schedulePollMinutes']);
      expect(await bad({ name: '' })).toEqual(['name']);
      expect((await admin.call('PUT', '/api/admin/channels/xx', { enabled: true })).status).toBe(404);
    });

    it('lets admins change the channel, not editors', async () => {
      expect((await editor.call('PUT', '/api/admin/channels/fr', { enabled: true })).status).toBe(403);
      const { channel } = await editor.json('GET', '/api/admin/channels/fr');
      expect(channel).toMatchObject({ edition: 'fr', enabled: false, onAir: false, streams: [], timeZone: 'Europe/Paris' });
    });

    it('shows "DIRECT" in the header while the channel is on air, and says so on /fr/direct when it is not', async () => {
      expect((await page('/fr/')).html).not.toContain('class="on-air"');
      const off = await page('/fr/direct');
      expect(off.status).toBe(200);
      expect(off.html).toContain('La chaîne n’est pas diffusée en direct');
      expect(off.html).not.toContain('data-player');
      // Enabled without a stream is not on air.
      await admin.json('PUT', '/api/admin/channels/fr', { name: 'Info Essai', enabled: true });
      expect((await admin.json('GET', '/api/admin/channels/fr')).channel.onAir).toBe(false);
      const { channel } = await admin.json('PUT', '/api/admin/channels/fr', { streams: [STREAM] });
      expect(channel).toMatchObject({ name: 'Info Essai', streams: [STREAM], enabled: true, onAir: true });
      await waitFor('the header link', async () => (await page('/fr/')).html.includes('<a class="on-air" href="/fr/direct">DIRECT</a>'));
      const audit = await site.app.store.db.selectFrom('audit_log').select('action').where('subject', '=', 'channel:fr').execute();
      expect(audit.map((a) => a.action)).toEqual(['channel.update', 'channel.update']);
    });
  });

  describe('XMLTV import', () => {
    it('imports a file with the real command line, across the October clock change', async () => {
      const file = path.join(dir, 'octobre.xml');
      await fs.writeFile(file, OCTOBER);
      const r = await cli(['import', '--from', 'xmltv', file, '--edition', 'fr']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('imported 8 programmes of channel essai.tv into the fr schedule');
      await site.app.site.refresh();
      const day = await page('/fr/programmes?date=2026-10-25');
      expect(day.status).toBe(200);
      expect(listed(day.html)).toEqual([
        '23:00 UTC+2 – 00:30 UTC+2 · Nuit blanche',
        '00:30 UTC+2 – 02:30 UTC+2 · Les Veilleurs',
        '02:30 UTC+2 – 02:30 UTC+1 · Premier passage',
        '02:30 UTC+1 – 03:00 UTC+1 · Second passage',
        '03:00 UTC+1 – 20:00 UTC+1 · Boucle info',
        '20:00 UTC+1 – 20:30 UTC+1 · Le Journal',
        '23:30 UTC+1 – 00:45 UTC+1 · Grand Format',
      ]);
      // Crossing midnight: marked on both days.
      expect(squash(day.html)).toContain('a commencé la veille à 23:00 UTC+2');
      expect(squash(day.html)).toContain('se poursuit le lendemain jusqu’à 00:45 UTC+1');
      expect(day.html).toContain('Horaires à l’heure de Paris (Europe/Paris)');
      expect(day.html).toContain('href="/fr/programmes?date=2026-10-24" rel="prev"');
      expect(day.html).toContain('href="/fr/programmes?date=2026-10-26" rel="next"');
      expect(listed((await page('/fr/programmes?date=2026-10-24')).html)).toEqual(['23:00 UTC+2 – 00:30 UTC+2 · Nuit blanche']);
      expect(listed((await page('/fr/programmes?date=2026-10-26')).html)).toEqual(['23:30 UTC+1 – 00:45 UTC+1 · Grand Format', '00:45 UTC+1 – 06:00 UTC+1 · Aube']);
      const ld = jsonLd(day.html);
      expect(ld[0]).toMatchObject({ '@type': 'BroadcastEvent', name: 'Nuit blanche', startDate: '2026-10-24T21:00:00.000Z', endDate: '2026-10-24T22:30:00.000Z', isLiveBroadcast: true, publishedOn: { '@type': 'BroadcastService', name: 'Info Essai' } });
      expect(ld[5].workPerformed).toMatchObject({ '@type': 'TVEpisode', name: 'Edition du dimanche', episodeNumber: 5, partOfSeason: { seasonNumber: 2 }, partOfSeries: { '@type': 'TVSeries', name: 'Le Journal' } });
    }, 60_000);

    it('gives the 23 hours of 29 March their right local times', async () => {
      const file = path.join(dir, 'mars.xml');
      await fs.writeFile(file, MARCH);
      const r = await cli(['import', '--from', 'xmltv', file]);
      expect(r.code).toBe(0);
      await site.app.site.refresh();
      expect(listed((await page('/fr/programmes?date=2026-03-29')).html)).toEqual([
        '00:00 UTC+1 – 01:30 UTC+1 · Minuit pile',
        '01:30 UTC+1 – 03:30 UTC+2 · Heure envolee',
        '03:30 UTC+2 – 23:30 UTC+2 · Boucle printemps',
        '23:30 UTC+2 – 00:00 UTC+2 · Dernier mot',
      ]);
      const rows = await site.app.store.db.selectFrom('programmes').select(['title', 'starts_at', 'ends_at']).where('title', '=', 'Heure envolee').execute();
      expect(rows).toEqual([{ title: 'Heure envolee', starts_at: '2026-03-29T00:30:00.000Z', ends_at: '2026-03-29T01:30:00.000Z' }]);
    }, 60_000);

    it('refuses a hostile file from the command line and writes nothing', async () => {
      const file = path.join(dir, 'hostile.xml');
      await fs.writeFile(file, `<?xml version="1.0"?><!DOCTYPE tv [<!ENTITY x SYSTEM "file:///etc/passwd">]><tv><programme start="20261101060000" stop="20261101070000" channel="essai.tv"><title>&x;</title></programme></tv>`);
      const before = await site.app.store.db.selectFrom('programmes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const r = await cli(['import', '--from', 'xmltv', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('nothing was imported');
      expect(r.stderr).toContain('DOCTYPE');
      const after = await site.app.store.db.selectFrom('programmes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      const several = path.join(dir, 'deux.xml');
      await fs.writeFile(several, OCTOBER.replace('channel="essai.tv">\n    <title lang="fr">Aube', 'channel="autre.tv">\n    <title lang="fr">Aube'));
      const r2 = await cli(['import', '--from', 'xmltv', several]);
      expect(r2.code).toBe(1);
      expect(r2.stderr).toContain('several channels');
    }, 60_000);

    it('imports from a URL, replacing the imported programmes of its hours and keeping those edited in the newsroom', async () => {
      const { article } = await admin.json('POST', '/api/admin/articles', makeDraft({ slug: 'le-journal-du-2-novembre', headline: 'Ce que le Journal a montré' }));
      await admin.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
      guide = {
        status: 200,
        body: xmltv('essai.tv', [
          ['20261102200000 +0100', '20261102203000 +0100', 'Le Journal'],
          ['20261102203000 +0100', '20261102213000 +0100', 'Le Debat'],
        ]),
      };
      let r = await cli(['import', '--from', 'xmltv', guideUrl, '--channel', 'essai.tv']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('imported 2 programmes');
      const { programmes } = await editor.json('GET', '/api/admin/programmes?edition=fr&date=2026-11-02');
      expect(programmes.map((p: any) => [p.title, p.source])).toEqual([
        ['Le Journal', 'xmltv'],
        ['Le Debat', 'xmltv'],
      ]);
      // An editor links the article: the programme becomes the newsroom's.
      const journal = programmes[0];
      const { programme } = await editor.json('PATCH', `/api/admin/programmes/${journal.id}`, { articleIds: [article.id], episodeTitle: 'Spéciale' });
      expect(programme).toMatchObject({ source: 'admin', episodeTitle: 'Spéciale', articleIds: [article.id] });
      guide.body = xmltv('essai.tv', [
        ['20261102200000 +0100', '20261102203000 +0100', 'Le Journal'],
        ['20261102203000 +0100', '20261102220000 +0100', 'Le Grand Debat'],
      ]);
      r = await cli(['import', '--from', 'xmltv', guideUrl]);
      expect(r.stdout).toContain('imported 1 programmes');
      expect(r.stdout).toContain('replaced 1, kept 1 edited in the newsroom');
      const after = await editor.json('GET', '/api/admin/programmes?edition=fr&date=2026-11-02');
      expect(after.programmes.map((p: any) => [p.title, p.episodeTitle, p.source])).toEqual([
        ['Le Journal', 'Spéciale', 'admin'],
        ['Le Grand Debat', null, 'xmltv'],
      ]);
      guide.status = 404;
      r = await cli(['import', '--from', 'xmltv', guideUrl]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('HTTP 404');
      guide.status = 200;
    }, 60_000);

    it('runs two imports of the same hours one after the other, never doubling the programmes', async () => {
      const bytes = Buffer.from(
        xmltv('essai.tv', [
          ['20261110200000 +0100', '20261110203000 +0100', 'Le Journal'],
          ['20261110203000 +0100', '20261110210000 +0100', 'Le Debat'],
          ['20261110210000 +0100', '20261110220000 +0100', 'Grand Format'],
        ]),
      );
      const deps = { db: site.app.store.db, now: () => clock };
      const runs = await Promise.all([1, 2, 3, 4].map(() => importXmltv(deps, { edition: 'fr', bytes, origin: 'test' })));
      expect(runs.map((r) => r.imported)).toEqual([3, 3, 3, 3]);
      expect(runs.map((r) => r.replaced).sort()).toEqual([0, 3, 3, 3]);
      expect((await editor.json('GET', '/api/admin/programmes?edition=fr&date=2026-11-10')).programmes.map((p: any) => p.title)).toEqual(['Le Journal', 'Le Debat', 'Grand Format']);
    });

    it('polls the channel’s XMLTV URL on the worker pass, once per interval, recording errors', async () => {
      guide = { status: 200, body: xmltv('essai.tv', [['20261103200000 +0100', '20261103203000 +0100', 'Le Journal']]) };
      await admin.json('PUT', '/api/admin/channels/fr', { scheduleUrl: guideUrl, scheduleChannel: 'essai.tv', schedulePollMinutes: 30 });
      expect(await site.app.schedule.runOnce()).toBe(1);
      let { channel } = await admin.json('GET', '/api/admin/channels/fr');
      expect(channel).toMatchObject({ schedulePolledAt: clock.toISOString(), scheduleError: null });
      expect((await editor.json('GET', '/api/admin/programmes?edition=fr&date=2026-11-03')).programmes.map((p: any) => p.title)).toEqual(['Le Journal']);
      // Not due again before its interval.
      expect(await site.app.schedule.runOnce()).toBe(0);
      guide.status = 500;
      clock = new Date(clock.getTime() + 31 * 60_000);
      // Another worker holds the lease: this one leaves the channel alone.
      const held = new Date(clock.getTime() + 60_000).toISOString();
      await site.app.store.db.updateTable('channels').set({ schedule_locked_until: held }).where('edition', '=', 'fr').execute();
      expect(await site.app.schedule.runOnce()).toBe(0);
      await site.app.store.db.updateTable('channels').set({ schedule_locked_until: new Date(clock.getTime() - 1000).toISOString() }).where('edition', '=', 'fr').execute();
      expect(await site.app.schedule.runOnce()).toBe(1);
      ({ channel } = await admin.json('GET', '/api/admin/channels/fr'));
      expect(channel.scheduleError).toBe('HTTP 500');
      expect(channel.schedulePolledAt).toBe(clock.toISOString());
      // The schedule keeps what it had.
      expect((await editor.json('GET', '/api/admin/programmes?edition=fr&date=2026-11-03')).programmes).toHaveLength(1);
      guide.status = 200;
      const now = await editor.json('POST', '/api/admin/channels/fr/schedule-import');
      expect(now.outcome.ok).toBe(true);
      expect(now.channel.scheduleError).toBeNull();
    }, 60_000);
  });

  describe('reader pages', () => {
    it('shows now and next on /fr/direct with the player, at a fixed time', async () => {
      clock = new Date('2026-10-25T19:10:00Z'); // 20:10 in Paris
      await site.app.site.refresh(true);
      const r = await page('/fr/direct');
      expect(r.status).toBe(200);
      // The site's player, live variant: the script and its styles come with it, and without JavaScript the poster is a link to the stream.
      expect(r.html).toMatch(new RegExp(`<figure class="player player--live" data-player data-hls="${STREAM}"[^>]* data-live[ >]`));
      expect(r.html).toContain(`<a class="player__poster" href="${STREAM}"`);
      expect(r.html).toMatch(/<script src="\/assets\/video\.[0-9a-f]+\.js" defer><\/script>/);
      const text = squash(r.html.replace(/<[^>]+>/g, ' '));
      expect(text).toMatch(/En ce moment 20:00 UTC\+1 – 20:30 UTC\+1 · Le Journal – Edition du dimanche/);
      expect(text).toMatch(/À suivre 23:30 UTC\+1 – 00:45 UTC\+1 · Grand Format/);
      expect(r.html).toContain('aria-current="time"');
      expect(r.headers.get('cache-control')).toMatch(/s-maxage=60\b/);
      expect(r.headers.get('content-security-policy')).toContain("media-src 'self' blob: https://live.example-cdn.net");
      expect(r.headers.get('content-security-policy')).toContain('connect-src');
      expect(jsonLd(r.html)).toMatchObject({ '@type': 'BroadcastEvent', name: 'Le Journal – Edition du dimanche', isLiveBroadcast: true, startDate: '2026-10-25T19:00:00.000Z', publishedOn: { '@type': 'BroadcastService', name: 'Info Essai' } });
      // Today's schedule is short-lived too; another day is not.
      const pages = (await page('/fr/')).headers.get('cache-control');
      expect(r.headers.get('cache-control')).toBe(clockCc());
      expect(clockCc()).not.toBe(pages);
      expect((await page('/fr/programmes')).headers.get('cache-control')).toBe(clockCc());
      expect((await page('/fr/programmes?date=2026-10-20')).headers.get('cache-control')).toBe(pages);
    });

    it('answers a date that is not one with a readable 400 page', async () => {
      for (const bad of ['2026-02-30', 'demain', '2026-1-5', '20261025']) {
        const r = await page(`/fr/programmes?date=${bad}`);
        expect(r.status, bad).toBe(400);
        expect(r.html).toContain('Date invalide');
        expect(r.html).toContain('<html lang="fr" dir="ltr">');
      }
      expect((await page('/fr/programmes?date=2026-10-25&date=2026-10-26')).status).toBe(400);
      expect((await page('/en/programmes')).status).toBe(404);
    });

    it('shows a show with its episodes, replays and articles about them', async () => {
      clock = new Date('2026-10-30T12:00:00Z');
      await site.app.site.refresh(true);
      const r = await page('/fr/emission/le-journal');
      expect(r.status).toBe(200);
      const text = squash(r.html.replace(/<[^>]+>/g, ' '));
      expect(text).toContain('Prochaines diffusions');
      expect(r.html).toContain('href="/fr/tv/le-journal-du-2-novembre"');
      const ld = jsonLd(r.html);
      expect(ld).toMatchObject({ '@type': 'TVSeries', name: 'Le Journal', url: 'https://news.example/fr/emission/le-journal' });
      expect(ld.episode.length).toBe(4);
      expect(ld.episode.every((e: any) => e['@type'] === 'TVEpisode' && e.partOfSeries.name === 'Le Journal')).toBe(true);
      const past = r.html.slice(r.html.indexOf('id="tv-past"'));
      expect(past).toContain('Edition du dimanche');
      expect((await page('/fr/emission/nulle-part')).status).toBe(404);
    });

    it('edits shows and programmes through the Admin API, refusing bad input by field', async () => {
      const { shows } = await editor.json('GET', '/api/admin/shows?edition=fr');
      const journal = shows.find((s: any) => s.slug === 'le-journal');
      const { show } = await editor.json('PATCH', `/api/admin/shows/${journal.id}`, { description: 'Le rendez-vous du soir.' });
      expect(show.description).toBe('Le rendez-vous du soir.');
      const r = await editor.call('POST', '/api/admin/programmes', { edition: 'fr', title: 'Essai', startsAt: '2026-11-05T20:00:00', endsAt: '2026-11-05T19:00:00Z', videoId: 999, articleIds: [999999] });
      expect(r.status).toBe(422);
      expect((await r.json()).issues.map((i: any) => i.field)).toEqual(['startsAt', 'videoId', 'articleIds']);
      const r2 = await editor.call('POST', '/api/admin/programmes', { edition: 'fr', title: 'Essai', startsAt: '2026-11-05T20:00:00Z', endsAt: '2026-11-05T19:00:00Z' });
      expect((await r2.json()).issues.map((i: any) => i.field)).toEqual(['endsAt']);
      const { programme } = await editor.json('POST', '/api/admin/programmes', { edition: 'fr', showId: journal.id, startsAt: '2026-11-05T20:00:00+01:00', endsAt: '2026-11-05T20:30:00+01:00', season: 2, episode: 9 });
      expect(programme).toMatchObject({ title: 'Le Journal', startsAt: '2026-11-05T19:00:00.000Z', source: 'admin', show: { slug: 'le-journal' } });
      expect((await editor.call('DELETE', `/api/admin/shows/${journal.id}`)).status).toBe(409);
      const contributor = await (async () => {
        await admin.json('POST', '/api/admin/users', { email: 'carl@example.org', name: 'Carl', role: 'contributor', password: PASSWORD });
        return adminClient(site.url).login('carl@example.org', PASSWORD);
      })();
      expect((await contributor.call('DELETE', `/api/admin/programmes/${programme.id}`)).status).toBe(403);
      expect((await editor.call('DELETE', `/api/admin/programmes/${programme.id}`)).status).toBe(204);
      const actions = await site.app.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'programme.%').execute();
      expect(actions.map((a) => a.action)).toEqual(['programme.update', 'programme.create', 'programme.delete']);
    });

    it('answers each edition in its own words only', async () => {
      await ensureEdition(site.app.store.db, { code: 'en', name: 'Dispatch', timeZone: 'America/New_York' });
      await site.app.site.refresh(true);
      const live = await page('/en/live');
      expect(live.status).toBe(200);
      expect(live.html).toContain('The channel is not streaming on the site at the moment.');
      const day = await page('/en/schedule?date=2026-11-01');
      expect(day.status).toBe(200);
      expect(day.html).toContain('Times in New York (America/New_York) time');
      for (const wrong of ['/en/direct', '/fr/live', '/en/programmes', '/fr/schedule', '/en/emission/le-journal', '/fr/show/le-journal']) expect((await page(wrong)).status, wrong).toBe(404);
    });

    it('takes the header link away when the channel is switched off', async () => {
      await admin.json('PUT', '/api/admin/channels/fr', { enabled: false });
      await waitFor('the header link to go', async () => !(await page('/fr/')).html.includes('class="on-air"'));
      expect((await page('/fr/direct')).html).toContain('La chaîne n’est pas diffusée en direct');
    });
  });
});
