import type { FastifyInstance } from 'fastify';
import { paths } from '../content/paths.ts';
import { NotFound } from '../errors.ts';
import type { EditionContext } from '../render/context.ts';
import { hreflangLinks } from '../render/hreflang.ts';
import type { SiteState } from '../site/site-state.ts';
import type { Db } from '../store/db.ts';
import { MAX_PAGE, plainWhole } from '../store/ids.ts';
import { key, SITE_KEY, SITEMAPS_KEY } from '../cdn/keys.ts';
import type { ServeCached } from './cached-response.ts';
import { monthArticles, monthCounts, recentArticles, sectionLastmods, translationLinks, type TranslationLink } from './sitemap.repository.ts';
import { newsLanguage, renderNewsSitemap, renderSitemapIndex, renderUrlset, type SitemapEntry } from './sitemap.render.ts';
import { renderVideoSitemap } from '../video/video-sitemap.ts';
import { editionsWithVideos, loadVideoViews, sitemapVideoIds } from '../video/video-view.ts';

export interface SitemapDeps {
  db: Db;
  now: () => Date;
  site: SiteState;
  serve: ServeCached;
  /** URLs in one monthly sitemap file (SITEMAP_URLS); the protocol allows 50,000. */
  urlsPerSitemap?: number;
}

/** The protocol's limit for one file. */
export const MAX_SITEMAP_URLS = 50_000;
/**
 * URLs in one monthly sitemap file: a busy month is split into numbered parts. A part reads
 * the month up to its end (an offset), so small parts keep each response cheap whatever the
 * publishing rate; at 5,500 articles a month that is six parts of at most 1,000.
 */
export const SITEMAP_URLS = 1_000;
/** Google News takes articles of the last two days. */
export const NEWS_WINDOW_MS = 48 * 3600_000;
const XML = 'application/xml; charset=utf-8';
/** Sitemaps name no articles' keys: every change readers see purges them all (SITEMAPS_KEY). */
const sitemapKeys = (edition?: string) => ({ own: [SITEMAPS_KEY, ...(edition ? [key.edition(edition)] : []), SITE_KEY] });

/** A month's first part has the plain name; when it holds more than a file may, the next parts add `-2`, `-3`… */
export const sitemapPaths = {
  index: () => '/sitemap.xml',
  pages: (edition: string) => `/sitemaps/${edition}-pages.xml`,
  news: (edition: string) => `/sitemaps/${edition}-news.xml`,
  /** The edition's published videos, with Google's video extension (docs/video-player.md). */
  videos: (edition: string) => `/sitemaps/${edition}-videos.xml`,
  month: (edition: string, month: string, part = 1) => `/sitemaps/${edition}-${month}${part > 1 ? `-${part}` : ''}.xml`,
};

/** hreflang links between the published members of a translation group, as article pages give them. */
function groupLinks(ctx: EditionContext, members: TranslationLink[]) {
  return hreflangLinks(ctx, members.map((m) => ({ hreflang: m.edition, href: ctx.absIn(m.edition, paths.article(m.edition, m.section, m.slug)) })));
}

const newest = (times: Iterable<string>) => {
  let max: string | null = null;
  for (const t of times) if (max === null || t > max) max = t;
  return max;
};

