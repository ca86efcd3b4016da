import type { Locator, Page } from 'playwright-core';
import { AppShell } from './newsroom.page.ts';

/** The "Personnes" screen (editors and admins): the list of people quoted, and one person's edit screen with its merge panel. */
export class PeoplePage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Personnes citées' });
  }

  async open(): Promise<void> {
    await new AppShell(this.page).nav.getByRole('link', { name: 'Personnes', exact: true }).click();
    await this.heading.waitFor();
  }

  get list(): Locator {
    return this.page.getByRole('region', { name: 'Personnes', exact: true });
  }

  async search(words: string): Promise<void> {
    const form = this.page.getByRole('search', { name: 'Rechercher', exact: true });
    await form.getByRole('searchbox', { name: 'Nom', exact: true }).fill(words);
    await form.getByRole('button', { name: 'Rechercher', exact: true }).click();
  }

  row(name: string): Locator {
    return this.list.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async edit(name: string): Promise<void> {
    await this.row(name).getByRole('link', { name: `Modifier ${name}`, exact: true }).click();
    await this.editHeading(name).waitFor();
  }

  editHeading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Personne : ${name}` });
  }

  get mergePanel(): Locator {
    return this.page.getByRole('region', { name: 'Fusionner', exact: true });
  }

  /** Finds the person to keep by name and merges the one on screen into them, accepting the confirmation. */
  async mergeInto(words: string, kept: string): Promise<void> {
    const form = this.mergePanel.getByRole('search', { name: 'Chercher la fiche à garder' });
    await form.getByRole('searchbox', { name: 'Chercher la fiche à garder' }).fill(words);
    await form.getByRole('button', { name: 'Rechercher', exact: true }).click();
    this.page.once('dialog', (d) => void d.accept());
    await this.mergePanel.getByRole('button', { name: `Fusionner dans ${kept}`, exact: true }).click();
    await this.editHeading(kept).waitFor();
  }

  get aliasesField(): Locator {
    return this.page.getByRole('textbox', { name: 'Autres noms' });
  }
}

/** The "Sujets" and "Auteurs" screens: a searched list, then one entry's form. */
export class NamesPage {
  constructor(
    readonly page: Page,
    readonly navLabel: 'Sujets' | 'Auteurs',
    readonly title: string,
    readonly editPrefix: string,
  ) {}

  async open(): Promise<void> {
    await new AppShell(this.page).nav.getByRole('link', { name: this.navLabel, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: this.title }).waitFor();
  }

  async edit(name: string): Promise<void> {
    const form = this.page.getByRole('search', { name: 'Rechercher', exact: true });
    await form.getByRole('searchbox', { name: 'Nom', exact: true }).fill(name);
    await form.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await this.page.getByRole('link', { name: `Modifier ${name}`, exact: true }).click();
    await this.heading(name).waitFor();
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `${this.editPrefix} : ${name}` });
  }

  field(label: string): Locator {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  }
}
