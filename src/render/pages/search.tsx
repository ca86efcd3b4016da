import { paths } from '../../content/paths.ts';
import { designLabelsFor } from '../design-labels.ts';
import type { Segment } from '../../search/highlight.ts';
import { searchQueryString, type SearchFilters } from '../../search/reader-search.params.ts';
import { KINDS } from '../../search/search-filters.ts';
import type { Named, ReaderSearchResult, SearchHit } from '../../search/reader-search.service.ts';
import type { NameHit } from '../../search/search.types.ts';
import type { EditionContext } from '../context.ts';
import { Layout } from '../layout.tsx';
import { Picture } from '../picture.tsx';

/**
 * The search page: the form (words, sort and filters, one GET form that works
 * without JavaScript), the people and topics that match, the articles with
 * their matching words marked, and real links to the other pages. Marked words
 * come as plain segments and are written as text inside <mark>: Preact escapes
 * them like any other text, so a hostile headline stays text.
 */

export function Marked({ segments, t }: { segments: Segment[]; t: (s: string) => string }) {
  return <>{segments.map((s) => (s.mark ? <mark>{t(s.text)}</mark> : t(s.text)))}</>;
}

/** Where a matching name leads. */
export function namePath(edition: string, n: NameHit): string {
  return n.kind === 'tag' ? paths.tag(edition, n.slug) : n.kind === 'person' ? paths.person(edition, n.slug) : paths.author(edition, n.slug);
}

function Hit({ hit, ctx, eager }: { hit: SearchHit; ctx: EditionContext; eager: boolean }) {
  const { card } = hit;
  const section = ctx.catalog.sectionById(card.section_id);
  const href = paths.article(card.edition, section?.slug ?? '-', card.slug);
  return (
    <article class="search-hit">
      {card.image && <Picture parse={ctx.variants} link={ctx.media} memo={ctx.markup} image={card.image} alt="" sizes="(min-width: 52rem) 12rem, 30vw" eager={eager} />}
      <div class="search-hit-text">
        {section && <p class="kicker">{ctx.t(section.name)}</p>}
        <h2>
          <a href={href}>
            <Marked segments={hit.headline} t={ctx.t} />
          </a>
        </h2>
        {hit.standfirst.length > 0 && (
          <p class="standfirst">
            <Marked segments={hit.standfirst} t={ctx.t} />
          </p>
        )}
        {hit.snippet.length > 0 && (
          <p class="snippet">
            <Marked segments={hit.snippet} t={ctx.t} />
          </p>
        )}
        <time datetime={card.published_at}>{ctx.dates.short(card.published_at)}</time>
      </div>
    </article>
  );
}

function Select(props: { name: string; label: string; any: string; value?: string; options: Array<{ value: string; label: string }> }) {
  const id = `search-${props.name}`;
  return (
    <p class="search-field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </p>
  );
}

const named = (xs: Named[]) => xs.map((n) => ({ value: n.slug, label: n.name }));

function SearchForm({ ctx, r }: { ctx: EditionContext; r: ReaderSearchResult }) {
  const s = ctx.labels.search;
  const f: SearchFilters = r.filters;
  const sections = ctx.catalog.sections(ctx.edition.code).filter((x) => x.in_nav === 1 || x.slug === f.section);
  return (
    <form class="search-form" role="search" aria-label={s.refine} method="get" action={paths.search(ctx.edition.code)}>
      <p class="search-words">
        <label for="search-q">{s.label}</label>
        <input id="search-q" type="search" name="q" value={r.q} maxLength={200} autocomplete="off" />
        <button type="submit">{s.submit}</button>
      </p>
      <fieldset class="search-refine">
        <legend>{s.refine}</legend>
        <Select name="sort" label={s.sort} any={s.relevance} value={f.sort === 'date' ? 'date' : undefined} options={[{ value: 'date', label: s.date }]} />
        <Select name="section" label={s.section} any={s.anySection} value={f.section} options={sections.map((x) => ({ value: x.slug, label: ctx.t(x.name) }))} />
        <Select name="topic" label={s.topic} any={s.anyTopic} value={f.topic} options={named(r.facets.topics)} />
        <Select name="person" label={s.person} any={s.anyPerson} value={f.person} options={named(r.facets.people)} />
        <Select name="type" label={s.type} any={s.anyType} value={f.type} options={KINDS.map((k) => ({ value: k, label: s.types[k] }))} />
        <p class="search-field">
          <label for="search-from">{s.from}</label>
          <input id="search-from" type="date" name="from" value={f.from ?? ''} />
        </p>
        <p class="search-field">
          <label for="search-to">{s.to}</label>
          <input id="search-to" type="date" name="to" value={f.to ?? ''} />
        </p>
        <p class="search-actions">
          <button type="submit">{s.apply}</button>
          {hasFilters(f) && <a href={paths.search(ctx.edition.code) + searchQueryString(r.q, { sort: f.sort })}>{s.clear}</a>}
        </p>
      </fieldset>
    </form>
  );
}

