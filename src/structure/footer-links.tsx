import { paths } from '../content/paths.ts';
import type { EditionContext } from '../render/context.ts';
import { structureLabels } from './structure-labels.ts';

/**
 * The footer's links: the edition's footer menu, then its published static
 * pages marked "in the footer" that the menu does not already name.
 */
export function FooterLinks({ ctx }: { ctx: EditionContext }) {
  const code = ctx.edition.code;
  const menu = ctx.catalog.menu(code, 'footer');
  const named = new Set(menu.filter((m) => m.kind === 'page').map((m) => m.targetId));
  const pages = ctx.catalog.pages(code).filter((p) => p.inFooter && !named.has(p.id));
  const links = [...menu.map((m) => ({ href: m.href, label: m.label })), ...pages.map((p) => ({ href: paths.page(code, p.slug), label: p.title }))];
  if (!links.length) return null;
  return (
    <nav class="footer-links" aria-label={structureLabels(ctx.edition.language || code).footerNav}>
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href}>{ctx.t(l.label)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
