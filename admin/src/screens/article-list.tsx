import { useEffect, useState } from 'preact/hooks';
import { api, query, type User } from '../api.ts';
import { SelectField, TextField } from '../components/fields.tsx';
import { ListTable } from '../components/list-section.tsx';
import { FoundIn, type Found } from '../components/found-in.tsx';
import { ErrorSummary, PageHeading } from '../components/ui.tsx';
import { useEditions, useSections } from '../data.ts';
import { t } from '../i18n.ts';
import { BASE, navigate } from '../router.ts';
import { STATUSES, type ArticleSummary } from '../types.ts';
import { ADMIN_SORTS, DEFAULT_ADMIN_SORT, type AdminSortKey } from '../../../src/newsroom/api-shapes.ts';

interface Filters {
  status: string;
  section: string;
  edition: string;
  q: string;
  /** A user's id: the signed-in user's for "my articles". */
  owner: string;
  topic: string;
  person: string;
  type: string;
  from: string;
  to: string;
  /** The page's number, as shown; past page 1 the cursor says where the page starts. */
  page: number;
  cursor: string;
  /** As the API takes it: a column, `-` first for descending, or relevance; '' for the default. */
  sort: string;
}

/** The filters besides the search and the order, as the address and the API name them. */
const NARROWING = ['status', 'section', 'edition', 'owner', 'topic', 'person', 'type', 'from', 'to'] as const;

/** The sort in the address, when it is one the list offers; '' (the default) otherwise. */
function sortFrom(raw: string | null): string {
  const key = raw?.replace(/^-/, '');
  return raw && (raw === 'relevance' || (ADMIN_SORTS as readonly string[]).includes(key!)) ? raw : '';
}

/** The order the list is in: the one asked for, else relevance for a search and the last change otherwise. */
function effectiveSort(f: Filters): string {
  return f.sort || (f.q ? 'relevance' : DEFAULT_ADMIN_SORT);
}

/** A header's next sort: the other direction when the list is sorted by it, else dates newest first and text A to Z. */
function nextSort(current: string, key: AdminSortKey): string {
  if (current === key) return `-${key}`;
  if (current === `-${key}`) return key;
  return key === 'changed' || key === 'published' ? `-${key}` : key;
}

function filtersFrom(q: URLSearchParams): Filters {
  return {
    ...(Object.fromEntries(NARROWING.map((k) => [k, q.get(k) ?? ''])) as Record<(typeof NARROWING)[number], string>),
    q: q.get('q') ?? '',
    page: Math.max(1, Number(q.get('page') ?? 1) || 1),
    cursor: q.get('cursor') ?? '',
    sort: sortFrom(q.get('sort')),
  };
}

const narrowing = (f: Filters) => Object.fromEntries(NARROWING.map((k) => [k, f[k] || undefined]));

function listUrl(f: Filters): string {
  return `${BASE}/articles${query({ ...narrowing(f), q: f.q, sort: f.sort || undefined, page: f.page > 1 ? f.page : undefined, cursor: f.page > 1 && f.cursor ? f.cursor : undefined })}`;
}

