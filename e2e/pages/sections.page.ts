import type { Locator, Page } from 'playwright-core';
import { AppShell } from './newsroom.page.ts';

/** The "Rubriques" screen (editors and admins): an edition's sections in navigation order. */
export class SectionsPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Rubriques' });
  }

  async open(): Promise<void> {
    await new AppShell(this.page).nav.getByRole('link', { name: 'Rubriques', exact: true }).click();
    await this.heading.waitFor();
  }

  get list(): Locator {
    return this.page.getByRole('region', { name: 'Rubriques de l’édition' });
  }

  /** The row of a section, named by its row header. */
  row(name: string): Locator {
    return this.list.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** The section names in their order on the screen. */
  async names(): Promise<string[]> {
    return this.list.getByRole('rowheader').allTextContents();
  }

  async edit(name: string): Promise<Locator> {
    await this.list.getByRole('button', { name: `Modifier ${name}`, exact: true }).click();
    const form = this.page.getByRole('region', { name: `Modifier la rubrique « ${name} »` });
    await form.waitFor();
    return form;
  }

  moveUp(name: string): Promise<void> {
    return this.list.getByRole('button', { name: `Monter ${name}`, exact: true }).click();
  }
}
