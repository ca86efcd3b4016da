import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, request, type User } from '../api.ts';
import { Dialog } from '../components/dialog.tsx';
import { Checkbox, SelectField, TextArea, TextField } from '../components/fields.tsx';
import { MediaBrowser } from '../components/media.tsx';
// The subtitles panel (the cue editor and uploads): see the "Sous-titres" section below.
import { SubtitlesPanel } from '../components/subtitles-panel.tsx';
import { ErrorSummary, PageHeading, Spinner, announce, issueFor, useUniqueId } from '../components/ui.tsx';
import { mediaName, useEditions, useSections } from '../data.ts';
import { tv, videoReason } from '../i18n-video.ts';
import { BASE, navigate } from '../router.ts';
import { busy, type Video } from '../video-types.ts';
import { StateBadge } from './video-library.tsx';

const POLL_MS = 2000;

interface Form {
  title: string;
  description: string;
  credit: string;
  copyright: string;
  licence: string;
  language: string;
  edition: string;
  section: string;
  slug: string;
  published: boolean;
}

const formOf = (v: Video): Form => ({
  title: v.title,
  description: v.description ?? '',
  credit: v.credit ?? '',
  copyright: v.copyright ?? '',
  licence: v.licence ?? '',
  language: v.language,
  edition: v.edition,
  section: v.section ?? '',
  slug: v.slug,
  published: v.published,
});

