import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { CdnContract } from '../cdn/contract.ts';
import { key, SITE_KEY, type ResponseKeys } from '../cdn/keys.ts';
import { summariesOf } from '../content/content-api.service.ts';
import { paths, SEARCH_WORDS } from '../content/paths.ts';
import { ValidationFailed, type FieldIssue } from '../errors.ts';
import type { EditionContext } from '../render/context.ts';
import { namePath, SearchView } from '../render/pages/search.tsx';
import { securityHeaders } from '../site/reader.routes.ts';
import type { SiteState } from '../site/site-state.ts';
import type { Db } from '../store/db.ts';
import { readSearchParams, type SearchParams } from './reader-search.params.ts';
import { readerSearch } from './reader-search.service.ts';
import type { NameHit, SearchEngine } from './search.types.ts';

export interface SearchRoutesDeps {
  db: Db;
  search: SearchEngine;
  now: () => Date;
  site: SiteState;
  cdn: CdnContract;
  /** The reader pages' Content-Security-Policy. */
  csp: string;
  /** The base of absolute URLs for editions without their own. */
  publicUrl: string;
  mediaUrl?: string;
}

/**
 * A search answer shows any visible article of the edition: every change that
 * readers see of one (publish, edit, unpublish, an embargo's end) purges the
 * edition's any-article key, so the answer goes with it; the site key covers
 * a new section or edition. No article keys: a page of 20 hits would name
 * only those, while an article not shown yet may start matching.
 */
export function searchKeys(edition: string): ResponseKeys {
  return { own: [key.anyArticle(edition), key.edition(edition), SITE_KEY] };
}

const SUGGESTED_ARTICLES = 5;
const SUGGESTED_NAMES = 4;
/** Suggestions follow typing: a longer text is not a word being typed. */
const MAX_SUGGEST = 100;

/** The search page of each edition, under its own word (/fr/recherche, /en/search). */
export function searchPageRoutes(app: FastifyInstance, deps: SearchRoutesDeps): void {
  const headers = { 'content-type': 'text/html; charset=utf-8', ...securityHeaders(deps.csp), 'x-robots-tag': 'noindex' };
  for (const word of SEARCH_WORDS) {
    app.get<{ Params: { edition: string }; Querystring: SearchParams }>(`/:edition/${word}`, async (req, reply) => {
      const ctx = deps.site.context(req.params.edition);
      // Another edition's word (/fr/search) is no page.
      if (!ctx || paths.words(ctx.edition.code).search !== word) return reply.callNotFound();
      // The page answers what it can read; a value it cannot use is left out (the API names it instead).
      const p = readSearchParams(req.query);
      const bad = new Set(p.issues.map((i) => i.field));
      const r = await readerSearch(deps, { edition: ctx.edition.code, timeZone: ctx.edition.time_zone, q: bad.has('q') ? '' : p.q, filters: p.filters, page: p.page });
      const html = '<!DOCTYPE html>' + renderToString(h(SearchView, { ctx, r }));
      return reply.headers(headers).header('cache-control', deps.cdn.cacheControl.search).headers(deps.cdn.headers(searchKeys(ctx.edition.code))).send(html);
    });
  }
}

/** The edition asked for, or an issue naming `edition`. */
function editionOf(site: SiteState, edition: unknown, issues: FieldIssue[]): EditionContext | undefined {
  const ctx = typeof edition === 'string' ? site.context(edition) : undefined;
  if (!ctx) {
    const codes = site.catalog.editions.map((e) => e.code).join(', ');
    issues.push({ field: 'edition', message: edition === undefined ? `required; one of ${codes}` : `unknown edition; expected one of ${codes}` });
  }
  return ctx;
}

function nameJson(ctx: EditionContext, n: NameHit) {
  const path = namePath(ctx.edition.code, n);
  return { kind: n.kind, slug: n.slug, name: n.name, path, url: ctx.abs(path) };
}

/** Search in the Content API: the page's answer as JSON, and suggestions as one types. */
export function searchApiRoutes(app: FastifyInstance, deps: SearchRoutesDeps): void {
  const ok = (reply: FastifyReply, edition: string, body: unknown) =>
    reply.header('cache-control', deps.cdn.cacheControl.search).headers(deps.cdn.headers(searchKeys(edition))).header('access-control-allow-origin', '*').header('x-robots-tag', 'noindex').send(body);

  app.get<{ Querystring: SearchParams & { edition?: unknown } }>('/api/content/search', async (req, reply) => {
    const p = readSearchParams(req.query);
    const ctx = editionOf(deps.site, req.query.edition, p.issues);
    if (p.issues.length || !ctx) throw new ValidationFailed(p.issues);
    const r = await readerSearch(deps, { edition: ctx.edition.code, timeZone: ctx.edition.time_zone, q: p.q, filters: p.filters, page: p.page });
    const summaries = new Map((await summariesOf(deps.db, r.hits.map((x) => x.card.id), deps.now(), deps.publicUrl, deps.mediaUrl)).map((s) => [s.id, s]));
    return ok(reply, ctx.edition.code, {
      query: { q: r.q, cut: r.cut, ...r.filters },
      state: r.state,
      page: r.page,
      perPage: r.perPage,
      total: r.total,
      totalIsEstimate: r.totalIsEstimate,
      hasMore: r.hasMore,
      articles: r.hits.flatMap((x) => {
        const s = summaries.get(x.card.id);
        return s ? [{ ...s, highlights: { headline: x.headline, standfirst: x.standfirst, snippet: x.snippet } }] : [];
      }),
      names: r.names.map((n) => nameJson(ctx, n)),
      closestTopics: r.closestTopics.map((n) => nameJson(ctx, n)),
    });
  });

  app.get<{ Querystring: { q?: unknown; edition?: unknown } }>('/api/content/search/suggest', async (req, reply) => {
    const issues: FieldIssue[] = [];
    const ctx = editionOf(deps.site, req.query.edition, issues);
    const q = req.query.q === undefined ? '' : req.query.q;
    if (typeof q !== 'string') issues.push({ field: 'q', message: 'expected one search text' });
    if (issues.length || !ctx) throw new ValidationFailed(issues);
    const text = (q as string).slice(0, MAX_SUGGEST).trim();
    if (!text) return ok(reply, ctx.edition.code, { q: '', suggestions: [] });
    const edition = ctx.edition.code;
    const now = deps.now();
    const at = now.toISOString();
    const [answer, names] = await Promise.all([
      deps.search.searchArticles(deps.db, { q: text, audience: 'readers', edition, prefix: true, page: 1, perPage: SUGGESTED_ARTICLES, now: at }),
      deps.search.searchNames(deps.db, { q: text, edition, audience: 'readers', now: at, limit: SUGGESTED_NAMES, prefix: true }),
    ]);
    const articles = await summariesOf(deps.db, answer.hits.map((x) => x.articleId), now, deps.publicUrl, deps.mediaUrl);
    return ok(reply, edition, {
      q: text,
      suggestions: [
        ...names.map((n) => ({ kind: n.kind, label: n.name, path: namePath(edition, n), url: ctx.abs(namePath(edition, n)) })),
        ...articles.map((a) => ({ kind: 'article', label: a.headline, path: a.path, url: a.url })),
      ],
    });
  });
}
