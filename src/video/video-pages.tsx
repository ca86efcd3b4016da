import { paths } from '../content/paths.ts';
import { oembedPath } from '../distribution/oembed-path.ts';
import type { EditionContext } from '../render/context.ts';
import { editionFeeds } from '../render/feed-links.ts';
import { Layout } from '../render/layout.tsx';
import { Picture } from '../render/picture.tsx';
import { socialCard } from '../render/social-image.ts';
import { socialTags } from '../render/social-meta.ts';
import type { SectionRow } from '../store/schema.ts';
import { videoLabelsFor } from './video-labels.ts';
import { VideoPlayer } from './video-player.tsx';
import { videoObject, videoSocialTags, withVideoTags } from './video-structured-data.ts';
import { clockDuration, isoDuration, type VideoView } from './video-view.ts';

/** An article that leads with the video, as its page links to it. */
export interface UsingArticle {
  edition: string;
  section_id: number;
  slug: string;
  headline: string;
  published_at: string;
}

/** The player's element id on a page, which chapter links point at. */
export const playerId = (v: { id: number }) => `player-${v.id}`;

/**
 * A video's own page (`/fr/videos/<slug>`): title, date and duration, the
 * player with its transcript, the description, the chapters (links that seek
 * the player; with JavaScript off they open the MP4 at that time), credit,
 * copyright and licence, then the articles that lead with it.
 */
export function VideoPageView({ ctx, video, articles }: { ctx: EditionContext; video: VideoView; articles: UsingArticle[] }) {
  const { t, dates, edition } = ctx;
  const labels = videoLabelsFor(ctx.language);
  const url = ctx.abs(video.pageUrl!);
  const section = video.sectionId === null ? undefined : ctx.catalog.sectionById(video.sectionId);
  const card = video.posterImage ? { ...socialCard(ctx, video.posterImage), alt: video.posterImage.alt ? t(video.posterImage.alt) : undefined } : undefined;
  const description = video.description ?? undefined;
  const listPath = paths.videos(edition.code);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: `${video.title} – ${edition.name}`,
        description,
        canonical: url,
        sectionId: section?.id,
        feeds: editionFeeds(ctx),
        oembed: { href: ctx.abs(oembedPath(url)), title: t(video.title) },
        social: withVideoTags(socialTags(ctx, { type: 'video.other', title: t(video.title), description: description && t(description), url, image: card }), videoSocialTags(ctx, video)),
        jsonLd: [videoObject(ctx, video, `${url}#video`), breadcrumbs(ctx, video, url)],
        player: true,
      }}
    >
      <article class="video-page">
        <header class="article-header">
          <p class="kicker">
            <a href={listPath}>{labels.videos}</a>
            {section && (
              <>
                {' · '}
                <a href={`${listPath}?section=${encodeURIComponent(section.slug)}`}>{t(section.name)}</a>
              </>
            )}
          </p>
          <h1>{t(video.title)}</h1>
          <p class="video-facts">
            {video.publishedAt && <time datetime={video.publishedAt}>{dates.long(video.publishedAt)}</time>}
            {video.durationMs ? (
              <>
                {video.publishedAt && ' · '}
                {labels.duration} <time datetime={isoDuration(video.durationMs)}>{clockDuration(video.durationMs)}</time>
              </>
            ) : null}
          </p>
        </header>
        <div id={playerId(video)} class="video-figure lead">
          <VideoPlayer ctx={ctx} source={video} eager />
        </div>
        {description && <p class="standfirst">{t(description)}</p>}
        {video.chapters.length > 0 && (
          <section class="video-chapters" aria-labelledby="chapters-title">
            <h2 id="chapters-title">{labels.chapters}</h2>
            <ol>
              {video.chapters.map((c) => {
                const s = Math.floor(c.startMs / 1000);
                // Media fragments: without the script, the MP4 opens at the chapter.
                const href = video.mp4Url ? `${video.mp4Url}#t=${s}` : `#${playerId(video)}`;
                return (
                  <li>
                    <a href={href} data-seek={String(s)} data-player-ref={playerId(video)}>
                      <time datetime={isoDuration(c.startMs)}>{clockDuration(c.startMs)}</time> <span>{t(c.title)}</span>
                    </a>
                  </li>
                );
              })}
            </ol>
          </section>
        )}
        {(video.credit || video.copyright || video.licence) && (
          <dl class="video-credits">
            {video.credit && (
              <>
                <dt>{labels.credit}</dt>
                <dd>{t(video.credit)}</dd>
              </>
            )}
            {video.copyright && (
              <>
                <dt>{labels.copyright}</dt>
                <dd>{t(video.copyright)}</dd>
              </>
            )}
            {video.licence && (
              <>
                <dt>{labels.licence}</dt>
                <dd>{/^https?:\/\//.test(video.licence) ? <a href={video.licence} rel="license">{video.licence}</a> : t(video.licence)}</dd>
              </>
            )}
          </dl>
        )}
      </article>
      {articles.length > 0 && (
        <aside class="related" aria-labelledby="used-in-title">
          <h2 id="used-in-title">{labels.usedIn}</h2>
          <ul>
            {articles.map((a) => {
              const s = ctx.catalog.sectionById(a.section_id);
              return s ? (
                <li>
                  <a href={paths.article(a.edition, s.slug, a.slug)}>{t(a.headline)}</a> <time datetime={a.published_at}>{dates.short(a.published_at)}</time>
                </li>
              ) : null;
            })}
          </ul>
        </aside>
      )}
    </Layout>
  );
}

