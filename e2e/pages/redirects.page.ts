import type { Locator, Page } from 'playwright-core';
import { AppShell } from './newsroom.page.ts';

/** The "Redirections" screen (editors and admins): former addresses of articles. */
export class RedirectsPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Redirections' });
  }

  async open(): Promise<void> {
    await new AppShell(this.page).nav.getByRole('link', { name: 'Redirections', exact: true }).click();
    await this.heading.waitFor();
  }

  get list(): Locator {
    return this.page.getByRole('region', { name: 'Redirections enregistrées' });
  }

  /** The row of a stored address, named by its row header. */
  row(path: string): Locator {
    return this.list.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: path, exact: true }) });
  }

  async search(words: string): Promise<void> {
    const form = this.page.getByRole('search', { name: 'Chercher une redirection' });
    await form.getByRole('searchbox', { name: 'Ancienne adresse contenant' }).fill(words);
    await form.getByRole('button', { name: 'Chercher', exact: true }).click();
  }

  get form(): Locator {
    return this.page.getByRole('region', { name: 'Ajouter une redirection' });
  }

  get fromField(): Locator {
    return this.form.getByRole('textbox', { name: 'Ancienne adresse' });
  }

  get articleGroup(): Locator {
    return this.form.getByRole('group', { name: 'Article de destination' });
  }

  /** Finds the article by words of its headline, pressing Enter as a journalist would, and picks it. */
  async chooseArticle(words: string, headline: string): Promise<void> {
    const box = this.articleGroup.getByRole('searchbox', { name: 'Mots du titre' });
    await box.fill(words);
    await box.press('Enter');
    await this.articleGroup.getByRole('list', { name: 'Articles trouvés' }).getByRole('button', { name: `Choisir « ${headline} »`, exact: true }).click();
    await this.articleGroup.getByText(`Article choisi : « ${headline} »`, { exact: false }).waitFor();
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Ajouter la redirection', exact: true }).click();
  }

  /** Removes a stored address, accepting the confirmation. */
  async remove(path: string): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.list.getByRole('button', { name: `Supprimer la redirection ${path}`, exact: true }).click();
    await this.row(path).waitFor({ state: 'detached' });
  }
}
