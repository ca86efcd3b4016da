import { h, type ComponentChildren, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import {
  findArticle,
  findArticleById,
  findMovedArticle,
  findSection,
  homeCards,
  listCards,
  loadRelations,
  type Listing,
} from '../content/article.repository.ts';
import { paths } from '../content/paths.ts';
import { findPublicName, publicRole } from '../content/visibility.ts';
import { Gone, NotFound } from '../errors.ts';
import type { EditionContext } from '../render/context.ts';
import { ArticleView } from '../render/pages/article.tsx';
import { ErrorView } from '../render/pages/error.tsx';
import { HomeView } from '../render/pages/home.tsx';
import { ListingView } from '../render/pages/listing.tsx';
import type { Db } from '../store/db.ts';
import { key, type ResponseKeys } from '../cdn/keys.ts';
import { articlePageKeys, listKeys, videoListKeys } from '../cdn/page-keys.ts';
import { SectionVideos } from '../video/video-pages.tsx';
import { SubSections } from '../structure/sub-sections.tsx';
import { asciiPath, resolveSlug, type NameKind } from '../people/naming.ts';
import { ProfileHead } from '../people/profile-head.tsx';
import { authorProfile, personProfile, topicProfile } from '../people/profiles.ts';
import { renderLivePage, type LiveRequest } from '../live/live-page.ts';
import { listVideoIds, loadVideoViews, videoIdsOf, type VideoView } from '../video/video-view.ts';

/**
 * Reader pages as functions of the store: no HTTP here. Each returns HTML,
 * or a redirect, or throws NotFound / Gone. `keys` name what the page shows, for the CDN.
 */
export type PageResult = { html: string; keys?: ResponseKeys; /** Headers of its own, over the pages' (an embeddable page's frame policy; a page that changes with the clock has its own Cache-Control). */ headers?: Record<string, string> } | { redirect: string };

export interface PageDeps {
  db: Db;
  now: () => Date;
}

const PER_PAGE = 20;
/** How many of its newest videos a section page shows above its articles. */
export const SECTION_VIDEOS = 4;

/** The library videos an article shows, ready ones, their files linked as pictures are (ctx.media); none costs no query. */
export function articleVideos(deps: PageDeps, ctx: EditionContext, article: { lead: unknown; body: Array<{ type: string }> }, now: string): Promise<Map<number, VideoView>> {
  const ids = videoIdsOf(article);
  return ids.length ? loadVideoViews(deps.db, ids, { link: ctx.media, now }) : Promise.resolve(new Map());
}

function doc(vnode: VNode<any>): string {
  return '<!DOCTYPE html>' + renderToString(vnode);
}


export async function homePage(deps: PageDeps, ctx: EditionContext): Promise<PageResult> {
  const sectionIds = ctx.catalog.sections(ctx.edition.code).map((s) => s.id);
  const now = deps.now().toISOString();
  const cards = await homeCards(deps.db, ctx.edition.code, sectionIds, now, { hasPins: ctx.catalog.hasPins(ctx.edition.code), top: 11 });
  return { html: doc(h(HomeView, { ctx, cards, now })), keys: listKeys(ctx.edition.code, key.home(ctx.edition.code), cards) };
}

/** An article's page; a live's shows its entries as `live` asks (order, page, or one entry's permalink). */
export async function articlePage(deps: PageDeps, ctx: EditionContext, sectionSlug: string, slug: string, live: LiveRequest = { order: 'newest', page: 1 }): Promise<PageResult> {
  const now = deps.now().toISOString();
  const article = await findArticle(deps.db, ctx.edition.code, slug);
  if (!article) {
    // A published article whose slug changed: its old URL still leads to it.
    const moved = await findMovedArticle(deps.db, ctx.edition.code, slug);
    if (moved) return { redirect: paths.article(ctx.edition.code, moved.section, moved.slug) };
    throw new NotFound('no such article');
  }
  if (article.status !== 'published' && article.status !== 'unpublished') throw new NotFound('no such article');
  if (!article.published_at || article.published_at > now) throw new NotFound('no such article');
  if (article.status === 'unpublished') throw new Gone('article withdrawn');
  // A section made a moment ago may not be in this process's catalog yet.
  const section = ctx.catalog.sectionById(article.section_id) ?? (await findSection(deps.db, article.section_id));
  if (!section) throw new NotFound('no such section');
  const isLive = article.live_started_at !== null;
  if (live.entryId !== undefined && !isLive) throw new NotFound('not a live');
  if (section.slug !== sectionSlug) {
    const to = live.entryId !== undefined ? paths.liveEntry(ctx.edition.code, section.slug, article.slug, live.entryId) : paths.article(ctx.edition.code, section.slug, article.slug);
    return { redirect: to };
  }
  const [rel, videos] = await Promise.all([loadRelations(deps.db, article, now), articleVideos(deps, ctx, article, now)]);
  if (isLive) {
    // The pictures of the entries it shows are the page's too: replacing one purges it.
    const page = await renderLivePage(deps.db, ctx, article, section, rel, live, now, false, videos);
    return { html: page.html, keys: articlePageKeys(article, page.imageIds, rel.related, [...videos.values(), ...page.entryVideos], rel.authors) };
  }
  return { html: doc(h(ArticleView, { ctx, article, section, rel, videos })), keys: articlePageKeys(article, rel.images.keys(), rel.related, videos.values(), rel.authors) };
}

async function listing(
  deps: PageDeps,
  ctx: EditionContext,
  listing: Listing,
  page: number,
  view: { title: string; intro?: string; path: string; sectionId?: number; kicker?: boolean; before?: ComponentChildren },
  listKey: string,
  extraKeys?: ResponseKeys,
): Promise<PageResult> {
  const now = deps.now().toISOString();
  const { cards, hasOlder } = await listCards(deps.db, ctx.edition.code, listing, now, page, PER_PAGE);
  if (page > 1 && cards.length === 0) throw new NotFound('no such page');
  const keys = listKeys(ctx.edition.code, listKey, cards);
  if (extraKeys) {
    keys.own.push(...extraKeys.own);
    keys.listed = [...(keys.listed ?? []), ...(extraKeys.listed ?? [])];
  }
  return { html: doc(h(ListingView, { ctx, page, hasOlder, cards, now, ...view })), keys };
}

export async function sectionPage(deps: PageDeps, ctx: EditionContext, slug: string, page: number): Promise<PageResult> {
  const section = ctx.catalog.section(ctx.edition.code, slug);
  if (!section) throw new NotFound('no such section');
  // The first page shows the section's newest videos above its articles (the TV section's reports, for one).
  const now = deps.now().toISOString();
  const videos = page === 1 ? await latestVideos(deps, ctx, section.id, now) : [];
  return listing(
    deps,
    ctx,
    { kind: 'section', sectionId: section.id },
    page,
    {
      title: section.name,
      intro: section.description ?? undefined,
      path: paths.section(ctx.edition.code, slug),
      sectionId: section.id,
      before: [h(SubSections, { ctx, parent: section, children: ctx.catalog.children(section.id) }), videos.length ? h(SectionVideos, { ctx, section, videos }) : null],
    },
    key.section(section.id),
    page === 1 ? videoListKeys(ctx.edition.code, [], videos) : undefined,
  );
}

async function latestVideos(deps: PageDeps, ctx: EditionContext, sectionId: number, now: string): Promise<VideoView[]> {
  const { ids } = await listVideoIds(deps.db, ctx.edition.code, now, { sectionId, page: 1, perPage: SECTION_VIDEOS });
  if (ids.length === 0) return [];
  const views = await loadVideoViews(deps.db, ids, { link: ctx.media, now });
  return ids.flatMap((id) => views.get(id) ?? []);
}

export async function tagPage(deps: PageDeps, ctx: EditionContext, slug: string, page: number): Promise<PageResult> {
  const tag = await findPublicName(deps.db, 'tag', ctx.edition.code, slug, deps.now().toISOString());
  if (!tag) return movedName(deps, ctx, 'tag', slug, paths.tag);
  const profile = await topicProfile(deps.db, tag.id, paths.tag(ctx.edition.code, slug));
  return listing(deps, ctx, { kind: 'tag', tagId: tag.id }, page, { title: ctx.labels.topic(tag.name), intro: profile.description ?? undefined, path: paths.tag(ctx.edition.code, slug), kicker: true }, key.tag(tag.id));
}

export async function authorPage(deps: PageDeps, ctx: EditionContext, slug: string, page: number): Promise<PageResult> {
  const author = await findPublicName(deps.db, 'author', ctx.edition.code, slug, deps.now().toISOString());
  if (!author) return movedName(deps, ctx, 'author', slug, paths.author);
  const path = paths.author(ctx.edition.code, slug);
  const profile = await authorProfile(deps.db, author.id, path);
  return listing(
    deps,
    ctx,
    { kind: 'author', authorId: author.id },
    page,
    { title: ctx.labels.articlesBy(author.name), intro: profile.role ?? undefined, path, kicker: true, before: h(ProfileHead, { ctx, profile }) },
    key.author(author.id),
    profile.photoId !== null ? { own: [key.media(profile.photoId)] } : undefined,
  );
}

export async function personPage(deps: PageDeps, ctx: EditionContext, slug: string, page: number): Promise<PageResult> {
  const now = deps.now().toISOString();
  const person = await findPublicName(deps.db, 'person', ctx.edition.code, slug, now);
  if (!person) return movedName(deps, ctx, 'person', slug, paths.person);
  const path = paths.person(ctx.edition.code, slug);
  // The role the newsroom gave them in this edition, else that of their latest published quote here, never what a draft says.
  const profile = await personProfile(deps.db, person.id, ctx.edition.code, path, () => publicRole(deps.db, person.id, now, ctx.edition.code));
  return listing(
    deps,
    ctx,
    { kind: 'person', personId: person.id },
    page,
    { title: person.name, intro: profile.role ?? undefined, path, kicker: true, before: h(ProfileHead, { ctx, profile }) },
    key.person(person.id),
    profile.photoId !== null ? { own: [key.media(profile.photoId)] } : undefined,
  );
}

/** A topic, author or person page at a former slug or of a merged name: 301 to where it is now; 404 otherwise. */
async function movedName(deps: PageDeps, ctx: EditionContext, kind: NameKind, slug: string, pathOf: (edition: string, slug: string) => string): Promise<PageResult> {
  const now = await resolveSlug(deps.db, kind, ctx.edition.code, slug);
  if (now && now.slug !== slug) return { redirect: asciiPath(pathOf(ctx.edition.code, now.slug)) };
  throw new NotFound(`no such ${kind}`);
}

/** The public article page for an article in any state: the newsroom's preview is the page itself. */
export async function previewPage(deps: PageDeps, ctx: (edition: string) => EditionContext | undefined, id: number): Promise<string> {
  const article = await findArticleById(deps.db, id);
  if (!article) throw new NotFound('no such article');
  const c = ctx(article.edition);
  if (!c) throw new NotFound('no such edition');
  const section = c.catalog.sectionById(article.section_id);
  if (!section) throw new NotFound('no such section');
  const now = deps.now().toISOString();
  const shown = { ...article, published_at: article.published_at ?? now };
  const [rel, videos] = await Promise.all([loadRelations(deps.db, shown, now), articleVideos(deps, c, shown, now)]);
  // A live's preview shows its published entries as readers will see them.
  if (shown.live_started_at) return (await renderLivePage(deps.db, c, shown, section, rel, { order: 'newest', page: 1 }, now, true, videos)).html;
  return doc(h(ArticleView, { ctx: c, article: shown, section, rel, preview: true, videos }));
}

export function errorPage(ctx: EditionContext, status: 404 | 410 | 500 | 503): string {
  return doc(h(ErrorView, { ctx, status }));
}
