import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import { Dialog } from '../components/dialog.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { ListSection } from '../components/list-section.tsx';
import { MediaBrowser } from '../components/media.tsx';
import { ErrorSummary, PageHeading, Spinner, announce, useUniqueId } from '../components/ui.tsx';
import { tp } from '../i18n-people.ts';
import { BASE, navigate } from '../router.ts';
import { fieldError, summaryIssues } from '../people-errors.ts';

/** What the "Personnes", "Sujets" and "Auteurs" screens share: a searched, paged list, a photo picker and the merge panel. */

export interface Named {
  id: number;
  name: string;
  slug: string;
  articles: number;
}

export interface PhotoRef {
  id: number;
  url: string;
  alt: string;
}

interface ListPage<T> {
  page: number;
  total: number;
  hasMore: boolean;
  rows: T[];
}

/** The list of one kind: search by name in the address (?q=), 50 a page, each row linking to its edit screen. */
export function NameList<T extends Named>(props: {
  screen: string;
  api: string;
  field: string;
  title: string;
  intro: string;
  listTitle: string;
  query: URLSearchParams;
  /** Another filter kept in the address (the topics' edition). */
  filter?: { name: string; label: string; options: Array<{ value: string; label: string }> };
  columns: ComponentChildren[];
  cells: (row: T) => ComponentChildren;
}) {
  const L = tp().common;
  const q = props.query.get('q') ?? '';
  const filterValue = props.filter ? (props.query.get(props.filter.name) ?? '') : '';
  const page = Math.max(1, Number(props.query.get('page') ?? 1) || 1);
  const [search, setSearch] = useState(q);
  const [filter, setFilter] = useState(filterValue);
  const [result, setResult] = useState<ListPage<T> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const params = (p: number, qq = q, f = filterValue) => query({ q: qq, ...(props.filter ? { [props.filter.name]: f } : {}), page: p > 1 ? p : undefined });
  const listUrl = (p: number, qq?: string, f?: string) => `${BASE}${props.screen}${params(p, qq, f)}`;

  useEffect(() => {
    setSearch(q);
    setFilter(filterValue);
    setError(null);
    setResult(null);
    const ctl = new AbortController();
    api
      .get<Record<string, unknown>>(`${props.api}${params(page)}`, { signal: ctl.signal })
      .then((r) => setResult({ page: r.page as number, total: r.total as number, hasMore: r.hasMore as boolean, rows: r[props.field] as T[] }))
      .catch((err) => {
        if ((err as Error).name !== 'AbortError') setError(err);
      });
    return () => ctl.abort();
  }, [q, filterValue, page]);

  return (
    <>
      <PageHeading title={props.title} />
      <p>{props.intro}</p>
      <form
        role="search"
        aria-label={L.search}
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(listUrl(1, search.trim(), filter));
        }}
      >
        <TextField label={L.searchField} type="search" name="q" value={search} onInput={setSearch} />
        {props.filter ? <SelectField label={props.filter.label} name={props.filter.name} value={filter} onChange={setFilter} options={props.filter.options} /> : null}
        <div class="filters__actions">
          <button type="submit" class="btn">
            {L.searchButton}
          </button>
          {q || filterValue ? (
            <a class="btn btn--quiet" href={`${BASE}${props.screen}`}>
              {L.reset}
            </a>
          ) : null}
        </div>
      </form>
      <ErrorSummary error={error} />
      <ListSection
        id={`${props.field}-list`}
        title={props.listTitle}
        before={result ? <p class="sub">{L.count(result.total)}</p> : null}
        rows={result?.rows ?? null}
        failed={!!error}
        empty={result && result.total > 0 ? L.none : null}
        caption={L.caption(page)}
        columns={props.columns}
        rowKey={(r) => r.id}
        cells={props.cells}
      >
        {result && (page > 1 || result.hasMore) ? (
          <nav aria-label={L.pagination} class="pagination">
            {page > 1 ? (
              <a href={listUrl(page - 1)} rel="prev">
                {L.previous}
              </a>
            ) : null}
            <span aria-current="page">{L.pageN(page)}</span>
            {result.hasMore ? (
              <a href={listUrl(page + 1)} rel="next">
                {L.next}
              </a>
            ) : null}
          </nav>
        ) : null}
      </ListSection>
    </>
  );
}

/** The name cell and the edit link of a row. */
export function EditLink(props: { screen: string; row: Named }) {
  const L = tp().common;
  return (
    <a class="btn btn--small" href={`${BASE}${props.screen}/${props.row.id}`} aria-label={L.editLabel(props.row.name)}>
      {L.edit}
    </a>
  );
}

/** Loads one entry for its edit screen; `reload` after a save. */
export function useEntry<T>(apiPath: string, field: string, id: number): { entry: T | null; setEntry: (e: T) => void; error: unknown } {
  const [entry, setEntry] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setEntry(null);
    setError(null);
    api
      .get<Record<string, T>>(`${apiPath}/${id}`)
      .then((r) => setEntry(r[field]))
      .catch(setError);
  }, [apiPath, id]);
  return { entry, setEntry, error };
}

/** The heading of an edit screen, with the way back to the list and to the public page. */
export function EntryHeading(props: { title: string; screen: string; publicPath?: string }) {
  const L = tp().common;
  return (
    <>
      <PageHeading title={props.title} />
      <p>
        <a href={`${BASE}${props.screen}`}>{L.back}</a>
        {props.publicPath ? (
          <>
            {' · '}
            <a href={props.publicPath}>{L.publicPage}</a>
          </>
        ) : null}
      </p>
    </>
  );
}

