import type { ComponentChildren } from 'preact';
import type { ArticleCard } from '../../content/article.repository.ts';
import { Card } from '../cards.tsx';
import type { EditionContext } from '../context.ts';
import { listingFeeds } from '../feed-links.ts';
import { Layout } from '../layout.tsx';
import { socialTags } from '../social-meta.ts';
import { designLabelsFor } from '../design-labels.ts';

/** Section, tag, person and author pages: a title, the newest article as a lead, a grid of the others, pagination. */
export function ListingView(props: {
  ctx: EditionContext;
  title: string;
  intro?: string;
  path: string;
  page: number;
  hasOlder: boolean;
  cards: ArticleCard[];
  sectionId?: number;
  kicker?: boolean;
  /** Shown above the articles (a section's newest videos). */
  before?: ComponentChildren;
  /** The page's clock (ISO), for the cards' times ("14:05", "hier"). */
  now?: string;
}) {
  const { ctx, page } = props;
  const { labels, t } = ctx;
  const pageUrl = (n: number) => (n === 1 ? props.path : `${props.path}?page=${n}`);
  const canonical = ctx.abs(pageUrl(page));
  // The first page opens on its newest article, larger; the others are a grid of equal cards.
  const lead = page === 1 ? props.cards[0] : undefined;
  const rest = lead ? props.cards.slice(1) : props.cards;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: `${props.title}${page > 1 ? ` – ${labels.page(page)}` : ''} – ${ctx.edition.name}`,
        description: props.intro ? t(props.intro) : designLabelsFor(ctx.language).listingDescription(t(props.title), ctx.edition.name),
        canonical,
        sectionId: props.sectionId,
        feeds: listingFeeds(ctx, props.path, t(props.title), props.sectionId),
        social: socialTags(ctx, { type: 'website', title: t(props.title), description: props.intro && t(props.intro), url: canonical }),
      }}
    >
      <h1>{t(props.title)}</h1>
      {props.intro && <p class="listing-intro">{t(props.intro)}</p>}
      {props.before}
      {props.cards.length === 0 && <p>{labels.noArticles}</p>}
      {lead && <div class="listing-lead">{<Card card={lead} ctx={ctx} level={2} size="lead" eager kicker={props.kicker} now={props.now} />}</div>}
      {rest.length > 0 && (
        <div class="listing grid">
          {rest.map((c) => (
            <Card card={c} ctx={ctx} level={2} kicker={props.kicker} now={props.now} />
          ))}
        </div>
      )}
      {(page > 1 || props.hasOlder) && (
        <nav class="pagination" aria-label={labels.pagination}>
          {page > 1 && (
            <a href={pageUrl(page - 1)} rel="prev">
              {labels.newer}
            </a>
          )}
          <span aria-current="page">{labels.page(page)}</span>
          {props.hasOlder && (
            <a href={pageUrl(page + 1)} rel="next">
              {labels.older}
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}
