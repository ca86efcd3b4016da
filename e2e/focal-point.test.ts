import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { adminClient } from '../test/admin-client.ts';
import { writeImportFolder } from '../test/fixtures.ts';
import { makeArticle } from '../test/harness.ts';
import { ADMIN, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { AppShell, MediaLibraryPage } from './pages/newsroom.page.ts';

/**
 * In Chromium: an editor sets a picture's focal point in the media library's
 * picture editor, by a click on the picture and then with the arrow keys on
 * the marker, sees the 16:9 and 1:1 crops follow, saves, and the reader's
 * card of the article that shows the picture is cropped around the point.
 */

const nr = newsroomJourneys();
const { signedIn, expectNoAxeViolations } = nr;
let imageId: number;

beforeAll(async () => {
  expect((await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD })).status).toBe(201);
  const site = nr.site;
  const { dir } = await writeImportFolder([]);
  await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [
    { name: 'a.json', baseDir: dir, text: JSON.stringify([makeArticle({ slug: 'cadre', section: 'monde', headline: 'Un cadrage à régler', lead: { image: 'photos/archive.jpg', alt: 'Une archive' } })]) },
  ]);
  await fs.rm(dir, { recursive: true, force: true });
  imageId = (await site.app.store.db.selectFrom('articles').select('lead_image_id').where('slug', '=', 'cadre').executeTakeFirstOrThrow()).lead_image_id!;
  await site.app.site.refresh();
});

/** The crop classes of the reader's card of the article, '' at the centre. */
async function readerCardClasses(): Promise<string> {
  const html = await (await fetch(`${nr.site.url}/fr/monde`)).text();
  const card = html.match(/<article class="card[^"]*">(?:(?!<\/article>).)*?Un cadrage à régler/s)?.[0] ?? '';
  return card.match(/<picture(?: class="([^"]*)")?>/)?.[1] ?? '';
}

describe('the focal point in Chromium', () => {
  it(
    'is set by a click and the arrow keys, previewed as 16:9 and 1:1 crops, and crops the reader’s card',
    async () => {
      expect(await readerCardClasses()).toBe('');
      const page = await signedIn(ADMIN.email);
      await new AppShell(page).open('Médiathèque');
      const library = new MediaLibraryPage(page);
      await library.editButton(`Image n° ${imageId}`).click();
      const dialog = page.getByRole('dialog');
      const marker = dialog.getByRole('button', { name: 'Point focal au centre (par défaut)' });
      await marker.waitFor();
      const wide = dialog.getByTestId('focal-wide');
      expect(await wide.evaluate((img) => getComputedStyle(img).objectPosition)).toBe('50% 50%');
      const ratio = (box: { width: number; height: number } | null) => (box ? box.width / box.height : 0);
      expect(ratio(await wide.boundingBox())).toBeCloseTo(16 / 9, 1);
      expect(ratio(await dialog.getByTestId('focal-square').boundingBox())).toBeCloseTo(1, 1);

      // A click near the top left corner of the picture puts the point there.
      const frame = dialog.getByTestId('focal-frame');
      const box = (await frame.boundingBox())!;
      await page.mouse.click(box.x + box.width * 0.1, box.y + box.height * 0.2);
      await dialog.getByRole('button', { name: /^Point focal : 10 % depuis la gauche, 20 % depuis le haut$/ }).waitFor();
      await expect.poll(() => wide.evaluate((img) => getComputedStyle(img).objectPosition)).toBe('0% 25%');

      // Then the keyboard: two steps right (5 % each) and a large step down (a quarter).
      const placed = dialog.getByRole('button', { name: /^Point focal : / });
      await placed.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Shift+ArrowDown');
      await dialog.getByRole('button', { name: 'Point focal : 20 % depuis la gauche, 45 % depuis le haut' }).waitFor();
      await expect.poll(() => dialog.getByTestId('focal-square').evaluate((img) => getComputedStyle(img).objectPosition)).toBe('25% 50%');
      await expectNoAxeViolations(page, 'picture editor with its focal point');

      await dialog.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const saved = await (await nr.api(ADMIN.email)).json('GET', `/api/admin/media/${imageId}`);
      expect(saved).toMatchObject({ focalX: 0.2, focalY: 0.45 });
      await expect.poll(readerCardClasses, { timeout: 20_000 }).toBe('fx1');

      // Opened again, the editor shows the saved point; back to the centre clears it.
      await library.editButton(`Image n° ${imageId}`).click();
      await dialog.getByRole('button', { name: 'Point focal : 20 % depuis la gauche, 45 % depuis le haut' }).waitFor();
      await dialog.getByRole('button', { name: 'Revenir au centre' }).click();
      await dialog.getByRole('button', { name: 'Point focal au centre (par défaut)' }).waitFor();
      await dialog.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(readerCardClasses, { timeout: 20_000 }).toBe('');
    },
    JOURNEY_MS,
  );
});
