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

  /** The header of a sortable column: its button sorts the list by it. */
  columnHeader(label: string): Locator {
    return this.table.getByRole('columnheader', { name: label });
  }

  async sortBy(label: string): Promise<void> {
    await this.columnHeader(label).getByRole('button', { name: label }).click();
  }

  /** The headlines, in the order the list shows them. */
  headlines(): Promise<string[]> {
    return this.table.getByRole('rowheader').allTextContents();
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

  /** A card of the editor: a photo, quote, pull quote, video embed or video of the library. */
  block(kind: 'Photo' | 'Citation' | 'Exergue' | 'Vidéo' | 'Vidéo de la vidéothèque'): Locator {
    return this.body.getByRole('group', { name: kind, exact: true });
  }

  get createButton(): Locator {
    return this.page.getByRole('button', { name: 'Créer l’article' });
  }

  /** An editor's "minor correction" box, for a published article. */
  get silentFix(): Locator {
    return this.page.getByRole('checkbox', { name: 'Correction mineure : ne pas afficher de mise à jour' });
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

// ------------------------------------------------------------- workflow journeys

/** The names of the links in the main navigation, in order. */
export async function navLinkNames(page: Page): Promise<string[]> {
  const shell = new AppShell(page);
  await shell.nav.waitFor();
  return (await shell.nav.getByRole('link').allInnerTexts()).map((s) => s.trim());
}

/** What the app shows at an address the role may not open: a refusal, no data. */
export class RefusalPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Page introuvable' });
  }

  get message(): Locator {
    return this.page.getByText('Votre rôle ne donne pas accès à cette page.', { exact: true });
  }

  async goto(base: string, path: string): Promise<void> {
    await this.page.goto(`${base}/admin${path}`, { waitUntil: 'load' });
    await this.heading.waitFor();
  }
}

/** The photo dialog of the editor, once a picture is uploaded or chosen: the figure form. */
export class FigureDialog {
  constructor(readonly dialog: Locator) {}

  get alt(): Locator {
    return this.dialog.getByLabel('Texte alternatif', { exact: true });
  }

  get caption(): Locator {
    return this.dialog.getByLabel('Légende');
  }

  get credit(): Locator {
    return this.dialog.getByLabel('Crédit');
  }

  get insertButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Insérer' });
  }

  /** Opens the photo dialog of an editor and uploads a file; resolves when the figure form shows. */
  static async upload(editor: ArticleEditorPage, file: { name: string; mimeType: string; buffer: Buffer }): Promise<FigureDialog> {
    await editor.toolbarButton('Insérer une photo').click();
    const d = new FigureDialog(editor.dialog('Photo'));
    await d.dialog.getByLabel('Téléverser une image').setInputFiles(file);
    await d.alt.waitFor();
    return d;
  }
}

/** The scheduling form and the refusals of the editor's publication panel. */
export class PublicationPanel {
  constructor(readonly editor: ArticleEditorPage) {}

  get region(): Locator {
    return this.editor.publication;
  }

  /** The datetime-local input, read in the edition's time zone. */
  get scheduleAt(): Locator {
    return this.region.getByLabel('Date et heure de publication');
  }

  get scheduleButton(): Locator {
    return this.region.getByRole('button', { name: 'Programmer', exact: true });
  }

  /** Types a local date and time ("2026-11-20T09:30") and schedules. */
  async schedule(localDateTime: string): Promise<void> {
    await this.scheduleAt.fill(localDateTime);
    await this.scheduleButton.click();
  }

  /** The line "Programmé pour le …" shown once the article is scheduled. */
  get scheduledFor(): Locator {
    return this.region.getByText(/^Programmé pour le /);
  }

  /** The names of every button of the panel. */
  async buttonNames(): Promise<string[]> {
    await this.region.waitFor();
    return (await this.region.getByRole('button').allInnerTexts()).map((s) => s.trim());
  }

  /** The editor's "save failed" summary, with the server's message in it. */
  get saveFailed(): Locator {
    return this.editor.page.getByRole('alert').filter({ hasText: 'L’enregistrement a échoué.' });
  }
}

