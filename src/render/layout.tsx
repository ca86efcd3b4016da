import type { ComponentChildren, VNode } from 'preact';
import { AlertBanner } from '../alerts/alert-banner.tsx';
import { PushButton } from '../push/push-button.tsx';
import { renderToString } from 'preact-render-to-string';
import { paths } from '../content/paths.ts';
import type { EditionContext } from './context.ts';
import type { FeedLink } from './feed-links.ts';
import { HeadExtras } from './head.tsx';
import { Brand } from '../identity/brand.tsx';
import { IdentityHead, ThemeStyles } from '../identity/identity-head.tsx';
import { raw } from './raw.tsx';
import { fillSlot } from './slots.ts';
import { designLabelsFor } from './design-labels.ts';
import { parseIdentity } from '../identity/identity.ts';
import { feedPaths } from '../feeds/feed-paths.ts';
import type { SocialTag } from './social-meta.ts';

export interface PageMeta {
  title: string;
  description?: string;
  /** Absolute canonical URL. */
  canonical?: string;
  /** The section to mark as current in the navigation. */
  sectionId?: number;
  robots?: string;
  /** The same page in other editions' languages (hreflang), absolute; `x-default` included. */
  alternates?: Array<{ hreflang: string; href: string }>;
  /** Feeds that follow this page, for feed readers to discover. */
  feeds?: FeedLink[];
  /** oEmbed discovery: the endpoint describing this page. */
  oembed?: { href: string; title: string };
  /** Open Graph and X card tags. */
  social?: SocialTag[];
  /** schema.org objects, written as one JSON-LD data block. */
  jsonLd?: object[];
  /** A page kind's own stylesheet and script (a live page's), after the site's. */
  extraAssets?: { css?: string; js?: string };
  /** The page shows a video player (src/video/video-player.tsx): its stylesheet and script are added. */
  player?: boolean;
}

