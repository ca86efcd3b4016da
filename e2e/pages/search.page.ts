import type { Locator, Page } from 'playwright-core';

/** Search as a reader meets it: the header's box, the results page and its filters, by roles and labels. */
export class SearchPage {
  constructor(readonly page: Page) {}

  /** The search box in the site header (the page's own form has one too). */
  get headerBox(): Locator {
    return this.page.getByRole('banner').getByRole('searchbox', { name: 'Rechercher sur le site' });
  }

  get suggestions(): Locator {
    return this.page.getByRole('banner').getByRole('list', { name: 'Suggestions' }).getByRole('link');
  }

  /** Types as a reader does, a key at a time, so the suggestions script sees each input. */
  async type(words: string): Promise<void> {
    await this.headerBox.click();
    await this.headerBox.pressSequentially(words, { delay: 20 });
  }

  async submitHeaderSearch(): Promise<void> {
    await Promise.all([this.page.waitForURL(/\/recherche\?/), this.headerBox.press('Enter')]);
  }

  /** The headline links of the results, in order. */
  get resultLinks(): Locator {
    return this.page.getByRole('main').getByRole('article').getByRole('heading', { level: 2 }).getByRole('link');
  }

  get count(): Locator {
    return this.page.getByRole('main').locator('.search-count');
  }

  async filterBySection(name: string): Promise<void> {
    await this.page.getByRole('main').getByLabel('Rubrique').selectOption({ label: name });
    await Promise.all([this.page.waitForURL(/section=/), this.page.getByRole('main').getByRole('button', { name: 'Appliquer' }).click()]);
  }
}
