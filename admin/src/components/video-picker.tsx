import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import { ts } from '../i18n-subtitles.ts';
import type { VideoSummary } from '../types.ts';
import { TextArea, TextField } from './fields.tsx';
import { useUniqueId } from './ui.tsx';

/**
 * Videos of the library in the article editor: a picker of ready videos
 * (GET /api/admin/videos?state=ready), the form of a video block or lead
 * (a video and an optional caption), and a card showing the chosen one.
 */

/** Videos known to this page, by id, so that cards show their title and poster; an id not seen yet is asked for once. */
const known = new Map<number, VideoSummary | null>();
const pending = new Map<number, Promise<void>>();
const listeners = new Set<() => void>();

function remember(list: VideoSummary[]): void {
  for (const v of list) known.set(v.id, v);
  for (const l of listeners) l();
}

export function useVideo(id: unknown): VideoSummary | null {
  const [, bump] = useState(0);
  useEffect(() => {
    const l = () => bump((n) => n + 1);
    listeners.add(l);
    if (typeof id === 'number' && !known.has(id) && !pending.has(id)) {
      pending.set(
        id,
        api
          .get<{ video: VideoSummary }>(`/api/admin/videos/${id}`)
          .then((r) => remember([r.video]))
          .catch(() => {
            known.set(id, null);
            for (const x of listeners) x();
          }),
      );
    }
    return () => {
      listeners.delete(l);
    };
  }, [id]);
  return typeof id === 'number' ? (known.get(id) ?? null) : null;
}

const sameLanguage = (a: string, b: string) => a.toLowerCase().split('-')[0] === b.toLowerCase().split('-')[0];

/** Whether a video has subtitles in its own language: without them, publishing asks for a reason. */
export function hasOwnSubtitles(v: VideoSummary): boolean {
  return (v.subtitles ?? []).some((s) => (s.cues ?? 1) > 0 && sameLanguage(s.language, v.language));
}

/**
 * The chosen video: poster, title, duration, state, and a warning when its subtitles are missing.
 * The poster is the API's posterPath: its `poster` is an absolute URL on PUBLIC_URL, which the
 * admin's Content-Security-Policy (img-src 'self') refuses when the admin is reached at another address.
 */
export function VideoCard(props: { id: number }) {
  const v = useVideo(props.id);
  if (!v) return <p class="atom__placeholder">{ts.video.videoN(props.id)}</p>;
  return (
    <div class="atom__figure video-card">
      {v.posterPath ? <img src={v.posterPath} alt="" /> : <p class="atom__placeholder">{ts.video.videoN(v.id)}</p>}
      <div>
        <p>{v.title}</p>
        <p class="sub">
          {[ts.video.duration(v.durationMs), v.credit, v.status !== 'ready' ? ts.video.status[v.status] ?? v.status : null].filter(Boolean).join(' · ')}
        </p>
        {v.subtitles?.length ? <p class="sub">{ts.video.subtitles(v.subtitles.map((s) => s.label || s.language).join(', '))}</p> : null}
        {!hasOwnSubtitles(v) ? <p class="warn">{ts.video.noSubtitles(v.language)}</p> : null}
      </div>
    </div>
  );
}

/** The library's ready videos, searchable, each with a "Choose" button. */
export function VideoPicker(props: { onChoose: (v: VideoSummary) => void }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [videos, setVideos] = useState<VideoSummary[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useUniqueId('vp');
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .get<{ videos: VideoSummary[]; total?: number; pages?: number; nextPage?: number | null }>(`/api/admin/videos${query({ state: 'ready', q: q.trim(), page })}`)
        .then((r) => {
          if (!live) return;
          remember(r.videos ?? []);
          setVideos((old) => (page > 1 && old ? [...old, ...(r.videos ?? [])] : (r.videos ?? [])));
          setMore(r.nextPage != null ? true : r.pages !== undefined ? page < r.pages : r.total !== undefined ? page * 20 < r.total : false);
          setError(null);
        })
        .catch((err: Error) => live && setError(err.message));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, page]);
  return (
    <div class="video-picker">
      <TextField
        label={ts.video.search}
        type="search"
        value={q}
        onInput={(v) => {
          setQ(v);
          setPage(1);
        }}
        autoComplete="off"
      />
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {videos === null ? (
        <p class="sub">{ts.video.loading}</p>
      ) : videos.length === 0 ? (
        <p class="sub">{ts.video.none}</p>
      ) : (
        <ul class="video-picker__list" id={id} aria-label={ts.video.pickerTitle}>
          {videos.map((v) => (
            <li key={v.id} class="video-picker__item">
              {v.posterPath ? <img src={v.posterPath} alt="" /> : null}
              <div>
                <p>{v.title}</p>
                <p class="sub">{[ts.video.duration(v.durationMs), v.language].filter(Boolean).join(' · ')}</p>
                {!hasOwnSubtitles(v) ? <p class="warn">{ts.video.noSubtitles(v.language)}</p> : null}
              </div>
              <button type="button" class="btn btn--small" aria-label={ts.video.pickLabel(v.title)} onClick={() => props.onChoose(v)}>
                {ts.video.pick}
              </button>
            </li>
          ))}
        </ul>
      )}
      {more ? (
        <button type="button" class="btn btn--small btn--quiet" onClick={() => setPage((p) => p + 1)}>
          {ts.video.more}
        </button>
      ) : null}
    </div>
  );
}

/** A video and its caption: the form of a video block, and of a lead video. */
export function VideoChoiceForm(props: { video: number | null; caption: string; isNew: boolean; onSubmit: (v: { video: number; caption: string }) => void }) {
  const [video, setVideo] = useState<number | null>(props.video);
  const [caption, setCaption] = useState(props.caption);
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(props.video === null);
  const submit = (e: Event) => {
    e.preventDefault();
    if (video === null) return setError(ts.video.required);
    props.onSubmit({ video, caption: caption.trim() });
  };
  return (
    <form onSubmit={submit} noValidate class="video-choice">
      {video !== null ? <VideoCard id={video} /> : null}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {picking ? (
        <VideoPicker
          onChoose={(v) => {
            setVideo(v.id);
            setError(null);
            setPicking(false);
          }}
        />
      ) : (
        <button type="button" class="btn btn--small" onClick={() => setPicking(true)}>
          {ts.video.change}
        </button>
      )}
      <TextArea label={ts.video.caption} hint={ts.video.captionHint} value={caption} onInput={setCaption} rows={2} maxLength={2000} />
      <div class="form-actions">
        <button type="submit" class="btn btn--primary">
          {props.isNew ? ts.video.insert : ts.video.apply}
        </button>
      </div>
    </form>
  );
}