/** Slugs and names the API offers for what is being typed (topics, people), for a datalist. */
function useSuggestions(path: string, key: string, typed: string): Array<{ slug: string; name: string }> {
  const [list, setList] = useState<Array<{ slug: string; name: string }>>([]);
  useEffect(() => {
    if (typed.trim().length < 2) return;
    const ctl = new AbortController();
    api
      .get<Record<string, Array<{ slug: string; name: string }>>>(`${path}${query({ q: typed })}`, { signal: ctl.signal })
      .then((r) => setList(r[key] ?? []))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [typed]);
  return list;
}

/**
 * The articles, last change first or sorted by a column, filtered, and searched in every field (then by relevance, each
 * article saying where the words were found). Filters and sort live in the address.
 */
export function ArticleList(props: { user: User; query: URLSearchParams }) {
  const applied = filtersFrom(props.query);
  const [form, setForm] = useState<Filters>(applied);
  const [result, setResult] = useState<{
    articles: Array<ArticleSummary & { found?: Found[] }>;
    page: number;
    hasMore: boolean;
    nextCursor: string | null;
    prevCursor: string | null;
    total?: number;
    totalIsEstimate?: boolean;
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const editions = useEditions();
  const allSections = useSections('*');
  // The section filter offers the chosen edition's sections, or every one (with its edition) when none is chosen.
  const sections = form.edition ? allSections.filter((s) => s.edition === form.edition) : allSections;
  const several = new Set(allSections.map((s) => s.edition)).size > 1;
  const key = listUrl(applied);

  useEffect(() => {
    setForm(applied);
    const ctl = new AbortController();
    setError(null);
    api
      .get(`/api/admin/articles${query({ ...narrowing(applied), q: applied.q, sort: applied.sort || undefined, ...(applied.page > 1 && applied.cursor ? { cursor: applied.cursor } : { page: applied.page }) })}`, { signal: ctl.signal })
      .then((r) => setResult(r))
      .catch((err) => {
        if ((err as Error).name !== 'AbortError') setError(err);
      });
    return () => ctl.abort();
  }, [key]);

  const submit = (e: Event) => {
    e.preventDefault();
    // A new search starts in the order of relevance; new filters keep the order chosen.
    navigate(listUrl({ ...form, sort: form.q !== applied.q ? '' : applied.sort, page: 1, cursor: '' }));
  };
  /** A column header: a button that sorts by the column (again: the other way), and says how the list is sorted. */
  const columns: Array<[string, AdminSortKey | null]> = [
    [t.list.headline, 'headline'],
    [t.list.status, 'status'],
    [t.list.section, 'section'],
    [t.list.edition, 'edition'],
    [t.list.authors, null],
    [t.list.published, 'published'],
    [t.list.updated, 'changed'],
  ];
  const sort = effectiveSort(applied);
  const sortedAs = (key: AdminSortKey | null) => (key === null ? undefined : sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined);
  const topics = useSuggestions('/api/admin/tags', 'tags', form.topic);
  const people = useSuggestions('/api/admin/people', 'people', form.person);
  const set = (k: keyof Filters) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const sectionName = (edition: string, slug: string) => allSections.find((s) => s.slug === slug && (s.edition ?? edition) === edition)?.name ?? slug;

  return (
    <>
      <PageHeading title={t.list.title}>
        <a class="btn btn--primary" href={`${BASE}/articles/new`}>
          {t.list.newArticle}
        </a>
      </PageHeading>

      <form role="search" aria-label={t.list.filters} class="filters" onSubmit={submit}>
        <TextField label={t.list.search} hint={t.list.searchHint} type="search" name="q" value={form.q} onInput={set('q')} class="filters__search" />
        <SelectField
          label={t.list.status}
          name="status"
          value={form.status}
          onChange={set('status')}
          placeholder={t.list.any}
          options={STATUSES.map((s) => ({ value: s, label: t.statuses[s] }))}
        />
        <SelectField
          label={t.list.edition}
          name="edition"
          value={form.edition}
          onChange={(v) => setForm((f) => ({ ...f, edition: v, section: '' }))}
          placeholder={t.list.anyFem}
          options={editions.map((e) => ({ value: e.code, label: e.name }))}
        />
        <SelectField
          label={t.list.section}
          name="section"
          value={form.section}
          onChange={set('section')}
          placeholder={t.list.anyFem}
          options={[...new Map(sections.map((s) => [s.slug, { value: s.slug, label: !form.edition && several ? `${s.name} (${s.edition})` : s.name }])).values()]}
        />
        <SelectField
          label={t.list.owner}
          name="owner"
          value={form.owner}
          onChange={set('owner')}
          placeholder={t.list.any}
          options={[{ value: String(props.user.id), label: t.list.mine }, ...(form.owner && form.owner !== String(props.user.id) ? [{ value: form.owner, label: `#${form.owner}` }] : [])]}
        />
        <TextField label={t.list.topic} hint={t.list.topicHint} name="topic" value={form.topic} onInput={set('topic')} list="list-topics" />
        <datalist id="list-topics">
          {topics.map((x) => (
            <option key={x.slug} value={x.slug}>
              {x.name}
            </option>
          ))}
        </datalist>
        <TextField label={t.list.person} hint={t.list.personHint} name="person" value={form.person} onInput={set('person')} list="list-people" />
        <datalist id="list-people">
          {people.map((x) => (
            <option key={x.slug} value={x.slug}>
              {x.name}
            </option>
          ))}
        </datalist>
        <SelectField
          label={t.list.type}
          name="type"
          value={form.type}
          onChange={set('type')}
          placeholder={t.list.any}
          options={['article', 'video', 'wire'].map((k) => ({ value: k, label: t.list.types[k]! }))}
        />
        <TextField label={t.list.from} hint={t.list.datesHint} type="date" name="from" value={form.from} onInput={set('from')} />
        <TextField label={t.list.to} type="date" name="to" value={form.to} onInput={set('to')} />
        <div class="filters__actions">
          <button type="submit" class="btn">
            {t.list.apply}
          </button>
          <a href={`${BASE}/articles`} class="btn btn--quiet">
            {t.list.reset}
          </a>
        </div>
      </form>

      <ErrorSummary error={error} />
      {applied.q && result && result.total !== undefined ? (
        <p class="search-summary" role="status">
          {t.list.total(result.total, !!result.totalIsEstimate)}
          {' · '}
          {sort === 'relevance' ? (
            t.list.sortedByRelevance
          ) : (
            <>
              {t.list.sortedByColumn}{' '}
              <a href={listUrl({ ...applied, sort: '', page: 1, cursor: '' })}>{t.list.sortRelevance}</a>
            </>
          )}
        </p>
      ) : null}
      <ListTable
        rows={result?.articles ?? null}
        failed={!!error}
        empty={t.list.empty}
        caption={t.list.caption(applied.page)}
        columns={columns.map(([label, key]) =>
          key === null ? (
            label
          ) : (
            <button type="button" class="th-sort" onClick={() => navigate(listUrl({ ...applied, sort: nextSort(sort, key), page: 1, cursor: '' }))}>
              {label}
              <span aria-hidden="true">{sortedAs(key) === 'ascending' ? ' ▲' : sortedAs(key) === 'descending' ? ' ▼' : ''}</span>
            </button>
          ),
        )}
        columnSort={columns.map(([, key]) => sortedAs(key))}
        rowKey={(a) => a.id}
        cells={(a) => (
          <>
            <th scope="row">
              <a href={`${BASE}/articles/${a.id}`}>{a.headline || t.list.untitled}</a>
              <FoundIn found={a.found} />
            </th>
            <td>
              <span class={`badge badge--${a.status}`}>{t.statuses[a.status] ?? a.status}</span>
              {a.status === 'scheduled' && a.scheduledAt ? <span class="sub"> {t.formatDate(a.scheduledAt)}</span> : null}
            </td>
            <td>{sectionName(a.edition, a.section)}</td>
            <td>{a.edition}</td>
            <td>{a.authors.join(', ') || t.none}</td>
            <td>{a.publishedAt || a.scheduledAt ? t.formatDate((a.publishedAt ?? a.scheduledAt)!) : t.none}</td>
            <td>{t.formatDate(a.changedAt ?? a.createdAt ?? a.publishedAt)}</td>
          </>
        )}
      />

      {/* Next and previous follow the list's cursors: any depth costs the same. Page 1 needs none. */}
      {result && (result.prevCursor || result.hasMore) ? (
        <nav aria-label={t.list.pagination} class="pagination">
          {result.prevCursor && applied.page > 1 ? (
            <a href={listUrl({ ...applied, page: applied.page - 1, cursor: applied.page > 2 ? result.prevCursor : '' })} rel="prev">
              {t.list.previous}
            </a>
          ) : null}
          <span aria-current="page">{t.list.pageN(applied.page)}</span>
          {result.hasMore && result.nextCursor ? (
            <a href={listUrl({ ...applied, page: applied.page + 1, cursor: result.nextCursor })} rel="next">
              {t.list.next}
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
