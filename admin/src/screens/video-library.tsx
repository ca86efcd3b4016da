import { useEffect, useRef, useState } from 'preact/hooks';
import { Upload } from 'tus-js-client';
import { api, csrfToken, query, type FieldIssue, type User } from '../api.ts';
import { ErrorSummary, PageHeading, Spinner, announce, useUniqueId } from '../components/ui.tsx';
import { tv, videoReason } from '../i18n-video.ts';
import { BASE, navigate } from '../router.ts';
import { busy, type Video } from '../video-types.ts';

/** How often the list looks again while a video is waiting or transcoding. */
const POLL_MS = 2000;

export function VideoLibrary(props: { user: User; query: URLSearchParams }) {
  const [refresh, setRefresh] = useState(0);
  return (
    <>
      <PageHeading title={tv.library.title} />
      <p class="hint">{tv.library.intro}</p>
      <VideoUploadZone onUploaded={() => setRefresh((n) => n + 1)} />
      <VideoList refreshKey={refresh} query={props.query} />
    </>
  );
}

/** The transcode state as the newsroom reads it: "Transcodage 42 %", "Échec". */
export function StateBadge(props: { video: Video }) {
  const v = props.video;
  const label = v.status === 'transcoding' ? tv.states.transcoding(v.progress) : tv.states[v.status];
  return <span class={`badge badge--video-${v.status}`}>{label}</span>;
}

interface Sending {
  name: string;
  sent: number;
  total: number;
  paused: boolean;
}

/**
 * Upload by the file picker or by dropping a file, through tus: the file goes
 * in chunks, and after a network loss the upload asks the server how much it
 * has (HEAD) and goes on from there, by itself when the browser is back
 * online. A page reloaded mid-upload finds it again (tus-js-client keeps its
 * address in localStorage) when the same file is chosen.
 */
function VideoUploadZone(props: { onUploaded: (id: number) => void }) {
  const id = useUniqueId('vu');
  const [over, setOver] = useState(false);
  const [sending, setSending] = useState<Sending | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const current = useRef<Upload | null>(null);

  useEffect(() => () => void current.current?.abort(), []);

  const send = (file: File) =>
    new Promise<void>((resolve, reject) => {
      let videoId: number | null = null;
      const state: Sending = { name: file.name, sent: 0, total: file.size, paused: false };
      setSending({ ...state });
      const resumeWhenOnline = () => {
        window.removeEventListener('online', resumeWhenOnline);
        state.paused = false;
        setSending({ ...state });
        announce(tv.library.resumed(file.name));
        upload.start();
      };
      const upload = new Upload(file, {
        endpoint: '/api/admin/videos/uploads',
        chunkSize: 32 * 1024 * 1024,
        retryDelays: [0, 1000, 3000, 5000, 10_000, 20_000, 30_000],
        metadata: { filename: file.name, filetype: file.type },
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onBeforeRequest: (req) => {
          const token = csrfToken();
          if (token) req.setHeader('X-CSRF-Token', token);
        },
        onAfterResponse: (_req, res) => {
          const header = res.getHeader('Video-Id');
          if (header) videoId = Number(header);
        },
        onProgress: (sent, total) => {
          state.sent = sent;
          state.total = total;
          setSending({ ...state });
        },
        onError: (err) => {
          // Offline for longer than the retries: wait for the network, then go on from what the server has.
          if (!navigator.onLine) {
            state.paused = true;
            setSending({ ...state });
            announce(tv.library.paused(file.name));
            window.addEventListener('online', resumeWhenOnline);
            return;
          }
          const body = (err as { originalResponse?: { getBody(): string } }).originalResponse?.getBody();
          try {
            const parsed = body ? JSON.parse(body) : null;
            reject(parsed?.issues ? new Refused(parsed.issues) : err);
          } catch {
            reject(err);
          }
        },
        onSuccess: async () => {
          try {
            // The final answer may have been lost: the upload's own address says which video it became.
            if (videoId === null && upload.url) {
              const r = await api.get<{ video: Video }>(`${new URL(upload.url, location.href).pathname}/video`);
              videoId = r.video.id;
            }
            announce(tv.library.sent(file.name));
            props.onUploaded(videoId ?? 0);
            resolve();
          } catch (err) {
            reject(err);
          }
        },
      });
      current.current = upload;
      upload.findPreviousUploads().then((previous) => {
        if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      }, reject);
    });

  const take = async (files: FileList | null | undefined) => {
    const list = Array.from(files ?? []);
    if (!list.length || sending) return;
    setError(null);
    setIssues([]);
    try {
      for (const f of list) await send(f);
    } catch (err) {
      // A file the server refused: its reasons, in French, field by field.
      // The file's own reason already names it: no field label in front.
      if (err instanceof Refused) setIssues(err.issues.map((i) => (i.field === 'file' ? { field: '', message: videoReason(i.message) } : i)));
      else setError(err);
    } finally {
      current.current = null;
      setSending(null);
    }
  };

  const cancel = () => {
    const u = current.current;
    if (!u || !sending) return;
    void u.abort(true);
    announce(tv.library.cancelled(sending.name));
    current.current = null;
    setSending(null);
  };

  const percent = sending && sending.total ? Math.floor((100 * sending.sent) / sending.total) : 0;
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
        void take(e.dataTransfer?.files);
      }}
    >
      <input
        id={id}
        class="file-input"
        type="file"
        accept="video/*,.mxf,.mkv,.ts"
        aria-describedby={`${id}-hint`}
        disabled={!!sending}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          void take(input.files).finally(() => {
            input.value = '';
          });
        }}
      />
      <label for={id} class="btn">
        {tv.library.upload}
      </label>
      <p id={`${id}-hint`} class="hint">
        {over ? tv.library.dropHere : tv.library.uploadHint}
      </p>
      {sending ? (
        <div class="video-upload" role="status">
          <progress max={100} value={percent} aria-label={sending.name} />
          <p>{sending.paused ? tv.library.paused(sending.name) : tv.library.sending(sending.name, percent, sending.sent, sending.total)}</p>
          <button type="button" class="btn" onClick={cancel}>
            {tv.library.cancel}
          </button>
        </div>
      ) : null}
      <ErrorSummary error={error} issues={issues.length ? issues : undefined} />
    </div>
  );
}

