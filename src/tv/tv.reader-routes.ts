import type { FastifyInstance } from 'fastify';
import type { CdnContract } from '../cdn/contract.ts';
import { decodeSegment, paths, TV_WORDS } from '../content/paths.ts';
import { securityHeaders, type ServePage } from '../site/reader.routes.ts';
import type { SiteState } from '../site/site-state.ts';
import type { PageResult } from '../site/pages.ts';
import { badDatePage, livePage, scheduleDay, schedulePage, showPage, type TvPage, type TvPageDeps } from './tv-pages.tsx';

/**
 * The site's policy with the live stream's host allowed to load media and to be
 * fetched (hls.js reads playlists and segments with fetch): the stream lives on
 * the broadcaster's CDN, which an admin may change at any time, so only the
 * live page's policy names it.
 */
export function allowStream(csp: string, stream: string): string {
  const origin = new URL(stream).origin;
  const parts = csp.split(';').map((d) => d.trim()).filter(Boolean);
  const add = (name: string, fallback: string) => {
    const i = parts.findIndex((d) => d.split(/\s+/)[0] === name);
    if (i < 0) parts.push(`${name} ${fallback} ${origin}`);
    else if (!parts[i]!.split(/\s+/).includes(origin)) parts[i] = `${parts[i]} ${origin}`;
  };
  add('media-src', "'self' blob:");
  add('connect-src', "'self'");
  return parts.join('; ');
}

export interface TvReaderDeps extends TvPageDeps {
  site: SiteState;
  cdn: CdnContract;
  csp: string;
  /** The reader routes' page server (its page cache, 404s and keys). */
  serve: ServePage;
}

/**
 * /fr/direct, /fr/programmes?date=…, /fr/emission/<slug> (each edition's
 * words): registered under every edition's word, each answering only its own
 * edition's (an English word under /fr is no page). The words are fixed
 * segments, which Fastify's router tries before the reader routes'
 * `/:edition/:section` parameters, and no section may take them as its slug.
 */
export function tvReaderRoutes(app: FastifyInstance, deps: TvReaderDeps): void {
  const { site, cdn } = deps;
  const result = (p: TvPage): PageResult => ({
    html: p.html,
    keys: p.keys,
    headers: {
      ...(p.clock ? { 'cache-control': cdn.cacheControl.clock } : {}),
      ...(p.stream ? { 'content-security-policy': allowStream(deps.csp, p.stream) } : {}),
    },
  });

  for (const word of TV_WORDS.direct) {
    app.get<{ Params: { edition: string } }>(`/:edition/${word}`, (req, reply) => {
      const ctx = site.context(req.params.edition);
      if (ctx && paths.words(ctx.edition.code).direct !== word) return reply.callNotFound();
      return deps.serve(req, reply, ctx, async (c) => result(await livePage(deps, c)));
    });
  }

  for (const word of TV_WORDS.schedule) {
    app.get<{ Params: { edition: string }; Querystring: { date?: string | string[] } }>(`/:edition/${word}`, (req, reply) => {
      const ctx = site.context(req.params.edition);
      if (ctx && paths.words(ctx.edition.code).schedule !== word) return reply.callNotFound();
      const date = req.query.date;
      if (ctx && date !== undefined && (typeof date !== 'string' || !scheduleDay(date))) {
        // A readable page that says what a date looks like; kept briefly, like a 404.
        return reply
          .code(400)
          .headers({ 'content-type': 'text/html; charset=utf-8', ...securityHeaders(deps.csp), ...cdn.missHeaders, 'cache-control': cdn.cacheControl.miss })
          .send(badDatePage(ctx));
      }
      return deps.serve(req, reply, ctx, async (c) => result(await schedulePage(deps, c, date as string | undefined)));
    });
  }

  for (const word of TV_WORDS.show) {
    app.get<{ Params: { edition: string; slug: string } }>(`/:edition/${word}/:slug`, (req, reply) => {
      const ctx = site.context(req.params.edition);
      if (ctx && paths.words(ctx.edition.code).show !== word) return reply.callNotFound();
      const slug = decodeSegment(req.params.slug);
      if (slug === null) return reply.callNotFound();
      return deps.serve(req, reply, ctx, async (c) => result(await showPage(deps, c, slug)));
    });
  }
}
