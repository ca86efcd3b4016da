import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/admin-client.ts';
import { ADMIN, EDITOR, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { ArticleEditorPage } from './pages/newsroom.page.ts';

/**
 * Publishing an article whose lead video has no subtitles in its language, in
 * Chromium: the publication is refused with the problem in French, the panel
 * offers "Publier sans sous-titres" with a required reason, and the reason
 * reaches the audit log. The video row is written directly, as the transcode
 * leaves it (ready, no subtitles).
 */
const nr = newsroomJourneys();
const { signedIn, api, expectNoAxeViolations } = nr;

let videoId: number;

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  const admin = await api(ADMIN.email);
  await admin.json('POST', '/api/admin/users', { ...EDITOR, role: 'editor', password: PASSWORD });
  const now = new Date().toISOString();
  videoId = (
    await nr.site.app.store.db
      .insertInto('videos')
      .values({
        edition: 'fr', slug: 'journal-du-soir', section_id: null, title: 'Journal du soir', description: null, credit: 'Rédaction TV', copyright: null, licence: null,
        language: 'fr', source_key: null, source_name: null, source_bytes: null, probe: null, width: 1280, height: 720, duration_ms: 5000, state: 'ready', error: null,
        hls_key: 'videos/1/r1/master.m3u8', mp4_key: 'videos/1/r1/video.mp4', sprite_key: null, sprite_vtt_key: null, poster_image_id: null, poster_at_ms: null,
        created_by: null, created_by_token: null, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});

describe('publishing a video without subtitles', () => {
  it(
    'is refused in French, then goes through with a reason, which the audit log keeps',
    async () => {
      const editorApi = await api(EDITOR.email);
      const { article } = await editorApi.json('POST', '/api/admin/articles', { edition: 'fr', section: 'tv', headline: 'Le journal du soir', body: [{ type: 'paragraph', text: 'Le reportage.' }], lead: { video: videoId } });
      const page = await signedIn(EDITOR.email);
      const editor = new ArticleEditorPage(page);
      await editor.goto(nr.site.url, article.id);

      await editor.transitionButton('Publier').click();
      const alert = editor.publication.getByRole('alert');
      await alert.getByText(/n’a pas de sous-titres dans sa langue \(fr\)/).waitFor();
      const publishAnyway = editor.publication.getByRole('button', { name: 'Publier sans sous-titres' });
      await publishAnyway.waitFor();
      await expectNoAxeViolations(page, 'publication refused for subtitles');

      // The reason is required.
      await publishAnyway.click();
      await editor.publication.getByText('Indiquez la raison.').waitFor();
      await editor.publication.getByLabel('Raison').fill('Sous-titres livrés dans l’heure');
      await publishAnyway.click();
      await editor.publication.getByText(/^Publié le /).waitFor();
      expect(await publishAnyway.count()).toBe(0);

      const { entries } = await (await api(ADMIN.email)).json('GET', `/api/admin/audit?subject=article:${article.id}`);
      const override = entries.find((e: any) => e.action === 'article.publish_override');
      expect(JSON.parse(override.details)).toMatchObject({ override: 'subtitles', reason: 'Sous-titres livrés dans l’heure', fields: ['lead.video'] });
    },
    JOURNEY_MS,
  );
});
