import type { Locator, Page } from 'playwright-core';
import { ArticleListPage, type IngestPage } from './newsroom.page.ts';

/** The article list's search: the words typed, then under each headline where they were found. */
export class ArticleSearchPage extends ArticleListPage {
  constructor(page: Page) {
    super(page);
  }

  get searchBox(): Locator {
    return this.page.getByRole('search', { name: 'Filtrer les articles' }).getByRole('searchbox', { name: 'Rechercher' });
  }

  async search(words: string): Promise<void> {
    await this.searchBox.fill(words);
    await this.page.getByRole('button', { name: 'Filtrer' }).click();
    await this.page.waitForURL(/[?&]q=/);
    await this.page.getByRole('status').filter({ hasText: /résultat/ }).waitFor();
  }

  /** The row of an article, by its headline. */
  row(headline: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name: headline, exact: true }) });
  }

  /** "Trouvé dans : …" of an article's row. */
  foundIn(headline: string): Locator {
    return this.row(headline).getByText(/^Trouvé dans/);
  }

  /** The words marked in an article's passages. */
  marked(headline: string): Locator {
    return this.row(headline).locator('mark');
  }
}

/** The wire queue's search. */
export class WireSearch {
  constructor(readonly ingest: IngestPage) {}

  async search(words: string): Promise<void> {
    const form = this.ingest.queue.getByRole('search', { name: 'Rechercher dans les dépêches' });
    await form.getByRole('searchbox', { name: 'Rechercher' }).fill(words);
    await form.getByRole('button', { name: 'Filtrer' }).click();
    await this.ingest.page.waitForURL(/[?&]q=/);
  }

  /** The titles the queue shows. */
  titles(): Promise<string[]> {
    return this.ingest.queue.getByRole('article').getByRole('heading', { level: 3 }).allTextContents();
  }
}