/** A file the server refused when its last byte arrived (422 with the reasons). */
class Refused extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => i.message).join('; '));
  }
}

function VideoList(props: { refreshKey: number; query: URLSearchParams }) {
  const [q, setQ] = useState(props.query.get('q') ?? '');
  const [applied, setApplied] = useState(props.query.get('q') ?? '');
  const [state, setState] = useState(props.query.get('state') ?? '');
  const [items, setItems] = useState<Video[] | null>(null);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const searchId = useUniqueId('vs');
  const stateId = useUniqueId('vf');

  const load = async (p: number) => {
    try {
      const r = await api.get<{ videos: Video[]; hasMore: boolean }>(`/api/admin/videos${query({ q: applied, state, page: p })}`);
      setItems((prev) => (p === 1 ? r.videos : [...(prev ?? []).filter((v) => !r.videos.some((n) => n.id === v.id)), ...r.videos]));
      setHasMore(r.hasMore);
      setPage(p);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };

  useEffect(() => {
    void load(1);
  }, [applied, state, props.refreshKey]);

  // While a video is waiting or transcoding, its line follows the job.
  useEffect(() => {
    if (!items?.some(busy)) return;
    const timer = setTimeout(() => void load(1), POLL_MS);
    return () => clearTimeout(timer);
  }, [items]);

  const retry = async (v: Video) => {
    try {
      await api.post(`/api/admin/videos/${v.id}/retry`);
      announce(tv.library.retried(v.title));
      await load(1);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby={`${searchId}-h`}>
      <h2 id={`${searchId}-h`}>{tv.library.list}</h2>
      <form
        role="search"
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(q);
          navigate(`${BASE}/videos${query({ q, state })}`, { replace: true });
        }}
      >
        <label for={searchId}>{tv.library.search}</label>
        <input id={searchId} type="search" value={q} aria-describedby={`${searchId}-hint`} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
        <span id={`${searchId}-hint`} class="hint">
          {tv.library.searchHint}
        </span>
        <label for={stateId}>{tv.library.filter}</label>
        <select id={stateId} value={state} onChange={(e) => setState((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{tv.library.allStates}</option>
          {Object.entries(tv.stateFilter).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit" class="btn">
          {tv.library.searchButton}
        </button>
      </form>
      <ErrorSummary error={error} />
      {items === null && !error ? <Spinner /> : null}
      {items && !items.length ? <p>{tv.library.none}</p> : null}
      {items && items.length ? (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{tv.library.poster}</th>
              <th scope="col">{tv.library.columns.title}</th>
              <th scope="col">{tv.library.columns.state}</th>
              <th scope="col">{tv.library.columns.duration}</th>
              <th scope="col">{tv.library.columns.edition}</th>
              <th scope="col">{tv.library.columns.created}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.id}>
                <td>{v.posterPath ? <img class="video-thumb" src={v.posterPath} alt="" width={96} height={54} loading="lazy" /> : null}</td>
                <td>
                  <a href={`${BASE}/videos/${v.id}`} aria-label={tv.library.editLabel(v.title)}>
                    {v.title}
                  </a>
                  {v.filename ? <div class="hint">{v.filename}</div> : null}
                </td>
                <td>
                  <StateBadge video={v} />
                  {v.status === 'transcoding' ? <progress max={100} value={v.progress} aria-label={tv.states.transcoding(v.progress)} /> : null}
                  {v.status === 'failed' ? (
                    <>
                      <p class="field-error">{tv.failedBecause(videoReason(v.error ?? ''))}</p>
                      <button type="button" class="btn" aria-label={tv.library.retryLabel(v.title)} onClick={() => void retry(v)}>
                        {tv.library.retry}
                      </button>
                    </>
                  ) : null}
                </td>
                <td>{tv.editor.durationText(v.durationMs)}</td>
                <td>{v.edition}</td>
                <td>{tv.editor.date(v.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {hasMore ? (
        <button type="button" class="btn" onClick={() => void load(page + 1)}>
          {tv.library.more}
        </button>
      ) : null}
    </section>
  );
}
