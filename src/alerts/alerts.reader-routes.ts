import type { FastifyInstance } from 'fastify';
import type { CdnContract } from '../cdn/contract.ts';
import { ALERTS_KEY, SITE_KEY } from '../cdn/keys.ts';
import { paths } from '../content/paths.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import { cachedResponder } from '../feeds/cached-response.ts';
import { FEED_FILES, FEED_FORMATS, FEED_TYPES, type FeedFormat } from '../feeds/feed-paths.ts';
import { renderAtom, renderJsonFeed, renderRss } from '../feeds/feed.render.ts';
import type { Feed } from '../feeds/feed.service.ts';
import type { EditionContext } from '../render/context.ts';
import type { PageCache } from '../site/page-cache.ts';
import type { SiteState } from '../site/site-state.ts';
import type { Db } from '../store/db.ts';
import { alertLabels } from './alert-labels.ts';
import { editionAlertHistory } from './alerts.repository.ts';

export interface AlertReaderDeps {
  db: Db;
  now: () => Date;
  site: SiteState;
  cache: PageCache;
  cdn: CdnContract;
}

/**
 * How long the alerts endpoint may be kept: a couple of seconds, so that pages
 * asking every few seconds show a new alert within 5 s, while a CDN answers
 * most of the asks (a change purges it too).
 */
export const ALERTS_CACHE_CONTROL = 'public, max-age=2, s-maxage=2, stale-while-revalidate=2';

/**
 * The readers' current alerts, answered from the alerts the site keeps in
 * memory with its catalog (reloaded on every node within its poll interval of
 * a change, and when an alert starts or expires): no query per request.
 */
export function alertsApiRoutes(app: FastifyInstance, deps: AlertReaderDeps): void {
  app.get<{ Querystring: { edition?: string } }>('/api/content/alerts', async (req, reply) => {
    const code = req.query.edition ?? deps.site.defaultContext()?.edition.code;
    const ctx = typeof code === 'string' ? deps.site.context(code) : undefined;
    if (!ctx) throw new ValidationFailed([{ field: 'edition', message: 'expected the code of an edition' }]);
    const at = deps.now().toISOString();
    const alerts = ctx.catalog.alerts
      .current(ctx.edition.code)
      .filter((a) => a.startsAt <= at && (a.expiresAt === null || a.expiresAt > at))
      .map((a) => ({ ...a, url: a.url ? ctx.abs(a.url) : null }));
    return reply
      .header('cache-control', ALERTS_CACHE_CONTROL)
      .headers(deps.cdn.headers({ own: [ALERTS_KEY, SITE_KEY] }))
      .header('access-control-allow-origin', '*')
      .send({ alerts });
  });
}

function alertsFeed(ctx: EditionContext, rows: Awaited<ReturnType<typeof editionAlertHistory>>): Feed {
  const code = ctx.edition.code;
  const base = paths.alerts(code);
  const home = ctx.abs(paths.edition(code));
  const host = new URL(home).hostname;
  const urls = Object.fromEntries(FEED_FORMATS.map((f) => [f, ctx.abs(`${base}/${FEED_FILES[f]}`)])) as Record<FeedFormat, string>;
  const words = alertLabels(code);
  return {
    id: `tag:${host},2026:alerts:${code}`,
    title: words.feedTitle(ctx.edition.name),
    language: code,
    publisher: ctx.edition.name,
    homeUrl: home,
    urls,
    updated: rows[0]?.starts_at ?? null,
    items: rows.map((r) => ({
      id: `tag:${host},2026:alert:${r.id}`,
      url: r.url ? ctx.abs(r.url) : home,
      title: `${words.level[r.level]} – ${r.text}`,
      summary: r.text,
      published: r.starts_at,
      updated: r.ended_at ?? r.starts_at,
      authors: [],
      categories: [],
      image: null,
    })),
    keys: { own: [ALERTS_KEY, SITE_KEY] },
  };
}

/** The alerts feeds of each edition: /fr/alertes/feed.xml (and .atom, .json), newest first, ended alerts included. */
export function alertsFeedRoutes(app: FastifyInstance, deps: AlertReaderDeps): void {
  const serve = cachedResponder({ site: deps.site, cache: deps.cache, cdn: deps.cdn });
  const words = [...new Set(['fr', 'en'].map((e) => paths.alerts(e).split('/')[2]))];
  for (const word of words) {
    for (const format of FEED_FORMATS) {
      app.get<{ Params: { edition: string } }>(`/:edition/${word}/${FEED_FILES[format]}`, (req, reply) => {
        const ctx = deps.site.context(req.params.edition);
        if (!ctx || paths.alerts(ctx.edition.code) !== `/${ctx.edition.code}/${word}`) throw new NotFound('no such feed');
        return serve(req, reply, {
          contentType: `${FEED_TYPES[format]}; charset=utf-8`,
          kind: 'feed',
          produce: async () => {
            const f = alertsFeed(ctx, await editionAlertHistory(deps.db, ctx.edition.code, deps.now()));
            const body = format === 'rss' ? renderRss(f) : format === 'atom' ? renderAtom(f, deps.now()) : renderJsonFeed(f);
            return { body, lastModified: f.updated, keys: f.keys };
          },
        });
      });
    }
  }
}
