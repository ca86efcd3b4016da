import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../test/admin-client.ts';
import { ADMIN, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { EditionsPage } from './pages/editions.page.ts';
import { ArticleListPage } from './pages/newsroom.page.ts';

/**
 * An Arabic edition, in Chromium: an admin adds it on the "Éditions" screen, writes and publishes an article in
 * it, and a reader reads it right to left: dir=rtl, the header mirrored (checked by where its parts sit), the
 * dates in Arabic-Indic digits as the edition says.
 */

const nr = newsroomJourneys();
const { newPage, signedIn, api, expectNoAxeViolations } = nr;
let admin: AdminClient;

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  admin = await api(ADMIN.email);
});

describe('an Arabic edition, in Chromium', () => {
  it(
    'is added in the admin, gets an article written and published in it, and reads right to left',
    async () => {
      const page = await signedIn(ADMIN.email);
      const editions = new EditionsPage(page);
      await editions.goto(nr.site.url);
      await editions.add({ code: 'ar', name: 'دبيش', timeZone: 'Asia/Beirut', numerals: 'Arabes orientaux (٠١٢٣)' });
      await editions.row('ar').getByRole('cell', { name: 'droite à gauche' }).waitFor();
      await expectNoAxeViolations(page, 'the editions screen');
      expect((await admin.json('GET', '/api/admin/editions/ar')).edition).toMatchObject({ dir: 'rtl', numbering: 'arab', timeZone: 'Asia/Beirut' });

      // A bad code is refused in French, next to the field.
      await editions.add({ code: 'AR!', name: 'x', timeZone: 'Asia/Beirut' });
      await editions.form.getByText(/Le code doit être une étiquette de langue en minuscules/).first().waitFor();

      // The article, written in the new edition.
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Articles', exact: true }).click();
      const editor = await new ArticleListPage(page).newArticle();
      await page.getByLabel('Édition', { exact: true }).selectOption('ar');
      await editor.headline.fill('بيروت: افتتاح مكتبة عامة جديدة');
      await editor.standfirst.fill('تضم المكتبة عشرين ألف كتاب.');
      await editor.chooseSection('thaqafa', { create: true });
      await editor.focusBodyEnd();
      await page.keyboard.type('افتتحت البلدية صباح اليوم مكتبة عامة في وسط المدينة.');
      const id = await editor.create();
      await editor.transitionButton('Publier').click();
      await editor.waitStatus('Publié');
      const published = (await admin.json('GET', `/api/admin/articles/${id}`)).article;
      expect(published.edition).toBe('ar');
      expect(published.slug).toBe('بيروت-افتتاح-مكتبة-عامة-جديدة');

      // The reader's page.
      const reader = await newPage({ viewport: { width: 1280, height: 900 } });
      let response = await reader.goto(nr.site.url + published.path);
      for (let i = 0; i < 50 && response!.status() === 404; i++) response = await reader.goto(nr.site.url + published.path);
      expect(response!.status()).toBe(200);
      expect(await reader.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await reader.locator('html').getAttribute('lang')).toBe('ar');
      await reader.getByRole('heading', { level: 1, name: 'بيروت: افتتاح مكتبة عامة جديدة' }).waitFor();
      expect(await reader.locator('article time, main time').first().innerText()).toMatch(/[٠-٩]/);
      expect(await reader.locator('main time').first().innerText()).not.toMatch(/[0-9]/);

      // Mirrored: the brand sits at the right end of the header, the search form to its left; in French, the reverse.
      const sides = async () => {
        const brand = (await reader.locator('.site-header .brand').boundingBox())!;
        const search = (await reader.locator('.site-header form[role="search"]').boundingBox())!;
        return { brandRightOfSearch: brand.x > search.x, headlineRightAligned: await reader.locator('main h1').evaluate((h) => getComputedStyle(h).direction) };
      };
      expect(await sides()).toEqual({ brandRightOfSearch: true, headlineRightAligned: 'rtl' });
      await reader.goto(`${nr.site.url}/fr/`);
      const frBrand = (await reader.locator('.site-header .brand').boundingBox())!;
      const frSearch = (await reader.locator('.site-header form[role="search"]').boundingBox())!;
      expect(frBrand.x).toBeLessThan(frSearch.x);
      await reader.goto(nr.site.url + published.path);
      await expectNoAxeViolations(reader, 'the Arabic article');
    },
    JOURNEY_MS,
  );
});
