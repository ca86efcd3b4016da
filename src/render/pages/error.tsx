import { paths } from '../../content/paths.ts';
import type { EditionContext } from '../context.ts';
import { Layout } from '../layout.tsx';

/** 404, 410, 500 and 503 pages in the edition's language. */
export function ErrorView({ ctx, status }: { ctx: EditionContext; status: 404 | 410 | 500 | 503 }) {
  const l = ctx.labels;
  const [title, text] =
    status === 404
      ? [l.notFoundTitle, l.notFoundText]
      : status === 410
        ? [l.goneTitle, l.goneText]
        : status === 503
          ? [l.unavailableTitle, l.unavailableText]
          : [l.errorTitle, l.errorText];
  return (
    <Layout ctx={ctx} meta={{ title: `${title} – ${ctx.edition.name}`, robots: 'noindex' }}>
      <div class="error-page">
        <h1>{title}</h1>
        <p>{ctx.t(text)}</p>
        <p>
          <a href={paths.edition(ctx.edition.code)}>{l.backHome}</a>
        </p>
      </div>
    </Layout>
  );
}
