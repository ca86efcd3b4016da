import type { Locator, Page } from 'playwright-core';

/**
 * The newsroom app at /admin as a journalist meets it, found by roles and
 * accessible names (the French labels of admin/src/i18n.ts).
 */

/** Waits until the block editor has the keyboard (after a dialog closed, for example). */
export async function editorHasFocus(page: Page): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror') === true);
}

export class SignInPage {
  constructor(readonly page: Page) {}

  async goto(base: string): Promise<void> {
    await this.page.goto(`${base}/admin/`, { waitUntil: 'load' });
  }

  get setupHeading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Première mise en route' });
  }

  get loginHeading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Connexion' });
  }

  async createFirstAdmin(name: string, email: string, password: string): Promise<void> {
    await this.setupHeading.waitFor();
    await this.page.getByLabel('Nom', { exact: true }).fill(name);
    await this.page.getByLabel('Adresse e-mail').fill(email);
    await this.page.getByLabel('Mot de passe').fill(password);
    await this.page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await new ArticleListPage(this.page).heading.waitFor();
  }

  async logIn(email: string, password: string): Promise<void> {
    await this.loginHeading.waitFor();
    await this.page.getByLabel('Adresse e-mail').fill(email);
    await this.page.getByLabel('Mot de passe').fill(password);
    await this.page.getByRole('button', { name: 'Se connecter' }).click();
    await new ArticleListPage(this.page).heading.waitFor();
  }
}

/** What every signed-in screen has: the main navigation and the sign-out button. */
export class AppShell {
  constructor(readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Navigation principale' });
  }

  async open(name: 'Articles' | 'Médiathèque' | 'Une' | 'Comptes' | 'Jetons d’API'): Promise<void> {
    await this.nav.getByRole('link', { name, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }

  async logOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Se déconnecter' }).click();
    await new SignInPage(this.page).loginHeading.waitFor();
  }
}

export class AccountsPage {
  constructor(readonly page: Page) {}

