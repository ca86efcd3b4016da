import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, atLeast, request, type User } from '../api.ts';
import { draftFrom, emptyDraft, toInput, type Draft } from '../article-draft.ts';
import type { Block } from '../blocks.ts';
import { ConflictPanel, type ConflictState } from '../components/conflict-panel.tsx';
import { Checkbox } from '../components/fields.tsx';
import { LivePanel, liveFrom } from '../components/live-panel.tsx';
import { RevisionsPanel } from '../components/revisions.tsx';
import { TransitionPanel } from '../components/transitions.tsx';
import { TranslatePanel } from '../components/translate-panel.tsx';
import { ErrorSummary, PageHeading, Spinner, announce, errorMessage } from '../components/ui.tsx';
import { forgetSections, useEditions } from '../data.ts';
import { BlockEditor } from '../editor/block-editor.tsx';
import { t } from '../i18n.ts';
import { adminLang } from '../lang.ts';
import { endLive, type LiveState } from '../live-api.ts';
import { BASE, navigate } from '../router.ts';
import type { Article } from '../types.ts';
import { ArticleFields } from './article-fields.tsx';

/** Drafts are saved this long after the last change. */
export const AUTOSAVE_MS = 2000;

type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

/**
 * The article editor. Saves with PUT and If-Match; drafts save themselves a
 * moment after each change. A 412 never overwrites: the conflict panel shows
 * what changed and the user decides, with their text still in the form.
 */
