import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { paths } from '../content/paths.ts';
import { findRedirect } from '../content/redirects.ts';
import { findSlugAlias } from '../structure/slug-aliases.ts';
import { DomainError, Unavailable } from '../errors.ts';
import type { EditionContext } from '../render/context.ts';
import type { CdnContract } from '../cdn/contract.ts';
import type { Asset } from './assets.ts';
import { replyWithPage } from './cached-front.ts';
import type { PageCache } from './page-cache.ts';
import { articlePage, authorPage, errorPage, homePage, personPage, sectionPage, tagPage, type PageDeps, type PageResult } from './pages.ts';
import type { SiteState } from './site-state.ts';
import { MAX_PAGE, plainWhole } from '../store/ids.ts';

export interface ReaderDeps extends PageDeps {
  site: SiteState;
  cache: PageCache;
  cdn: CdnContract;
  assets: Map<string, Asset>;
  csp: string;
}

const HTML = 'text/html; charset=utf-8';

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}

/**
 * The page's path and the one query parameter pages read (`page`): tracking
 * parameters such as `?utm_source=…` share the cached page instead of
 * filling the cache with copies.
 */
export function cacheKey(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const page = params.get('page');
  // A live page's entries, oldest first: its own page.
  const order = params.get('order') === 'oldest' ? 'order=oldest' : null;
  // The videos listing of one section (/fr/videos?section=tv): its own page.
  const section = params.get('section');
  // A schedule's day (/fr/programmes?date=2026-10-25): its own page. Anything else given as a date
  // is the one page that says so, whatever was typed.
  const date = params.get('date');
  const day = date === null ? null : /^\d{4}-\d{2}-\d{2}$/.test(date) ? `date=${date}` : 'date=-';
  const kept = [order, section === null ? null : `section=${encodeURIComponent(section)}`, day, page === null ? null : `page=${page}`].filter(Boolean);
  return kept.length ? `${url.slice(0, q)}?${kept.join('&')}` : url.slice(0, q);
}

function pageNumber(q: unknown): number | null {
  const raw = (q as { page?: string }).page;
  if (raw === undefined) return 1;
  return plainWhole(raw, 1, MAX_PAGE);
}

/** Serves a page from the cache of encoded bytes, or produces, keeps and sends it. */
export type ServePage = (req: FastifyRequest, reply: FastifyReply, ctx: EditionContext | undefined, produce: (ctx: EditionContext) => Promise<PageResult>) => Promise<unknown>;

