import type { EditionContext } from '../render/context.ts';
import { JsonLd } from '../render/json-ld.tsx';
import { Picture, type PictureImage } from '../render/picture.tsx';
import { profileLabelsFor } from './profile-labels.ts';

/**
 * The head of a person's, an author's or a topic's page, above the list of their
 * articles: photo, role, description, other names and links, and for people and
 * authors the schema.org Person that search engines read (url, and sameAs for
 * the Wikidata item and the author's other pages).
 */

export interface ProfileData {
  kind: 'person' | 'author' | 'topic';
  name: string;
  /** The page's own path (its canonical address). */
  path: string;
  description: string | null;
  /** A person's or an author's job, as this edition words it. */
  role: string | null;
  photo: (PictureImage & { id: number }) | null;
  aliases: string[];
  wikidata: string | null;
  links: Array<{ network: string; url: string }>;
}

export const wikidataUrl = (item: string) => `https://www.wikidata.org/wiki/${item}`;

function absolute(ctx: EditionContext, url: string): string {
  return url.startsWith('/') ? ctx.abs(url) : url;
}

/** schema.org Person for a person's or an author's page. */
export function personStructuredData(ctx: EditionContext, p: ProfileData): object {
  const sameAs = [...(p.wikidata ? [wikidataUrl(p.wikidata)] : []), ...p.links.map((l) => l.url)];
  return {
    '@context': 'https://schema.org',
    '@type': 'Person',
    name: p.name,
    url: ctx.abs(p.path),
    ...(p.role ? { jobTitle: p.role } : {}),
    ...(p.description ? { description: p.description } : {}),
    ...(p.photo ? { image: absolute(ctx, ctx.media(p.photo.original)) } : {}),
    ...(p.aliases.length ? { alternateName: p.aliases } : {}),
    ...(sameAs.length ? { sameAs } : {}),
  };
}

export function ProfileHead({ ctx, profile }: { ctx: EditionContext; profile: ProfileData }) {
  const L = profileLabelsFor(ctx.edition.language || ctx.edition.code);
  const { t } = ctx;
  const p = profile;
  const empty = !p.photo && !p.description && !p.aliases.length && !p.wikidata && !p.links.length;
  return (
    <>
      {!empty && (
        <section class={`profile profile-${p.kind}`} aria-label={p.name}>
          {p.photo && <Picture class="profile-photo" image={p.photo} alt={p.name} sizes="8rem" eager parse={ctx.variants} link={ctx.media} memo={ctx.markup} />}
          <div class="profile-text">
            {p.description && <p class="profile-description">{t(p.description)}</p>}
            {p.aliases.length > 0 && (
              <p class="profile-aliases">
                {t(L.alsoKnownAs)}{' '}
                {p.aliases.map((a, i) => (
                  <>
                    {i > 0 && ', '}
                    <bdi>{a}</bdi>
                  </>
                ))}
              </p>
            )}
            {(p.links.length > 0 || p.wikidata) && (
              <nav aria-label={L.elsewhere}>
              <ul class="profile-links">
                {p.links.map((l) => (
                  <li>
                    <a href={l.url} rel="me noopener">
                      <bdi>{l.network}</bdi>
                    </a>
                  </li>
                ))}
                {p.wikidata && (
                  <li>
                    <a href={wikidataUrl(p.wikidata)} rel="noopener">
                      {L.wikidata}
                    </a>
                  </li>
                )}
              </ul>
              </nav>
            )}
          </div>
        </section>
      )}
      {p.kind !== 'topic' && <JsonLd data={[personStructuredData(ctx, p)]} />}
    </>
  );
}
