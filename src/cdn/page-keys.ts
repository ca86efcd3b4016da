import { key, SITE_KEY, type ResponseKeys } from './keys.ts';

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

/**
 * An article page's keys: the article, its translation group (the other
 * editions' headlines it links to), its section (whose newest articles it
 * lists), the edition and the site; then its pictures and the related
 * articles it links to.
 */
export function articlePageKeys(a: { id: number; edition: string; section_id: number; translation_group: number | null }, imageIds: Iterable<number>, related: Array<{ id: number }>): ResponseKeys {
  return {
    own: [key.article(a.id), key.group(a.translation_group ?? a.id), key.section(a.section_id), key.edition(a.edition), SITE_KEY],
    listed: [...[...imageIds].map(key.media), ...related.map((r) => key.article(r.id))],
    fallback: key.anyArticle(a.edition),
  };
}
