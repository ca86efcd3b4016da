import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, query } from '../api.ts';
import { Checkbox, TextField } from '../components/fields.tsx';
import { ListSection } from '../components/list-section.tsx';
import { confirmAndRemove } from '../components/removal.ts';
import { ErrorSummary, PageHeading, announce, issueFor, useUniqueId } from '../components/ui.tsx';
import { t } from '../i18n.ts';
import { BASE, navigate } from '../router.ts';
import type { ApiRedirect } from '../../../src/newsroom/api-shapes.ts';
import type { ArticleSummary } from '../types.ts';

type Redirect = ApiRedirect;

interface RedirectPage {
  page: number;
  total: number;
  hasMore: boolean;
  redirects: Redirect[];
}

function listUrl(q: string, page: number): string {
  return `${BASE}/redirects${query({ q, page: page > 1 ? page : undefined })}`;
}

/** A refusal of the server about one field, in French when it is a known one, with the server's words as the detail. */
function fieldIssue(err: unknown, field: string): string | null {
  const message = issueFor(err, field);
  if (!message) return null;
  const known = t.redirects.issues.find(([re]) => re.test(message));
  return known ? known[1] : message;
}

/** Former addresses of articles (editors and admins): search, list, add, remove. The search lives in the address. */
export function RedirectsScreen(props: { query: URLSearchParams }) {
  const q = props.query.get('q') ?? '';
  const page = Math.max(1, Number(props.query.get('page') ?? 1) || 1);
  const [search, setSearch] = useState(q);
  const [result, setResult] = useState<RedirectPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = listUrl(q, page);

  const load = (signal?: AbortSignal) =>
    api
      .get<RedirectPage>(`/api/admin/redirects${query({ q, page })}`, { signal })
      .then(setResult)
      .catch((err) => {
        if ((err as Error).name !== 'AbortError') setError(err);
      });

  useEffect(() => {
    setSearch(q);
    setError(null);
    const ctl = new AbortController();
    void load(ctl.signal);
    return () => ctl.abort();
  }, [key]);

  const remove = (r: Redirect) =>
    confirmAndRemove({ question: t.redirects.confirmRemove(r.path), remove: () => api.del(`/api/admin/redirects${query({ path: r.path })}`), done: t.redirects.removed(r.path), reload: load, setError });

  return (
    <>
      <PageHeading title={t.redirects.title} />
      <p>{t.redirects.intro}</p>
      <form
        role="search"
        aria-label={t.redirects.search}
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(listUrl(search.trim(), 1));
        }}
      >
        <TextField label={t.redirects.searchField} type="search" name="q" value={search} onInput={setSearch} />
        <div class="filters__actions">
          <button type="submit" class="btn">
            {t.redirects.searchButton}
          </button>
          {q ? (
            <a class="btn btn--quiet" href={`${BASE}/redirects`}>
              {t.redirects.reset}
            </a>
          ) : null}
        </div>
      </form>
      <ErrorSummary error={error} />
      {/* With no redirect at all the count says so; only a page past the end needs the empty message. */}
      <ListSection
        id="redirects-list"
        title={t.redirects.list}
        before={result ? <p class="sub">{t.redirects.count(result.total)}</p> : null}
        rows={result?.redirects ?? null}
        failed={!!error}
        empty={result && result.total > 0 ? t.redirects.none : null}
        caption={t.redirects.caption(page)}
        columns={[t.redirects.from, t.redirects.article, t.redirects.publicPage, t.redirects.created, t.redirects.actions]}
        rowKey={(r) => r.path}
        cells={(r) => (
          <>
            <th scope="row" class="break">
              <code>{r.path}</code>
            </th>
            <td>
              <a href={`${BASE}/articles/${r.articleId}`}>{r.headline || t.list.untitled}</a> <span class="sub">({r.edition})</span>{' '}
              <span class={`badge badge--${r.status}`}>{t.statuses[r.status]}</span>
            </td>
            <td class="break">
              {r.live ? (
                <a href={r.articlePath}>{r.articlePath}</a>
              ) : (
                <span class="sub">{t.redirects.notLive}</span>
              )}
            </td>
            <td>{t.formatDate(r.createdAt)}</td>
            <td>
              <button type="button" class="btn btn--small btn--danger" aria-label={t.redirects.removeLabel(r.path)} onClick={() => remove(r)}>
                {t.redirects.remove}
              </button>
            </td>
          </>
        )}
      >
        {result && (page > 1 || result.hasMore) ? (
          <nav aria-label={t.list.pagination} class="pagination">
            {page > 1 ? (
              <a href={listUrl(q, page - 1)} rel="prev">
                {t.list.previous}
              </a>
            ) : null}
            <span aria-current="page">{t.list.pageN(page)}</span>
            {result.hasMore ? (
              <a href={listUrl(q, page + 1)} rel="next">
                {t.list.next}
              </a>
            ) : null}
          </nav>
        ) : null}
      </ListSection>
      <AddRedirect onAdded={() => load()} />
    </>
  );
}

