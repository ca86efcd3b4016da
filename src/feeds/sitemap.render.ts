import { rfc3339 } from './feed.render.ts';
import { el, xmlDocument } from './xml.ts';

/** Sitemaps (sitemaps.org 0.9) and Google News sitemaps as XML. */
export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** A URL and, when known, when it last changed (ISO 8601; written as a W3C datetime), and the same page in other languages. */
export interface SitemapEntry {
  loc: string;
  lastmod?: string | null;
  alternates?: Array<{ hreflang: string; href: string }>;
}

export interface NewsEntry {
  loc: string;
  title: string;
  published: string;
}

const lastmod = (iso: string | null | undefined) => (iso ? el('lastmod', {}, rfc3339(iso)) : null);

export function renderSitemapIndex(entries: SitemapEntry[]): string {
  return xmlDocument(el('sitemapindex', { xmlns: SITEMAP_NS }, entries.map((e) => el('sitemap', {}, [el('loc', {}, e.loc), lastmod(e.lastmod)]))));
}

export function renderUrlset(entries: SitemapEntry[]): string {
  const xhtml = entries.some((e) => e.alternates?.length) ? XHTML_NS : undefined;
  return xmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:xhtml': xhtml },
      entries.map((e) =>
        el('url', {}, [el('loc', {}, e.loc), lastmod(e.lastmod), ...(e.alternates ?? []).map((a) => el('xhtml:link', { rel: 'alternate', hreflang: a.hreflang, href: a.href }))]),
      ),
    ),
  );
}

/**
 * Google News wants an ISO 639 code, with zh-cn and zh-tw the only regional
 * ones: an edition's language tag (fr, pt-BR) gives its first subtag.
 */
export function newsLanguage(edition: string): string {
  const tag = edition.toLowerCase();
  return tag === 'zh-cn' || tag === 'zh-tw' ? tag : tag.split('-')[0];
}

export function renderNewsSitemap(publication: { name: string; language: string }, entries: NewsEntry[]): string {
  const pub = el('news:publication', {}, [el('news:name', {}, publication.name), el('news:language', {}, publication.language)]);
  return xmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS },
      entries.map((e) =>
        el('url', {}, [
          el('loc', {}, e.loc),
          el('news:news', {}, [pub, el('news:publication_date', {}, rfc3339(e.published)), el('news:title', {}, e.title)]),
        ]),
      ),
    ),
  );
}
