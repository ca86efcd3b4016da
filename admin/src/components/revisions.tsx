import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { blockSummary } from '../blocks.ts';
import { t } from '../i18n.ts';
import type { Article, Revision } from '../types.ts';
import { Dialog } from './dialog.tsx';
import { ErrorSummary, Spinner } from './ui.tsx';

function who(r: Revision): string {
  if (!r.user) return '';
  return typeof r.user === 'string' ? r.user : (r.user.name ?? '');
}

/** The saved versions of an article: list them, look at one, bring one back. */
export function RevisionsPanel(props: { articleId: number; version: number | null; onRestore: (version: number) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<Revision[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [viewing, setViewing] = useState<{ version: number; article: Article | null } | null>(null);

  const load = async () => {
    setError(null);
    try {
      const r = await api.get<{ revisions: Revision[] }>(`/api/admin/articles/${props.articleId}/revisions`);
      setList(r.revisions);
    } catch (err) {
      setError(err);
    }
  };

  // A save or a transition made a new version: list it.
  useEffect(() => {
    if (open) load();
  }, [props.version]);

  const view = async (version: number) => {
    setViewing({ version, article: null });
    try {
      const r = await api.get<{ article: Article }>(`/api/admin/articles/${props.articleId}/revisions/${version}`);
      setViewing({ version, article: r.article });
    } catch (err) {
      setViewing(null);
      setError(err);
    }
  };

  const restore = async (version: number) => {
    if (!confirm(t.revisions.confirmRestore(version))) return;
    setError(null);
    try {
      await props.onRestore(version);
      setViewing(null);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <details
      class="revisions"
      onToggle={(e) => {
        const isOpen = (e.currentTarget as HTMLDetailsElement).open;
        setOpen(isOpen);
        if (isOpen) load();
      }}
    >
      <summary>{t.revisions.heading}</summary>
      {open ? (
        <>
          <ErrorSummary error={error} />
          {list === null && !error ? <Spinner /> : null}
          {list && list.length === 0 ? <p>{t.revisions.empty}</p> : null}
          {list && list.length ? (
            <ul class="revisions__list">
              {list.map((r) => (
                <li key={r.version}>
                  <span>{t.revisions.item(r.version, t.formatDate(r.createdAt), who(r))}</span>
                  <span class="revisions__actions">
                    <button type="button" class="btn btn--small" aria-label={t.revisions.viewLabel(r.version)} onClick={() => view(r.version)}>
                      {t.revisions.view}
                    </button>
                    {r.version !== props.version ? (
                      <button type="button" class="btn btn--small btn--quiet" aria-label={t.revisions.restoreLabel(r.version)} onClick={() => restore(r.version)}>
                        {t.revisions.restore}
                      </button>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <Dialog title={viewing ? t.revisions.dialogTitle(viewing.version) : ''} open={!!viewing} wide onClose={() => setViewing(null)}>
        {viewing && !viewing.article ? <Spinner /> : null}
        {viewing?.article ? (
          <div class="revision-view">
            <p class="revision-view__headline">{viewing.article.headline}</p>
            {viewing.article.standfirst ? <p class="revision-view__standfirst">{viewing.article.standfirst}</p> : null}
            <h3>{t.revisions.body}</h3>
            <ol class="revision-view__blocks">
              {(viewing.article.body ?? []).map((b, i) => (
                <li key={i}>
                  <span class="sub">{b.type}</span> {blockSummary(b)}
                </li>
              ))}
            </ol>
            {viewing.version !== props.version ? (
              <button type="button" class="btn" onClick={() => restore(viewing.version)}>
                {t.revisions.restoreLabel(viewing.version)}
              </button>
            ) : null}
          </div>
        ) : null}
      </Dialog>
    </details>
  );
}
