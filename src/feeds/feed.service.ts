import { listPublished, type ArticleSummary, type ListQuery } from '../content/content-api.service.ts';
import { paths } from '../content/paths.ts';
import { findPublicName } from '../content/visibility.ts';
import { NotFound } from '../errors.ts';
import type { EditionContext } from '../render/context.ts';
import type { Db } from '../store/db.ts';
import { key, type ResponseKeys } from '../cdn/keys.ts';
import { listKeys } from '../cdn/page-keys.ts';
import { FEED_FORMATS, feedPaths, type FeedFormat } from './feed-paths.ts';

/**
 * A feed as plain data, whatever its format: the newest published articles of
 * an edition, a section, a tag or an author. Only what the Content API shows
 * (published and due at `now`) ever reaches it.
 */
export const FEED_LENGTH = 30;

export type FeedScope = { kind: 'edition' } | { kind: 'section' | 'tag' | 'author'; slug: string };

export interface FeedLink {
  name: string;
  url: string;
}

export interface FeedItem {
  /** A tag: URI made from the article's id, so it survives a slug or section change. */
  id: string;
  url: string;
  /** Plain text, never HTML. */
  title: string;
  summary: string | null;
  published: string;
  /** The later of publication and last update. */
  updated: string;
  authors: FeedLink[];
  /** The section first, then the tags. */
  categories: FeedLink[];
  image: { url: string; width: number; height: number; type: string; alt: string } | null;
}

export interface Feed {
  id: string;
  title: string;
  language: string;
  /** The edition's name: the publisher. */
  publisher: string;
  /** The HTML page the feed follows. */
  homeUrl: string;
  /** Absolute URL of each format of this feed. */
  urls: Record<FeedFormat, string>;
  /** The newest item's time, or null for an empty feed. */
  updated: string | null;
  items: FeedItem[];
  /** The feed's list key and its articles' keys, for the CDN. */
  keys: ResponseKeys;
}

export interface FeedDeps {
  db: Db;
  now: () => Date;
  publicUrl: string;
  /** MEDIA_PUBLIC_URL: enclosure URLs point there when set. */
  mediaUrl?: string;
}

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif' };

/** Media keys end with the extension of their format (src/media/images.ts), which names the type exactly. */
function imageType(url: string): string {
  return IMAGE_TYPES[url.slice(url.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

/** The tag: URI authority: the edition's host, with the year the scheme was adopted here. */
export function tagAuthority(ctx: EditionContext): string {
  return `tag:${new URL(ctx.abs('/')).hostname},2026:`;
}

const later = (a: string, b: string | null) => (b && b > a ? b : a);

function toItem(ctx: EditionContext, a: ArticleSummary): FeedItem {
  const edition = ctx.edition.code;
  const lead = a.lead;
  return {
    id: `${tagAuthority(ctx)}article:${a.id}`,
    url: a.url,
    title: a.headline,
    summary: a.standfirst,
    published: a.publishedAt,
    updated: later(a.publishedAt, a.updatedAt),
    authors: a.authors.map((p) => ({ name: p.name, url: ctx.abs(paths.author(edition, p.slug)) })),
    categories: [
      { name: a.section.name, url: ctx.abs(paths.section(edition, a.section.slug)) },
      ...a.tags.map((t) => ({ name: t.name, url: ctx.abs(paths.tag(edition, t.slug)) })),
    ],
    // A lead video shows as its poster; one without a poster yet has no picture to give.
    image: lead?.image ? { ...lead.image, type: imageType(lead.image.url), alt: lead.alt } : null,
  };
}

interface Resolved {
  title: string;
  page: string;
  filter: ListQuery;
  feedPath: (format: FeedFormat) => string;
  listKey: string;
}

async function resolve(deps: FeedDeps, ctx: EditionContext, scope: FeedScope): Promise<Resolved> {
  const code = ctx.edition.code;
  const name = ctx.edition.name;
  switch (scope.kind) {
    case 'edition':
      return { title: name, page: paths.edition(code), filter: {}, feedPath: (f) => feedPaths.edition(code, f), listKey: key.home(code) };
    case 'section': {
      const section = ctx.catalog.section(code, scope.slug);
      if (!section) throw new NotFound('no such section');
      return { title: `${section.name} – ${name}`, page: paths.section(code, section.slug), filter: { section: section.slug }, feedPath: (f) => feedPaths.section(code, section.slug, f), listKey: key.section(section.id) };
    }
    case 'tag': {
      const tag = await findPublicName(deps.db, 'tag', code, scope.slug, deps.now().toISOString());
      if (!tag) throw new NotFound('no such tag');
      return { title: `${ctx.labels.topic(tag.name)} – ${name}`, page: paths.tag(code, tag.slug), filter: { tag: tag.slug }, feedPath: (f) => feedPaths.tag(code, tag.slug, f), listKey: key.tag(tag.id) };
    }
    case 'author': {
      const author = await findPublicName(deps.db, 'author', code, scope.slug, deps.now().toISOString());
      if (!author) throw new NotFound('no such author');
      return {
        title: `${ctx.labels.articlesBy(author.name)} – ${name}`,
        page: paths.author(code, author.slug),
        filter: { author: author.slug },
        feedPath: (f) => feedPaths.author(code, author.slug, f),
        listKey: key.author(author.id),
      };
    }
  }
}

/** The feed of a scope; NotFound for a section, tag or author the edition does not show readers (content/visibility.ts). */
export async function loadFeed(deps: FeedDeps, ctx: EditionContext, scope: FeedScope): Promise<Feed> {
  const r = await resolve(deps, ctx, scope);
  const { articles } = await listPublished(deps.db, { ...r.filter, edition: ctx.edition.code, limit: FEED_LENGTH }, deps.now(), deps.publicUrl, deps.mediaUrl);
  const items = articles.map((a) => toItem(ctx, a));
  return {
    id: `${tagAuthority(ctx)}feed:${r.page}`,
    title: r.title,
    language: ctx.edition.code,
    publisher: ctx.edition.name,
    homeUrl: ctx.abs(r.page),
    urls: Object.fromEntries(FEED_FORMATS.map((f) => [f, ctx.abs(r.feedPath(f))])) as Record<FeedFormat, string>,
    updated: items.reduce<string | null>((m, i) => (m === null || i.updated > m ? i.updated : m), null),
    items,
    keys: listKeys(ctx.edition.code, r.listKey, articles),
  };
}
