import { useEffect, useRef, useState } from 'preact/hooks';
import { atLeast, type User } from '../api.ts';
import type { Block } from '../blocks.ts';
import { useMedia } from '../data.ts';
import { t } from '../i18n.ts';
import { EntryConflict, articleFromEntry, deleteEntry, updateEntry, type EntryWrite, type LiveArticle, type LiveEntry } from '../live-api.ts';
import { composerFromEntry, composerInput, conflictChoice, entrySummary, keepSigners, type ComposerIssue, type ComposerState, type EntryConflictChoice } from '../live-entries.ts';
import { BASE } from '../router.ts';
import { EntryForm } from './entry-form.tsx';
import { ErrorSummary, announce } from './ui.tsx';

/**
 * One entry of the desk: what readers see of it, who posted it, and its
 * actions. Editing happens in place under the entry's own version: a 412
 * shows the other version beside the form and the user chooses.
 */
export function EntryItem(props: { entry: LiveEntry; article: LiveArticle; user: User; timeZone: string; onChanged: (e: LiveEntry) => void; onRemoved: (id: number) => void }) {
  const L = t.live.entries;
  const e = props.entry;
  const [form, setForm] = useState<ComposerState | null>(null);
  const [baseVersion, setBaseVersion] = useState(e.version);
  const [issues, setIssues] = useState<ComposerIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<EntryConflictChoice | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const time = t.live.formatTime(e.postedAt, props.timeZone);
  const what = e.title ? `« ${e.title} »` : L.untitled(time);
  const isEditor = atLeast(props.user, 'editor');
  // Contributors and authors change their own entries; the server has the last word.
  const mine = isEditor || e.postedBy === props.user.name;

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const startEdit = () => {
    setForm(composerFromEntry(e));
    setBaseVersion(e.version);
    setIssues([]);
    setError(null);
    setConflict(null);
    setNotice(null);
  };
  const stopEdit = () => {
    setForm(null);
    setConflict(null);
    setTimeout(() => editRef.current?.focus(), 0);
  };

  const write = async (input: EntryWrite, version: number): Promise<'ok' | LiveEntry | 'error'> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      props.onChanged(await updateEntry(e.articleId, e.id, version, input));
      return 'ok';
    } catch (err) {
      announce(t.live.composer.failed);
      if (err instanceof EntryConflict && err.current) {
        // The list shows their version at once; nothing of ours was written.
        props.onChanged(err.current);
        return err.current;
      }
      setError(err);
      return 'error';
    } finally {
      setBusy(false);
    }
  };

  const save = async (version = baseVersion) => {
    if (!form) return;
    const { input, issues: found } = composerInput(form, e.status, t.live.composer.issues);
    setIssues(found);
    if (!input) return;
    const r = await write(keepSigners(e, input), version);
    if (r === 'ok') {
      setConflict(null);
      announce(L.saved);
      stopEdit();
    } else if (r !== 'error') setConflict(conflictChoice(r));
  };

  const publish = async () => {
    const input: EntryWrite = { status: 'published', body: e.body, pinned: e.pinned, keyPoint: e.keyPoint };
    if (e.title) input.title = e.title;
    if (e.correction) input.correction = e.correction;
    const r = await write(keepSigners(e, input), e.version);
    if (r === 'ok') announce(L.published);
    // Changed meanwhile: the entry now shows the other version; publishing it is one more click, knowingly.
    else if (r !== 'error') setNotice(L.changedMeanwhile);
  };

  const remove = async () => {
    if (!confirm(L.confirmDelete(what))) return;
    setBusy(true);
    try {
      await deleteEntry(e.articleId, e.id);
      announce(L.deleted);
      props.onRemoved(e.id);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const makeArticle = async () => {
    setBusy(true);
    setError(null);
    try {
      const a = await articleFromEntry(e.articleId, e.id);
      props.onChanged({ ...e, articleDraftId: a.id });
      announce(L.articleMade);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const copyLink = async () => {
    setNotice(null);
    try {
      await navigator.clipboard.writeText(e.url);
      announce(L.linkCopied);
    } catch {
      // No clipboard here (permission, an insecure origin): the link is shown to copy by hand.
      setNotice(L.copyFailed(e.url));
    }
  };

  const headingId = `entry-${e.id}-title`;
  return (
    <li class={`live-entry${e.status === 'draft' ? ' live-entry--draft' : ''}${e.pinned ? ' live-entry--pinned' : ''}`} id={`entry-${e.id}`}>
      <article aria-labelledby={headingId}>
        <h3 id={headingId} class="live-entry__head">
          <time dateTime={e.postedAt}>{time}</time>
          {e.title ? <span class="live-entry__title"> {e.title}</span> : null}
        </h3>
        <p class="live-entry__meta">
          {e.status === 'draft' ? <span class="badge badge--draft">{L.draft}</span> : null}
          {e.keyPoint ? <span class="badge badge--key">{L.keyPoint}</span> : null}
          {e.pinned ? <span class="badge badge--pinned">{L.pinned}</span> : null}
          {e.correction ? <span class="badge badge--corrected">{L.corrected}</span> : null}{' '}
          <span>{L.postedBy(e.author || e.postedBy)}</span>
          {e.source ? <span> · {L.source(e.source.name)}</span> : null}
          {e.updatedAt ? <span class="sub"> · {L.edited(t.live.formatTime(e.updatedAt, props.timeZone))}</span> : null}
        </p>
        {form ? null : <EntryBody blocks={e.body} />}
        {e.correction && !form ? <p class="live-entry__correction">{L.correctionNote(e.correction)}</p> : null}
        <ErrorSummary error={error} focus={false} />
        {notice ? (
          <p class="notice" role="alert">
            {notice}
          </p>
        ) : null}
        {conflict && form ? (
          <div class="conflict" role="alert" tabIndex={-1} ref={conflictRef} aria-labelledby={`${headingId}-conflict`}>
            <h4 id={`${headingId}-conflict`}>{t.live.conflict.heading}</h4>
            <p>{t.live.conflict.intro(conflict.theirs.postedBy, conflict.theirs.version)}</p>
            <dl class="conflict__versions">
              <dt>{t.live.conflict.theirs}</dt>
              <dd>{entrySummary(conflict.theirs, 400)}</dd>
              <dt>{t.live.conflict.yours}</dt>
              <dd>{entrySummary({ title: form.title, body: composerInput(form, e.status, t.live.composer.issues).input?.body ?? [] }, 400)}</dd>
            </dl>
            <div class="form-actions">
              <button
                type="button"
                class="btn"
                disabled={busy}
                onClick={() => {
                  setForm(conflict.theirForm);
                  setBaseVersion(conflict.overwriteVersion);
                  setConflict(null);
                  announce(t.live.conflict.took);
                }}
              >
                {t.live.conflict.takeTheirs}
              </button>
              <button type="button" class="btn btn--danger" disabled={busy} onClick={() => save(conflict.overwriteVersion)}>
                {t.live.conflict.keepMine}
              </button>
            </div>
          </div>
        ) : null}
        {form ? (
          <>
            {!conflict && e.version > baseVersion ? <p class="notice">{L.changedMeanwhile}</p> : null}
            <EntryForm value={form} onChange={setForm} onSubmit={() => save()} submitLabel={L.save} busy={busy} issues={issues} editing labelledBy={headingId}>
              <button type="button" class="btn btn--quiet" onClick={stopEdit}>
                {L.cancel}
              </button>
            </EntryForm>
          </>
        ) : (
          <p class="live-entry__actions">
            {mine ? (
              <button type="button" class="btn btn--small" ref={editRef} aria-label={L.editLabel(what)} disabled={busy} onClick={startEdit}>
                {L.edit}
              </button>
            ) : null}{' '}
            {e.status === 'draft' && isEditor ? (
              <button type="button" class="btn btn--small btn--primary" aria-label={L.publishLabel(what)} disabled={busy} onClick={publish}>
                {L.publish}
              </button>
            ) : null}{' '}
            {e.articleDraftId ? (
              <a href={`${BASE}/articles/${e.articleDraftId}`}>{L.openArticle}</a>
            ) : atLeast(props.user, 'author') || mine ? (
              <button type="button" class="btn btn--small" aria-label={L.makeArticleLabel(what)} disabled={busy} onClick={makeArticle}>
                {L.makeArticle}
              </button>
            ) : null}{' '}
            {e.status === 'published' && e.url ? (
              <>
                <a class="live-entry__permalink" href={e.url} target="_blank" rel="noopener" aria-label={L.permalinkLabel(what)}>
                  {L.permalink}
                </a>{' '}
                <button type="button" class="btn btn--small" aria-label={L.copyLinkLabel(what)} onClick={copyLink}>
                  {L.copyLink}
                </button>
              </>
            ) : null}{' '}
            {mine ? (
              <button type="button" class="btn btn--small btn--danger" aria-label={L.deleteLabel(what)} disabled={busy} onClick={remove}>
                {L.delete}
              </button>
            ) : null}
          </p>
        )}
      </article>
    </li>
  );
}

/** The entry's blocks, as text and thumbnails (the public page renders them for readers). */
export function EntryBody(props: { blocks: Block[] }) {
  return (
    <div class="live-entry__body">
      {props.blocks.map((b, i) => (
        <BlockView key={i} block={b} />
      ))}
    </div>
  );
}

function BlockView(props: { block: Block }) {
  const b = props.block;
  switch (b.type) {
    case 'paragraph':
      return <p>{b.content ? b.content.map((r) => r.text).join('') : b.text}</p>;
    case 'heading':
      return (
        <p>
          <strong>{b.text}</strong>
        </p>
      );
    case 'quote':
      return (
        <blockquote>
          <p>« {b.text} »</p>
          <footer>
            — {b.speaker?.name}
            {b.speaker?.role ? `, ${b.speaker.role}` : ''}
          </footer>
        </blockquote>
      );
    case 'pullquote':
      return <blockquote>{b.text}</blockquote>;
    case 'list':
      return b.ordered ? (
        <ol>
          {b.items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ol>
      ) : (
        <ul>
          {b.items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      );
    case 'figure':
      return <FigureView block={b} />;
    case 'embed':
      return (
        <p>
          {t.live.composer.embed} :{' '}
          {/^https?:\/\//i.test(b.url) ? (
            <a href={b.url} target="_blank" rel="noopener noreferrer">
              {b.title || b.url}
            </a>
          ) : (
            b.url
          )}
        </p>
      );
    default:
      return null;
  }
}

function FigureView(props: { block: Extract<Block, { type: 'figure' }> }) {
  const m = useMedia(props.block.image);
  return (
    <figure class="live-entry__figure">
      {m ? <img src={m.url} alt={props.block.alt} width={m.width} height={m.height} loading="lazy" /> : <p>[{props.block.alt}]</p>}
      {props.block.caption || props.block.credit ? <figcaption>{[props.block.caption, props.block.credit].filter(Boolean).join(' — ')}</figcaption> : null}
    </figure>
  );
}
