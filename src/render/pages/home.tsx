import type { ArticleCard } from '../../content/article.repository.ts';
import { paths } from '../../content/paths.ts';
import { Card } from '../cards.tsx';
import type { EditionContext } from '../context.ts';
import { editionFeeds } from '../feed-links.ts';
import { hreflangLinks } from '../hreflang.ts';
import { Layout, type PageMeta } from '../layout.tsx';
import { socialTags } from '../social-meta.ts';
import { websiteStructuredData } from '../structured-data.ts';
import { designLabelsFor } from '../design-labels.ts';
import { fillSlot } from '../slots.ts';

/** Every edition's home, in its language, and the default edition's as x-default. */
function homeAlternates(ctx: EditionContext): PageMeta['alternates'] {
  return hreflangLinks(ctx, ctx.catalog.editions.map((e) => ({ hreflang: e.code, href: ctx.homeOf(e.code) })));
}

/**
 * The home page, mobile first: the lead story (with or without a picture) and
 * the latest news with their times; a secondary row; featured topics; the video
 * and TV row (a theme's slot, or the edition's videos and its live channel);
 * then a block per section whose grid its cards fill.
 */
export function HomeView({ ctx, cards, now }: { ctx: EditionContext; cards: ArticleCard[]; now?: string }) {
  const { edition, labels, t } = ctx;
  const d = designLabelsFor(ctx.language);
  const home = ctx.abs(paths.edition(edition.code));
  const [lead, ...rest] = cards;
  const secondary = rest.slice(0, 3);
  const latest = rest.slice(3, 10);
  const shown = new Set([lead, ...secondary, ...latest].filter(Boolean).map((c) => c.id));
  const sections = ctx.catalog
    .sections(edition.code)
    .filter((s) => s.in_nav === 1)
    .map((s) => ({ s, cards: cards.filter((c) => c.section_id === s.id && !shown.has(c.id)).slice(0, 4) }))
    .filter((x) => x.cards.length > 0);
  const topics = ctx.catalog.featuredTopics(edition.code);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: `${edition.name} – ${labels.latest}`,
        description: d.homeDescription(edition.name),
        canonical: home,
        alternates: homeAlternates(ctx),
        feeds: editionFeeds(ctx),
        social: socialTags(ctx, { type: 'website', title: edition.name, url: home }),
        jsonLd: [websiteStructuredData(ctx)],
      }}
    >
      <h1 class="visually-hidden">{edition.name}</h1>
      {!lead && <p>{labels.noArticles}</p>}
      {lead && (
        <div class="home-top">
          <section class="home-lead" aria-label={labels.leadStory}>
            <Card card={lead} ctx={ctx} level={2} size="lead" eager kicker now={now} />
            {secondary.length > 0 && (
              <div class={`home-secondary count-${secondary.length}`}>
                {secondary.map((c) => (
                  <Card card={c} ctx={ctx} level={3} kicker now={now} />
                ))}
              </div>
            )}
          </section>
          {latest.length > 0 && (
            <section class="home-latest" aria-labelledby="latest-title">
              <h2 id="latest-title" class="block-title">
                {d.latestNews}
              </h2>
              {latest.map((c) => (
                <Card card={c} ctx={ctx} level={3} size="compact" kicker now={now} />
              ))}
            </section>
          )}
        </div>
      )}
      {topics.length > 0 && (
        <nav class="home-topics" aria-labelledby="topics-title">
          <h2 id="topics-title">{d.featuredTopics}</h2>
          <ul>
            {topics.map((tp) => (
              <li>
                <a href={paths.tag(edition.code, tp.slug)}>{t(tp.name)}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {fillSlot(ctx.slots, 'homeVideo', ctx) ?? <VideoRow ctx={ctx} cards={cards.filter((c) => c.video).slice(0, 4)} now={now} />}
      {sections.map(({ s, cards: list }) => (
        <section class="home-section" aria-labelledby={`section-${s.slug}`}>
          <h2 id={`section-${s.slug}`} class="block-title">
            <a href={paths.section(edition.code, s.slug)}>{t(s.name)}</a>
          </h2>
          <div class={`blocks count-${list.length}`}>
            {list.map((c) => (
              <Card card={c} ctx={ctx} level={3} now={now} />
            ))}
          </div>
          <p class="block-more">
            <a href={paths.section(edition.code, s.slug)}>{d.more}</a>
          </p>
        </section>
      ))}
    </Layout>
  );
}

/** The default video and TV row: the live channel while it is on air, and the newest articles leading with a video. */
function VideoRow({ ctx, cards, now }: { ctx: EditionContext; cards: ArticleCard[]; now?: string }) {
  const d = designLabelsFor(ctx.language);
  const channel = ctx.catalog.channel(ctx.edition.code);
  const onAir = channel?.onAir === true;
  if (cards.length === 0 && !onAir) return null;
  return (
    <section class="home-video" aria-labelledby="video-title">
      <h2 id="video-title" class="block-title">
        <a href={paths.videos(ctx.edition.code)}>{d.videos}</a>
      </h2>
      <div class="video-row">
        {onAir && (
          <a class="live-tile" href={paths.direct(ctx.edition.code)}>
            <span class="on-air">{ctx.labels.onAir}</span>
            <span>{d.watchLive}</span>
            {channel && <span class="live-tile-name">{channel.name}</span>}
          </a>
        )}
        {cards.map((c) => (
          <Card card={c} ctx={ctx} level={3} now={now} />
        ))}
      </div>
    </section>
  );
}
