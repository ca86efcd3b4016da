import type { Locator, Page } from 'playwright-core';
import type { ArticleEditorPage } from './newsroom.page.ts';

/** The editor's "Traductions" group: the article's translations, and linking it to an article of another edition. */
export class TranslationsField {
  constructor(readonly editor: ArticleEditorPage) {}

  get group(): Locator {
    return this.editor.page.getByRole('group', { name: 'Traductions' });
  }

  /** The saved translations, one list item each. */
  get list(): Locator {
    return this.group.getByRole('list', { name: 'Cet article dans d’autres éditions' });
  }

  get none(): Locator {
    return this.group.getByText('Cet article n’est lié à aucune traduction.', { exact: true });
  }

  get otherEdition(): Locator {
    return this.group.getByLabel('Autre édition');
  }

  get searchBox(): Locator {
    return this.group.getByRole('searchbox', { name: 'Mots du titre' });
  }

  /** Searches the other edition's articles by words of their headline, pressing Enter as a journalist would. */
  async search(words: string): Promise<void> {
    await this.searchBox.fill(words);
    await this.searchBox.press('Enter');
  }

  async pick(headline: string): Promise<void> {
    await this.group.getByRole('list', { name: 'Articles trouvés' }).getByRole('button', { name: `Lier à « ${headline} »`, exact: true }).click();
  }

  get pending(): Locator {
    return this.group.getByText(/à l’enregistrement\.$/);
  }

  get removeButton(): Locator {
    return this.group.getByRole('button', { name: 'Retirer le lien de traduction', exact: true });
  }

  /** The server's refusal, shown in the group next to the field. */
  refusal(text: string | RegExp): Locator {
    return this.group.getByText(text);
  }
}

/** The language switcher of a public article page and its hreflang links. */
export class LanguageSwitcher {
  constructor(
    readonly page: Page,
    readonly label: string,
  ) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: this.label });
  }

  link(language: string): Locator {
    return this.nav.getByRole('link', { name: language, exact: true });
  }

  /** The `<link rel="alternate" hreflang>` of the page for a language, as its href. */
  async hreflang(lang: string): Promise<string | null> {
    const link = this.page.locator(`head link[rel="alternate"][hreflang="${lang}"]`);
    return (await link.count()) ? link.getAttribute('href') : null;
  }
}
