import type { ArticleCard } from '../../content/article.repository.ts';
import { paths } from '../../content/paths.ts';
import { Card } from '../cards.tsx';
import type { EditionContext } from '../context.ts';
import { editionFeeds } from '../feed-links.ts';
import { hreflangLinks } from '../hreflang.ts';
import { Layout, type PageMeta } from '../layout.tsx';
import { socialTags } from '../social-meta.ts';
import { websiteStructuredData } from '../structured-data.ts';
import { FeaturedTopics } from '../../topics/featured-topics.tsx';

/** Every edition's home, in its language, and the default edition's as x-default. */
function homeAlternates(ctx: EditionContext): PageMeta['alternates'] {
  return hreflangLinks(ctx, ctx.catalog.editions.map((e) => ({ hreflang: e.code, href: ctx.homeOf(e.code) })));
}

/** Lead story, the latest, then a block per section. */
export function HomeView({ ctx, cards }: { ctx: EditionContext; cards: ArticleCard[] }) {
  const { edition, labels, t } = ctx;
  const home = ctx.abs(paths.edition(edition.code));
  const [lead, ...rest] = cards;
  const latest = rest.slice(0, 6);
  const shown = new Set([lead, ...latest].filter(Boolean).map((c) => c.id));
  const sections = ctx.catalog
    .sections(edition.code)
    .map((s) => ({ s, cards: cards.filter((c) => c.section_id === s.id && !shown.has(c.id)).slice(0, 4) }))
    .filter((x) => x.cards.length > 0);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: `${edition.name} – ${labels.latest}`,
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
            <Card card={lead} ctx={ctx} level={2} size="lead" eager kicker />
          </section>
          {latest.length > 0 && (
            <section class="home-latest" aria-labelledby="latest-title">
              <h2 id="latest-title">{labels.latest}</h2>
              {latest.map((c) => (
                <Card card={c} ctx={ctx} level={3} size="compact" kicker />
              ))}
            </section>
          )}
        </div>
      )}
      <FeaturedTopics ctx={ctx} />
      {sections.map(({ s, cards: list }) => (
        <section class="home-section" aria-labelledby={`section-${s.slug}`}>
          <h2 id={`section-${s.slug}`}>
            <a href={paths.section(edition.code, s.slug)}>{t(s.name)}</a>
          </h2>
          <div class="grid">
            {list.map((c) => (
              <Card card={c} ctx={ctx} level={3} />
            ))}
          </div>
        </section>
      ))}
    </Layout>
  );
}