/** The public site: every page comes from the cache of encoded bytes when it can. Answers `serve`, for the pages other domains add (a live's entries). */
export function readerRoutes(app: FastifyInstance, deps: ReaderDeps): { serve: ServePage } {
  const { site, cache, cdn } = deps;
  const headers = { 'content-type': HTML, 'cache-control': cdn.cacheControl.page, ...securityHeaders(deps.csp) };
  // 404 and 410 pages and redirects: kept briefly, and purged by every change.
  const missHeaders = { ...cdn.missHeaders, 'cache-control': cdn.cacheControl.miss };
  const redirect = (reply: FastifyReply, to: string) => reply.headers(missHeaders).redirect(to, 301);

  async function serve(req: FastifyRequest, reply: FastifyReply, ctx: EditionContext | undefined, produce: (ctx: EditionContext) => Promise<PageResult>) {
    const key = cacheKey(req.url);
    const hit = cache.get(key);
    if (hit) return replyWithPage(req, reply, hit);
    if (!ctx) return notFound(req, reply);
    const generation = site.generation;
    let status = 200;
    let html: string;
    let keys: Record<string, string> = missHeaders;
    let own: Record<string, string> = {};
    try {
      const r = await produce(ctx);
      if ('redirect' in r) return redirect(reply, r.redirect);
      html = r.html;
      keys = r.keys ? cdn.headers(r.keys) : missHeaders;
      own = r.headers ?? {};
    } catch (e) {
      // While the database is down, the last copy of the page is better than an error page.
      const last = e instanceof Unavailable ? cache.stale(key) : undefined;
      if (last) return replyWithPage(req, reply, last);
      if (!(e instanceof DomainError) || (e.status !== 404 && e.status !== 410)) throw e;
      const moved = e.status === 404 && (await movedTo(req));
      if (moved) return redirect(reply, moved);
      status = e.status;
      html = errorPage(ctx, e.status as 404 | 410);
    }
    // A page rendered while content changed is sent but not kept.
    // Every page is kept with all the headers it is sent with (its surrogate keys included), so the front door
    // (cached-front.ts) sends a kept page exactly as this route does.
    const kept = { headers: { ...headers, ...own, ...keys } };
    const page = site.generation === generation ? cache.put(key, status, html, kept) : cache.render(status, html, kept);
    return replyWithPage(req, reply, page);
  }

  /**
   * Where an address that matched no page has gone, if it is one the former
   * site had (imported from WordPress or Ghost, or added by an editor).
   */
  async function movedTo(req: FastifyRequest): Promise<string | null> {
    return (await findRedirect(deps.db, req.url, deps.now().toISOString())) ?? (await findSlugAlias(deps.db, req.url));
  }

  async function notFound(req: FastifyRequest, reply: FastifyReply) {
    if (req.url.startsWith('/api/')) return reply.code(404).send({ code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
    const moved = (req.method === 'GET' || req.method === 'HEAD') && (await movedTo(req));
    if (moved) return redirect(reply, moved);
    const first = req.url.split('/')[1]?.split('?')[0] ?? '';
    // Under an edition's path prefix, that edition's; elsewhere, the edition whose own host it is, or the default.
    const prefixed = site.context(first);
    const ctx = prefixed ?? site.hostContext(req.host) ?? site.defaultContext();
    reply.headers(headers).headers(missHeaders).code(404);
    if (!prefixed && site.hasOwnHosts()) reply.header('vary', 'Host');
    return ctx ? reply.send(errorPage(ctx, 404)) : reply.type('text/plain').send('Not found');
  }
  app.setNotFoundHandler(notFound);

  const page = (q: unknown) => pageNumber(q);

  app.get<{ Querystring: Record<string, string> }>('/', async (req, reply) => {
    // WordPress's plain permalinks (`/?p=12`, `/?page_id=3`) name an article, not the home page.
    if (req.query.p !== undefined || req.query.page_id !== undefined) return notFound(req, reply);
    // On an edition's own host name, `/` is that edition's home, at its one address (/<code>/).
    // A 302: the host an edition answers on is a setting that may change.
    const own = site.hostContext(req.host);
    if (own) return reply.headers(missHeaders).header('cache-control', cdn.cacheControl.miss).header('vary', 'Host').redirect(paths.edition(own.edition.code), 302);
    // The same address answers differently by host once an edition has its own: caches keep one copy per host.
    const vary = site.hasOwnHosts() ? { vary: 'Host' } : undefined;
    return serve(req, reply, site.defaultContext(), async (ctx) => {
      const r = await homePage(deps, ctx);
      return vary && !('redirect' in r) ? { ...r, headers: { ...r.headers, ...vary } } : r;
    });
  });

  app.get<{ Params: { edition: string } }>('/:edition', (req, reply) => {
    if (!site.context(req.params.edition)) return notFound(req, reply);
    return redirect(reply, paths.edition(req.params.edition));
  });
  app.get<{ Params: { edition: string } }>('/:edition/', (req, reply) =>
    serve(req, reply, site.context(req.params.edition), (ctx) => homePage(deps, ctx)),
  );

  app.get<{ Params: { edition: string; section: string } }>('/:edition/:section', (req, reply) => {
    const ctx = site.context(req.params.edition);
    if (!ctx || !ctx.catalog.section(ctx.edition.code, req.params.section)) return notFound(req, reply);
    return redirect(reply, paths.section(req.params.edition, req.params.section));
  });
  app.get<{ Params: { edition: string; section: string } }>('/:edition/:section/', (req, reply) => {
    const n = page(req.query);
    if (n === null) return notFound(req, reply);
    return serve(req, reply, site.context(req.params.edition), (ctx) => sectionPage(deps, ctx, req.params.section, n));
  });

  app.get<{ Params: { edition: string; a: string; b: string } }>('/:edition/:a/:b', (req, reply) => {
    const { edition, a, b } = req.params;
    const words = paths.words(edition);
    const n = page(req.query);
    if (n === null) return notFound(req, reply);
    const ctx = site.context(edition);
    if (a === words.topic) return serve(req, reply, ctx, (c) => tagPage(deps, c, b, n));
    if (a === words.person) return serve(req, reply, ctx, (c) => personPage(deps, c, b, n));
    if (a === words.author) return serve(req, reply, ctx, (c) => authorPage(deps, c, b, n));
    const order = (req.query as { order?: string }).order === 'oldest' ? 'oldest' : 'newest';
    return serve(req, reply, ctx, (c) => articlePage(deps, c, a, b, { order, page: n }));
  });

  app.get<{ Params: { file: string } }>('/assets/:file', (req, reply) => {
    const asset = deps.assets.get(req.params.file);
    if (!asset) return notFound(req, reply);
    reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').header('etag', asset.etag);
    if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.send(asset.body);
  });
  return { serve };
}