const hasFilters = (f: SearchFilters) => Boolean(f.section || f.topic || f.person || f.type || f.from || f.to);

function Names({ ctx, names, title, id }: { ctx: EditionContext; names: NameHit[]; title: string; id: string }) {
  return (
    <nav class="search-names" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul>
        {names.map((n) => (
          <li>
            <a href={namePath(ctx.edition.code, n)}>{n.name}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Previous, a window of page numbers, next: plain links, so every page is reachable without JavaScript. */
function Pages({ ctx, r }: { ctx: EditionContext; r: ReaderSearchResult }) {
  const s = ctx.labels.search;
  const last = r.hasMore ? r.page + 1 : r.page;
  if (last <= 1) return null;
  const known = Math.max(last, Math.ceil(r.total / r.perPage));
  const first = Math.max(1, r.page - 3);
  const numbers = Array.from({ length: Math.min(known, r.page + 3) - first + 1 }, (_, i) => first + i);
  const href = (n: number) => paths.search(ctx.edition.code) + searchQueryString(r.q, r.filters, n);
  return (
    <nav class="pagination" aria-label={s.pages}>
      {r.page > 1 && (
        <a href={href(r.page - 1)} rel="prev">
          {s.previous}
        </a>
      )}
      <ul>
        {numbers.map((n) => (
          <li>{n === r.page ? <span aria-current="page">{ctx.labels.page(n)}</span> : <a href={href(n)}>{ctx.labels.page(n)}</a>}</li>
        ))}
      </ul>
      {r.hasMore && (
        <a href={href(r.page + 1)} rel="next">
          {s.next}
        </a>
      )}
    </nav>
  );
}

export function SearchView({ ctx, r }: { ctx: EditionContext; r: ReaderSearchResult }) {
  const s = ctx.labels.search;
  const heading = r.q ? s.resultsFor(r.q) : s.title;
  return (
    <Layout ctx={ctx} meta={{ title: `${heading} – ${ctx.edition.name}`, description: designLabelsFor(ctx.language).listingDescription(heading, ctx.edition.name), robots: 'noindex', extraAssets: { css: ctx.assets.pages?.search } }}>
      <h1>{heading}</h1>
      <SearchForm ctx={ctx} r={r} />
      {r.cut && <p class="search-notice">{s.cut(200)}</p>}
      {r.state === 'empty' && <p class="search-notice">{s.empty}</p>}
      {r.state === 'stopwords' && <p class="search-notice">{s.stopWordsOnly}</p>}
      {r.names.length > 0 && <Names ctx={ctx} names={r.names} title={s.names} id="search-names-title" />}
      {(r.state === 'results' || r.state === 'none') && <p class="search-count">{s.count(r.total, r.totalIsEstimate)}</p>}
      {r.state === 'none' && <p class="search-none">{s.noResults(r.q)}</p>}
      {r.closestTopics.length > 0 && <Names ctx={ctx} names={r.closestTopics} title={s.closestTopics} id="search-closest-title" />}
      {r.state === 'results' && r.hits.length === 0 && (
        <p class="search-notice">
          {s.pastTheEnd} <a href={paths.search(ctx.edition.code) + searchQueryString(r.q, r.filters)}>{s.firstPage}</a>
        </p>
      )}
      {r.hits.length > 0 && (
        <div class="search-results">
          {r.hits.map((h, i) => (
            <Hit hit={h} ctx={ctx} eager={i === 0 && r.page === 1} />
          ))}
        </div>
      )}
      <Pages ctx={ctx} r={r} />
    </Layout>
  );
}
