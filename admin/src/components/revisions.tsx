import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { blockSummary } from '../blocks.ts';
import { t } from '../i18n.ts';
import { changeRows, defaultPair, type ChangeRow } from '../compare.ts';
import type { Article, Change, Revision } from '../types.ts';
import { Dialog } from './dialog.tsx';
import { SelectField } from './fields.tsx';
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
  const [pair, setPair] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [pairError, setPairError] = useState<string | null>(null);
  const [comparing, setComparing] = useState<{ from: number; to: number; rows: ChangeRow[] | null } | null>(null);

  const load = async () => {
    setError(null);
    try {
      const r = await api.get<{ revisions: Revision[] }>(`/api/admin/articles/${props.articleId}/revisions`);
      setList(r.revisions);
      // The pair to compare starts as the last two versions, and follows new ones.
      const versions = r.revisions.map((x) => String(x.version));
      setPair((p) => {
        if (versions.includes(p.from) && versions.includes(p.to) && p.from !== p.to) return p;
        const d = defaultPair(r.revisions.map((x) => x.version));
        return d ? { from: String(d.from), to: String(d.to) } : { from: '', to: '' };
      });
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

  const compare = async (e: Event) => {
    e.preventDefault();
    const from = Number(pair.from);
    const to = Number(pair.to);
    if (!from || !to || from === to) {
      setPairError(t.compare.sameVersion);
      return;
    }
    setPairError(null);
    setError(null);
    setComparing({ from, to, rows: null });
    try {
      const r = await api.get<{ from: number; to: number; changes: Change[] }>(`/api/admin/articles/${props.articleId}/compare?from=${from}&to=${to}`);
      setComparing({ from: r.from, to: r.to, rows: changeRows(r.changes) });
    } catch (err) {
      setComparing(null);
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
          {list && list.length >= 2 ? (
            <form class="compare-form" onSubmit={compare} noValidate>
              <fieldset>
                <legend>{t.compare.heading}</legend>
                <SelectField
                  label={t.compare.from}
                  name="compareFrom"
                  value={pair.from}
                  onChange={(from) => setPair((p) => ({ ...p, from }))}
                  options={list.map((r) => ({ value: String(r.version), label: t.editor.version(r.version) }))}
                  error={pairError}
                />
                <SelectField
                  label={t.compare.to}
                  name="compareTo"
                  value={pair.to}
                  onChange={(to) => setPair((p) => ({ ...p, to }))}
                  options={list.map((r) => ({ value: String(r.version), label: t.editor.version(r.version) }))}
                />
                <button type="submit" class="btn btn--small">
                  {t.compare.submit}
                </button>
              </fieldset>
            </form>
          ) : null}
        </>
      ) : null}
      <Dialog title={comparing ? t.compare.dialogTitle(comparing.from, comparing.to) : ''} open={!!comparing} wide onClose={() => setComparing(null)}>
        {comparing && !comparing.rows ? <Spinner /> : null}
        {comparing?.rows && comparing.rows.length === 0 ? <p>{t.compare.none}</p> : null}
        {comparing?.rows && comparing.rows.length ? (
          <ul class="compare-list" aria-label={t.compare.changes}>
            {comparing.rows.map((c) => (
              <li key={c.field}>
                <p class="compare-list__field">{c.label}</p>
                <dl>
                  <dt>{t.compare.before}</dt>
                  <dd class="compare-list__before">{c.before}</dd>
                  <dt>{t.compare.after}</dt>
                  <dd class="compare-list__after">{c.after}</dd>
                </dl>
              </li>
            ))}
          </ul>
        ) : null}
      </Dialog>
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
