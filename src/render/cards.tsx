import type { ArticleCard } from '../content/article.repository.ts';
import { paths } from '../content/paths.ts';
import { renderToString } from 'preact-render-to-string';
import type { EditionContext } from './context.ts';
import { MEMO_MAX, Picture } from './picture.tsx';
import { raw } from './raw.tsx';
import { liveLabelsFor } from '../live/live-labels.ts';
import { videoLabelsFor } from '../video/video-labels.ts';

type CardProps = {
  card: ArticleCard;
  ctx: EditionContext;
  level: 2 | 3;
  size?: 'lead' | 'normal' | 'compact';
  eager?: boolean;
  kicker?: boolean;
  /** The page's clock (ISO): the card says "14:05" or "hier" instead of the date. */
  now?: string;
};

/**
 * An article in a list: picture, kicker, headline, standfirst, time. A card
 * is a pure function of its row, these props and the edition context (its
 * catalog gives the section), so Preact renders it once per context and it is
 * inserted again as finished markup (kept in the context's `markup` by
 * everything it is made from).
 */
export function Card(props: CardProps) {
  const { card, ctx } = props;
  const size = props.size ?? 'normal';
  const image = size !== 'compact' ? card.image : null;
  const when = props.now ? ctx.dates.relative(card.published_at, props.now) : ctx.dates.short(card.published_at);
  const key =
    `card\0${when}\0${props.level}\0${size}\0${props.eager ? 1 : 0}\0${props.kicker ? 1 : 0}\0${card.edition}\0${card.section_id}\0${card.slug}\0${card.headline}\0${card.standfirst ?? ''}\0${card.published_at}\0${card.live ? 1 : 0}\0${card.video ? 1 : 0}` +
    (image ? `\0${image.original}\0${image.width}\0${image.height}\0${image.focal_x ?? ''}\0${image.focal_y ?? ''}\0${typeof image.variants === 'string' ? image.variants : JSON.stringify(image.variants)}` : '');
  let html = ctx.markup.get(key);
  if (html === undefined) {
    html = renderToString(<CardContents {...props} when={when} />);
    if (ctx.markup.size >= MEMO_MAX) ctx.markup.clear();
    ctx.markup.set(key, html);
  }
  return <article class={`card card-${size}${image ? '' : ' card-text-only'}`} {...raw(html)} />;
}

function CardContents(props: CardProps & { when: string }) {
  const { card, ctx } = props;
  const section = ctx.catalog.sectionById(card.section_id);
  const href = paths.article(card.edition, section?.slug ?? '-', card.slug);
  const image = props.size !== 'compact' ? card.image : null;
  const H = props.level === 2 ? 'h2' : 'h3';
  return (
    <>
      {image && (
        <Picture
          parse={ctx.variants}
          link={ctx.media}
          image={image}
          alt=""
          sizes={props.size === 'lead' ? '(min-width: 64rem) 46rem, 100vw' : '(min-width: 64rem) 22rem, (min-width: 40rem) 50vw, 100vw'}
          eager={props.eager}
        />
      )}
      <div class="card-text">
        {props.kicker && section && <p class="kicker">{ctx.t(section.name)}</p>}
        <H>
          <a href={href}>
            {card.live && <span class="card-live">{liveLabelsFor(ctx.language).live}</span>}
            {card.video && <span class="card-video">{videoLabelsFor(ctx.language).videoMark}</span>}
            {ctx.t(card.headline)}
          </a>
        </H>
        {props.size !== 'compact' && card.standfirst && <p class="standfirst">{ctx.t(card.standfirst)}</p>}
        <time datetime={card.published_at}>{props.when}</time>
      </div>
    </>
  );
}
