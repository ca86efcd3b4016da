import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import { mediaName, rememberMedia, uploadMedia } from '../data.ts';
import { t } from '../i18n.ts';
import type { Media } from '../types.ts';
import { ErrorSummary, Spinner, announce, useUniqueId } from './ui.tsx';

/**
 * Upload by the file picker or by dropping a file. The picker is the real
 * control (keyboard, screen readers); the drop area is a convenience around it.
 */
export function UploadZone(props: { onUploaded: (m: Media) => void }) {
  const id = useUniqueId('u');
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const upload = async (files: FileList | null | undefined) => {
    const list = Array.from(files ?? []);
    if (!list.length) return;
    setBusy(true);
    setError(null);
    try {
      for (const f of list) {
        const m = await uploadMedia(f);
        announce(t.media.uploaded(m.filename || f.name));
        props.onUploaded(m);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      class={`dropzone${over ? ' dropzone--over' : ''}`}
      onDragEnter={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!(e.currentTarget as Element).contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        upload(e.dataTransfer?.files);
      }}
    >
      <input
        id={id}
        class="file-input"
        type="file"
        accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
        aria-describedby={`${id}-hint`}
        disabled={busy}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          upload(input.files).finally(() => {
            input.value = '';
          });
        }}
      />
      <label for={id} class="btn">
        {t.media.upload}
      </label>
      <p id={`${id}-hint`} class="hint">
        {over ? t.media.dropHere : t.media.uploadHint}
      </p>
      {busy ? <Spinner label={t.media.uploading} /> : null}
      <ErrorSummary error={error} />
    </div>
  );
}

/** A searchable, paged grid of the library, with one action per picture. */
export function MediaBrowser(props: {
  action: { label: string; ariaLabel: (m: Media) => string; run: (m: Media) => void };
  refreshKey?: number;
  headingLevel?: 2 | 3;
}) {
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState('');
  const [items, setItems] = useState<Media[] | null>(null);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const searchId = useUniqueId('s');

  const load = async (query_: string, p: number) => {
    setError(null);
    try {
      const r = await api.get<{ media: Media[]; hasMore: boolean }>(`/api/admin/media${query({ q: query_, page: p })}`);
      rememberMedia(r.media);
      setItems((prev) => (p === 1 ? r.media : [...(prev ?? []), ...r.media]));
      setHasMore(!!r.hasMore);
      setPage(p);
    } catch (err) {
      setError(err);
    }
  };

  useEffect(() => {
    load(applied, 1);
  }, [applied, props.refreshKey]);

  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div class="media-browser">
      <form
        role="search"
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(q);
        }}
      >
        <label for={searchId}>{t.media.search}</label>
        <input id={searchId} type="search" name="q" value={q} aria-describedby={`${searchId}-hint`} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
        <span id={`${searchId}-hint`} class="hint">
          {t.media.searchHint}
        </span>
        <button type="submit" class="btn">
          {t.home.searchButton}
        </button>
      </form>
      <ErrorSummary error={error} />
      <H class="visually-hidden">{t.media.list}</H>
      {items === null && !error ? <Spinner /> : null}
      {items && items.length === 0 ? <p class="empty">{applied ? t.media.noMatch(applied) : t.media.empty}</p> : null}
      {items && items.length ? (
        <ul class="media-grid">
          {items.map((m) => (
            <li key={m.id} class="media-card">
              <img src={m.url} alt={m.alt ?? ''} loading="lazy" width={m.width} height={m.height} />
              <div class="media-card__text">
                <p class="media-card__name">{mediaName(m)}</p>
                {m.caption ? <p class="sub media-card__caption">{m.caption}</p> : null}
                <p class="sub">
                  {t.media.dims(m.width, m.height)}
                  {m.credit ? ` · ${m.credit}` : ''}
                </p>
                {!m.alt ? <p class="sub warn">{t.media.noAlt}</p> : null}
              </div>
              <button type="button" class="btn" aria-label={props.action.ariaLabel(m)} onClick={() => props.action.run(m)}>
                {props.action.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {hasMore ? (
        <button type="button" class="btn btn--quiet" onClick={() => load(applied, page + 1)}>
          {t.media.more}
        </button>
      ) : null}
    </div>
  );
}
