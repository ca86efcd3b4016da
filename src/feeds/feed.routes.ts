import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { paths } from '../content/paths.ts';
import { NotFound } from '../errors.ts';
import type { SiteState } from '../site/site-state.ts';
import type { ServeCached } from './cached-response.ts';
import { FEED_FILES, FEED_FORMATS, FEED_TYPES, feedPaths, type FeedFormat } from './feed-paths.ts';
import { asciiPath, resolveSlug } from '../people/naming.ts';
import { renderAtom, renderJsonFeed, renderRss } from './feed.render.ts';
import { loadFeed, type FeedDeps, type FeedScope } from './feed.service.ts';

export interface FeedRouteDeps extends FeedDeps {
  site: SiteState;
  serve: ServeCached;
  /** The feed of an article's own (a live's entries) at `/:edition/:section/:slug/feed.*`. */
  articleFeed?: ArticleFeed;
}

export type ArticleFeed = (req: FastifyRequest, reply: FastifyReply, at: { edition: string; section: string; slug: string; format: FeedFormat }) => Promise<unknown>;

/** The feeds of every edition, section, tag and author, in the three formats (see feed-paths.ts). */
export function feedRoutes(app: FastifyInstance, deps: FeedRouteDeps): void {
  const { site, serve } = deps;

  function feed(req: FastifyRequest, reply: FastifyReply, edition: string, format: FeedFormat, scope: FeedScope) {
    const ctx = site.context(edition);
    if (!ctx) throw new NotFound('no such edition');
    return serve(req, reply, {
      contentType: `${FEED_TYPES[format]}; charset=utf-8`,
      kind: 'feed',
      produce: async () => {
        const f = await loadFeed(deps, ctx, scope);
        const body = format === 'rss' ? renderRss(f) : format === 'atom' ? renderAtom(f, deps.now()) : renderJsonFeed(f);
        return { body, lastModified: f.updated, keys: f.keys };
      },
    });
  }

  /** A topic's or an author's feed; at a former slug or of a merged topic, 301 to the feed where it is now. */
  async function movedFeed(req: FastifyRequest, reply: FastifyReply, edition: string, format: FeedFormat, kind: 'tag' | 'author', slug: string) {
    try {
      return await feed(req, reply, edition, format, { kind, slug });
    } catch (err) {
      if (!(err instanceof NotFound) || reply.sent) throw err;
      const now = await resolveSlug(deps.db, kind, edition, slug);
      if (!now || now.slug === slug) throw err;
      return reply.header('cache-control', 'no-store').redirect(asciiPath((kind === 'tag' ? feedPaths.tag : feedPaths.author)(edition, now.slug, format)), 301);
    }
  }

  // One route per file name: a static last segment outranks the pages' `/:edition/:section` and `/:edition/:a/:b`.
  for (const format of FEED_FORMATS) {
    const file = FEED_FILES[format];
    app.get<{ Params: { edition: string } }>(`/:edition/${file}`, (req, reply) => feed(req, reply, req.params.edition, format, { kind: 'edition' }));
    app.get<{ Params: { edition: string; section: string } }>(`/:edition/:section/${file}`, (req, reply) =>
      feed(req, reply, req.params.edition, format, { kind: 'section', slug: req.params.section }),
    );
    app.get<{ Params: { edition: string; word: string; slug: string } }>(`/:edition/:word/:slug/${file}`, (req, reply) => {
      const { edition, word, slug } = req.params;
      const words = paths.words(edition);
      if (word === words.topic) return movedFeed(req, reply, edition, format, 'tag', slug);
      if (word === words.author) return movedFeed(req, reply, edition, format, 'author', slug);
      if (deps.articleFeed) return deps.articleFeed(req, reply, { edition, section: word, slug, format });
      throw new NotFound('no such feed');
    });
  }
}
