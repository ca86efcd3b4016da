import { paths } from '../content/paths.ts';
import type { EditionContext } from '../render/context.ts';
import type { SectionRow } from '../store/schema.ts';
import { structureLabels } from './structure-labels.ts';

/** A section page's sub-sections (Monde › Moyen-Orient), above its articles. */
export function SubSections({ ctx, parent, children: all }: { ctx: EditionContext; parent: SectionRow; children: SectionRow[] }) {
  // A sub-section hidden from navigation is left out here too (its page stays).
  const children = all.filter((s) => s.in_nav === 1);
  if (!children.length) return null;
  const l = structureLabels(ctx.edition.language || ctx.edition.code);
  return (
    <nav class="sub-sections" aria-label={l.subSections(ctx.t(parent.name))}>
      <ul>
        {children.map((s) => (
          <li>
            <a href={paths.section(s.edition, s.slug)}>{ctx.t(s.name)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
