import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { loadImages } from '../content/article.repository.ts';
import { PAGE_WORDS, paths } from '../content/paths.ts';
import { NotFound } from '../errors.ts';
import { key, SITE_KEY } from '../cdn/keys.ts';
import type { EditionContext } from '../render/context.ts';
import type { ServePage } from '../site/reader.routes.ts';
import type { PageDeps, PageResult } from '../site/pages.ts';
import type { SiteState } from '../site/site-state.ts';
import { PageView } from './page-view.tsx';
import { findPublishedPage, parseBody } from './pages.service.ts';

export interface StructureReaderDeps extends PageDeps {
  site: SiteState;
  serve: ServePage;
}

/** The surrogate key of a static page: purged whenever it changes. */
export const pageKey = (id: number) => `sp${id}`;

export async function staticPage(deps: PageDeps, ctx: EditionContext, slug: string): Promise<PageResult> {
  const page = await findPublishedPage(deps.db, ctx.edition.code, slug);
  if (!page) throw new NotFound('no such page');
  const body = parseBody(page.body);
  const imageIds = body.flatMap((b) => (b.type === 'figure' ? [b.imageId] : []));
  const rows = await loadImages(deps.db, imageIds);
  const images = new Map([...rows].map(([id, r]) => [id, { ...r, alt: '' }]));
  const html = '<!DOCTYPE html>' + renderToString(h(PageView, { ctx, images, page: { title: page.title, description: page.description, body, path: paths.page(page.edition, page.slug) } }));
  return { html, keys: { own: [pageKey(page.id), key.edition(ctx.edition.code), SITE_KEY], listed: imageIds.map((id) => key.media(id)) } };
}

/**
 * /fr/page/<slug>, /es/pagina/<slug>: registered under every edition's word,
 * each answering only its own edition's. The word is a fixed segment, which
 * the router tries before the reader routes' `/:edition/:a/:b`.
 */
export function structureReaderRoutes(app: FastifyInstance, deps: StructureReaderDeps): void {
  for (const word of PAGE_WORDS) {
    app.get<{ Params: { edition: string; slug: string } }>(`/:edition/${word}/:slug`, (req, reply) => {
      const ctx = deps.site.context(req.params.edition);
      if (ctx && paths.words(ctx.edition.code).page !== word) return reply.callNotFound();
      return deps.serve(req, reply, ctx, (c) => staticPage(deps, c, req.params.slug));
    });
  }
}
