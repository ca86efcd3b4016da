import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import type { Draft } from '../article-draft.ts';
import { SelectField, TextField } from '../components/fields.tsx';
import { ErrorSummary, announce, useUniqueId } from '../components/ui.tsx';
import { t } from '../i18n.ts';
import { BASE } from '../router.ts';
import type { Article, ArticleSummary, Edition } from '../types.ts';

/**
 * The article's translations: the same story in other editions. Lists the
 * group as the server last saved it, and changes the link through the draft
 * (`translationOf`), so it is saved with the article like any other field.
 */
export function ArticleTranslations(props: { draft: Draft; update: (p: Partial<Draft>) => void; article: Article | null; error: string | null; editions: Edition[] }) {
  const { draft, update, article, editions } = props;
  const translations = article?.translations ?? [];
  const others = editions.filter((e) => e.code !== draft.edition);
  const [edition, setEdition] = useState('');
  const [q, setQ] = useState('');
  const [results, setResults] = useState<ArticleSummary[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  // The picked article's summary, to name it until the save makes it part of the list.
  const [picked, setPicked] = useState<ArticleSummary | null>(null);
  const pendingRef = useRef<HTMLParagraphElement>(null);
  const errorId = useUniqueId('tr');
  const linkId = useUniqueId('tr');
  const chosen = others.some((e) => e.code === edition) ? edition : (others[0]?.code ?? '');
  const editionLabel = (code: string) => {
    const e = editions.find((x) => x.code === code);
    return e ? t.translations.edition(e.name, e.code) : code;
  };

  // Results of another edition, or of the article's own edition after it changed, are stale.
  useEffect(() => setResults(null), [chosen]);

  const search = async () => {
    setSearchError(null);
    try {
      const r = await api.get<{ articles: ArticleSummary[] }>(`/api/admin/articles${query({ edition: chosen, q: q.trim() })}`);
      setResults(r.articles);
    } catch (err) {
      setSearchError(err);
    }
  };

  const pick = (a: ArticleSummary) => {
    setPicked(a);
    update({ translationOf: a.id });
    setResults(null);
    announce(t.translations.picked(a.headline || t.list.untitled));
    // The button that was pressed is gone: the keyboard goes to the sentence saying what will happen.
    requestAnimationFrame(() => pendingRef.current?.focus());
  };

  const pendingText =
    draft.translationOf === null
      ? t.translations.removePending
      : draft.translationOf !== undefined
        ? picked && picked.id === draft.translationOf
          ? t.translations.linkPending(picked.headline || t.list.untitled, editionLabel(picked.edition))
          : t.translations.linkPendingUnnamed
        : null;

  return (
    <fieldset class="translations-field" aria-describedby={props.error ? errorId : undefined}>
      <legend>{t.translations.heading}</legend>
      {translations.length ? (
        <ul class="translations-field__list" aria-label={t.translations.list}>
          {translations.map((m) => (
            <li key={m.id}>
              <span class="sub">{editionLabel(m.edition)}</span> <a href={`${BASE}/articles/${m.id}`}>{m.headline || t.list.untitled}</a>{' '}
              <span class={`badge badge--${m.status}`}>{t.statuses[m.status] ?? m.status}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="sub">{t.translations.none}</p>
      )}
      {pendingText ? (
        <p class="notice" tabIndex={-1} ref={pendingRef}>
          <span>{pendingText}</span>{' '}
          <button type="button" class="btn btn--small btn--quiet" onClick={() => update({ translationOf: undefined })}>
            {t.translations.undo}
          </button>
        </p>
      ) : translations.length ? (
        <div class="form-actions">
          <button
            type="button"
            class="btn btn--small btn--quiet"
            onClick={() => {
              update({ translationOf: null });
              announce(t.translations.removed);
            }}
          >
            {t.translations.remove}
          </button>
        </div>
      ) : null}
      {props.error ? (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}

      <p class="label" id={linkId}>
        {t.translations.link}
      </p>
      {others.length === 0 ? (
        <p class="sub">{t.translations.noOtherEdition}</p>
      ) : (
        // Not a <form>: it sits inside the article's form, and Enter here searches instead of saving.
        <div
          role="search"
          aria-labelledby={linkId}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
              e.preventDefault();
              void search();
            }
          }}
        >
          <div class="field-row">
            <SelectField label={t.translations.otherEdition} name="translationEdition" value={chosen} onChange={setEdition} options={others.map((e) => ({ value: e.code, label: editionLabel(e.code) }))} />
            <TextField label={t.translations.search} name="translationSearch" type="search" value={q} onInput={setQ} />
          </div>
          <button type="button" class="btn btn--small" onClick={() => void search()}>
            {t.translations.searchButton}
          </button>
          <ErrorSummary error={searchError} />
          {results && results.length === 0 ? <p class="empty">{t.translations.noResults}</p> : null}
          {results && results.length ? (
            <ul class="results" aria-label={t.translations.results}>
              {results.map((a) => {
                const linked = translations.some((m) => m.id === a.id);
                return (
                  <li key={a.id}>
                    <span>{a.headline || t.list.untitled}</span> <span class={`badge badge--${a.status}`}>{t.statuses[a.status] ?? a.status}</span>{' '}
                    {linked ? (
                      <span class="sub">{t.translations.linked}</span>
                    ) : (
                      <button type="button" class="btn btn--small" aria-label={t.translations.pick(a.headline || t.list.untitled)} onClick={() => pick(a)}>
                        {t.translations.pickShort}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      )}
    </fieldset>
  );
}
