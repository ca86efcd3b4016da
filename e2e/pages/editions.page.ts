import type { Locator, Page } from 'playwright-core';

/** The admin's "Éditions" screen: the list and the form that adds one. */
export class EditionsPage {
  constructor(readonly page: Page) {}

  async goto(base: string): Promise<void> {
    await this.page.goto(`${base}/admin/editions`, { waitUntil: 'load' });
    await this.page.getByRole('heading', { level: 1, name: 'Éditions' }).waitFor();
  }

  get table(): Locator {
    return this.page.getByRole('table');
  }

  row(code: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${code}\\b`) }) });
  }

  get form(): Locator {
    return this.page.getByRole('region', { name: 'Ajouter une édition' });
  }

  async add(e: { code: string; name: string; timeZone: string; numerals?: string }): Promise<void> {
    await this.form.getByLabel('Code', { exact: true }).fill(e.code);
    await this.form.getByLabel('Nom', { exact: true }).fill(e.name);
    await this.form.getByLabel('Fuseau horaire').fill(e.timeZone);
    if (e.numerals) await this.form.getByLabel('Chiffres des dates').selectOption({ label: e.numerals });
    await this.form.getByRole('button', { name: 'Créer l’édition' }).click();
  }
}
