import { paths } from '../content/paths.ts';
import type { EditionContext } from '../render/context.ts';

/**
 * The header's wordmark: the edition's logo when it has one (with its width
 * and height, so the page keeps its room before the file arrives; CSS sets
 * the shown height), its name otherwise. The logo's text alternative is the
 * edition's name.
 */
export function Brand({ ctx }: { ctx: EditionContext }) {
  const logo = ctx.identity.logo;
  return (
    <a class="brand" href={paths.edition(ctx.edition.code)}>
      {logo ? <img src={ctx.media(logo.key)} width={logo.width} height={logo.height} alt={ctx.edition.name} decoding="async" /> : ctx.edition.name}
    </a>
  );
}