/** The form that stores a former address: the address, then the article found by words of its headline. */
function AddRedirect(props: { onAdded: () => Promise<unknown> }) {
  const [from, setFrom] = useState('');
  const [article, setArticle] = useState<ArticleSummary | null>(null);
  const [words, setWords] = useState('');
  const [results, setResults] = useState<ArticleSummary[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [replace, setReplace] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const [local, setLocal] = useState<{ from?: string; articleId?: string }>({});
  const articleErrorId = useUniqueId('rd');
  // A 409 offers to replace; a new address or article asks again.
  const clash = formError instanceof ApiError && formError.status === 409;

  const find = async () => {
    setSearchError(null);
    try {
      const r = await api.get<{ articles: ArticleSummary[] }>(`/api/admin/articles${query({ q: words.trim() })}`);
      setResults(r.articles);
    } catch (err) {
      setSearchError(err);
    }
  };

  const pick = (a: ArticleSummary) => {
    setArticle(a);
    setResults(null);
    if (clash) setFormError(null);
    setLocal((l) => ({ ...l, articleId: undefined }));
    announce(t.redirects.chosen(a.headline || t.list.untitled, a.edition));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const missing = { from: from.trim() ? undefined : t.redirects.fromRequired, articleId: article ? undefined : t.redirects.chooseFirst };
    setLocal(missing);
    setFormError(null);
    if (missing.from || missing.articleId) return;
    try {
      const r = await api.post<{ redirect: Redirect; replaced: boolean }>('/api/admin/redirects', { from: from.trim(), articleId: article!.id, ...(clash && replace ? { replace: true } : {}) });
      announce(r.replaced ? t.redirects.replaced(r.redirect.path) : t.redirects.added(r.redirect.path));
      setFrom('');
      setArticle(null);
      setWords('');
      setReplace(false);
      await props.onAdded();
    } catch (err) {
      setFormError(err);
    }
  };

  const articleError = local.articleId ?? fieldIssue(formError, 'articleId');
  return (
    <section aria-labelledby="redirects-add">
      <h2 id="redirects-add">{t.redirects.add}</h2>
      <ErrorSummary error={formError} />
      <form onSubmit={submit} noValidate class="narrow-form">
        <TextField
          label={t.redirects.from}
          name="from"
          value={from}
          onInput={(v) => {
            setFrom(v);
            if (clash) setFormError(null);
          }}
          required
          hint={t.redirects.fromHint}
          autoComplete="off"
          spellcheck={false}
          error={local.from ?? fieldIssue(formError, 'from')}
        />
        {clash ? <Checkbox label={t.redirects.replace} hint={t.redirects.replaceHint} checked={replace} onChange={setReplace} /> : null}
        <fieldset class="field" aria-describedby={articleError ? articleErrorId : undefined}>
          <legend>{t.redirects.articleLegend}</legend>
          <p class={article ? '' : 'sub'}>{article ? t.redirects.chosen(article.headline || t.list.untitled, article.edition) : t.redirects.noneChosen}</p>
          {articleError ? (
            <p class="field-error" id={articleErrorId}>
              {articleError}
            </p>
          ) : null}
          {/* Not a <form> inside the form: Enter here searches instead of adding the redirect. */}
          <div
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
                e.preventDefault();
                void find();
              }
            }}
          >
            <TextField label={t.redirects.articleSearch} type="search" name="articleSearch" value={words} onInput={setWords} autoComplete="off" />
            <button type="button" class="btn btn--small" onClick={() => void find()}>
              {t.redirects.articleSearchButton}
            </button>
          </div>
          <ErrorSummary error={searchError} />
          {results && results.length === 0 ? <p class="empty">{t.redirects.noResults}</p> : null}
          {results && results.length ? (
            <ul class="results" aria-label={t.redirects.results}>
              {results.map((a) => (
                <li key={a.id}>
                  <span>{a.headline || t.list.untitled}</span> <span class="sub">({a.edition})</span>{' '}
                  <span class={`badge badge--${a.status}`}>{t.statuses[a.status] ?? a.status}</span>{' '}
                  <button type="button" class="btn btn--small" aria-label={t.redirects.pick(a.headline || t.list.untitled)} onClick={() => pick(a)}>
                    {t.redirects.pickShort}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        <button type="submit" class="btn btn--primary">
          {t.redirects.submit}
        </button>
      </form>
    </section>
  );
}
