import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findArticle, findSection } from '../content/article.repository.ts';
import { paths } from '../content/paths.ts';
import { NotFound, Unavailable } from '../errors.ts';
import type { ServeCached } from '../feeds/cached-response.ts';
import { FEED_TYPES, type FeedFormat } from '../feeds/feed-paths.ts';
import { renderAtom, renderJsonFeed, renderRss } from '../feeds/feed.render.ts';
import type { ServePage } from '../site/reader.routes.ts';
import { articlePage, type PageDeps } from '../site/pages.ts';
import type { SiteState } from '../site/site-state.ts';
import { plainWhole } from '../store/ids.ts';
import { latestEntries } from './live-entries.repository.ts';
import { LIVE_FEED_LENGTH, liveFeed } from './live-feed.ts';
import type { LiveHub } from './live-hub.ts';
import type { LivePlace } from './live-view.tsx';

export interface LiveRouteDeps extends PageDeps {
  site: SiteState;
  hub: LiveHub;
  /** The reader pages' cached serving (site/reader.routes.ts). */
  serve: ServePage;
  /** Feeds' cached serving (feeds/cached-response.ts). */
  serveFeed: ServeCached;
}

/** A live readers may see: published, due, live, in the section its address names. */
async function findLive(deps: PageDeps & { site: SiteState }, edition: string, sectionSlug: string, slug: string) {
  const ctx = deps.site.context(edition);
  if (!ctx) throw new NotFound('no such edition');
  const now = deps.now().toISOString();
  const article = await findArticle(deps.db, edition, slug);
  if (!article || article.status !== 'published' || !article.published_at || article.published_at > now || !article.live_started_at) throw new NotFound('no such live');
  const section = ctx.catalog.sectionById(article.section_id) ?? (await findSection(deps.db, article.section_id));
  if (!section || section.slug !== sectionSlug) throw new NotFound('no such live');
  const place: LivePlace = { edition, section: section.slug, slug: article.slug };
  return { ctx, article, place };
}

/** The event id a reconnecting reader names: the Last-Event-ID header, or `?lastEventId=` (the first connection's, from the page). */
export function lastEventIdOf(req: FastifyRequest): number | undefined {
  const header = req.headers['last-event-id'];
  const raw = typeof header === 'string' && header !== '' ? header : (req.query as { lastEventId?: string }).lastEventId;
  if (raw === undefined) return undefined;
  return plainWhole(raw, 0, Number.MAX_SAFE_INTEGER) ?? undefined;
}

/** A live's event stream, its entries' permalinks and its own feeds. */
export function liveRoutes(app: FastifyInstance, deps: LiveRouteDeps): void {
  app.get<{ Params: { edition: string; section: string; slug: string } }>('/:edition/:section/:slug/events', async (req, reply) => {
    const { edition, section, slug } = req.params;
    const { article, place } = await findLive(deps, edition, section, slug);
    if (deps.hub.isClosed) throw new Unavailable('the server is closing', 1);
    // HEAD (Fastify's for this GET): the stream's headers, never a stream held open.
    if (req.method === 'HEAD') return reply.code(200).headers({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' }).send();
    // A node at its cap of streams: readers come back later, spread out (the page itself still reads).
    // Answered here, not logged as an outage: at the cap every refused reader would write a line.
    if (!deps.hub.admit()) {
      return reply
        .code(503)
        .header('retry-after', String(10 + Math.floor(Math.random() * 20)))
        .header('cache-control', 'no-store')
        .send({ code: 'unavailable', message: 'this server holds as many live streams as it may: come back later' });
    }
    reply.hijack();
    try {
      await deps.hub.open(reply.raw, article.id, place, lastEventIdOf(req), article.live_ended_at !== null);
    } catch (err) {
      // The head may be sent already: the reader's EventSource reconnects.
      req.log.error({ err }, 'live stream failed to open');
      reply.raw.destroy();
    }
  });

  app.get<{ Params: { edition: string; section: string; slug: string; word: string; entryId: string } }>('/:edition/:section/:slug/:word/:entryId', (req, reply) => {
    const { edition, section, slug, word, entryId } = req.params;
    const id = plainWhole(entryId, 1, Number.MAX_SAFE_INTEGER);
    if (word !== paths.words(edition).entry || id === null) return reply.callNotFound();
    return deps.serve(req, reply, deps.site.context(edition), (ctx) => articlePage(deps, ctx, section, slug, { order: 'newest', page: 1, entryId: id }));
  });
}

/** The live's own feed, for the feed routes' `/:edition/:word/:slug/feed.*` when the word is a section. */
export function liveFeedHandler(deps: PageDeps & { site: SiteState; serveFeed: ServeCached }) {
  return async (req: FastifyRequest, reply: FastifyReply, at: { edition: string; section: string; slug: string; format: FeedFormat }) => {
    const { ctx, article, place } = await findLive(deps, at.edition, at.section, at.slug);
    return deps.serveFeed(req, reply, {
      contentType: `${FEED_TYPES[at.format]}; charset=utf-8`,
      kind: 'feed',
      produce: async () => {
        const f = liveFeed(ctx, article, place, await latestEntries(deps.db, article.id, LIVE_FEED_LENGTH));
        const body = at.format === 'rss' ? renderRss(f) : at.format === 'atom' ? renderAtom(f, deps.now()) : renderJsonFeed(f);
        return { body, lastModified: f.updated, keys: f.keys };
      },
    });
  };
}
