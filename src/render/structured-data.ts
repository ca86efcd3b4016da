import type { ArticlePage, ArticleRelations } from '../content/article.repository.ts';
import { publisherLogo } from '../identity/social-default.ts';
import { parseEmbed, type EmbedTarget, type StoredBlock } from '../content/blocks.ts';
import { paths } from '../content/paths.ts';
import type { SectionRow } from '../store/schema.ts';
import type { EditionContext } from './context.ts';
import type { ImageRef } from './social-image.ts';
import { videoObject } from '../video/video-structured-data.ts';
import type { VideoView } from '../video/video-view.ts';

/** Web addresses the body links to (site-relative ones made absolute): what the article cites. */
export function citationsOf(ctx: EditionContext, body: StoredBlock[]): string[] {
  const out = new Set<string>();
  for (const b of body) {
    if (b.type !== 'paragraph' || !b.content) continue;
    for (const run of b.content) if (run.href && !/^mailto:/i.test(run.href)) out.add(ctx.abs(run.href));
  }
  return [...out];
}

/** The player without autoplay: structured data names the video, it does not start it. */
export function embedUrlOf(target: EmbedTarget): string {
  const u = new URL(target.playerUrl);
  u.searchParams.delete('autoplay');
  return u.toString();
}

/**
 * The provider's still for a video when its address follows from the id alone.
 * Vimeo's needs a call to its API, which a page render never makes.
 */
export function providerThumbnail(target: EmbedTarget): string | undefined {
  if (target.provider === 'youtube') return `https://i.ytimg.com/vi/${target.id}/hqdefault.jpg`;
  if (target.provider === 'dailymotion') return `https://www.dailymotion.com/thumbnail/video/${target.id}`;
  return undefined;
}

/** What a video borrows from its article when the embed does not say. */
export interface VideoDefaults {
  /** The article's address on this site, which the videos' `@id`s hang from. */
  pageUrl: string;
  name: string;
  description?: string;
  /** The article's picture, for videos whose provider still is unknown. */
  image?: string;
  /** We do not know when the provider got the video: the article's publication stands in. */
  uploadDate: string;
}

/** A schema.org `VideoObject` per distinct video the body embeds, in body order. */
export function videoObjectsOf(body: StoredBlock[], d: VideoDefaults, t: (s: string) => string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  for (const b of body) {
    if (b.type !== 'embed') continue;
    const target = parseEmbed(b.url);
    if (!target) continue;
    const embedUrl = embedUrlOf(target);
    if (seen.has(embedUrl)) continue;
    seen.add(embedUrl);
    out.push({
      '@context': 'https://schema.org',
      '@type': 'VideoObject',
      '@id': `${d.pageUrl}#video-${out.length + 1}`,
      name: b.title ? t(b.title) : d.name,
      description: b.caption ? t(b.caption) : d.description,
      thumbnailUrl: providerThumbnail(target) ?? d.image,
      uploadDate: d.uploadDate,
      embedUrl,
      // The provider's watch page; `contentUrl` would have to be the media file itself, which we do not know.
      url: target.pageUrl,
    });
  }
  return out;
}

export interface ArticleData {
  article: ArticlePage;
  section: SectionRow;
  rel: ArticleRelations;
  /** The article's address on this site. */
  url: string;
  /** Where search engines should index it: `url`, or the original's for syndicated copy that names one. */
  canonical: string;
  images: ImageRef[];
  published: string;
  modified: string;
  /** The library videos the article shows (lead first, then its video blocks), ready ones. */
  libraryVideos?: VideoView[];
}

/**
 * schema.org `NewsArticle`, the `BreadcrumbList` home → section → article,
 * then a `VideoObject` per embedded video, which the article points at by `@id`.
 * Fields without a value are left out (JSON drops `undefined`).
 */
export function articleStructuredData(ctx: EditionContext, d: ArticleData): object[] {
  const { edition, t } = ctx;
  const { article, section, rel } = d;
  const headline = t(article.headline);
  const description = article.seo_description ?? article.standfirst;
  const citations = citationsOf(ctx, article.body);
  const logo = publisherLogo(ctx);
  const videos = videoObjectsOf(
    article.body,
    { pageUrl: d.url, name: headline, description: description ? t(description) : undefined, image: d.images[0]?.url, uploadDate: d.published },
    t,
  );
  // The newsroom's own videos, each described in full (duration, files, transcript, chapters).
  for (const v of d.libraryVideos ?? []) videos.push(videoObject(ctx, v, `${d.url}#library-video-${v.id}`));
  const news = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': d.canonical },
    url: d.canonical,
    headline,
    description: description ? t(description) : undefined,
    image: d.images.length ? d.images.map((i) => ({ '@type': 'ImageObject', url: i.url, width: i.width, height: i.height })) : undefined,
    datePublished: d.published,
    dateModified: d.modified,
    // Wire copy has no byline: its source is named below instead.
    author: rel.authors.length ? rel.authors.map((a) => ({ '@type': 'Person', name: a.name, url: ctx.abs(paths.author(edition.code, a.slug)) })) : undefined,
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: edition.name,
      url: ctx.abs(paths.edition(edition.code)),
      logo: logo ? { '@type': 'ImageObject', url: ctx.abs(logo.url), width: logo.width, height: logo.height } : undefined,
      sameAs: ctx.identity.social?.length ? ctx.identity.social.map((s) => s.url) : undefined,
    },
    articleSection: t(section.name),
    keywords: rel.tags.length ? rel.tags.map((tag) => tag.name) : undefined,
    inLanguage: edition.code,
    isBasedOn: article.source_url ?? undefined,
    sourceOrganization: article.source_name ? { '@type': 'Organization', name: article.source_name } : undefined,
    citation: citations.length ? citations : undefined,
    video: videos.length ? videos.map((v) => ({ '@id': v['@id'] })) : undefined,
  };
  const crumbs = [
    { name: edition.name, item: ctx.abs(paths.edition(edition.code)) },
    { name: t(section.name), item: ctx.abs(paths.section(edition.code, section.slug)) },
    { name: headline, item: d.url },
  ];
  const breadcrumbs = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, ...c })),
  };
  return [news, breadcrumbs, ...videos];
}

/**
 * The home page's schema.org `WebSite`, with the `SearchAction` that tells
 * search engines where the edition's own search page answers a query.
 */
export function websiteStructuredData(ctx: EditionContext): object {
  const { edition } = ctx;
  const home = ctx.abs(paths.edition(edition.code));
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': `${home}#website`,
    url: home,
    name: edition.name,
    inLanguage: edition.code,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${ctx.abs(paths.search(edition.code))}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}
