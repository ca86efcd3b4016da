import type { EditionContext } from '../render/context.ts';
import { identityLabelsFor } from './identity-labels.ts';

/** How each network writes its own name (brand names: the same in every language). */
const NETWORK_NAMES: Record<string, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  threads: 'Threads',
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
};

/**
 * The edition's social accounts as a list of links, for the footer (the
 * design's FooterContents renders it). `rel="me"` lets a network that checks
 * it (Mastodon) confirm the account is the site's. Nothing when none is set.
 */
export function SocialLinks({ ctx }: { ctx: EditionContext }) {
  const social = ctx.identity.social;
  if (!social?.length) return null;
  const l = identityLabelsFor(ctx.edition.language || ctx.edition.code);
  return (
    <nav class="social-links" aria-label={l.social}>
      <ul>
        {social.map((s) => {
          const name = NETWORK_NAMES[s.network] ?? new URL(s.url).hostname.replace(/^www\./, '');
          return (
            <li>
              <a href={s.url} rel="me noopener" aria-label={l.on(ctx.edition.name, name)}>
                <bdi>{name}</bdi>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