export function VideoEditor(props: { user: User; id: number }) {
  const [video, setVideo] = useState<Video | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);

  const load = async (resetForm: boolean) => {
    try {
      const r = await request<{ video: Video }>('GET', `/api/admin/videos/${props.id}`);
      setVideo(r.data.video);
      if (resetForm) setForm(formOf(r.data.video));
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load(true);
  }, [props.id]);
  // The job's state follows by itself while it runs; the form is left as the editor typed it.
  useEffect(() => {
    if (!video || !busy(video)) return;
    const timer = setTimeout(() => void load(false), POLL_MS);
    return () => clearTimeout(timer);
  }, [video]);

  if (!video || !form) return error ? <ErrorSummary error={error} /> : <Spinner />;
  const set = <K extends keyof Form>(k: K) => (value: Form[K]) => setForm({ ...form, [k]: value });

  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const r = await request<{ video: Video }>(
        'PATCH',
        `/api/admin/videos/${video.id}`,
        { ...form, section: form.section || null },
        { ifMatch: video.version },
      );
      setVideo(r.data.video);
      setForm(formOf(r.data.video));
      announce(tv.editor.saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) setConflict(true);
      else setError(err);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!confirm(tv.editor.confirmRemove(video.title))) return;
    try {
      await api.del(`/api/admin/videos/${video.id}`);
      announce(tv.editor.removed);
      navigate(`${BASE}/videos`);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <p>
        <a href={`${BASE}/videos`}>{tv.editor.back}</a>
      </p>
      <PageHeading title={tv.editor.title(video.title)}>
        <StateBadge video={video} />
      </PageHeading>
      {video.status === 'failed' ? <p class="field-error">{tv.failedBecause(videoReason(video.error ?? ''))}</p> : null}
      {video.status === 'transcoding' ? <progress max={100} value={video.progress} aria-label={tv.states.transcoding(video.progress)} /> : null}
      {conflict ? (
        <div class="notice notice--error" role="alert">
          <p>{tv.editor.conflict}</p>
          <button
            type="button"
            class="btn"
            onClick={() => {
              setConflict(false);
              void load(true);
            }}
          >
            {tv.editor.reload}
          </button>
        </div>
      ) : null}
      <div class="video-editor">
        <form onSubmit={save} class="video-editor__form">
          <h2>{tv.editor.metadata}</h2>
          <ErrorSummary error={error} />
          <MetadataFields form={form} set={set} error={error} />
          <button type="submit" class="btn btn--primary" disabled={saving}>
            {tv.editor.save}
          </button>
        </form>
        <div class="video-editor__side">
          <PosterPanel video={video} onChanged={setVideo} />
          <Facts video={video} />
          <section>
            <h2>{tv.editor.usedIn}</h2>
            {video.usedIn.length ? (
              <ul>
                {video.usedIn.map((id) => (
                  <li key={id}>
                    <a href={`${BASE}/articles/${id}`}>{tv.editor.article(id)}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{tv.editor.usedNowhere}</p>
            )}
          </section>
        </div>
      </div>
      {/* The panel is a section with its own "Sous-titres" heading: a wrapper heading would say it twice. */}
      <SubtitlesPanel videoId={video.id} language={video.language} />
      <p>
        <button type="button" class="btn btn--danger" onClick={() => void remove()} disabled={video.usedIn.length > 0}>
          {tv.editor.remove}
        </button>
      </p>
    </>
  );
}

function MetadataFields(props: { form: Form; set: <K extends keyof Form>(k: K) => (v: Form[K]) => void; error: unknown }) {
  const { form, set, error } = props;
  const editions = useEditions();
  const sections = useSections(form.edition);
  const f = tv.editor.fields;
  return (
    <>
      <TextField label={f.title} value={form.title} onInput={set('title')} required maxLength={300} error={issueFor(error, 'title')} />
      <TextArea label={f.description} value={form.description} onInput={set('description')} rows={4} maxLength={5000} error={issueFor(error, 'description')} />
      <TextField label={f.credit} value={form.credit} onInput={set('credit')} maxLength={300} error={issueFor(error, 'credit')} />
      <TextField label={f.copyright} value={form.copyright} onInput={set('copyright')} maxLength={300} error={issueFor(error, 'copyright')} />
      <TextField label={f.licence} hint={f.licenceHint} value={form.licence} onInput={set('licence')} maxLength={300} error={issueFor(error, 'licence')} />
      <TextField label={f.language} hint={f.languageHint} value={form.language} onInput={set('language')} maxLength={35} error={issueFor(error, 'language')} />
      <SelectField label={f.edition} value={form.edition} onChange={set('edition')} options={editions.map((e) => ({ value: e.code, label: e.name }))} error={issueFor(error, 'edition')} />
      <SelectField label={f.section} value={form.section} onChange={set('section')} placeholder={f.noSection} options={sections.map((s) => ({ value: s.slug, label: s.name }))} error={issueFor(error, 'section')} />
      <TextField label={f.slug} value={form.slug} onInput={set('slug')} maxLength={200} error={issueFor(error, 'slug')} />
      <Checkbox label={f.published} hint={f.publishedHint} checked={form.published} onChange={set('published')} />
    </>
  );
}

/** The poster: a frame of the video at a chosen time (made by the worker), or a picture of the library. */
function PosterPanel(props: { video: Video; onChanged: (v: Video) => void }) {
  const v = props.video;
  const [seconds, setSeconds] = useState(v.posterAtMs !== null ? String(v.posterAtMs / 1000) : '');
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useUniqueId('poster');
  const change = async (body: { atMs: number } | { image: number }, done: string) => {
    setError(null);
    try {
      const r = await api.post<{ video: Video }>(`/api/admin/videos/${v.id}/poster`, body);
      props.onChanged(r.video);
      announce(done);
    } catch (err) {
      setError(err);
    }
  };
  const posterJob = v.job && v.job.kind === 'poster' ? v.job : null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{tv.editor.posterTitle}</h2>
      {v.posterPath ? <img class="video-poster" src={v.posterPath} alt={tv.editor.posterAlt(v.title)} /> : <p>{tv.editor.posterNone}</p>}
      {posterJob && posterJob.status !== 'done' ? <p role="status">{tv.editor.posterJob(tv.editor.jobStates[posterJob.status] ?? posterJob.status)}</p> : null}
      {posterJob?.error ? <p class="field-error">{videoReason(posterJob.error)}</p> : null}
      <ErrorSummary error={error} />
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const ms = Math.round(Number(seconds.replace(',', '.')) * 1000);
          void change({ atMs: Number.isFinite(ms) ? ms : -1 }, tv.editor.posterQueued);
        }}
      >
        <TextField label={tv.editor.posterAt} hint={tv.editor.posterAtHint} type="number" value={seconds} onInput={setSeconds} error={issueFor(error, 'atMs')} />
        <button type="submit" class="btn" disabled={!v.durationMs}>
          {tv.editor.posterFrame}
        </button>
      </form>
      <button type="button" class="btn" onClick={() => setPicking(true)}>
        {tv.editor.posterPick}
      </button>
      <Dialog title={tv.editor.posterDialog} open={picking} onClose={() => setPicking(false)} wide>
        {picking ? (
          <MediaBrowser
            headingLevel={3}
            action={{
              label: tv.editor.posterUse,
              ariaLabel: (m) => tv.editor.posterUseLabel(mediaName(m)),
              run: (m) => {
                setPicking(false);
                void change({ image: m.id }, tv.editor.posterPicked);
              },
            }}
          />
        ) : null}
      </Dialog>
    </section>
  );
}

function Facts(props: { video: Video }) {
  const v = props.video;
  const e = tv.editor;
  return (
    <section>
      <h2>{e.facts}</h2>
      <dl class="facts">
        <dt>{e.file}</dt>
        <dd>{v.filename ?? '—'}</dd>
        <dt>{e.size}</dt>
        <dd>{v.bytes !== null ? e.bytesText(v.bytes) : '—'}</dd>
        <dt>{e.duration}</dt>
        <dd>{e.durationText(v.durationMs)}</dd>
        <dt>{e.frame}</dt>
        <dd>{v.width && v.height ? `${v.width} × ${v.height}` : '—'}</dd>
        <dt>{e.created}</dt>
        <dd>{e.date(v.createdAt)}</dd>
        <dt>{e.job}</dt>
        <dd>
          <StateBadge video={v} />
        </dd>
        {v.renditions.length ? (
          <>
            <dt>{e.renditions}</dt>
            <dd>{v.renditions.map((r) => (r.height ? `${r.height}p` : e.audioOnly)).join(', ')}</dd>
          </>
        ) : null}
        {v.hls ? (
          <>
            <dt>{e.links}</dt>
            <dd>
              <a href={v.hls}>{e.hls}</a>
              {v.mp4 ? (
                <>
                  {' · '}
                  <a href={v.mp4}>{e.mp4}</a>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
