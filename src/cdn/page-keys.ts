import { key, SITE_KEY, SITEMAPS_KEY, type ResponseKeys } from './keys.ts';

/** What a page shows of an article in a list: the article, and its picture if it has one. */
export interface ListedArticle {
  id: number;
  image?: { id: number } | null;
}

/**
 * A list's keys (home, section, tag, person, author pages, feeds, sitemaps): its
 * own key, the edition and the site, then the articles it lists and their
 * pictures; when those are too many, the edition's any-article key instead.
 */
export function listKeys(edition: string, own: string | string[], articles: ListedArticle[]): ResponseKeys {
  return {
    own: [...(Array.isArray(own) ? own : [own]), key.edition(edition), SITE_KEY],
    listed: articles.flatMap((a) => (a.image ? [key.article(a.id), key.media(a.image.id)] : [key.article(a.id)])),
    fallback: key.anyArticle(edition),
  };
}

/** What a page shows of a library video: the video, and its poster picture. */
export interface ShownVideo {
  id: number;
  posterImage?: { id: number } | null;
}

/** The keys of the videos a page shows: each video's (its files, words, subtitles) and its poster's. */
export function videoKeys(videos: Iterable<ShownVideo>): string[] {
  return [...videos].flatMap((v) => (v.posterImage ? [key.video(v.id), key.media(v.posterImage.id)] : [key.video(v.id)]));
}

/**
 * What a change to a video purges (for the video service's bumpContentVersion):
 * every page showing it (`v<id>`), and when it is published, withdrawn or its
 * publication time, section or poster changes, the edition's video listings and
 * the sitemaps too. Articles leading with it carry `v<id>` as well.
 */
export function videoChangeKeys(v: { id: number; edition: string }, listed: boolean): string[] {
  return listed ? [key.video(v.id), key.videos(v.edition), SITEMAPS_KEY] : [key.video(v.id)];
}

/**
 * A video listing's keys (the videos pages, a section page's row of videos, the
 * video sitemap): the edition's videos key, which publishing or withdrawing a
 * video purges, and each listed video's.
 */
export function videoListKeys(edition: string, own: string[], videos: Iterable<ShownVideo>): ResponseKeys {
  return { own: [...own, key.videos(edition), key.edition(edition), SITE_KEY], listed: videoKeys(videos), fallback: key.videos(edition) };
}

/**
 * An article page's keys: the article, its translation group (the other
 * editions' headlines it links to), its section (whose newest articles it
 * lists), the edition and the site; then its pictures, the related articles
 * it shows as cards with their pictures, and its authors' photos in the byline
 * (replacing or editing one of those pictures purges the page).
 */
export function articlePageKeys(
  a: { id: number; edition: string; section_id: number; translation_group: number | null },
  imageIds: Iterable<number>,
  related: ListedArticle[],
  videos: Iterable<ShownVideo> = [],
  authors: Array<{ photo?: { id: number } | null }> = [],
): ResponseKeys {
  return {
    own: [key.article(a.id), key.group(a.translation_group ?? a.id), key.section(a.section_id), key.edition(a.edition), SITE_KEY],
    listed: [
      ...[...imageIds].map(key.media),
      ...authors.flatMap((u) => (u.photo ? [key.media(u.photo.id)] : [])),
      ...related.flatMap((r) => (r.image ? [key.article(r.id), key.media(r.image.id)] : [key.article(r.id)])),
      ...videoKeys(videos),
    ],
    fallback: key.anyArticle(a.edition),
  };
}