/** /sitemap.xml, the per-edition sitemaps under /sitemaps/, and /robots.txt. */
export function sitemapRoutes(app: FastifyInstance, deps: SitemapDeps): void {
  const { db, site, serve } = deps;
  const perFile = Math.min(deps.urlsPerSitemap ?? SITEMAP_URLS, MAX_SITEMAP_URLS);
  const now = () => deps.now().toISOString();
  const xml = { contentType: XML, kind: 'sitemap' as const };

  async function index() {
    const [months, withVideos] = await Promise.all([monthCounts(db, now()), editionsWithVideos(db, now())]);
    const entries: SitemapEntry[] = [];
    for (const e of site.catalog.editions) {
      const ctx = site.context(e.code)!;
      const own = months.filter((m) => m.edition === e.code);
      entries.push({ loc: ctx.abs(sitemapPaths.pages(e.code)), lastmod: newest(own.map((m) => m.lastmod)) });
      entries.push({ loc: ctx.abs(sitemapPaths.news(e.code)) });
      if (withVideos.has(e.code)) entries.push({ loc: ctx.abs(sitemapPaths.videos(e.code)) });
      for (const m of own) {
        for (let part = 1; part <= Math.ceil(m.count / perFile); part++) entries.push({ loc: ctx.abs(sitemapPaths.month(e.code, m.month, part)), lastmod: m.lastmod });
      }
    }
    return { body: renderSitemapIndex(entries), lastModified: newest(months.map((m) => m.lastmod)), keys: sitemapKeys() };
  }

  async function pages(ctx: EditionContext) {
    const code = ctx.edition.code;
    const bySection = await sectionLastmods(db, code, now());
    const home = newest(bySection.values());
    const entries: SitemapEntry[] = [
      { loc: ctx.abs(paths.edition(code)), lastmod: home },
      ...ctx.catalog.sections(code).map((s) => ({ loc: ctx.abs(paths.section(code, s.slug)), lastmod: bySection.get(s.id) })),
      // Published static pages (src/structure/).
      ...ctx.catalog.pages(code).map((p) => ({ loc: ctx.abs(paths.page(code, p.slug)) })),
    ];
    return { body: renderUrlset(entries), lastModified: home, keys: sitemapKeys(code) };
  }

  async function news(ctx: EditionContext) {
    const code = ctx.edition.code;
    const since = new Date(deps.now().getTime() - NEWS_WINDOW_MS).toISOString();
    const articles = await recentArticles(db, code, since, now());
    const entries = articles.map((a) => ({ loc: ctx.abs(paths.article(code, a.section, a.slug)), title: a.headline, published: a.published_at }));
    return { body: renderNewsSitemap({ name: ctx.edition.name, language: newsLanguage(code) }, entries), lastModified: articles[0]?.published_at, keys: sitemapKeys(code) };
  }

  async function month(ctx: EditionContext, month: string, part: number) {
    const code = ctx.edition.code;
    const articles = await monthArticles(db, code, month, now(), perFile, (part - 1) * perFile);
    // An empty urlset is not a valid sitemap: a month or part without articles does not exist.
    if (articles.length === 0) throw new NotFound('no such sitemap');
    const groups = [...new Set(articles.flatMap((a) => (a.translation_group === null ? [] : [a.translation_group])))];
    const members = new Map<number, TranslationLink[]>();
    for (const m of await translationLinks(db, groups, now())) members.set(m.translation_group, [...(members.get(m.translation_group) ?? []), m]);
    const entries = articles.map((a) => ({
      loc: ctx.abs(paths.article(code, a.section, a.slug)),
      lastmod: a.lastmod,
      alternates: a.translation_group === null ? undefined : groupLinks(ctx, members.get(a.translation_group) ?? []),
    }));
    return { body: renderUrlset(entries), lastModified: newest(articles.map((a) => a.lastmod)), keys: sitemapKeys(code) };
  }

  async function videos(ctx: EditionContext) {
    const code = ctx.edition.code;
    const ids = await sitemapVideoIds(db, code, now(), perFile);
    const views = await loadVideoViews(db, ids, { link: (k) => ctx.abs(ctx.media(k)), now: now() });
    const list = ids.flatMap((id) => views.get(id) ?? []).filter((v) => v.posterImage);
    // An empty urlset is not a valid sitemap: an edition without published videos has none.
    if (list.length === 0) throw new NotFound('no such sitemap');
    return { body: renderVideoSitemap(ctx, list), lastModified: newest(list.map((v) => v.updatedAt)), keys: { own: [...sitemapKeys(code).own, key.videos(code)] } };
  }

  app.get('/sitemap.xml', (req, reply) => serve(req, reply, { ...xml, produce: index }));

  app.get<{ Params: { file: string } }>('/sitemaps/:file', (req, reply) => {
    const { file } = req.params;
    // Edition codes may hold hyphens (pt-BR): the name is read from its end.
    const m = /^(.+)-(?:(pages|news|videos)|(\d{4}-(?:0[1-9]|1[0-2]))(?:-([2-9]|[1-9]\d+))?)\.xml$/.exec(file);
    const ctx = m ? site.context(m[1]) : undefined;
    // A part number is a page number: beyond MAX_PAGE there is no such part, and no offset a database refuses.
    const part = m?.[4] === undefined ? 1 : plainWhole(m[4], 2, MAX_PAGE);
    if (!m || !ctx || part === null) throw new NotFound('no such sitemap');
    const produce = m[2] === 'pages' ? () => pages(ctx) : m[2] === 'news' ? () => news(ctx) : m[2] === 'videos' ? () => videos(ctx) : () => month(ctx, m[3], part);
    return serve(req, reply, { ...xml, produce });
  });

  app.get('/robots.txt', (req, reply) =>
    serve(req, reply, {
      contentType: 'text/plain; charset=utf-8',
      kind: 'sitemap',
      produce: async () => {
        const base = site.defaultContext();
        const sitemap = base ? base.abs(sitemapPaths.index()) : sitemapPaths.index();
        return { body: ['User-agent: *', 'Disallow: /admin', 'Disallow: /api/admin', 'Allow: /', '', `Sitemap: ${sitemap}`, ''].join('\n'), keys: { own: [SITE_KEY] } };
      },
    }),
  );
}
