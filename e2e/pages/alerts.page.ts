import type { Locator, Page } from 'playwright-core';
import { AppShell } from './newsroom.page.ts';

/** The newsroom's "Alertes" screen. */
export class AlertsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await new AppShell(this.page).nav.getByRole('link', { name: 'Alertes', exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Alertes' }).waitFor();
  }

  get form(): Locator {
    return this.page.getByRole('region', { name: 'Publier une alerte' });
  }

  get list(): Locator {
    return this.page.getByRole('region', { name: 'Alertes en cours et récentes' });
  }

  row(text: string): Locator {
    return this.list.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: text }) });
  }

  async publish(text: string): Promise<void> {
    await this.form.getByRole('textbox', { name: 'Texte' }).fill(text);
    await this.form.getByRole('button', { name: 'Publier l’alerte' }).click();
  }

  /** "Terminer", then OK in the confirmation: two clicks. */
  async end(text: string): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.row(text).getByRole('button', { name: `Terminer l’alerte « ${text} »` }).click();
  }
}

/** The alert banner at the top of a reader page. */
export class AlertBannerPart {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Alertes' });
  }

  alert(text: string): Locator {
    return this.region.locator('.site-alert').filter({ hasText: text });
  }
}