/**
 * The edit screen of one entry: loaded, headed, its form (re-made when a save
 * changes the slug) and the merge into another entry.
 */
export function EntryEditor<T extends Named>(props: {
  api: string;
  /** The entry's field in the API's answer ("person"), and the list's ("people"). */
  field: string;
  listField: string;
  screen: string;
  id: number;
  title: (entry: T) => string;
  form: (entry: T, onSaved: (e: T) => void) => ComponentChildren;
  mergeQuery?: (entry: T) => Record<string, string>;
}) {
  const L = tp();
  const { entry, setEntry, error } = useEntry<T>(props.api, props.field, props.id);
  if (error) return <ErrorSummary error={error} />;
  if (!entry) return <Spinner label={L.common.loading} />;
  return (
    <>
      <EntryHeading title={props.title(entry)} screen={props.screen} />
      <Fragment key={`${entry.id}-${entry.slug}`}>{props.form(entry, setEntry)}</Fragment>
      <MergePanel api={props.api} field={props.listField} screen={props.screen} current={entry} extraQuery={props.mergeQuery?.(entry)} />
    </>
  );
}

/**
 * The edit form of an entry: its name and slug first (the slug sent only when
 * changed), the fields of its kind after, one save button; `save` sends the body.
 */
export function EntryForm<T>(props: {
  entry: Named;
  save: (common: { name: string; slug?: string }) => Promise<T>;
  onSaved: (e: T) => void;
  children: (error: unknown) => ComponentChildren;
}) {
  const L = tp();
  const e = props.entry;
  const [name, setName] = useState(e.name);
  const [slug, setSlug] = useState(e.slug);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const saved = await props.save({ name: name.trim(), ...(slug.trim() !== e.slug ? { slug: slug.trim() } : {}) });
      announce(L.common.saved);
      props.onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate class="narrow-form">
      <ErrorSummary error={error} issues={summaryIssues(error)} />
      <TextField label={L.common.name} name="name" value={name} onInput={setName} required error={fieldError(error, 'name')} />
      <TextField label={L.common.slug} name="slug" value={slug} onInput={setSlug} hint={L.common.slugHint} spellcheck={false} error={fieldError(error, 'slug')} />
      {props.children(error)}
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {L.common.save}
      </button>
    </form>
  );
}

/** The photo of a person or an author: one picture of the media library, or none. */
export function PhotoPicker(props: { value: PhotoRef | null; onChange: (p: PhotoRef | null) => void }) {
  const L = tp().common;
  const [open, setOpen] = useState(false);
  const labelId = useUniqueId('photo');
  return (
    <fieldset class="field" aria-labelledby={labelId}>
      <legend id={labelId}>{L.photo}</legend>
      {props.value ? <img src={props.value.url} alt={props.value.alt} width={96} height={96} class="people-photo" /> : <p class="sub">{L.noPhoto}</p>}
      <p>
        <button type="button" class="btn btn--small" onClick={() => setOpen(true)}>
          {props.value ? L.changePhoto : L.choosePhoto}
        </button>{' '}
        {props.value ? (
          <button type="button" class="btn btn--small btn--quiet" onClick={() => props.onChange(null)}>
            {L.removePhoto}
          </button>
        ) : null}
      </p>
      <Dialog title={L.photoDialog} open={open} onClose={() => setOpen(false)} wide>
        {open ? (
          <MediaBrowser
            headingLevel={3}
            action={{
              label: L.use,
              ariaLabel: (m) => L.useLabel(m.alt || m.filename || String(m.id)),
              run: (m) => {
                props.onChange({ id: m.id, url: m.url, alt: m.alt ?? '' });
                setOpen(false);
              },
            }}
          />
        ) : null}
      </Dialog>
    </fieldset>
  );
}

/** Merges this entry into another found by name: asks first, then goes to the kept one. */
export function MergePanel(props: { api: string; field: string; screen: string; current: Named; extraQuery?: Record<string, string> }) {
  const L = tp().common;
  const [words, setWords] = useState('');
  const [found, setFound] = useState<Named[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const find = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.get<Record<string, Named[]>>(`${props.api}${query({ q: words.trim(), ...(props.extraQuery ?? {}) })}`);
      setFound(r[props.field].filter((x) => x.id !== props.current.id));
    } catch (err) {
      setError(err);
    }
  };
  const merge = async (into: Named) => {
    if (!confirm(L.mergeConfirm(props.current.name, into.name))) return;
    setError(null);
    try {
      await api.post(`${props.api}/${props.current.id}/merge`, { into: into.id });
      announce(L.merged(props.current.name, into.name));
      navigate(`${BASE}${props.screen}/${into.id}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="merge-title">
      <h2 id="merge-title">{L.merge}</h2>
      <p>{L.mergeIntro(props.current.name)}</p>
      <ErrorSummary error={error} issues={summaryIssues(error)} />
      <form class="inline-form" role="search" aria-label={L.mergeSearch} onSubmit={find}>
        <TextField label={L.mergeSearch} type="search" name="merge-q" value={words} onInput={setWords} />
        <button type="submit" class="btn">
          {L.searchButton}
        </button>
      </form>
      {found !== null ? (
        found.length ? (
          <ul class="merge-results">
            {found.map((x) => (
              <li key={x.id}>
                <button type="button" class="btn btn--small btn--danger" onClick={() => merge(x)}>
                  {L.mergeInto(x.name)}
                </button>{' '}
                <span class="sub">
                  /{x.slug} · {L.articlesN(x.articles)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{L.noOther}</p>
        )
      ) : null}
    </section>
  );
}

