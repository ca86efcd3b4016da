import type { EditionContext } from '../render/context.ts';

/** What the edition's identity adds to every page's head: icons, theme colour, manifest, brand colours. */
export function IdentityHead(_props: { ctx: EditionContext }) {
  return null;
}
