import { paths } from '../content/paths.ts';
import { key } from '../cdn/keys.ts';
import { FEED_FILES, type FeedFormat } from '../feeds/feed-paths.ts';
import type { Feed } from '../feeds/feed.service.ts';
import type { EditionContext } from '../render/context.ts';
import type { PublicEntry } from './live-entries.repository.ts';
import { liveLabelsFor } from './live-labels.ts';
import { blocksText, entryHeadline, entryPermalink, type LivePlace } from './live-view.tsx';

/** How many entries the live's feed carries. */
export const LIVE_FEED_LENGTH = 50;

/** `…/<slug>/feed.xml`, `.atom`, `.json`: a live's own feed, one item per entry. */
export function liveFeedPaths(place: LivePlace): Record<FeedFormat, string> {
  const base = paths.article(place.edition, place.section, place.slug);
  return { rss: `${base}/${FEED_FILES.rss}`, atom: `${base}/${FEED_FILES.atom}`, json: `${base}/${FEED_FILES.json}` };
}

/** The live's newest entries as a feed; every string plain text (the renderers escape). */
export function liveFeed(ctx: EditionContext, live: { id: number; headline: string }, place: LivePlace, entries: PublicEntry[]): Feed {
  const host = new URL(ctx.abs('/')).hostname;
  const urls = liveFeedPaths(place);
  const homeUrl = ctx.abs(paths.article(place.edition, place.section, place.slug));
  return {
    id: `tag:${host},2026:live:${live.id}`,
    title: liveLabelsFor(ctx.language).feedTitle(ctx.t(live.headline)),
    language: ctx.edition.code,
    publisher: ctx.edition.name,
    homeUrl,
    urls: { rss: ctx.abs(urls.rss), atom: ctx.abs(urls.atom), json: ctx.abs(urls.json) },
    updated: entries.reduce<string | null>((m, e) => {
      const t = e.updatedAt && e.updatedAt > e.postedAt ? e.updatedAt : e.postedAt;
      return m === null || t > m ? t : m;
    }, null),
    items: entries.map((e) => ({
      id: `tag:${host},2026:live:${live.id}:entry:${e.id}`,
      url: ctx.abs(entryPermalink(place, e.id)),
      title: ctx.t(entryHeadline(e)),
      summary: ctx.t(blocksText(e.body)) || null,
      published: e.postedAt,
      updated: e.updatedAt && e.updatedAt > e.postedAt ? e.updatedAt : e.postedAt,
      authors: e.author ? [{ name: e.author, url: homeUrl }] : e.source ? [{ name: e.source.name, url: e.source.url ?? homeUrl }] : [],
      categories: [],
      image: null,
    })),
    keys: { own: [key.article(live.id), key.edition(place.edition)] },
  };
}
