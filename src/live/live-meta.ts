import type { ArticlePage } from '../content/article.repository.ts';
import type { EditionContext } from '../render/context.ts';
import type { PageMeta } from '../render/layout.tsx';
import type { SocialTag } from '../render/social-meta.ts';
import type { PublicEntry } from './live-entries.repository.ts';
import { blocksText, entryHeadline, entryPermalink, type LivePlace } from './live-view.tsx';
import { liveFeedPaths } from './live-feed.ts';
import { liveLabelsFor } from './live-labels.ts';

/** How many of the latest entries structured data names (liveBlogUpdate). */
export const JSON_LD_UPDATES = 10;

/** An entry as schema.org `BlogPosting`. */
export function blogPosting(ctx: EditionContext, place: LivePlace, e: PublicEntry): Record<string, unknown> {
  const url = ctx.abs(entryPermalink(place, e.id));
  return {
    '@type': 'BlogPosting',
    '@id': url,
    url,
    headline: ctx.t(entryHeadline(e)),
    datePublished: e.postedAt,
    dateModified: e.updatedAt && e.updatedAt > e.postedAt ? e.updatedAt : e.postedAt,
    author: e.author ? { '@type': 'Person', name: e.author } : e.source ? { '@type': 'Organization', name: e.source.name } : { '@type': 'NewsMediaOrganization', name: ctx.edition.name },
    articleBody: ctx.t(blocksText(e.body)),
  };
}

/**
 * The article's structured data made a live's: its `NewsArticle` becomes a
 * `LiveBlogPosting` with the coverage times and the latest entries.
 */
export function liveStructuredData(ctx: EditionContext, article: ArticlePage, place: LivePlace, latest: PublicEntry[], data: object[]): object[] {
  return data.map((o) => {
    const x = o as Record<string, unknown>;
    if (x['@type'] !== 'NewsArticle') return o;
    return {
      ...x,
      '@type': 'LiveBlogPosting',
      coverageStartTime: article.live_started_at,
      coverageEndTime: article.live_ended_at ?? undefined,
      dateModified: latest[0] && latest[0].postedAt > String(x.dateModified) ? latest[0].postedAt : x.dateModified,
      liveBlogUpdate: latest.map((e) => blogPosting(ctx, place, e)),
    };
  });
}

/** The page's sharing card made the entry's: its title, its text, its address. */
export function entryCard(tags: SocialTag[], card: { title: string; description: string; url: string }): SocialTag[] {
  const out: SocialTag[] = [];
  for (const tag of tags) {
    const name = 'property' in tag ? tag.property : tag.name;
    if (name === 'og:description' || name === 'twitter:description') continue;
    if (name === 'og:title' || name === 'twitter:title') out.push({ ...tag, content: card.title });
    else if (name === 'og:url') out.push({ ...tag, content: card.url });
    else out.push(tag);
    if (name === 'og:title' && card.description) out.push({ property: 'og:description', content: card.description });
    if (name === 'twitter:title' && card.description) out.push({ name: 'twitter:description', content: card.description });
  }
  return out;
}

/** The head of a live page, or of one entry's page (`target`). */
export function liveMeta(ctx: EditionContext, article: ArticlePage, place: LivePlace, latest: PublicEntry[], target: PublicEntry | undefined, m: PageMeta): PageMeta {
  const L = liveLabelsFor(ctx.language);
  const feeds = liveFeedPaths(place);
  const meta: PageMeta = {
    ...m,
    jsonLd: m.jsonLd && liveStructuredData(ctx, article, place, latest, m.jsonLd),
    feeds: [
      { type: 'application/rss+xml', title: L.feedTitle(ctx.t(article.headline)), href: ctx.abs(feeds.rss) },
      { type: 'application/atom+xml', title: L.feedTitle(ctx.t(article.headline)), href: ctx.abs(feeds.atom) },
      ...(m.feeds ?? []),
    ],
    extraAssets: ctx.assets.live,
  };
  if (!target) return meta;
  const url = ctx.abs(entryPermalink(place, target.id));
  const title = ctx.t(entryHeadline(target));
  const text = ctx.t(blocksText(target.body)).replace(/\s+/g, ' ');
  const description = text.length > 300 ? `${text.slice(0, 297)}…` : text;
  return {
    ...meta,
    title: `${title} – ${ctx.t(article.headline)} – ${ctx.edition.name}`,
    description: description || meta.description,
    canonical: url,
    alternates: undefined,
    social: entryCard(meta.social ?? [], { title, description, url }),
  };
}