/** The site header's contents: brand, the live channel's button, search, the other editions; then the sections (`current` marked). */
function HeaderContents({ ctx, current }: { ctx: EditionContext; current: number | undefined }) {
  const { edition, labels, catalog } = ctx;
  const menu = catalog.menu(edition.code, 'header');
  return (
    <>
      <div class="masthead wrap">
        <Brand ctx={ctx} />
        {catalog.channel(edition.code)?.onAir && (
          <a class="on-air" href={paths.direct(edition.code)}>
            {labels.onAir}
          </a>
        )}
        <SearchBox ctx={ctx} />
        {catalog.editions.length > 1 && (
          <nav class="editions" aria-label={labels.editions}>
            <ul>
              {catalog.editions.map((e) => (
                <li>
                  <a href={paths.edition(e.code)} hreflang={e.code} lang={e.code} aria-current={e.code === edition.code ? 'true' : undefined}>
                    {e.code.toUpperCase()}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {fillSlot(ctx.slots, 'header', ctx)}
      </div>
      {menu.length > 0 && (
        <nav class="sections" aria-label={labels.mainNav}>
          <ul class="wrap">
            {menu.map((m) => (
              <li>
                <a href={m.href} aria-current={m.kind === 'section' && m.targetId === current ? 'page' : undefined}>
                  {ctx.t(m.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {fillSlot(ctx.slots, 'belowNav', ctx)}
    </>
  );
}

/**
 * The header's search box: a GET form to the edition's search page, which works
 * without JavaScript; site.js adds suggestions as one types, from the URL in
 * `data-suggest`.
 */
function SearchBox({ ctx }: { ctx: EditionContext }) {
  const s = ctx.labels.search;
  const code = ctx.edition.code;
  return (
    <form class="site-search" role="search" aria-label={s.title} method="get" action={paths.search(code)}>
      <label class="visually-hidden" for="site-search-q">
        {s.label}
      </label>
      <input
        id="site-search-q"
        type="search"
        name="q"
        maxLength={200}
        autocomplete="off"
        data-suggest={`/api/content/search/suggest?edition=${encodeURIComponent(code)}`}
        data-suggest-label={s.suggestions}
      />
      <button type="submit">{s.submit}</button>
    </form>
  );
}

/** One column of the footer: a heading and its links; nothing when it has none. */
function FooterColumn({ title, links }: { title: string; links: Array<{ href: string; label: string; lang?: string; rel?: string }> }) {
  if (links.length === 0) return null;
  return (
    <div class="footer-col">
      <h2>{title}</h2>
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href} lang={l.lang} hreflang={l.lang} rel={l.rel}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The footer: the footer menu (or the sections), the static pages, social
 * accounts and feeds, the other editions, the push opt-in, the legal line.
 */
function FooterContents({ ctx }: { ctx: EditionContext }) {
  const { edition, catalog } = ctx;
  const d = designLabelsFor(ctx.language);
  const code = edition.code;
  const own = catalog.menu(code, 'footer');
  const sections = catalog.sections(code).filter((s) => s.in_nav === 1 && !s.parent_id);
  const menu = own.length > 0 ? own.map((m) => ({ href: m.href, label: ctx.t(m.label) })) : sections.map((s) => ({ href: paths.section(code, s.slug), label: ctx.t(s.name) }));
  // A page the footer menu links already is not listed twice.
  const linked = new Set(own.filter((m) => m.kind === 'page').map((m) => m.targetId));
  const pages = catalog.pages(code).filter((p) => p.inFooter && !linked.has(p.id)).map((p) => ({ href: paths.page(code, p.slug), label: ctx.t(p.title) }));
  const social = (parseIdentity(edition.identity).social ?? []).map((s) => ({ href: s.url, label: networkName(s.network), rel: 'me noopener' }));
  const feeds = [
    { href: feedPaths.edition(code, 'rss'), label: `${d.allNews} (RSS)` },
    { href: feedPaths.edition(code, 'atom'), label: `${d.allNews} (Atom)` },
  ];
  const editions = catalog.editions.filter((e) => e.code !== code).map((e) => ({ href: paths.edition(e.code), label: e.name, lang: e.code }));
  return (
    <div class="wrap">
      {fillSlot(ctx.slots, 'footer', ctx)}
      <div class="footer-top">
        <Brand ctx={ctx} />
        <PushButton ctx={ctx} />
      </div>
      <div class="footer-cols">
        <FooterColumn title={own.length > 0 ? edition.name : d.sections} links={menu} />
        <FooterColumn title={d.about} links={pages} />
        <FooterColumn title={d.follow} links={social} />
        <FooterColumn title={d.feeds} links={feeds} />
        <FooterColumn title={d.otherEditions} links={editions} />
      </div>
      <p class="legal">{d.rights(ctx.siteName === edition.name ? edition.name : `${ctx.siteName} – ${edition.name}`)}</p>
      {fillSlot(ctx.slots, 'footerEnd', ctx)}
    </div>
  );
}

/** A social network's name as its link shows it. */
function networkName(network: string): string {
  const known: Record<string, string> = { x: 'X', twitter: 'X', facebook: 'Facebook', instagram: 'Instagram', youtube: 'YouTube', tiktok: 'TikTok', linkedin: 'LinkedIn', bluesky: 'Bluesky', mastodon: 'Mastodon', threads: 'Threads', whatsapp: 'WhatsApp', telegram: 'Telegram' };
  return known[network.toLowerCase()] ?? network;
}

/**
 * Markup that depends only on the edition's catalog, rendered by Preact (so
 * escaped like the rest of the page) once per catalog load and kept in the
 * edition's context, then inserted as is.
 */
function framePart(ctx: EditionContext, name: string, make: () => VNode<any>): ReturnType<typeof raw> {
  let html = ctx.markup.get(name);
  if (html === undefined) ctx.markup.set(name, (html = renderToString(make())));
  return raw(html);
}

/** The frame of every reader page: skip link, header with the sections, main, footer. */
export function Layout({ ctx, meta, children, banner }: { ctx: EditionContext; meta: PageMeta; children: ComponentChildren; banner?: string }) {
  const { edition, labels } = ctx;
  const current = meta.sectionId;
  return (
    <html lang={ctx.language} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        {meta.description && <meta name="description" content={meta.description} />}
        {meta.robots && <meta name="robots" content={meta.robots} />}
        {meta.canonical && <link rel="canonical" href={meta.canonical} />}
        <ThemeStyles ctx={ctx} />
        <link rel="stylesheet" href={ctx.assets.css} />
        <script src={ctx.assets.js} defer></script>
        {ctx.assets.alerts && <script src={ctx.assets.alerts} defer></script>}
        {meta.extraAssets?.css && <link rel="stylesheet" href={meta.extraAssets.css} />}
        {meta.extraAssets?.js && <script src={meta.extraAssets.js} defer></script>}
        {meta.player && ctx.assets.video && <link rel="stylesheet" href={ctx.assets.video.css} />}
        {meta.player && ctx.assets.video && <script src={ctx.assets.video.js} defer></script>}
        <IdentityHead ctx={ctx} />
        <HeadExtras meta={meta} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {labels.skipToContent}
        </a>
        {banner && (
          <p class="page-banner" role="note">
            {banner}
          </p>
        )}
        <AlertBanner ctx={ctx} />
        <header class="site-header" {...framePart(ctx, `header:${current ?? ''}`, () => <HeaderContents ctx={ctx} current={current} />)} />
        <main id="main" tabindex={-1} class="wrap">
          {children}
        </main>
        <footer class="site-footer" {...framePart(ctx, 'footer', () => <FooterContents ctx={ctx} />)} />
      </body>
    </html>
  );
}
