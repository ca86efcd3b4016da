import { useEffect, useState } from 'preact/hooks';
import { api, query, type User } from '../api.ts';
import { SelectField, TextField } from '../components/fields.tsx';
import { ListTable } from '../components/list-section.tsx';
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
  /** The page's number, as shown; past page 1 the cursor says where the page starts. */
  page: number;
  cursor: string;
  /** As the API takes it: a column, `-` first for descending. */
  sort: string;
}

/** The sort in the address, when it is one the list offers; the default otherwise. */
function sortFrom(raw: string | null): string {
  const key = raw?.replace(/^-/, '');
  return raw && (ADMIN_SORTS as readonly string[]).includes(key!) ? raw : DEFAULT_ADMIN_SORT;
}

/** A header's next sort: the other direction when the list is sorted by it, else dates newest first and text A to Z. */
function nextSort(current: string, key: AdminSortKey): string {
  if (current === key) return `-${key}`;
  if (current === `-${key}`) return key;
  return key === 'changed' || key === 'published' ? `-${key}` : key;
}

function filtersFrom(q: URLSearchParams): Filters {
  return {
    status: q.get('status') ?? '',
    section: q.get('section') ?? '',
    edition: q.get('edition') ?? '',
    q: q.get('q') ?? '',
    page: Math.max(1, Number(q.get('page') ?? 1) || 1),
    cursor: q.get('cursor') ?? '',
    sort: sortFrom(q.get('sort')),
  };
}

function listUrl(f: Filters): string {
  return `${BASE}/articles${query({ status: f.status, section: f.section, edition: f.edition, q: f.q, sort: f.sort === DEFAULT_ADMIN_SORT ? undefined : f.sort, page: f.page > 1 ? f.page : undefined, cursor: f.page > 1 && f.cursor ? f.cursor : undefined })}`;
}

/** The articles, last change first or sorted by a column, filtered by status, section and edition, searched by headline. Filters and sort live in the address. */
export function ArticleList(props: { user: User; query: URLSearchParams }) {
  const applied = filtersFrom(props.query);
  const [form, setForm] = useState<Filters>(applied);
  const [result, setResult] = useState<{ articles: ArticleSummary[]; page: number; hasMore: boolean; nextCursor: string | null; prevCursor: string | null } | null>(null);
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
      .get(`/api/admin/articles${query({ status: applied.status, section: applied.section, edition: applied.edition, q: applied.q, sort: applied.sort, ...(applied.page > 1 && applied.cursor ? { cursor: applied.cursor } : { page: applied.page }) })}`, { signal: ctl.signal })
      .then((r) => setResult(r))
      .catch((err) => {
        if ((err as Error).name !== 'AbortError') setError(err);
      });
    return () => ctl.abort();
  }, [key]);

  const submit = (e: Event) => {
    e.preventDefault();
    navigate(listUrl({ ...form, sort: applied.sort, page: 1, cursor: '' }));
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
  const sortedAs = (key: AdminSortKey | null) => (key === null ? undefined : applied.sort === key ? 'ascending' : applied.sort === `-${key}` ? 'descending' : undefined);
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
        <TextField label={t.list.search} type="search" name="q" value={form.q} onInput={set('q')} />
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
      <ListTable
        rows={result?.articles ?? null}
        failed={!!error}
        empty={t.list.empty}
        caption={t.list.caption(applied.page)}
        columns={columns.map(([label, key]) =>
          key === null ? (
            label
          ) : (
            <button type="button" class="th-sort" onClick={() => navigate(listUrl({ ...applied, sort: nextSort(applied.sort, key), page: 1, cursor: '' }))}>
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
