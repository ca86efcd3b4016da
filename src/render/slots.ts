import type { ComponentChildren } from 'preact';
import type { ArticlePage } from '../content/article.repository.ts';
import type { EditionContext } from './context.ts';

/**
 * Template slots (docs/design.md): named places in the reader's pages where a
 * theme adds its own markup without forking the templates. A theme passes its
 * slots to buildApp (`AppOptions.slots`); each edition's context carries them.
 *
 * Each slot is a function of what the page shows and returns Preact children
 * (escaped like the rest of the page). The header and footer slots are called
 * once per edition context and their markup reused on every page: they must
 * depend on the context only, never on the request or the clock.
 */
export interface ThemeSlots {
  /** In the header bar, after the search box and the edition switcher (a "Regarder" button, a campaign link). */
  header?: (ctx: EditionContext) => ComponentChildren;
  /** Under the section navigation, across the page (a ticker, a special coverage band). */
  belowNav?: (ctx: EditionContext) => ComponentChildren;
  /** At the top of the footer, above its columns (an app download block). */
  footer?: (ctx: EditionContext) => ComponentChildren;
  /** At the very end of the footer, under the legal line. */
  footerEnd?: (ctx: EditionContext) => ComponentChildren;
  /** On the home page, the video and TV row; the default row shows the edition's videos and its live channel. */
  homeVideo?: (ctx: EditionContext) => ComponentChildren;
  /** On an article page, after the header (headline, byline, dates) and before the lead picture. */
  articleTop?: (ctx: EditionContext, article: ArticlePage) => ComponentChildren;
  /** On an article page, after the body and before the share block. */
  articleEnd?: (ctx: EditionContext, article: ArticlePage) => ComponentChildren;
}

export type SlotName = keyof ThemeSlots;

/** The names, in the order they appear on a page, for the documentation and its test. */
export const SLOT_NAMES: readonly SlotName[] = ['header', 'belowNav', 'homeVideo', 'articleTop', 'articleEnd', 'footer', 'footerEnd'];

/** A slot's markup in its place: a wrapper naming the slot so a theme's CSS can reach it, nothing when the slot is empty. */
export function fillSlot<A extends unknown[]>(
  slots: ThemeSlots | undefined,
  name: SlotName,
  ...args: A
): ComponentChildren {
  const fn = slots?.[name] as ((...a: A) => ComponentChildren) | undefined;
  if (!fn) return null;
  const content = fn(...args);
  return content == null || content === false ? null : content;
}
