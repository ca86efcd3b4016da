import type { ComponentChildren } from 'preact';
import type { ArticlePage, ArticleRelations } from '../../content/article.repository.ts';
import { paths } from '../../content/paths.ts';
import type { SectionRow } from '../../store/schema.ts';
import { Block, Figure } from '../blocks.tsx';
import { articleMeta, translationLinks } from '../article-meta.ts';
import { languageName } from '../i18n.ts';
import type { EditionContext } from '../context.ts';
import { Layout, type PageMeta } from '../layout.tsx';
import { shareLinks } from '../share.ts';
import type { VideoView } from '../../video/video-view.ts';
import { Card } from '../cards.tsx';
import { Picture } from '../picture.tsx';
import { fillSlot } from '../slots.ts';

/** What a kind of article adds to the page (a live: its label above the headline, its entries after the body). */
export interface ArticleExtras {
  beforeHeadline?: ComponentChildren;
  afterBody?: ComponentChildren;
  /** Changes the page's head (a live's structured data, an entry's own sharing card). */
  meta?: (m: PageMeta) => PageMeta;
}

/**
 * The article page, in the order a reader meets it. As a newsroom `preview`,
 * it says so at the top and has no share block: its address is not public yet.
 */
export function ArticleView({ ctx, article, section, rel, preview = false, extras, videos }: { ctx: EditionContext; article: ArticlePage; section: SectionRow; rel: ArticleRelations; preview?: boolean; extras?: ArticleExtras; videos?: Map<number, VideoView> }) {
  const { t, labels, dates, edition } = ctx;
  const url = ctx.abs(paths.article(edition.code, section.slug, article.slug));
  const published = article.published_at!;
  const updated = article.updated_at && article.updated_at > published ? article.updated_at : null;
  const translations = translationLinks(ctx, rel);
  const own = articleMeta(ctx, article, section, rel, translations, videos);
  const meta = extras?.meta ? extras.meta(own) : own;
  return (
    <Layout
      ctx={ctx}
      meta={preview ? { ...meta, robots: 'noindex' } : meta}
      banner={preview ? labels.previewBanner : undefined}
    >
      <article class="article">
        <header class="article-header">
          {extras?.beforeHeadline}
          <p class="kicker">
            <a href={paths.section(edition.code, section.slug)}>{t(section.name)}</a>
          </p>
          <h1>{t(article.headline)}</h1>
          {article.standfirst && <p class="standfirst">{t(article.standfirst)}</p>}
          <div class="article-meta">
            {rel.authors.some((a) => a.photo) && (
              <div class="byline-photos">
                {rel.authors
                  .filter((a) => a.photo)
                  .map((a) => (
                    <Picture parse={ctx.variants} link={ctx.media} image={a.photo!} alt="" sizes="3rem" class="byline-photo" />
                  ))}
              </div>
            )}
            <div>
              {rel.authors.length > 0 && (
                <p class="byline">
                  {labels.by}{' '}
                  {rel.authors.map((a, i) => (
                    <>
                      {i > 0 && (i === rel.authors.length - 1 ? (edition.code.startsWith('fr') ? ' et ' : ' and ') : ', ')}
                      <a href={paths.author(edition.code, a.slug)} rel="author">
                        {a.name}
                      </a>
                    </>
                  ))}
                </p>
              )}
              <p class="dates">
                {labels.published} <time datetime={published}>{dates.long(published)}</time>
                {updated && (
                  <>
                    <br />
                    {labels.updated} <time datetime={updated}>{dates.long(updated)}</time>
                  </>
                )}
              </p>
            </div>
          </div>
          {translations.length > 0 && (
            <nav class="translations" aria-label={labels.translations}>
              <ul>
                {translations.map((tr) => (
                  <li>
                    <a href={tr.href} hreflang={tr.hreflang} lang={tr.hreflang}>
                      {languageName(tr.hreflang)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        {fillSlot(ctx.slots, 'articleTop', ctx, article)}
        {article.lead && <Figure f={article.lead} ctx={ctx} images={rel.images} videos={videos} lead />}
        <div class="article-body">
          {article.body.map((b) => (
            <Block block={b} ctx={ctx} images={rel.images} videos={videos} />
          ))}
        </div>
        {extras?.afterBody}
        {fillSlot(ctx.slots, 'articleEnd', ctx, article)}
        <footer class="article-footer">
          {!preview && (
          <section class="share" aria-labelledby="share-title" data-share-url={url} data-share-title={article.headline}>
            <h2 id="share-title">{labels.share}</h2>
            <ul>
              {shareLinks(url, article.headline, labels.shareByEmail).map((l) => (
                <li>
                  <a class={`share-${l.network}`} href={l.href} rel="noopener noreferrer" target={l.network === 'email' ? undefined : '_blank'}>
                    {l.label}
                  </a>
                </li>
              ))}
            </ul>
            {/* The row keeps its room while the script has not shown its buttons yet: showing them moves nothing. */}
            <p class="share-actions">
              <button type="button" class="share-copy" data-copied={labels.linkCopied} hidden>
                {labels.copyLink}
              </button>{' '}
              <button type="button" class="share-native" hidden>
                {labels.shareVia}
              </button>
            </p>
            <p class="share-status" role="status"></p>
          </section>
          )}
          {article.source_name && (
            <p class="source">
              {t(labels.source)}{' '}
              {article.source_url ? (
                <a href={article.source_url} rel="noopener">
                  {t(article.source_name)}
                </a>
              ) : (
                t(article.source_name)
              )}
            </p>
          )}
          {rel.tags.length > 0 && (
            <nav class="tags" aria-label={labels.tags}>
              <ul>
                {rel.tags.map((tag) => (
                  <li>
                    <a href={paths.tag(edition.code, tag.slug)}>{t(tag.name)}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </footer>
      </article>
      {rel.related.length > 0 && (
        <aside class="related" aria-labelledby="related-title">
          <h2 id="related-title" class="block-title">
            {labels.related}
          </h2>
          <div class={`blocks count-${rel.related.length}`}>
            {rel.related.map((r) => (
              <Card card={r} ctx={ctx} level={3} />
            ))}
          </div>
        </aside>
      )}
    </Layout>
  );
}
