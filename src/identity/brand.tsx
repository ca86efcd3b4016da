import { paths } from '../content/paths.ts';
import type { EditionContext } from '../render/context.ts';

/** The header's wordmark: the edition's logo when it has one, its name otherwise. */
export function Brand({ ctx }: { ctx: EditionContext }) {
  return (
    <a class="brand" href={paths.edition(ctx.edition.code)}>
      {ctx.edition.name}
    </a>
  );
}