  async createUser(u: { name: string; email: string; role: 'contributeur' | 'auteur' | 'éditeur' | 'administrateur'; password: string }): Promise<void> {
    const form = this.page.getByRole('region', { name: 'Créer un compte' });
    await form.getByLabel('Nom', { exact: true }).fill(u.name);
    await form.getByLabel('Adresse e-mail').fill(u.email);
    await form.getByLabel('Rôle').selectOption({ label: u.role });
    await form.getByLabel('Mot de passe initial').fill(u.password);
    await form.getByRole('button', { name: 'Créer le compte' }).click();
    await this.page.getByRole('region', { name: 'Comptes existants' }).getByRole('cell', { name: u.email, exact: true }).waitFor();
  }
}

export class ArticleListPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Articles' });
  }

  get table(): Locator {
    return this.page.getByRole('table');
  }

  async newArticle(): Promise<ArticleEditorPage> {
    await this.page.getByRole('link', { name: 'Nouvel article' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Nouvel article' }).waitFor();
    return new ArticleEditorPage(this.page);
  }

  async filterByStatus(label: string): Promise<void> {
    await this.page.getByLabel('Statut').selectOption({ label });
    await this.page.getByRole('button', { name: 'Filtrer' }).click();
    await this.page.waitForURL(/[?&]status=/);
  }

  async open(headline: string): Promise<ArticleEditorPage> {
    await this.table.getByRole('link', { name: headline, exact: true }).click();
    const editor = new ArticleEditorPage(this.page);
    await editor.headline.waitFor();
    return editor;
  }
}

export class ArticleEditorPage {
  constructor(readonly page: Page) {}

  async goto(base: string, id: number): Promise<void> {
    await this.page.goto(`${base}/admin/articles/${id}`, { waitUntil: 'load' });
    await this.headline.waitFor();
  }

  get headline(): Locator {
    return this.page.getByLabel('Titre', { exact: true });
  }

  get standfirst(): Locator {
    return this.page.getByLabel('Chapô');
  }

  get section(): Locator {
    return this.page.getByLabel('Rubrique', { exact: true });
  }

  get body(): Locator {
    return this.page.getByRole('textbox', { name: 'Corps de l’article' });
  }

  toolbarButton(name: string): Locator {
    return this.page.getByRole('toolbar', { name: 'Mise en forme' }).getByRole('button', { name });
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Chooses a section, or types a new one. */
  async chooseSection(slug: string, opts: { create?: boolean } = {}): Promise<void> {
    if (opts.create) {
      await this.section.selectOption({ label: 'Nouvelle rubrique…' });
      await this.page.getByLabel('Nouvelle rubrique (adresse)').fill(slug);
    } else {
      await this.section.selectOption(slug);
    }
  }

  /** Puts the cursor at the end of the body. */
  async focusBodyEnd(): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press('Control+End');
  }

  /** Inserts a photo by uploading a file in the media dialog, then describing it. */
  async insertPhoto(file: { name: string; mimeType: string; buffer: Buffer }, fields: { alt: string; caption?: string; credit: string }): Promise<void> {
    await this.toolbarButton('Insérer une photo').click();
    const d = this.dialog('Photo');
    await d.getByLabel('Téléverser une image').setInputFiles(file);
    await d.getByLabel('Texte alternatif', { exact: true }).fill(fields.alt);
    if (fields.caption) await d.getByLabel('Légende').fill(fields.caption);
    await d.getByLabel('Crédit').fill(fields.credit);
    await d.getByRole('button', { name: 'Insérer' }).click();
    await editorHasFocus(this.page);
  }

  async insertQuote(text: string, name: string, role?: string): Promise<void> {
    await this.toolbarButton('Insérer une citation').click();
    const d = this.dialog('Citation');
    await d.getByLabel('Texte de la citation').fill(text);
    await d.getByLabel('Nom de la personne citée').fill(name);
    if (role) await d.getByLabel('Fonction').fill(role);
    await d.getByRole('button', { name: 'Insérer' }).click();
    await editorHasFocus(this.page);
  }

  async insertPullquote(text: string, attribution?: string): Promise<void> {
    await this.toolbarButton('Insérer un exergue').click();
    const d = this.dialog('Exergue');
    await d.getByLabel('Texte de l’exergue').fill(text);
    if (attribution) await d.getByLabel('Attribution').fill(attribution);
    await d.getByRole('button', { name: 'Insérer' }).click();
    await editorHasFocus(this.page);
  }

  /** A card of the editor: a photo, quote, pull quote or video block. */
  block(kind: 'Photo' | 'Citation' | 'Exergue' | 'Vidéo'): Locator {
    return this.body.getByRole('group', { name: kind, exact: true });
  }

  get createButton(): Locator {
    return this.page.getByRole('button', { name: 'Créer l’article' });
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Enregistrer', exact: true });
  }

  /** The save state ("Enregistré à …", "Modifications non enregistrées", …). */
  get saveState(): Locator {
    return this.publication.getByRole('status');
  }

  async waitSaved(): Promise<void> {
    await this.saveState.filter({ hasText: /^Enregistré à/ }).waitFor();
  }

  /** Creates the article (first save) and waits for its address. Returns its id. */
  async create(): Promise<number> {
    await this.createButton.click();
    await this.page.waitForURL(/\/admin\/articles\/\d+$/);
    await this.waitSaved();
    return Number(new URL(this.page.url()).pathname.split('/').pop());
  }

  get publication(): Locator {
    return this.page.getByRole('region', { name: 'Publication' });
  }

  transitionButton(name: string): Locator {
    return this.publication.getByRole('button', { name, exact: true });
  }

  async waitStatus(label: string): Promise<void> {
    await this.publication.getByText(label, { exact: true }).waitFor();
  }

  get conflictPanel(): Locator {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('heading', { name: 'Quelqu’un d’autre a modifié cet article' }) });
  }
}
