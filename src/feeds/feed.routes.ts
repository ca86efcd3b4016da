import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { paths } from '../content/paths.ts';
import { NotFound } from '../errors.ts';
import type { SiteState } from '../site/site-state.ts';
import type { ServeCached } from './cached-response.ts';
import { FEED_FILES, FEED_FORMATS, FEED_TYPES, type FeedFormat } from './feed-paths.ts';
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
      if (word === words.topic) return feed(req, reply, edition, format, { kind: 'tag', slug });
      if (word === words.author) return feed(req, reply, edition, format, { kind: 'author', slug });
      if (deps.articleFeed) return deps.articleFeed(req, reply, { edition, section: word, slug, format });
      throw new NotFound('no such feed');
    });
  }
}
