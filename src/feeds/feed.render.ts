import { FEED_TYPES } from './feed-paths.ts';
import type { Feed, FeedItem } from './feed.service.ts';
import { el, xmlDocument, type XmlNode } from './xml.ts';

/** A Feed written as RSS 2.0, Atom 1.0 or JSON Feed 1.1. Titles and summaries are plain text in every format. */
const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
};

/** RFC 3339 at whole seconds: `2026-11-20T09:30:00Z` (also a W3C datetime, as sitemaps want). */
export function rfc3339(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 822 with a four-digit year (RFC 1123), as RSS readers expect: `Fri, 20 Nov 2026 09:30:00 GMT`. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/** Plain text as HTML source: readers take an RSS <description> for HTML, so a standfirst's `<` must stay a character. */
function htmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function mediaContent(image: FeedItem['image']): XmlNode | null {
  return image && el('media:content', { url: image.url, type: image.type, medium: 'image', width: image.width, height: image.height });
}

export function renderRss(feed: Feed): string {
  const items = feed.items.map((item) =>
    el('item', {}, [
      el('title', {}, item.title),
      el('link', {}, item.url),
      el('guid', { isPermaLink: 'false' }, item.id),
      el('pubDate', {}, rfc822(item.published)),
      item.summary && el('description', {}, htmlText(item.summary)),
      ...item.authors.map((a) => el('dc:creator', {}, a.name)),
      ...item.categories.map((c) => el('category', { domain: c.url }, c.name)),
      mediaContent(item.image),
    ]),
  );
  const channel = el('channel', {}, [
    el('title', {}, feed.title),
    el('link', {}, feed.homeUrl),
    el('description', {}, htmlText(feed.title)),
    el('language', {}, feed.language),
    feed.updated && el('lastBuildDate', {}, rfc822(feed.updated)),
    el('atom:link', { href: feed.urls.rss, rel: 'self', type: FEED_TYPES.rss }),
    ...items,
  ]);
  return xmlDocument(el('rss', { version: '2.0', 'xmlns:atom': NS.atom, 'xmlns:dc': NS.dc, 'xmlns:media': NS.media }, [channel]));
}

/** `now` stands in for the newest item's time in an empty feed, where Atom still wants an <updated>. */
export function renderAtom(feed: Feed, now: Date): string {
  const person = (name: string, uri: string) => el('author', {}, [el('name', {}, name), el('uri', {}, uri)]);
  const entries = feed.items.map((item) =>
    el('entry', {}, [
      el('id', {}, item.id),
      // type="text": the title is plain text, so `<jour 1>` stays words and is not read as a tag.
      el('title', { type: 'text' }, item.title),
      el('link', { rel: 'alternate', type: 'text/html', href: item.url }),
      el('published', {}, rfc3339(item.published)),
      el('updated', {}, rfc3339(item.updated)),
      ...item.authors.map((a) => person(a.name, a.url)),
      item.summary && el('summary', { type: 'text' }, item.summary),
      ...item.categories.map((c) => el('category', { term: c.name, scheme: c.url })),
      mediaContent(item.image),
    ]),
  );
  return xmlDocument(
    el('feed', { xmlns: NS.atom, 'xmlns:media': NS.media, 'xml:lang': feed.language }, [
      el('id', {}, feed.id),
      el('title', { type: 'text' }, feed.title),
      el('updated', {}, rfc3339(feed.updated ?? now.toISOString())),
      el('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
      el('link', { rel: 'self', type: FEED_TYPES.atom, href: feed.urls.atom }),
      // Atom wants an author on the feed when an entry may have none: the publication.
      person(feed.publisher, feed.homeUrl),
      ...entries,
    ]),
  );
}

export function renderJsonFeed(feed: Feed): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.urls.json,
    language: feed.language,
    authors: [{ name: feed.publisher, url: feed.homeUrl }],
    items: feed.items.map((i) => ({
      id: i.id,
      url: i.url,
      title: i.title,
      content_text: i.summary ?? '',
      ...(i.summary ? { summary: i.summary } : {}),
      ...(i.image ? { image: i.image.url } : {}),
      date_published: rfc3339(i.published),
      date_modified: rfc3339(i.updated),
      authors: i.authors,
      tags: i.categories.map((c) => c.name),
    })),
  });
}