export class MediaLibraryPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Médiathèque' });
  }

  /** The grid of pictures (a list). */
  get grid(): Locator {
    return this.page.getByRole('main').getByRole('list').filter({ has: this.page.getByRole('img') });
  }

  editButton(filename: string): Locator {
    return this.page.getByRole('button', { name: `Modifier ${filename}`, exact: true });
  }

  /** The card of one picture in the grid, found by its file name. */
  card(filename: string): Locator {
    return this.grid.getByRole('listitem').filter({ has: this.page.getByText(filename, { exact: true }) });
  }

  /** Searches the library and waits for the answer: a card, or the "no picture" line. */
  async search(q: string): Promise<void> {
    const form = this.page.getByRole('search');
    await form.getByLabel('Rechercher une image').fill(q);
    await form.getByRole('button', { name: 'Rechercher', exact: true }).click();
  }

  get empty(): Locator {
    return this.page.getByRole('main').getByText('Aucune image.', { exact: true });
  }
}

/** The "Photo principale" group of the article editor, and its dialog (the figure form over the library). */
export class LeadPhotoField {
  constructor(readonly editor: ArticleEditorPage) {}

  get group(): Locator {
    return this.editor.page.getByRole('group', { name: 'Photo principale' });
  }

  get dialog(): Locator {
    return this.editor.dialog('Photo principale');
  }

  /** Opens the dialog and picks a picture of the library by its file name; resolves when the figure form shows. */
  async choose(filename: string): Promise<FigureDialog> {
    await this.group.getByRole('button', { name: /^(Choisir|Modifier) la photo principale$/ }).click();
    await this.dialog.getByRole('button', { name: `Choisir ${filename}`, exact: true }).click();
    const figure = new FigureDialog(this.dialog);
    await figure.alt.waitFor();
    return figure;
  }
}

export class HomepageCurationPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Une' });
  }

  get pinned(): Locator {
    return this.page.getByRole('region', { name: 'Articles épinglés' });
  }

  pinnedStory(headline: string): Locator {
    return this.pinned.getByRole('listitem').filter({ hasText: headline });
  }

  async search(q: string): Promise<void> {
    const region = this.page.getByRole('region', { name: 'Ajouter un article' });
    await region.getByLabel('Rechercher un article publié').fill(q);
    await region.getByRole('button', { name: 'Rechercher', exact: true }).click();
  }

  result(headline: string): Locator {
    return this.page.getByRole('list', { name: 'Résultats' }).getByRole('listitem').filter({ hasText: headline });
  }
}

// ------------------------------------------------------------- social image, compare versions

/** The "Image de partage" group of the metadata panel (seo.image). */
export class SocialImageField {
  constructor(readonly editor: ArticleEditorPage) {}

  /** Opens the "Référencement et source" panel if it is closed. */
  async openMetadata(): Promise<void> {
    const details = this.editor.page.locator('details.metadata');
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    await this.group.waitFor();
  }

  get group(): Locator {
    return this.editor.page.getByRole('group', { name: 'Image de partage' });
  }

  get chooseButton(): Locator {
    return this.group.getByRole('button', { name: /^(Choisir|Changer) l’image de partage$/ });
  }

  get removeButton(): Locator {
    return this.group.getByRole('button', { name: 'Retirer l’image de partage' });
  }

  get dialog(): Locator {
    return this.editor.dialog('Image de partage');
  }

  /** Picks a picture of the library by its file name. */
  async choose(filename: string): Promise<void> {
    await this.chooseButton.click();
    await this.dialog.getByRole('button', { name: `Choisir ${filename}`, exact: true }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }

  current(filename: string): Locator {
    return this.group.getByText(`Image choisie : ${filename}`, { exact: true });
  }

  get thumbnail(): Locator {
    return this.group.locator('img');
  }

  get none(): Locator {
    return this.group.getByText(/^Pas d’image de partage/);
  }
}

/** The versions panel of the editor and its comparison of two versions. */
export class VersionsPanel {
  constructor(readonly editor: ArticleEditorPage) {}

  async open(): Promise<void> {
    await this.editor.page.locator('details.revisions > summary').click();
    await this.form.waitFor();
  }

  get form(): Locator {
    return this.editor.page.getByRole('group', { name: 'Comparer deux versions' });
  }

  async compare(from: number, to: number): Promise<void> {
    await this.form.getByLabel('Version de départ').selectOption({ label: `Version ${from}` });
    await this.form.getByLabel('Version d’arrivée').selectOption({ label: `Version ${to}` });
    await this.form.getByRole('button', { name: 'Comparer', exact: true }).click();
  }

