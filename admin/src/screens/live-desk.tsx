import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, atLeast, type User } from '../api.ts';
import { EntryForm } from '../components/entry-form.tsx';
import { EntryItem } from '../components/entry-item.tsx';
import { ErrorSummary, PageHeading, Spinner, announce } from '../components/ui.tsx';
import { useEditions } from '../data.ts';
import { t } from '../i18n.ts';
import { getArticle, listEntries, postEntry, type LiveArticle, type LiveEntry } from '../live-api.ts';
import { appendOlder, composerInput, dropEntry, emptyComposer, emptyList, mergePoll, putEntry, showIncoming, type ComposerIssue, type ComposerState, type DeskList } from '../live-entries.ts';
import { BASE } from '../router.ts';

/** How often the desk reads the newest entries (others' posts, edits and deletions). */
export const POLL_MS = 2500;
/** How many of the newest entries each poll reads. */
const WINDOW = 50;

/**
 * The live desk of one live article: the composer on top, proposed entries
 * apart, then the entries newest first, refreshed every few seconds without
 * moving what the user reads (others' new entries wait behind a button unless
 * the user is at the top of the list).
 */
export function LiveDesk(props: { user: User; id: number }) {
  const L = t.live;
  const editions = useEditions();
  const [article, setArticle] = useState<LiveArticle | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [list, setList] = useState<DeskList>(emptyList);
  const [loaded, setLoaded] = useState(false);
  const [pollFailed, setPollFailed] = useState(false);
  const [composer, setComposer] = useState<ComposerState>(emptyComposer);
  const [issues, setIssues] = useState<ComposerIssue[]>([]);
  const [postError, setPostError] = useState<unknown>(null);
  const [posting, setPosting] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLElement>(null);
  const entriesHeadingRef = useRef<HTMLHeadingElement>(null);
  const listState = useRef(list);
  listState.current = list;

  const timeZone = editions.find((e) => e.code === article?.edition)?.timeZone ?? 'UTC';
  const live = article?.live ?? null;
  const isEditor = atLeast(props.user, 'editor');
  const canPublish = isEditor || !!live?.openPosting;

  /** The user sees the top of the list: new entries may be shown at once without moving anything they read. */
  const atTop = () => {
    const el = listRef.current;
    return !el || el.getBoundingClientRect().top >= 0;
  };

  useEffect(() => {
    setArticle(null);
    setList(emptyList());
    setLoaded(false);
    getArticle(props.id)
      .then((r) => setArticle(r.article))
      .catch(setLoadError);
  }, [props.id]);

  // The entries: read once, then polled while the desk is open.
  useEffect(() => {
    if (!article?.live) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ticks = 0;
    const ctl = new AbortController();
    const poll = async () => {
      if (stopped) return;
      if (typeof document === 'undefined' || !document.hidden) {
        try {
          const page = await listEntries(props.id, { limit: WINDOW, signal: ctl.signal });
          if (stopped) return;
          setList((l) => mergePoll(l, page, { atTop: !loadedRef.current || atTop() }));
          loadedRef.current = true;
          setLoaded(true);
          setPollFailed(false);
          // The live's own settings (ended, open posting) change rarely: read them now and then.
          if (++ticks % 6 === 0) getArticle(props.id).then((r) => !stopped && setArticle(r.article), () => {});
        } catch (err) {
          if (stopped || (err as Error).name === 'AbortError') return;
          setPollFailed(true);
        }
      }
      timer = setTimeout(poll, POLL_MS);
    };
    const loadedRef = { current: false };
    void poll();
    return () => {
      stopped = true;
      ctl.abort();
      clearTimeout(timer);
    };
  }, [props.id, !!article?.live]);

  const post = async () => {
    if (posting) return;
    const status = canPublish ? 'published' : 'draft';
    const { input, issues: found } = composerInput(composer, status, L.composer.issues);
    setIssues(found);
    setPostError(null);
    if (!input) {
      announce(found.map((i) => i.message).join(' '));
      return;
    }
    setPosting(true);
    try {
      const entry = await postEntry(props.id, input);
      setList((l) => putEntry(l, entry));
      setComposer(emptyComposer());
      announce(entry.status === 'published' ? L.composer.posted : L.composer.proposed);
      textRef.current?.focus();
    } catch (err) {
      setPostError(err);
      announce(L.composer.failed);
      // Refused: an editor may have closed open posting meanwhile; the button then says "Proposer".
      if (err instanceof ApiError && err.status === 403) getArticle(props.id).then((r) => setArticle(r.article), () => {});
    } finally {
      setPosting(false);
    }
  };

  const changed = (e: LiveEntry) => setList((l) => putEntry(l, e));
  const removed = (id: number) => {
    setList((l) => dropEntry(l, id));
    entriesHeadingRef.current?.focus();
  };

  const more = async () => {
    const last = listState.current.entries[listState.current.entries.length - 1];
    try {
      const page = await listEntries(props.id, { before: last?.id, limit: WINDOW });
      setList((l) => appendOlder(l, page));
    } catch (err) {
      setPostError(err);
    }
  };

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
  if (!article) return <Spinner />;

  const back = (
    <p>
      <a href={`${BASE}/articles/${article.id}`}>{L.desk.back}</a>
      {article.url && article.status === 'published' ? (
        <>
          {' · '}
          <a href={article.url} target="_blank" rel="noopener">
            {L.desk.publicPage}
          </a>
        </>
      ) : null}
    </p>
  );

  if (!live) {
    return (
      <>
        <PageHeading title={L.desk.title(article.headline)}>{back}</PageHeading>
        <p class="notice">{L.desk.notLive}</p>
      </>
    );
  }

  const drafts = list.entries.filter((e) => e.status === 'draft');
  const published = list.entries.filter((e) => e.status !== 'draft');
  const incomingPublished = list.incoming.filter((e) => e.status !== 'draft');
  const incomingDrafts = list.incoming.filter((e) => e.status === 'draft');

  return (
    <div class="live-desk">
      <PageHeading title={L.desk.title(article.headline)}>{back}</PageHeading>
      <p class="live-desk__state">
        {live.endedAt ? <span class="badge badge--ended">{L.desk.ended}</span> : <span class="badge badge--live">{L.desk.live}</span>}{' '}
        {live.endedAt ? L.panel.ended(L.formatDateTime(live.endedAt, timeZone)) : L.panel.running(L.formatDateTime(live.startedAt, timeZone))}
        {' · '}
        {live.openPosting ? L.desk.openPostingOn : L.desk.openPostingOff}
        {' · '}
        <span class="sub">{L.desk.timeZone(timeZone)}</span>
      </p>

      <section class="live-composer" aria-labelledby="composer-title">
        <h2 id="composer-title">{L.composer.heading}</h2>
        <EntryForm
          value={composer}
          onChange={(v) => {
            setComposer(v);
            if (issues.length) setIssues([]);
          }}
          onSubmit={post}
          submitLabel={canPublish ? L.composer.publish : L.composer.propose}
          draft={!canPublish}
          busy={posting}
          issues={issues}
          error={postError}
          textRef={textRef}
          labelledBy="composer-title"
        />
        <AutoFocus target={textRef} />
      </section>

      {drafts.length || incomingDrafts.length || !canPublish ? (
        <section class="live-drafts" aria-labelledby="drafts-title">
          <h2 id="drafts-title">{L.entries.drafts}</h2>
          {incomingDrafts.length ? (
            <button type="button" class="btn btn--small" onClick={() => setList(showIncoming)}>
              {L.entries.incoming(incomingDrafts.length)}
            </button>
          ) : null}
          {drafts.length ? (
            <ol class="live-entries">
              {drafts.map((e) => (
                <EntryItem key={e.id} entry={e} article={article} user={props.user} timeZone={timeZone} onChanged={changed} onRemoved={removed} />
              ))}
            </ol>
          ) : (
            <p class="empty">{L.entries.noDrafts}</p>
          )}
        </section>
      ) : null}

      <section class="live-list" aria-labelledby="entries-title" ref={listRef}>
        <h2 id="entries-title" tabIndex={-1} ref={entriesHeadingRef}>
          {L.entries.heading}
        </h2>
        {pollFailed ? (
          <p class="warn" role="status">
            {L.entries.refreshFailed}
          </p>
        ) : null}
        {incomingPublished.length ? (
          <button
            type="button"
            class="btn btn--primary live-list__incoming"
            onClick={() => {
              setList(showIncoming);
              entriesHeadingRef.current?.focus();
            }}
          >
            {L.entries.incoming(incomingPublished.length)}
          </button>
        ) : null}
        {!loaded ? <Spinner /> : null}
        {loaded && !published.length ? <p class="empty">{L.entries.none}</p> : null}
        {published.length ? (
          <ol class="live-entries">
            {published.map((e) => (
              <EntryItem key={e.id} entry={e} article={article} user={props.user} timeZone={timeZone} onChanged={changed} onRemoved={removed} />
            ))}
          </ol>
        ) : null}
        {list.hasMore ? (
          <button type="button" class="btn btn--quiet" onClick={more}>
            {L.entries.more}
          </button>
        ) : null}
      </section>
    </div>
  );
}

/** Puts the cursor in the composer's text when the desk opens. */
function AutoFocus(props: { target: { current: HTMLElement | null } }) {
  useEffect(() => {
    props.target.current?.focus();
  }, []);
  return null;
}
