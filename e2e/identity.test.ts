import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/admin-client.ts';
import { waitFor } from '../test/harness.ts';
import { ADMIN, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';

/**
 * The "Identité" screen in Chromium: an admin's too pale link colour is
 * refused beside its field with the measured ratio, a logo with a script is
 * refused, a clean SVG logo and readable colours are taken, and readers see
 * the logo in the header and the brand colours in force. axe on both.
 */

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 60"><rect width="240" height="60" fill="#0a3d91"/><text x="12" y="42" fill="#fff">Dépêche</text></svg>';
const nr = newsroomJourneys();
const { newPage, signedIn, expectNoAxeViolations } = nr;

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
});

describe('the edition’s identity in the newsroom', () => {
  it(
    'an admin sets readable colours and a clean logo; refusals name the field; readers see both',
    async () => {
      const page = await signedIn(ADMIN.email);
      await page.goto(`${nr.site.url}/admin/identity`);
      await page.getByRole('heading', { name: 'Identité', level: 1 }).waitFor();
      await expectNoAxeViolations(page, 'identity screen');

      const colours = page.locator('section[aria-labelledby="identity-colours"]');
      await colours.getByLabel('Liens').fill('#999999');
      await colours.getByRole('button', { name: 'Enregistrer les couleurs' }).click();
      await colours.locator('.field-error').getByText(/2,84:1 entre « Liens » et « Fond de page »/).waitFor();
      await colours.getByLabel('Liens').fill('#0a3d91');
      await colours.getByRole('button', { name: 'Enregistrer les couleurs' }).click();
      await page.getByText('Couleurs enregistrées.').waitFor({ state: 'attached' });

      const logo = page.locator('section[aria-labelledby="identity-logo"]');
      await logo.getByLabel('Fichier du logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(LOGO.replace('</svg>', '<script>alert(1)</script></svg>')) });
      await logo.getByRole('button', { name: 'Envoyer le logo' }).click();
      await logo.locator('.field-error').getByText(/Le SVG contient un script/).waitFor();
      await logo.getByLabel('Fichier du logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(LOGO) });
      await logo.getByRole('button', { name: 'Envoyer le logo' }).click();
      await logo.getByRole('img', { name: 'Logo actuel' }).waitFor();
      await expectNoAxeViolations(page, 'identity screen with a logo');

      // The change reaches the page cache within a poll.
      await waitFor('the logo on the home page', async () => (await (await fetch(`${nr.site.url}/fr/`)).text()).includes('<a class="brand" href="/fr/"><img'));
      const reader = await newPage();
      await reader.goto(`${nr.site.url}/fr/`);
      const brand = reader.locator('header a.brand img');
      expect(await brand.getAttribute('width')).toBe('240');
      expect(await brand.getAttribute('height')).toBe('60');
      expect(await brand.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
      expect(await reader.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--color-link').trim())).toBe('#0a3d91');
      await expectNoAxeViolations(reader, 'home page with the logo');
    },
    JOURNEY_MS,
  );
});
