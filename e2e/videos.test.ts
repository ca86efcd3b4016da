import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/admin-client.ts';
import { scratchDir } from '../test/harness.ts';
import { ADMIN, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';

/**
 * The video library in Chromium: a file chosen in the library goes by tus,
 * survives a connection dropped in the middle of its upload (the client asks
 * the server where it stopped, HEAD, and goes on), shows its state while the
 * worker transcodes it, and opens in the editor, whose words save.
 */

const nr = newsroomJourneys();
const { signedIn, expectNoAxeViolations } = nr;
let video: Buffer;

beforeAll(async () => {
  expect((await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD })).status).toBe(201);
  const dir = await scratchDir('e2e-video-');
  const file = path.join(dir, 'mire.mp4');
  await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25', '-f', 'lavfi', '-i', 'sine', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', file], { timeout: 60_000 });
  video = await fs.readFile(file);
});

describe('the video library in Chromium', () => {
  it(
    'uploads by tus through a dropped connection, follows the transcode to ready, and edits the video',
    async () => {
      const page = await signedIn(ADMIN.email);
      const methods: string[] = [];
      let dropped = false;
      // The first PATCH breaks off as a lost connection would.
      await page.route('**/api/admin/videos/uploads/**', async (route) => {
        const m = route.request().method();
        methods.push(m);
        if (m === 'PATCH' && !dropped) {
          dropped = true;
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      await page.goto(`${nr.site.url}/admin/videos`);
      await page.getByRole('heading', { name: 'Vidéos', level: 1 }).waitFor();
      await page.getByLabel('Téléverser une vidéo').setInputFiles({ name: 'mire.mp4', mimeType: 'video/mp4', buffer: video });
      const row = page.getByRole('row').filter({ hasText: 'mire.mp4' });
      await row.getByText('En attente').waitFor({ timeout: 30_000 });
      expect(dropped).toBe(true);
      // After the broken PATCH the client asked where the upload stood, then went on.
      expect(methods.slice(methods.indexOf('PATCH') + 1)).toEqual(expect.arrayContaining(['HEAD', 'PATCH']));
      await expectNoAxeViolations(page, 'video library');

      // The states the worker writes, as the list shows them (it looks again by itself while a job runs).
      const db = nr.site.app.store.db;
      await db.updateTable('videos').set({ state: 'transcoding', progress: 42 }).execute();
      await row.getByText('Transcodage 42 %').waitFor();
      await db.updateTable('videos').set({ state: 'failed', error: 'ffmpeg stopped (exit 1): Invalid data found' }).execute();
      await db.updateTable('video_jobs').set({ status: 'failed', error: 'ffmpeg stopped (exit 1): Invalid data found' }).execute();
      await row.getByText('Échec : ffmpeg s’est arrêté (exit 1) : Invalid data found').waitFor();
      await row.getByRole('button', { name: 'Réessayer le transcodage de « mire »' }).click();
      await row.getByText('En attente').waitFor();
      await expectNoAxeViolations(page, 'video library after a retry');

      // The worker's job: the list follows it by itself.
      expect(await nr.site.app.videos.runOnce()).toBe(true);
      await row.getByText('Prête').waitFor({ timeout: 30_000 });
      // The poster, a decorative thumbnail here, loads from the site's own /media/.
      const thumb = row.locator('img.video-thumb');
      await thumb.waitFor();
      await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

      await row.getByRole('link', { name: /mire/ }).click();
      await page.getByRole('heading', { name: 'Vidéo : mire', level: 1 }).waitFor();
      await page.getByLabel('Titre', { exact: true }).fill('Mire de test');
      await page.getByLabel('Crédit').fill('Régie');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.getByRole('heading', { name: 'Vidéo : Mire de test', level: 1 }).waitFor();
      await page.getByText('Aucun article n’utilise cette vidéo.').waitFor();
      await expectNoAxeViolations(page, 'video editor');
      const { videos } = await (await nr.api(ADMIN.email)).json('GET', '/api/admin/videos');
      expect(videos[0]).toMatchObject({ title: 'Mire de test', credit: 'Régie', status: 'ready', version: 2 });

      // A file that is not a video is refused when its last byte arrives, with the reason in French.
      await page.getByRole('link', { name: 'Retour aux vidéos' }).click();
      await page.getByLabel('Téléverser une vidéo').setInputFiles({ name: 'faux.mp4', mimeType: 'video/mp4', buffer: Buffer.from('Ceci n’est pas une vidéo.\n'.repeat(40)) });
      await page.getByRole('alert').getByText(/^faux\.mp4 : ce fichier n’est pas une vidéo/).waitFor();
      expect((await (await nr.api(ADMIN.email)).json('GET', '/api/admin/videos')).videos).toHaveLength(1);
    },
    JOURNEY_MS,
  );
});
