import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDue } from '../src/newsroom/workflow.service.ts';
import { exportArticles } from '../src/content/export.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { exportNinjs } from '../src/ninjs/ninjs.service.ts';
import { exportArchive, restoreArchive } from '../src/content/archive.service.ts';
import path from 'node:path';
import { articlesUsingVideo } from '../src/video/video-refs.ts';
import { slugify } from '../src/content/slug.ts';
import { adminClient, firstAdmin, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeDraft, NO_BACKGROUND_PASSES, scratchDir, startTestSite, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

const VTT = `WEBVTT

00:00:00.000 --> 00:00:02.500
<v Léa>Bonsoir, voici le journal.

00:00:02.500 --> 00:00:05.000
<v Léa>Le port de Gravelines accueille un <i>brise-glace</i> xylophonique.
`;

/**
 * Subtitles of library videos (docs/subtitles.md) and videos in articles, over
 * HTTP on a real store. Videos rows are written directly in the state the
 * transcode leaves them (ready, with keys): the transcode is tested elsewhere.
 */
forEachDialect('video subtitles and videos in articles', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-12-07T10:00:00Z');
  let admin: AdminClient;
  let contributor: AdminClient;
  let ready: number;
  let transcoding: number;
  let english: number;

  const insertVideo = async (o: { title: string; state: string; language?: string; credit?: string }) => {
    const now = clock.toISOString();
    const row = await site.app.store.db
      .insertInto('videos')
      .values({
        edition: 'fr',
        slug: `video-${slugify(o.title)}`,
        section_id: null,
        title: o.title,
        description: null,
        credit: o.credit ?? null,
        copyright: null,
        licence: null,
        language: o.language ?? 'fr',
        source_key: null,
        source_name: null,
        source_bytes: null,
        probe: null,
        width: 1280,
        height: 720,
        duration_ms: 5000,
        state: o.state,
        error: null,
        hls_key: o.state === 'ready' ? `videos/${o.title.length}/r1/master.m3u8` : null,
        mp4_key: o.state === 'ready' ? `videos/${o.title.length}/r1/video.mp4` : null,
        sprite_key: null,
        sprite_vtt_key: null,
        poster_image_id: null,
        poster_at_ms: null,
        created_by: null,
        created_by_token: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  const putVtt = (client: AdminClient, id: number, lang: string, text: string, query = '') =>
    fetch(`${site.url}/api/admin/videos/${id}/subtitles/${lang}${query}`, {
      method: 'PUT',
      headers: { 'content-type': 'text/vtt; charset=utf-8', cookie: client.cookie!, 'x-csrf-token': client.csrf! },
      body: text,
    });

  beforeAll(async () => {
    site = await startTestSite(dialect, NO_BACKGROUND_PASSES, () => clock);
    admin = await firstAdmin(site.url, PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'colette@example.org', name: 'Colette', role: 'contributor', password: PASSWORD });
    contributor = await adminClient(site.url).login('colette@example.org', PASSWORD);
    ready = await insertVideo({ title: 'Journal du soir', state: 'ready', credit: 'Rédaction TV' });
    transcoding = await insertVideo({ title: 'Reportage long', state: 'transcoding' });
    english = await insertVideo({ title: 'Evening news', state: 'ready', language: 'en' });
  });
  afterAll(() => site.close());

  describe('subtitles', () => {
    it('takes a WebVTT file, publishes it under a key named by its content, and lists it', async () => {
      const r = await putVtt(contributor, ready, 'fr', VTT);
      expect(r.status, await r.clone().text()).toBe(200);
      const { subtitles } = await r.json();
      expect(subtitles).toMatchObject({ language: 'fr', label: 'Français', cues: 2 });
      expect(subtitles.url).toMatch(new RegExp(`/media/videos/${ready}/subtitles/[0-9a-f]{16}\\.fr\\.vtt$`));
      const file = await fetch(subtitles.url.replace(/^https?:\/\/[^/]+/, site.url));
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toMatch(/^text\/vtt/);
      expect(await file.text()).toBe(VTT);
      const list = await contributor.json('GET', `/api/admin/videos/${ready}/subtitles`);
      expect(list.subtitles.map((s: any) => [s.language, s.cues])).toEqual([['fr', 2]]);
      const one = await contributor.json('GET', `/api/admin/videos/${ready}/subtitles/fr`);
      expect(one.subtitles.cueList[1]).toEqual({ startMs: 2500, endMs: 5000, text: '<v Léa>Le port de Gravelines accueille un <i>brise-glace</i> xylophonique.' });
    });

    it('refuses a malformed file with 400 naming its line, and keeps what was there', async () => {
      const bad = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nUn\n\n00:00:03.000 --> 00:00:04.00\nDeux\n';
      const r = await putVtt(contributor, ready, 'fr', bad);
      expect(r.status).toBe(400);
      const body = await r.json();
      expect(body.field).toBe('vtt');
      expect(body.issues[0]).toEqual({ field: 'vtt', line: 6, message: 'line 6: Milliseconds must be given in three digits.' });
      const one = await contributor.json('GET', `/api/admin/videos/${ready}/subtitles/fr`);
      expect(one.subtitles.cues).toBe(2);
    });

    it('takes cues typed in the admin as JSON, and names the cue at fault', async () => {
      const cues = [
        { startMs: 0, endMs: 1500, text: 'Good evening.' },
        { startMs: 1500, endMs: 4000, text: 'Here is the news.' },
      ];
      const r = await contributor.call('PUT', `/api/admin/videos/${english}/subtitles/en`, { cues, label: 'English (SDH)' });
      expect(r.status, await r.clone().text()).toBe(200);
      expect((await r.json()).subtitles).toMatchObject({ language: 'en', label: 'English (SDH)', cues: 2 });
      const back = await contributor.json('GET', `/api/admin/videos/${english}/subtitles/en`);
      expect(back.subtitles.vtt).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nGood evening.\n\n00:00:01.500 --> 00:00:04.000\nHere is the news.\n');

      const wrong = await contributor.call('PUT', `/api/admin/videos/${english}/subtitles/en`, { cues: [cues[0], { startMs: 3000, endMs: 2000, text: 'Backwards' }] });
      expect(wrong.status).toBe(422);
      expect((await wrong.json()).issues).toEqual([{ field: 'cues[1]', message: 'the end must come after the start' }]);
      const json = await contributor.call('PUT', `/api/admin/videos/${english}/subtitles/en`, { vtt: 'not a subtitles file' });
      expect(json.status).toBe(400);
      expect((await json.json()).issues[0]).toMatchObject({ field: 'vtt', line: 1 });
    });

    it('answers 404 for an unknown video or language tag, and deletes a language', async () => {
      expect((await putVtt(contributor, 999_999, 'fr', VTT)).status).toBe(404);
      expect((await putVtt(contributor, ready, 'Français!', VTT)).status).toBe(404);
      const sw = await putVtt(contributor, english, 'sw', VTT);
      expect(sw.status).toBe(200);
      expect((await contributor.call('DELETE', `/api/admin/videos/${english}/subtitles/sw`)).status).toBe(204);
      expect((await contributor.call('DELETE', `/api/admin/videos/${english}/subtitles/sw`)).status).toBe(404);
      const list = await contributor.json('GET', `/api/admin/videos/${english}/subtitles`);
      expect(list.subtitles.map((s: any) => s.language)).toEqual(['en']);
    });

    it('writes each change to the audit log', async () => {
      const { entries } = await admin.json('GET', `/api/admin/audit?subject=video:${english}`);
      const actions = entries.map((e: any) => e.action).reverse();
      expect(actions).toEqual(['video.subtitles.create', 'video.subtitles.create', 'video.subtitles.delete']);
      expect(entries.at(-1).actor).toMatch(/^user:\d+$/);
    });
  });

  describe('articles with videos', () => {
    let leadArticle: number;

    it('stores a lead video with the video’s title and credit, and names unknown videos by field', async () => {
      const r = await contributor.call('POST', '/api/admin/articles', makeDraft({ lead: { video: ready, caption: 'Le journal' }, body: [{ type: 'paragraph', text: 'Texte.' }, { type: 'video', video: english }] }));
      expect(r.status, await r.clone().text()).toBe(201);
      const a = (await r.json()).article;
      leadArticle = a.id;
      expect(a.lead).toEqual({ video: ready, caption: 'Le journal' });
      expect(a.body[1]).toEqual({ type: 'video', video: english });
      const row = await site.app.store.db.selectFrom('articles').select(['lead', 'lead_video_id', 'lead_image_id']).where('id', '=', a.id).executeTakeFirstOrThrow();
      expect(row.lead_video_id).toBe(ready);
      expect(row.lead_image_id).toBeNull();
      expect(JSON.parse(row.lead!)).toEqual({ video: ready, alt: 'Journal du soir', caption: 'Le journal', credit: 'Rédaction TV' });

      const unknown = await contributor.call('POST', '/api/admin/articles', makeDraft({ lead: { video: 999_999 }, body: [{ type: 'paragraph', text: 'x' }, { type: 'paragraph', text: 'y' }, { type: 'paragraph', text: 'z' }, { type: 'video', video: 888_888 }] }));
      expect(unknown.status).toBe(422);
      expect((await unknown.json()).issues).toEqual([
        { field: 'lead.video', message: 'no video with id 999999' },
        { field: 'body[3].video', message: 'no video with id 888888' },
      ]);
    });

    it('round-trips through the export and the import', async () => {
      const { articles } = await exportArticles(site.app.store.db, (_k, id) => id, { ids: [leadArticle] });
      expect(articles[0].lead).toEqual({ video: ready, caption: 'Le journal' });
      const copy = { ...articles[0], slug: `${articles[0].slug}-copie`, status: 'draft' as const };
      const [imported] = await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => clock }, [{ name: 'copy.json', baseDir: site.dataDir, text: JSON.stringify(copy) }]);
      const row = await site.app.store.db.selectFrom('articles').select(['lead_video_id', 'body']).where('id', '=', imported.id).executeTakeFirstOrThrow();
      expect(row.lead_video_id).toBe(ready);
      expect(JSON.parse(row.body)[1]).toEqual({ type: 'video', video: english });
      await expect(
        importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => clock }, [{ name: 'bad.json', baseDir: site.dataDir, text: JSON.stringify({ ...copy, slug: 'autre', lead: { video: 777_777 } }) }]),
      ).rejects.toThrow('bad.json: lead.video: no video with id 777777');
    });

    it('finds the article by a word said only in the lead video’s subtitles, and again after they change', async () => {
      const find = async (word: string) => (await admin.json('GET', `/api/admin/articles?q=${encodeURIComponent(word)}`)).articles.map((a: any) => a.id);
      expect(await find('xylophonique')).toContain(leadArticle);
      const found = (await admin.json('GET', `/api/admin/articles?q=xylophonique`)).articles.find((a: any) => a.id === leadArticle);
      expect(found.found.map((f: any) => f.field)).toEqual(['transcript']);
      expect(await find('marimba')).not.toContain(leadArticle);
      const r = await putVtt(contributor, ready, 'fr', VTT.replace('xylophonique', 'marimba'));
      expect(r.status).toBe(200);
      expect(await find('marimba')).toContain(leadArticle);
      expect(await find('xylophonique')).not.toContain(leadArticle);
      // The change purged the video's pages and the article's.
      const keys = (await site.app.store.db.selectFrom('content_changes').select('keys').orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow()).keys.split(' ');
      expect(keys).toEqual(expect.arrayContaining([`v${ready}`, `a${leadArticle}`]));
    });

    it('refuses to publish while a video is not ready, whatever the overrides', async () => {
      const a = (await contributor.json('POST', '/api/admin/articles', makeDraft({ body: [{ type: 'video', video: transcoding }] }))).article;
      const r = await admin.call('POST', `/api/admin/articles/${a.id}/transitions`, { to: 'published' });
      expect(r.status).toBe(409);
      const { issues } = await r.json();
      expect(issues.map((i: any) => [i.field, i.override ?? null])).toEqual([
        ['body[0].video', null],
        ['body[0].video', 'subtitles'],
      ]);
      expect(issues[0].message).toMatch(/not ready yet \(transcoding\)/);
      // The override answers for the subtitles only.
      const anyway = await admin.call('POST', `/api/admin/articles/${a.id}/transitions`, { to: 'published', overrides: { subtitles: 'urgence' } });
      expect(anyway.status).toBe(409);
      expect((await anyway.json()).issues.map((i: any) => [i.field, i.override ?? null])).toEqual([['body[0].video', null]]);
    });

    it('flags a video without subtitles in its language; an override with a reason publishes and is logged', async () => {
      // The English video has English subtitles, and the French one French: both pass. A French video with
      // English subtitles only does not.
      const frenchNoSubs = await insertVideo({ title: 'Sans sous-titres', state: 'ready' });
      await putVtt(contributor, frenchNoSubs, 'en', VTT);
      const a = (await contributor.json('POST', '/api/admin/articles', makeDraft({ lead: { video: ready }, body: [{ type: 'video', video: frenchNoSubs }] }))).article;
      const refused = await admin.call('POST', `/api/admin/articles/${a.id}/transitions`, { to: 'published' });
      expect(refused.status).toBe(409);
      expect((await refused.json()).issues).toEqual([expect.objectContaining({ field: 'body[0].video', override: 'subtitles' })]);

      const empty = await admin.call('POST', `/api/admin/articles/${a.id}/transitions`, { to: 'published', overrides: { subtitles: '  ' } });
      expect(empty.status).toBe(422);
      expect((await empty.json()).field).toBe('overrides.subtitles');

      const ok = await admin.call('POST', `/api/admin/articles/${a.id}/transitions`, { to: 'published', overrides: { subtitles: 'Dernière minute : sous-titres en cours' } });
      expect(ok.status, await ok.clone().text()).toBe(200);
      const { entries } = await admin.json('GET', `/api/admin/audit?subject=article:${a.id}`);
      const override = entries.find((e: any) => e.action === 'article.publish_override');
      expect(JSON.parse(override.details)).toEqual({ override: 'subtitles', reason: 'Dernière minute : sous-titres en cours', fields: ['body[0].video'], to: 'published' });
    });

    it('keeps the override with a scheduled article, so that the scheduler publishes it', async () => {
      const noSubs = await insertVideo({ title: 'Programmé', state: 'ready' });
      const scheduled = (await contributor.json('POST', '/api/admin/articles', makeDraft({ lead: { video: noSubs } }))).article;
      const plain = (await contributor.json('POST', '/api/admin/articles', makeDraft({ lead: { video: ready } }))).article;
      const at = new Date(clock.getTime() + 3_600_000).toISOString();
      expect((await admin.call('POST', `/api/admin/articles/${scheduled.id}/transitions`, { to: 'scheduled', at })).status).toBe(409);
      const r = await admin.call('POST', `/api/admin/articles/${scheduled.id}/transitions`, { to: 'scheduled', at, overrides: { subtitles: 'Traduction livrée demain' } });
      expect(r.status, await r.clone().text()).toBe(200);
      expect((await admin.call('POST', `/api/admin/articles/${plain.id}/transitions`, { to: 'scheduled', at })).status).toBe(200);
      // The plain article's video loses its French subtitles before the time comes: it is held back, once logged.
      expect((await contributor.call('DELETE', `/api/admin/videos/${ready}/subtitles/fr`)).status).toBe(204);
      clock = new Date(clock.getTime() + 2 * 3_600_000);
      const deps = { db: site.app.store.db, now: () => clock, config: site.config };
      expect(await publishDue(deps)).toEqual([scheduled.id]);
      expect(await publishDue(deps)).toEqual([]);
      const status = async (id: number) => (await site.app.store.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
      expect(await status(scheduled.id)).toBe('published');
      expect(await status(plain.id)).toBe('scheduled');
      const { entries } = await admin.json('GET', `/api/admin/audit?subject=article:${plain.id}`);
      expect(entries.filter((e: any) => e.action === 'article.publish_blocked')).toHaveLength(1);
      await putVtt(contributor, ready, 'fr', VTT);
      expect(await publishDue(deps)).toEqual([plain.id]);
    });

    it('gives lead videos and video blocks with their URLs in the Content API', async () => {
      const a = (await contributor.json('POST', '/api/admin/articles', makeDraft({ lead: { video: ready, caption: 'En direct du port' }, body: [{ type: 'video', video: english, caption: 'In English' }] }))).article;
      expect((await admin.call('POST', `/api/admin/articles/${a.id}/transitions`, { to: 'published' })).status).toBe(200);
      const r = await fetch(`${site.url}/api/content/articles/fr/${a.slug}`);
      expect(r.status).toBe(200);
      const full = await r.json();
      expect(full.lead).toMatchObject({ image: null, alt: 'Journal du soir', caption: 'En direct du port', credit: 'Rédaction TV' });
      expect(full.lead.video).toMatchObject({ id: ready, title: 'Journal du soir', language: 'fr', durationMs: 5000 });
      expect(full.lead.video.hls).toMatch(/^https?:\/\/[^/]+\/media\/videos\/\d+\/r1\/master\.m3u8$/);
      expect(full.lead.video.subtitles).toEqual([expect.objectContaining({ language: 'fr', url: expect.stringMatching(/\.fr\.vtt$/) })]);
      expect(full.body[0]).toMatchObject({ type: 'video', video: english, caption: 'In English', media: { id: english, mp4: expect.stringMatching(/video\.mp4$/) } });
      const list = await (await fetch(`${site.url}/api/content/articles?edition=fr`)).json();
      expect(list.articles.find((x: any) => x.id === a.id).lead.video.id).toBe(ready);
      // Readers' search finds it by a word of the transcript, and shows the passage it was said in.
      const search = await (await fetch(`${site.url}/api/content/search?edition=fr&q=xylophonique`)).json();
      const hit = search.articles.find((x: any) => x.id === a.id);
      expect(hit.highlights.snippet.filter((s: any) => s.mark).map((s: any) => s.text)).toEqual(['xylophonique']);
    });

    it('lets a live entry show a video, and names an unknown one', async () => {
      const live = (await contributor.json('POST', '/api/admin/articles', makeDraft({ live: { startedAt: clock.toISOString() } }))).article;
      const onlyInEntry = await insertVideo({ title: 'Extrait du direct', state: 'ready' });
      const r = await contributor.call('POST', `/api/admin/articles/${live.id}/entries`, { status: 'draft', body: [{ type: 'paragraph', text: 'Regardez.' }, { type: 'video', video: onlyInEntry }] });
      expect(r.status, await r.clone().text()).toBe(201);
      expect((await r.json()).entry.body[1]).toEqual({ type: 'video', video: onlyInEntry });
      expect(await articlesUsingVideo(site.app.store.db, onlyInEntry)).toEqual([live.id]);
      const wrong = await contributor.call('POST', `/api/admin/articles/${live.id}/entries`, { status: 'draft', body: [{ type: 'video', video: 555_555 }] });
      expect(wrong.status).toBe(422);
      expect((await wrong.json()).issues).toEqual([{ field: 'body[0].video', message: 'no video with id 555555' }]);
    });

    it('exports a lead video to ninjs as a video association with its renditions and subtitles', async () => {
      const items = await exportNinjs(site.app.store.db, { publicUrl: site.config.publicUrl, siteName: 'Test' }, 2);
      const assoc = items.flatMap((i) => (i.item.associations as any[] | undefined) ?? []).find((a) => a.name === 'featurevideo' && a.headlines[0].value === 'Journal du soir');
      expect(assoc).toMatchObject({ type: 'video', language: 'fr', headlines: [{ role: 'main', value: 'Journal du soir' }], by: 'Rédaction TV' });
      expect(assoc.uri).toMatch(/master\.m3u8$/);
      const names = assoc.renditions.map((r: any) => [r.name, r.contenttype]);
      expect(names).toEqual(expect.arrayContaining([['hls', 'application/vnd.apple.mpegurl'], ['mp4', 'video/mp4'], ['subtitles-fr', 'text/vtt']]));
    });

    it('restores an archive whose articles show videos into an empty site, the videos with them, each article naming the same video', async () => {
      const file = path.join(await scratchDir('video-archive-'), 'site.tar.gz');
      await exportArchive({ db: site.app.store.db, media: site.app.media, now: () => clock }, file);
      const other = await startTestSite(dialect, NO_BACKGROUND_PASSES, () => clock);
      try {
        const deps = { db: other.app.store.db, media: other.app.media, config: other.config, now: () => clock };
        // Version 3 archives carry the library (docs/backup.md): ids are new on the other site, edition and slug are the same.
        await restoreArchive(deps, file);
        const leads = (db: TestSite['app']['store']['db']) =>
          db
            .selectFrom('articles as a')
            .innerJoin('videos as v', 'v.id', 'a.lead_video_id')
            .select(['a.slug', 'v.edition', 'v.slug as video'])
            .orderBy('a.slug')
            .execute();
        const before = await leads(site.app.store.db);
        const after = await leads(other.app.store.db);
        expect(before.length).toBeGreaterThan(2);
        expect(after).toEqual(before);
        for (const a of await other.app.store.db.selectFrom('articles').select(['lead', 'lead_video_id']).where('lead_video_id', 'is not', null).execute()) {
          expect(JSON.parse(a.lead!).video).toBe(a.lead_video_id);
        }
      } finally {
        await other.close();
      }
    });
  });
});
