import type { ArticleCard } from '../content/article.repository.ts';
import { paths } from '../content/paths.ts';
import type { EditionContext } from './context.ts';
import { Picture } from './picture.tsx';

/** An article in a list: picture, kicker, headline, standfirst, time. */
export function Card(props: {
  card: ArticleCard;
  ctx: EditionContext;
  level: 2 | 3;
  size?: 'lead' | 'normal' | 'compact';
  eager?: boolean;
  kicker?: boolean;
}) {
  const { card, ctx } = props;
  const section = ctx.catalog.sectionById(card.section_id);
  const href = paths.article(card.edition, section?.slug ?? '-', card.slug);
  const image = props.size !== 'compact' ? card.image : null;
  const H = props.level === 2 ? 'h2' : 'h3';
  return (
    <article class={`card card-${props.size ?? 'normal'}`}>
      {image && (
        <Picture
          parse={ctx.variants}
          link={ctx.media}
          memo={ctx.markup}
          image={image}
          alt=""
          sizes={props.size === 'lead' ? '(min-width: 52rem) 40rem, 100vw' : '(min-width: 52rem) 20rem, 100vw'}
          eager={props.eager}
        />
      )}
      <div class="card-text">
        {props.kicker && section && <p class="kicker">{ctx.t(section.name)}</p>}
        <H>
          <a href={href}>{ctx.t(card.headline)}</a>
        </H>
        {props.size !== 'compact' && card.standfirst && <p class="standfirst">{ctx.t(card.standfirst)}</p>}
        <time datetime={card.published_at}>{ctx.dates.short(card.published_at)}</time>
      </div>
    </article>
  );
}
