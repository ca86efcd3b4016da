import type { ArticlePage, ArticleRelations } from '../content/article.repository.ts';
import { paths } from '../content/paths.ts';
import { oembedPath } from '../distribution/oembed-path.ts';
import type { SectionRow } from '../store/schema.ts';
import type { EditionContext } from './context.ts';
import { editionFeeds, sectionFeeds } from './feed-links.ts';
import type { PageMeta } from './layout.tsx';
import { hreflangLinks, type Alternate } from './hreflang.ts';
import { largestJpeg, socialCard, type ImageRef } from './social-image.ts';
import { socialTags } from './social-meta.ts';
import { articleStructuredData } from './structured-data.ts';
import { isVideoLead } from '../content/blocks.ts';
import { videoSocialTags, withVideoTags } from '../video/video-structured-data.ts';
import { videoIdsOf, type VideoView } from '../video/video-view.ts';

/** The article's published translations at their addresses in their own editions, as hreflang and the language switcher name them. */
export function translationLinks(ctx: EditionContext, rel: ArticleRelations): Alternate[] {
  return rel.translations.flatMap((tr) => {
    const section = ctx.catalog.sectionById(tr.sectionId);
    return section ? [{ hreflang: tr.edition, href: ctx.absIn(tr.edition, paths.article(tr.edition, section.slug, tr.slug)) }] : [];
  });
}

/** The time an article last changed, never before it was published. */
export function modifiedAt(article: Pick<ArticlePage, 'published_at' | 'updated_at'>): string {
  const published = article.published_at!;
  return article.updated_at && article.updated_at > published ? article.updated_at : published;
}

/** The picture a link to the article shows: seo.image, else the lead. */
export function socialImageOf(article: ArticlePage, rel: ArticleRelations) {
  const id = article.social_image_id ?? article.lead?.imageId;
  const img = id == null ? undefined : rel.images.get(id);
  if (!img) return undefined;
  const alt = (id === article.lead?.imageId && article.lead?.alt) || img.alt;
  return { img, alt: alt || undefined };
}

/**
 * Everything an article page says about itself in its head: title, canonical,
 * social cards, structured data, feeds and oEmbed discovery. It reads only
 * what the page already loaded (article row, relations, catalog).
 */
export function articleMeta(ctx: EditionContext, article: ArticlePage, section: SectionRow, rel: ArticleRelations, translations: Alternate[], videos?: Map<number, VideoView>): PageMeta {
  const { edition, t } = ctx;
  const url = ctx.abs(paths.article(edition.code, section.slug, article.slug));
  const canonical = article.canonical_url ?? url;
  const title = t(article.seo_title ?? article.headline);
  const description = article.seo_description ?? article.standfirst ?? undefined;
  const published = article.published_at!;
  const modified = modifiedAt(article);
  const social = socialImageOf(article, rel);
  const card = social && { ...socialCard(ctx, social.img), alt: social.alt && t(social.alt) };
  const lead = article.lead?.imageId !== undefined ? rel.images.get(article.lead.imageId) : undefined;
  const shown = videoIdsOf(article).flatMap((id) => videos?.get(id) ?? []);
  // A lead video is what a link preview plays.
  const leadVideo = isVideoLead(article.lead) ? videos?.get(article.lead.video) : undefined;
  const images: ImageRef[] = [];
  for (const i of [card, social && largestJpeg(ctx, social.img), lead && largestJpeg(ctx, lead)]) {
    if (i && !images.some((x) => x.url === i.url)) images.push({ url: i.url, width: i.width, height: i.height });
  }
  return {
    title: `${article.seo_title ?? article.headline} – ${edition.name}`,
    // hreflang: itself, each published translation, and the default edition's version as x-default.
    alternates: hreflangLinks(ctx, [{ hreflang: edition.code, href: canonical }, ...translations]),
    description,
    canonical,
    sectionId: section.id,
    feeds: [...editionFeeds(ctx), ...sectionFeeds(ctx, section.id)],
    oembed: { href: ctx.abs(oembedPath(url)), title: t(article.headline) },
    social: withVideoTags(
      socialTags(ctx, {
        type: 'article',
        title,
        description: description && t(description),
        url: canonical,
        image: card,
        article: { published, modified, section: t(section.name), tags: rel.tags.map((tag) => tag.name) },
      }),
      leadVideo ? videoSocialTags(ctx, leadVideo) : [],
    ),
    jsonLd: articleStructuredData(ctx, { article, section, rel, url, canonical, images, published, modified, libraryVideos: shown }),
    player: shown.length > 0 || undefined,
  };
}
