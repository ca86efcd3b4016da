import type { Locator, Page, Response } from 'playwright-core';

/**
 * The article page as a reader meets it, found by roles and accessible names
 * (what a screen reader announces), not by class names.
 */
export class ArticlePage {
  constructor(readonly page: Page) {}

  async goto(url: string): Promise<Response> {
    const response = await this.page.goto(url, { waitUntil: 'load' });
    if (!response) throw new Error(`no response for ${url}`);
    return response;
  }

  /** The <link rel=canonical> of the page. */
  async canonicalUrl(): Promise<string | null> {
    return this.page.locator('link[rel="canonical"]').getAttribute('href');
  }

  get article(): Locator {
    // The story itself: related articles below it are articles (cards) too.
    return this.page.locator('main > article.article');
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** The section link above the headline. */
  get kicker(): Locator {
    return this.article.locator('header .kicker').getByRole('link');
  }

  get bodyParagraphs(): Locator {
    return this.article.getByRole('paragraph');
  }

  /** A figure, told apart by the alternative text of its image. */
  figureWithImage(alt: string): Locator {
    return this.article.getByRole('figure').filter({ has: this.page.getByRole('img', { name: alt, exact: true }) });
  }

  /** A quotation figure, by its speaker's name. */
  quoteBy(speaker: string): Locator {
    return this.article
      .getByRole('figure')
      .filter({ has: this.page.getByRole('blockquote') })
      .filter({ has: this.page.getByRole('link', { name: speaker, exact: true }) });
  }

  get shareRegion(): Locator {
    return this.page.getByRole('region', { name: 'Partager cet article' });
  }

  shareLink(name: string): Locator {
    return this.shareRegion.getByRole('link', { name, exact: true });
  }

  get shareLinks(): Locator {
    return this.shareRegion.getByRole('link');
  }

  get copyButton(): Locator {
    return this.shareRegion.getByRole('button', { name: 'Copier le lien' });
  }

  /** The copy button whether or not it is exposed (it is `hidden` until the script shows it). */
  get copyButtonElement(): Locator {
    return this.shareRegion.getByRole('button', { name: 'Copier le lien', includeHidden: true });
  }

  /** The Web Share button ("Partager…"), shown by the script only where navigator.share exists. */
  get nativeShareButton(): Locator {
    return this.shareRegion.getByRole('button', { name: 'Partager…' });
  }

  get nativeShareButtonElement(): Locator {
    return this.shareRegion.getByRole('button', { name: 'Partager…', includeHidden: true });
  }

  get shareStatus(): Locator {
    return this.shareRegion.getByRole('status');
  }

  /** The "SOURCE :" line (French typography puts a narrow no-break space before the colon). */
  get sourceLine(): Locator {
    return this.article.getByRole('paragraph').filter({ hasText: /^SOURCE\s:/ });
  }

  get tagsNav(): Locator {
    return this.page.getByRole('navigation', { name: 'Sujets' });
  }

  loadVideoButton(provider: string): Locator {
    return this.article.getByRole('button', { name: `Charger la vidéo ${provider}` });
  }

  watchVideoLink(provider: string): Locator {
    return this.article.getByRole('link', { name: new RegExp(`^Voir la vidéo sur ${provider}`) });
  }

  /** The player, once loaded: an iframe titled like the embed. */
  videoFrame(title: string): Locator {
    return this.article.getByTitle(title, { exact: true }).and(this.page.locator('iframe'));
  }

  get skipLink(): Locator {
    return this.page.getByRole('link', { name: 'Aller au contenu' });
  }

  get main(): Locator {
    return this.page.getByRole('main');
  }
}
