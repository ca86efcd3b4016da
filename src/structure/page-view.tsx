import type { StoredBlock } from '../content/blocks.ts';
import type { EditionContext } from '../render/context.ts';
import { Block } from '../render/blocks.tsx';
import { Layout } from '../render/layout.tsx';
import type { PictureImage } from '../render/picture.tsx';

export interface StaticPageView {
  title: string;
  description: string | null;
  body: StoredBlock[];
  /** The page's public path. */
  path: string;
}

/** A static page (À propos, Mentions légales…): its title and its blocks, through the article blocks renderer. */
export function PageView({ ctx, page, images }: { ctx: EditionContext; page: StaticPageView; images: Map<number, PictureImage> }) {
  return (
    <Layout ctx={ctx} meta={{ title: `${page.title} – ${ctx.edition.name}`, description: page.description ?? undefined, canonical: ctx.abs(page.path) }}>
      <article class="static-page">
        <h1>{ctx.t(page.title)}</h1>
        {page.description && <p class="standfirst">{ctx.t(page.description)}</p>}
        <div class="article-body">
          {page.body.map((b) => (
            <Block block={b} ctx={ctx} images={images} />
          ))}
        </div>
      </article>
    </Layout>
  );
}
