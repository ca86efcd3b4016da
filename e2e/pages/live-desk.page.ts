import type { Locator, Page } from 'playwright-core';

/**
 * The live desk (/admin/articles/:id/direct) and the editor's "Direct" panel,
 * found by roles and accessible names (the French words of admin/src/i18n-live.ts).
 */

export class LivePanel {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Direct' });
  }

  async makeLive(): Promise<void> {
    await this.region.getByRole('button', { name: 'Passer en direct' }).click();
    // Saved (announced), not only shown in the form.
    await this.page.getByRole('status').filter({ hasText: 'L’article est maintenant un direct.' }).waitFor();
    await this.region.getByText(/En direct depuis .*\(Europe\/Paris\)/).waitFor();
  }

  async setOpenPosting(on: boolean): Promise<void> {
    const box = this.region.getByLabel('Publication ouverte aux contributeurs');
    if ((await box.isChecked()) !== on) await box.setChecked(on);
    await this.page.getByRole('status').filter({ hasText: 'Réglages du direct enregistrés.' }).waitFor();
  }

  async openDesk(): Promise<LiveDeskPage> {
    await this.region.getByRole('link', { name: 'Ouvrir le direct' }).click();
    const desk = new LiveDeskPage(this.page);
    await desk.heading.waitFor();
    return desk;
  }
}

export class LiveDeskPage {
  constructor(readonly page: Page) {}

  async goto(base: string, articleId: number): Promise<this> {
    await this.page.goto(`${base}/admin/articles/${articleId}/direct`, { waitUntil: 'load' });
    await this.heading.waitFor();
    return this;
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: /^Direct : / });
  }

  get composer(): Locator {
    return this.page.getByRole('region', { name: 'Nouvelle entrée' });
  }

  get text(): Locator {
    return this.composer.getByLabel('Texte', { exact: true });
  }

  /** Waits until the composer's text has the keyboard (the desk puts it there once shown). */
  async textHasFocus(): Promise<void> {
    const id = await this.text.getAttribute('id');
    await this.page.waitForFunction((want) => document.activeElement?.id === want, id);
  }

  /** Types an entry into the composer (the cursor is in the text when the desk opens). */
  async type(text: string, opts: { title?: string } = {}): Promise<void> {
    if (opts.title) await this.composer.getByLabel('Titre', { exact: true }).fill(opts.title);
    await this.text.fill(text);
    await this.text.focus();
  }

  /** The two keystrokes of a post. */
  async pressPost(): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
  }

  /** The published entries list. */
  get entries(): Locator {
    return this.page.getByRole('region', { name: 'Entrées', exact: true });
  }

  get drafts(): Locator {
    return this.page.getByRole('region', { name: 'Propositions à publier' });
  }

  /** One entry of the desk, by a piece of its text. */
  entry(text: string): Locator {
    return this.page.locator('li.live-entry').filter({ hasText: text });
  }

  async announced(message: string | RegExp): Promise<void> {
    await this.page.getByRole('status').filter({ hasText: message }).first().waitFor();
  }
}

/** The public page of a live as a reader meets it. */
export class ReaderLivePage {
  constructor(readonly page: Page) {}

  /** An entry of the page (`<article id="entree-<id>">`) holding this text. */
  entry(text: string): Locator {
    return this.page.locator('article[id^="entree-"]').filter({ hasText: text });
  }

  /** The "N nouvelles entrées" button, when the page holds new entries back. */
  get newEntriesButton(): Locator {
    return this.page.getByRole('button', { name: /nouvelles? entrées?/ });
  }

  /**
   * Waits until an entry shows, pressing "N nouvelles entrées" when the page
   * holds it back (the reader asks for it), never reloading.
   */
  async receive(text: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.entry(text).isVisible())) {
      if (Date.now() > deadline) throw new Error(`the entry “${text}” never reached the reader’s page`);
      if (await this.newEntriesButton.isVisible()) await this.newEntriesButton.click();
      // The entry, or the button that holds it back: whichever comes first (or the deadline).
      else await this.entry(text).or(this.newEntriesButton).first().waitFor({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => {});
    }
  }
}
