import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/admin-client.ts';
import { isoToZoned } from '../admin/src/tv-time.ts';
import { ADMIN, JOURNEY_MS, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';

/**
 * The "Direct et programmes" screen in Chromium, on a computer set to New
 * York time: an admin puts the channel on air and adds a programme typed in
 * the edition's time (Paris), which readers then see on /fr/direct as what
 * is on now, with JavaScript off. axe on the screen and on the reader page.
 */

const STREAM = 'https://live.example-cdn.net/chaine/master.m3u8';
// The real clock: session cookies expire by it. The programme runs from the start of the current hour, for two hours.
const START = new Date(Math.floor(Date.now() / 3600_000) * 3600_000);
const END = new Date(START.getTime() + 2 * 3600_000);
const PARIS = (d: Date) => new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Paris', timeZoneName: 'short' }).format(d);
const TIMES = `${PARIS(START)} – ${PARIS(END)}`.replace(/\s+/g, ' ');
const nr = newsroomJourneys({ timezoneId: 'America/New_York', site: { scheduleMs: 0 } });
const { newPage, signedIn, expectNoAxeViolations } = nr;

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
});

describe('the live channel in the newsroom', () => {
  it(
    'an admin puts the channel on air and adds a programme in the edition’s time; readers see it on /fr/direct without JavaScript',
    async () => {
      const page = await signedIn(ADMIN.email);
      await page.goto(`${nr.site.url}/admin/channel`);
      await page.getByRole('heading', { name: 'Direct et programmes', level: 1 }).waitFor();
      await page.getByText('Hors antenne', { exact: false }).waitFor();
      await expectNoAxeViolations(page, 'channel screen, off air');

      // A stream over plain http is refused next to its field.
      const channel = page.locator('section[aria-labelledby="tv-channel"]');
      await channel.getByLabel('Flux HLS').fill('http://live.example-cdn.net/chaine/master.m3u8');
      await channel.getByLabel('Diffuser le direct sur le site').check();
      await channel.getByRole('button', { name: 'Enregistrer' }).click();
      await channel.locator('.field-error').getByText(/streams\[0\]/).waitFor();
      await channel.getByLabel('Flux HLS').fill(STREAM);
      await channel.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('À l’antenne', { exact: false }).waitFor();

      // The day shown is the edition's (Paris), and the times typed are Paris times, whatever the computer's zone.
      const form = page.locator('section[aria-labelledby="tv-programme-form"]');
      await form.getByLabel('Titre', { exact: true }).fill('Le Journal du soir');
      await form.getByLabel('Titre de l’épisode').fill('Édition spéciale');
      await form.getByLabel('Début (heure de Europe/Paris)').fill(isoToZoned(START.toISOString(), 'Europe/Paris'));
      await form.getByLabel('Fin (heure de Europe/Paris)').fill(isoToZoned(END.toISOString(), 'Europe/Paris'));
      await form.getByRole('button', { name: 'Ajouter le programme' }).click();
      const schedule = page.locator('section[aria-labelledby="tv-schedule"]');
      await schedule.getByRole('rowheader', { name: TIMES }).waitFor();
      await page.locator('section[aria-labelledby="tv-shows"]').getByRole('rowheader', { name: 'Le Journal du soir' }).waitFor();
      await expectNoAxeViolations(page, 'channel screen, one programme');

      const reader = await newPage({ javaScriptEnabled: false, timezoneId: 'Europe/Paris' });
      const response = await reader.goto(`${nr.site.url}/fr/direct`);
      expect(response!.status()).toBe(200);
      expect(await reader.locator('header a.on-air').textContent()).toBe('DIRECT');
      expect(await reader.locator('figure[data-player][data-live]').getAttribute('data-hls')).toBe(STREAM);
      expect(await reader.locator('a.player__poster').getAttribute('href')).toBe(STREAM);
      const now = reader.locator('.now-next__item').first();
      expect((await now.textContent())!.replace(/\s+/g, ' ')).toContain(`${TIMES} · Le Journal du soir – Édition spéciale`);
      // axe runs as a script: on the same page with JavaScript on.
      const withScripts = await newPage({ timezoneId: 'Europe/Paris' });
      await withScripts.goto(`${nr.site.url}/fr/direct`);
      await expectNoAxeViolations(withScripts, 'live page');
    },
    JOURNEY_MS,
  );
});