  dialog(from: number, to: number): Locator {
    return this.editor.dialog(`Modifications de la version ${from} à la version ${to}`);
  }

  /** The changes listed in the comparison dialog. */
  changes(from: number, to: number): Locator {
    return this.dialog(from, to).getByRole('list', { name: 'Champs modifiés' }).getByRole('listitem');
  }
}

// ------------------------------------------------------------- wire ingest and webhooks

/** The "Dépêches" screen: the incoming wire queue, and the sources for editors. */
export class IngestPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Dépêches' });
  }

  async open(): Promise<void> {
    await new AppShell(this.page).nav.getByRole('link', { name: 'Dépêches', exact: true }).click();
    await this.heading.waitFor();
  }

  get addSourceForm(): Locator {
    return this.page.getByRole('region', { name: 'Ajouter une source' });
  }

  get sourcesRegion(): Locator {
    return this.page.getByRole('region', { name: 'Sources' });
  }

  async addSource(s: { name: string; kind: 'RSS' | 'ATOM' | 'NINJS'; url: string; section: string }): Promise<void> {
    const form = this.addSourceForm;
    await form.getByLabel('Nom', { exact: true }).fill(s.name);
    await form.getByLabel('Format').selectOption({ label: s.kind });
    await form.getByLabel('Adresse du flux').fill(s.url);
    await form.getByLabel('Rubrique').fill(s.section);
    await form.getByRole('button', { name: 'Ajouter la source' }).click();
    await this.sourcesRegion.getByRole('rowheader', { name: s.name, exact: true }).waitFor();
  }

  get queue(): Locator {
    return this.page.getByRole('region', { name: 'File des dépêches' });
  }

  item(title: string): Locator {
    return this.queue.getByRole('article', { name: title, exact: true });
  }

  /** The list of an item's conversion notes ("Non repris tel quel"). */
  notes(title: string): Locator {
    return this.item(title).getByRole('list', { name: 'Non repris tel quel' });
  }

  async filterByStatus(label: 'Nouvelles' | 'Reprises' | 'Écartées'): Promise<void> {
    await this.queue.getByLabel('Statut').selectOption({ label });
    await this.queue.getByRole('button', { name: 'Filtrer' }).click();
  }

  /** Adopts an item; resolves once its draft is open in the editor. Returns the article id. */
  async adopt(title: string): Promise<ArticleEditorPage> {
    await this.page.getByRole('button', { name: `Reprendre « ${title} »` }).click();
    await this.page.waitForURL(/\/admin\/articles\/\d+$/);
    const editor = new ArticleEditorPage(this.page);
    await editor.headline.waitFor();
    return editor;
  }

  async dismiss(title: string): Promise<void> {
    await this.page.getByRole('button', { name: `Écarter « ${title} »` }).click();
  }
}

/** The "Webhooks" screen (admins). */
export class WebhooksPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Webhooks' });
  }

  async open(): Promise<void> {
    await new AppShell(this.page).nav.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await this.heading.waitFor();
  }

  get list(): Locator {
    return this.page.getByRole('region', { name: 'Abonnés' });
  }

  /** Adds a subscriber; without a secret, resolves with the generated one shown once. */
  async create(url: string, opts: { uncheck?: string[]; secret?: string } = {}): Promise<string | null> {
    const form = this.page.getByRole('region', { name: 'Ajouter un abonné' });
    await form.getByLabel('Adresse', { exact: true }).fill(url);
    for (const label of opts.uncheck ?? []) await form.getByLabel(label, { exact: true }).uncheck();
    if (opts.secret) await form.getByLabel('Secret', { exact: true }).fill(opts.secret);
    await form.getByRole('button', { name: 'Ajouter l’abonné' }).click();
    await this.list.getByRole('rowheader', { name: url, exact: true }).waitFor();
    if (opts.secret) return null;
    const shown = this.page.getByRole('region', { name: /Voici le secret de signature/ });
    await shown.waitFor();
    return (await shown.locator('code').textContent())?.trim() ?? null;
  }

  async showDeliveries(url: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Voir les livraisons de ${url}` }).click();
    const region = this.page.getByRole('region', { name: `Livraisons vers ${url}` });
    await region.waitFor();
    return region;
  }
}