function breadcrumbs(ctx: EditionContext, video: VideoView, url: string) {
  const { edition } = ctx;
  const labels = videoLabelsFor(ctx.language);
  const crumbs = [
    { name: edition.name, item: ctx.abs(paths.edition(edition.code)) },
    { name: labels.videos, item: ctx.abs(paths.videos(edition.code)) },
    { name: ctx.t(video.title), item: url },
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, ...c })),
  };
}

/** A video in a list: poster, title linking to its page, duration and date. */
export function VideoCard({ ctx, video, level, eager }: { ctx: EditionContext; video: VideoView; level: 2 | 3; eager?: boolean }) {
  const H = level === 2 ? 'h2' : 'h3';
  const labels = videoLabelsFor(ctx.language);
  return (
    <article class="card video-card">
      {video.posterImage && <Picture parse={ctx.variants} link={ctx.media} memo={ctx.markup} image={video.posterImage} alt="" sizes="(min-width: 52rem) 20rem, 100vw" eager={eager} />}
      <div class="card-text">
        <H>
          <a href={video.pageUrl!}>
            <span class="card-video">{labels.videoMark}</span>
            {ctx.t(video.title)}
          </a>
        </H>
        <p class="video-card-facts">
          {video.durationMs ? (
            <>
              <span class="visually-hidden">{labels.duration} </span>
              <time datetime={isoDuration(video.durationMs)}>{clockDuration(video.durationMs)}</time>
              {video.publishedAt && ' · '}
            </>
          ) : null}
          {video.publishedAt && <time datetime={video.publishedAt}>{ctx.dates.short(video.publishedAt)}</time>}
        </p>
      </div>
    </article>
  );
}

/** A section page's row of its newest videos, above its articles, with a link to all of them. */
export function SectionVideos({ ctx, section, videos }: { ctx: EditionContext; section: SectionRow; videos: VideoView[] }) {
  if (videos.length === 0) return null;
  const labels = videoLabelsFor(ctx.language);
  return (
    <section class="section-videos" aria-labelledby="section-videos-title">
      <h2 id="section-videos-title">{labels.latestVideos}</h2>
      <div class="grid">
        {videos.map((v) => (
          <VideoCard ctx={ctx} video={v} level={3} />
        ))}
      </div>
      <p>
        <a href={`${paths.videos(ctx.edition.code)}?section=${encodeURIComponent(section.slug)}`}>{labels.sectionVideos(ctx.t(section.name))}</a>
      </p>
    </section>
  );
}

/** `/fr/videos` (every published video of the edition) and `?section=<slug>` (one section's), newest first, paginated like sections. */
export function VideoListingView({ ctx, videos, page, hasOlder, section }: { ctx: EditionContext; videos: VideoView[]; page: number; hasOlder: boolean; section?: SectionRow }) {
  const { edition, labels, t } = ctx;
  const v = videoLabelsFor(ctx.language);
  const base = paths.videos(edition.code);
  const query = (n: number) => {
    const q = new URLSearchParams();
    if (section) q.set('section', section.slug);
    if (n > 1) q.set('page', String(n));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const title = section ? v.sectionVideos(t(section.name)) : v.videos;
  const canonical = ctx.abs(query(page));
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: `${title}${page > 1 ? ` – ${labels.page(page)}` : ''} – ${edition.name}`,
        canonical,
        sectionId: section?.id,
        social: socialTags(ctx, { type: 'website', title, url: canonical }),
      }}
    >
      <h1>{title}</h1>
      {section && (
        <p class="listing-intro">
          <a href={base}>{v.allVideos}</a>
        </p>
      )}
      {videos.length === 0 && <p>{v.noVideos}</p>}
      <div class="listing">
        {videos.map((video, i) => (
          <VideoCard ctx={ctx} video={video} level={2} eager={i === 0 && page === 1} />
        ))}
      </div>
      {(page > 1 || hasOlder) && (
        <nav class="pagination" aria-label={labels.pagination}>
          {page > 1 && (
            <a href={query(page - 1)} rel="prev">
              {labels.newer}
            </a>
          )}
          <span aria-current="page">{labels.page(page)}</span>
          {hasOlder && (
            <a href={query(page + 1)} rel="next">
              {labels.older}
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}

/**
 * The embeddable player (`/fr/videos/<slug>/embed`): the player alone, for
 * other sites' iframes (oEmbed's `html`, X's player card, structured data's
 * embedUrl). Not for search engines: its canonical is the video's page.
 */
export function VideoEmbedView({ ctx, video }: { ctx: EditionContext; video: VideoView }) {
  const assets = ctx.assets.video;
  return (
    <html lang={ctx.language} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${video.title} – ${ctx.edition.name}`}</title>
        <meta name="robots" content="noindex" />
        <link rel="canonical" href={ctx.abs(video.pageUrl!)} />
        {assets && <link rel="stylesheet" href={assets.css} />}
        {assets && <script src={assets.js} defer></script>}
      </head>
      <body class="player-embed">
        <main>
          <h1 class="player-embed__title">
            <a href={ctx.abs(video.pageUrl!)} target="_blank" rel="noopener">
              {ctx.t(video.title)}
            </a>
          </h1>
          <VideoPlayer ctx={ctx} source={video} eager />
        </main>
      </body>
    </html>
  );
}
