import type { Locator, Page } from 'playwright-core';

/** The editor's "Traduire en…" part, and the source of a translation made with it. */
export class TranslatePanel {
  constructor(
    readonly page: Page,
    /** The words of the admin's language for the parts looked up. */
    readonly words = FRENCH,
  ) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: this.words.heading });
  }

  get edition(): Locator {
    return this.region.getByLabel(this.words.edition);
  }

  get section(): Locator {
    return this.region.getByLabel(this.words.section);
  }

  get create(): Locator {
    return this.region.getByRole('button', { name: this.words.create });
  }

  get source(): Locator {
    return this.page.getByRole('region', { name: this.words.sourceHeading });
  }

  get changedBadge(): Locator {
    return this.source.getByText(this.words.changed, { exact: true });
  }

  /** The source's changes since the translation, one list item per field. */
  get changes(): Locator {
    return this.source.getByRole('list', { name: this.words.changes }).getByRole('listitem');
  }

  get markUpToDate(): Locator {
    return this.source.getByRole('button', { name: this.words.markUpToDate });
  }

  upToDate(version: number): Locator {
    return this.source.getByText(this.words.upToDate(version), { exact: true });
  }
}

export const FRENCH = {
  heading: 'Traduire en…',
  edition: 'Édition de la traduction',
  section: 'Rubrique de la traduction',
  create: 'Créer la traduction',
  sourceHeading: 'Source de la traduction',
  changed: 'La source a changé depuis la traduction',
  changes: 'Champs modifiés',
  markUpToDate: 'Marquer comme à jour',
  upToDate: (v: number) => `À jour avec la version ${v} de la source.`,
};

export const ENGLISH: typeof FRENCH = {
  heading: 'Translate into…',
  edition: 'Edition of the translation',
  section: 'Section of the translation',
  create: 'Create the translation',
  sourceHeading: 'Source of the translation',
  changed: 'The source changed since the translation',
  changes: 'Changed fields',
  markUpToDate: 'Mark as up to date',
  upToDate: (v: number) => `Up to date with version ${v} of the source.`,
};
