import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import { SelectField } from '../components/fields.tsx';
import { ErrorSummary, PageHeading, Spinner, announce, useUniqueId } from '../components/ui.tsx';
import { useEditions } from '../data.ts';
import { t } from '../i18n.ts';
import type { ArticleSummary } from '../types.ts';

interface Slot {
  articleId: number;
  headline: string;
}

/** The articles pinned at the top of an edition's home page, in order (editors). */
export function HomepageScreen() {
  const editions = useEditions();
  const [edition, setEdition] = useState('');
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<ArticleSummary[] | null>(null);
  const searchId = useUniqueId('h');

  useEffect(() => {
    if (!edition && editions[0]) setEdition(editions[0].code);
  }, [editions.length]);

  useEffect(() => {
    if (!edition) return;
    setSlots(null);
    setError(null);
    api
      .get<{ slots: Array<{ position: number; articleId: number; headline: string }> }>(`/api/admin/home/${encodeURIComponent(edition)}`)
      .then((r) => setSlots([...r.slots].sort((a, b) => a.position - b.position).map((s) => ({ articleId: s.articleId, headline: s.headline }))))
      .catch(setError);
  }, [edition]);

  const move = (i: number, dir: -1 | 1) => {
    if (!slots) return;
    const j = i + dir;
    if (j < 0 || j >= slots.length) return;
    const next = [...slots];
    [next[i], next[j]] = [next[j], next[i]];
    setSlots(next);
    // Keep the keyboard on the same article's button after it moved.
    const id = next[j].articleId;
    requestAnimationFrame(() => {
      const same = document.getElementById(`slot-${id}-${dir < 0 ? 'up' : 'down'}`) as HTMLButtonElement | null;
      if (same && !same.disabled) same.focus();
      else document.getElementById(`slot-${id}-${dir < 0 ? 'down' : 'up'}`)?.focus();
    });
  };

  const search = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.get<{ articles: ArticleSummary[] }>(`/api/admin/articles${query({ q, status: 'published', edition })}`);
      setResults(r.articles);
    } catch (err) {
      setError(err);
    }
  };

  const save = async () => {
    if (!slots) return;
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/admin/home/${encodeURIComponent(edition)}`, { articleIds: slots.map((s) => s.articleId) });
      announce(t.home.saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t.home.title} />
      <p>{t.home.intro}</p>
      <SelectField label={t.home.edition} value={edition} onChange={setEdition} options={editions.map((e) => ({ value: e.code, label: e.name }))} />
      <ErrorSummary error={error} />
      <section aria-labelledby="pinned-title">
        <h2 id="pinned-title">{t.home.pinned}</h2>
        {slots === null && !error ? <Spinner /> : null}
        {slots && slots.length === 0 ? <p class="empty">{t.home.empty}</p> : null}
        {slots && slots.length ? (
          <ol class="slots">
            {slots.map((s, i) => (
              <li key={s.articleId} class="slot">
                <span class="slot__headline">{s.headline}</span>
                <span class="slot__actions">
                  <button type="button" id={`slot-${s.articleId}-up`} class="btn btn--small" aria-label={t.home.moveUp(s.headline)} disabled={i === 0} onClick={() => move(i, -1)}>
                    {t.home.up}
                  </button>
                  <button
                    type="button"
                    id={`slot-${s.articleId}-down`}
                    class="btn btn--small"
                    aria-label={t.home.moveDown(s.headline)}
                    disabled={i === slots.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    {t.home.down}
                  </button>
                  <button type="button" class="btn btn--small btn--quiet" aria-label={t.home.remove(s.headline)} onClick={() => setSlots(slots.filter((x) => x !== s))}>
                    {t.home.removeShort}
                  </button>
                </span>
              </li>
            ))}
          </ol>
        ) : null}
        <button type="button" class="btn btn--primary" onClick={save} disabled={busy || !slots}>
          {t.save}
        </button>
      </section>

      <section aria-labelledby="add-title">
        <h2 id="add-title">{t.home.add}</h2>
        <form role="search" class="inline-form" onSubmit={search}>
          <label for={searchId}>{t.home.search}</label>
          <input id={searchId} type="search" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="btn">
            {t.home.searchButton}
          </button>
        </form>
        {results && results.length === 0 ? <p class="empty">{t.home.noResults}</p> : null}
        {results && results.length ? (
          <ul class="results" aria-label={t.home.results}>
            {results.map((a) => {
              const pinned = !!slots?.some((s) => s.articleId === a.id);
              return (
                <li key={a.id}>
                  <span>{a.headline}</span>{' '}
                  <button
                    type="button"
                    class="btn btn--small"
                    aria-label={t.home.addLabel(a.headline)}
                    disabled={pinned}
                    onClick={() => setSlots([...(slots ?? []), { articleId: a.id, headline: a.headline }])}
                  >
                    {t.home.addShort}
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
      </section>
    </>
  );
}
