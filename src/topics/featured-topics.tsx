import { paths } from '../content/paths.ts';
import { profileLabelsFor } from '../people/profile-labels.ts';
import type { EditionContext } from '../render/context.ts';

/**
 * The topics the newsroom features on an edition's home page (tags.featured),
 * from the catalog: no query of its own. Nothing when none is featured.
 */
export function FeaturedTopics({ ctx }: { ctx: EditionContext }) {
  const topics = ctx.catalog.featuredTopics(ctx.edition.code);
  if (!topics.length) return null;
  const L = profileLabelsFor(ctx.edition.language || ctx.edition.code);
  return (
    <section class="featured-topics" aria-labelledby="featured-topics-title">
      <h2 id="featured-topics-title">{L.featuredTopics}</h2>
      <ul>
        {topics.map((t) => (
          <li>
            <a href={paths.tag(ctx.edition.code, t.slug)}>
              <bdi>{ctx.t(t.name)}</bdi>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