export function ArticleEditor(props: { user: User; id: number | null }) {
  const editions = useEditions();
  const [article, setArticle] = useState<Article | null>(null);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(''));
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(props.id !== null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [changes, setChanges] = useState(0);
  // An editor's next save of a published article may be a minor correction: readers are then not told of an update.
  const [silentFix, setSilentFix] = useState(false);

  // The save loop reads the latest values through refs, never through stale closures.
  const idRef = useRef<number | null>(props.id);
  /** The article whose GET was sent: the load effect asks for it once. */
  const requestedRef = useRef<number | null>(null);
  const versionRef = useRef<number | null>(null);
  const draftRef = useRef(draft);
  const dirtyRef = useRef(false);
  const savingRef = useRef<Promise<boolean> | null>(null);
  const conflictRef = useRef<ConflictState | null>(null);
  const silentFixRef = useRef(false);
  silentFixRef.current = silentFix;
  draftRef.current = draft;
  conflictRef.current = conflict;

  const adopt = (a: Article, version: number | null, replaceDraft: boolean) => {
    setArticle(a);
    versionRef.current = version ?? a.version ?? versionRef.current;
    if (replaceDraft) {
      const d = draftFrom(a);
      draftRef.current = d;
      setDraft(d);
      dirtyRef.current = false;
      setResetKey((k) => k + 1);
      setSaveState('idle');
    }
  };

  // Load the article (not when the address only changed because this editor just created it).
  useEffect(() => {
    if (props.id === null) {
      if (idRef.current !== null) {
        // Back to "new article" from an article (history): start from a blank form.
        idRef.current = null;
        versionRef.current = null;
        dirtyRef.current = false;
        setArticle(null);
        setConflict(null);
        setSaveState('idle');
        setSavedAt(null);
        draftRef.current = emptyDraft(editions[0]?.code ?? '');
        setDraft(draftRef.current);
        setResetKey((k) => k + 1);
        return;
      }
      if (!draftRef.current.edition && editions[0]) setDraft((d) => ({ ...d, edition: editions[0].code }));
      return;
    }
    // Loaded, or being loaded (the editions arriving re-run this effect): a second read could land after a save and undo it in the form.
    if (props.id === idRef.current && (article || requestedRef.current === props.id)) return;
    idRef.current = props.id;
    requestedRef.current = props.id;
    setLoading(true);
    setLoadError(null);
    request<{ article: Article }>('GET', `/api/admin/articles/${props.id}`)
      .then((r) => adopt(r.data.article, r.version, true))
      .catch(setLoadError)
      .finally(() => setLoading(false));
  }, [props.id, editions.length]);

  const update = (patch: Partial<Draft>) => {
    const next = { ...draftRef.current, ...patch };
    draftRef.current = next;
    setDraft(next);
    dirtyRef.current = true;
    setSaveState('dirty');
    setChanges((n) => n + 1);
  };

  /** Saves the current draft; true when it is on the server. */
  const save = async (opts: { overwriteVersion?: number } = {}): Promise<boolean> => {
    if (savingRef.current) {
      await savingRef.current;
      if (!dirtyRef.current && opts.overwriteVersion === undefined) return true;
    }
    if (conflictRef.current && opts.overwriteVersion === undefined) return false;
    const sent = draftRef.current;
    const run = (async () => {
      setSaveState('saving');
      setSaveError(null);
      try {
        let r;
        if (idRef.current === null) {
          r = await request<{ article: Article }>('POST', '/api/admin/articles', toInput(sent));
          idRef.current = r.data.article.id;
          navigate(`${BASE}/articles/${r.data.article.id}`, { replace: true });
        } else {
          const ifMatch = opts.overwriteVersion ?? versionRef.current ?? undefined;
          const silent = silentFixRef.current;
          r = await request<{ article: Article }>('PUT', `/api/admin/articles/${idRef.current}`, { ...toInput(sent), ...(silent ? { silentFix: true } : {}) }, { ifMatch });
          // The box is for one save: the next one is an update again unless ticked again.
          if (silent) setSilentFix(false);
        }
        const a = r.data.article;
        // The save may have created a section.
        forgetSections();
        setArticle(a);
        versionRef.current = r.version ?? a.version;
        setConflict(null);
        dirtyRef.current = draftRef.current !== sent && dirtyRef.current;
        // The server made the slug from the headline: keep it, or the next save would make another.
        if (!draftRef.current.slug && a.slug) {
          draftRef.current = { ...draftRef.current, slug: a.slug };
          setDraft(draftRef.current);
        }
        // The link change is on the server now: later saves leave the link as the server keeps it.
        if (sent.translationOf !== undefined && draftRef.current.translationOf === sent.translationOf) {
          draftRef.current = { ...draftRef.current, translationOf: undefined };
          setDraft(draftRef.current);
        }
        setSavedAt(new Date());
        setSaveState(dirtyRef.current ? 'dirty' : 'saved');
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          const b = err.body;
          let current = (b.current?.article ?? b.current ?? null) as Record<string, any> | null;
          if (!current && idRef.current !== null) current = (await api.get<{ article: Article }>(`/api/admin/articles/${idRef.current}`)).article;
          setConflict({ currentVersion: Number(b.currentVersion ?? current?.version), current, changes: Array.isArray(b.changes) ? b.changes : [] });
          setSaveState('error');
          return false;
        }
        setSaveError(err);
        setSaveState('error');
        return false;
      }
    })();
    savingRef.current = run;
    try {
      return await run;
    } finally {
      savingRef.current = null;
    }
  };

  const status = article?.status ?? 'draft';
  const autosave = idRef.current !== null && (status === 'draft' || status === 'in_review');

  // Autosave: a moment after the last change, drafts only (published pages change on an explicit save).
  useEffect(() => {
    if (!autosave || !dirtyRef.current || conflict || saveState === 'error') return;
    const timer = setTimeout(() => {
      if (dirtyRef.current) void save();
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [changes, autosave, conflict]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current) {
        e.preventDefault();
        e.returnValue = t.editor.leaveWarning;
      }
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, []);

  const reloadTheirs = () => {
    const c = conflictRef.current;
    if (!c?.current) return;
    setConflict(null);
    adopt({ ...(c.current as Article), version: c.currentVersion }, c.currentVersion, true);
    announce(t.editor.version(c.currentVersion));
  };

  const overwrite = async () => {
    const c = conflictRef.current;
    if (!c) return;
    dirtyRef.current = true;
    if (await save({ overwriteVersion: c.currentVersion })) announce(t.editor.saved);
  };

  const transition = async (to: string, at?: string, overrides?: Record<string, string>) => {
    if (dirtyRef.current && !(await save())) throw new Error(t.editor.saveFailed);
    const r = await request<{ article: Article }>('POST', `/api/admin/articles/${idRef.current}/transitions`, { to, ...(at ? { at } : {}), ...(overrides ? { overrides } : {}) });
    const a = r.data.article;
    setArticle((prev) => ({ ...(prev ?? a), ...a }));
    versionRef.current = r.version ?? a.version ?? versionRef.current;
    announce(t.transitions.done(t.statuses[a.status] ?? a.status));
  };

  const restore = async (version: number) => {
    const r = await request<{ article: Article }>('POST', `/api/admin/articles/${idRef.current}/revisions/${version}/restore`, {}, { ifMatch: versionRef.current ?? undefined });
    adopt(r.data.article, r.version, true);
    announce(t.revisions.restored(version));
  };

  const remove = async () => {
    if (!confirm(t.editor.confirmDelete)) return;
    try {
      await api.del(`/api/admin/articles/${idRef.current}`);
      dirtyRef.current = false;
      announce(t.editor.deleted);
      navigate(`${BASE}/articles`);
    } catch (err) {
      setSaveError(err);
    }
  };

  /** The "Direct" panel: the article's `live` field changes through the draft, saved at once (version check included). */
  const saveLive = async (live: LiveState): Promise<boolean> => {
    update({ extra: { ...draftRef.current.extra, live } });
    return save();
  };
  const endTheLive = async () => {
    if (dirtyRef.current && !(await save())) throw new Error(t.editor.saveFailed);
    const a = await endLive(idRef.current!);
    adopt(a, a.version, true);
  };

  if (loading) return <Spinner />;
  if (loadError) {
    return (
      <>
        <PageHeading title={t.editor.notFound} />
        <ErrorSummary error={loadError} />
        <p>
          <a href={`${BASE}/articles`}>{t.editor.back}</a>
        </p>
      </>
    );
  }

  const isNew = idRef.current === null;
  const title = isNew ? t.editor.newTitle : t.editor.editTitle(article?.headline || draft.headline);
  const stateText =
    conflict ? t.editor.conflictState : saveState === 'saving' ? t.saving : saveState === 'dirty' ? t.editor.unsaved : savedAt ? t.editor.savedAt(savedAt.toLocaleTimeString(adminLang() === 'en' ? 'en-GB' : 'fr-FR')) : saveState === 'error' ? t.editor.saveFailed : '';

  return (
    <>
      <PageHeading title={title}>
        <a href={`${BASE}/articles`}>{t.editor.back}</a>
      </PageHeading>
      <div class="editor-layout">
        <div class="editor-main">
          {conflict ? <ConflictPanel conflict={conflict} draft={draft} busy={saveState === 'saving'} onReload={reloadTheirs} onOverwrite={overwrite} /> : null}
          <ErrorSummary error={saveError} heading={t.editor.saveFailed} />
          <form
            id="article-form"
            onSubmit={(e) => {
              e.preventDefault();
              // Nothing changed since the last save: no new version for nothing.
              if (idRef.current !== null && !dirtyRef.current && !conflictRef.current) return announce(t.editor.saved);
              void save();
            }}
            noValidate
          >
            <ArticleFields draft={draft} update={update} isNew={isNew} article={article} error={saveError} editions={editions} />
            <div class="field">
              <p id="body-label" class="label">
                {t.editor.body}
              </p>
              <BlockEditor blocks={draft.body} lang={draft.edition} resetKey={resetKey} labelId="body-label" onChange={(body: Block[]) => update({ body })} />
            </div>
          </form>
        </div>
        <section class="editor-side" aria-labelledby="publication-title">
          <h2 id="publication-title">{t.transitions.heading}</h2>
          <p>
            {t.editor.statusLine} <span class={`badge badge--${status}`}>{t.statuses[status] ?? status}</span>
          </p>
          {article?.status === 'scheduled' && article.scheduledAt ? <p>{t.transitions.scheduledFor(t.formatDateIn(article.scheduledAt, editions.find((e) => e.code === article.edition)?.timeZone ?? 'UTC'))}</p> : null}
          {article?.status === 'published' && article.publishedAt ? <p>{t.transitions.publishedOn(t.formatDate(article.publishedAt))}</p> : null}
          {versionRef.current !== null ? <p class="sub">{t.editor.version(versionRef.current)}</p> : null}
          <p class="save-state" role="status">
            {stateText}
          </p>
          {status === 'published' ? <p class="notice">{t.editor.publishedNote}</p> : null}
          {status === 'published' && atLeast(props.user, 'editor') ? (
            <Checkbox label={t.editor.silentFix} hint={t.editor.silentFixHint} checked={silentFix} onChange={setSilentFix} />
          ) : null}
          {autosave ? <p class="hint">{t.editor.autosave}</p> : null}
          {isNew ? <p class="hint">{t.editor.createHint}</p> : null}
          <button type="submit" form="article-form" class="btn btn--primary" disabled={saveState === 'saving' || !!conflict}>
            {isNew ? t.editor.create : t.editor.saveNow}
          </button>
          {!isNew && article ? (
            <>
              <p>
                <a href={`/api/admin/articles/${idRef.current}/preview`} target="_blank" rel="noopener">
                  {t.editor.preview} <span class="sub">{t.editor.previewHint}</span>
                </a>
              </p>
              <TransitionPanel
                status={status}
                user={props.user}
                ownerId={article.ownerId}
                timeZone={editions.find((e) => e.code === article.edition)?.timeZone ?? 'UTC'}
                disabled={!!conflict}
                onTransition={transition}
              />
              <LivePanel
                live={liveFrom(draft.extra.live)}
                articleId={idRef.current}
                user={props.user}
                timeZone={editions.find((e) => e.code === article.edition)?.timeZone ?? 'UTC'}
                disabled={!!conflict || saveState === 'saving'}
                onChange={saveLive}
                onEnd={endTheLive}
              />
              <RevisionsPanel articleId={idRef.current!} version={versionRef.current} onRestore={restore} />
              <TranslatePanel
                article={article}
                editions={editions}
                disabled={!!conflict || saveState === 'saving'}
                beforeCreate={async () => !dirtyRef.current || (await save())}
                onSourceChecked={(translationSource) => setArticle((prev) => (prev ? { ...prev, translationSource } : prev))}
              />
              <button type="button" class="btn btn--danger btn--small" onClick={remove}>
                {t.editor.delete}
              </button>
            </>
          ) : null}
          {saveError && !(saveError instanceof ApiError) ? <p class="sub">{errorMessage(saveError)}</p> : null}
        </section>
      </div>
    </>
  );
}
