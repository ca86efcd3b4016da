import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, atLeast, query, type User } from '../api.ts';
import { Checkbox, SelectField, TextArea, TextField } from '../components/fields.tsx';
import { ListSection } from '../components/list-section.tsx';
import { confirmAndRemove } from '../components/removal.ts';
import { ErrorSummary, PageHeading, announce, issueFor } from '../components/ui.tsx';
import { useEditions } from '../data.ts';
import { t } from '../i18n.ts';
import { dateTimeIn, timeIn, tvFr as w } from '../i18n-tv.ts';
import { addDays, isoToZoned, todayIn, zonedToIso } from '../tv-time.ts';

interface Channel {
  edition: string;
  name: string;
  streams: string[];
  enabled: boolean;
  onAir: boolean;
  scheduleUrl: string | null;
  scheduleChannel: string | null;
  schedulePollMinutes: number;
  schedulePolledAt: string | null;
  scheduleError: string | null;
  timeZone: string;
}

interface Show {
  id: number;
  edition: string;
  slug: string;
  title: string;
  description: string | null;
  imageId: number | null;
}

interface Programme {
  id: number;
  showId: number | null;
  show: { id: number; slug: string; title: string } | null;
  title: string;
  episodeTitle: string | null;
  description: string | null;
  startsAt: string;
  endsAt: string;
  season: number | null;
  episode: number | null;
  videoId: number | null;
  articleIds: number[];
  source: 'xmltv' | 'admin';
}

/** The live channel of one edition: its settings, the day's schedule, its shows and its XMLTV source, as sections of one screen. */
export function ChannelScreen(props: { user: User; query: URLSearchParams }) {
  const editions = useEditions();
  const [edition, setEdition] = useState(props.query.get('edition') ?? '');
  const code = edition || editions[0]?.code || '';
  const [channel, setChannel] = useState<Channel | null>(null);
  const [shows, setShows] = useState<Show[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const loadChannel = () =>
    api
      .get<{ channel: Channel }>(`/api/admin/channels/${encodeURIComponent(code)}`)
      .then((r) => setChannel(r.channel))
      .catch(setError);
  const loadShows = () =>
    api
      .get<{ shows: Show[] }>(`/api/admin/shows${query({ edition: code })}`)
      .then((r) => setShows(r.shows))
      .catch(setError);
  useEffect(() => {
    if (!code) return;
    setChannel(null);
    setShows(null);
    loadChannel();
    loadShows();
  }, [code]);

  return (
    <>
      <PageHeading title={w.title} />
      <p>{w.intro}</p>
      {editions.length > 1 ? <SelectField label={w.edition} value={code} onChange={setEdition} options={editions.map((e) => ({ value: e.code, label: `${e.name} (${e.code})` }))} /> : null}
      <ErrorSummary error={error} />
      {channel ? (
        <>
          <p class="hint">{w.zone(channel.timeZone)}</p>
          <ChannelSettings user={props.user} channel={channel} onSaved={setChannel} />
          <Schedule edition={code} timeZone={channel.timeZone} shows={shows ?? []} onShowsChanged={loadShows} />
          <Shows edition={code} shows={shows} reload={loadShows} />
          <Source user={props.user} channel={channel} onSaved={setChannel} />
        </>
      ) : null}
    </>
  );
}

function ChannelSettings(props: { user: User; channel: Channel; onSaved: (c: Channel) => void }) {
  const isAdmin = atLeast(props.user, 'admin');
  const [name, setName] = useState(props.channel.name);
  const [streams, setStreams] = useState(props.channel.streams.join('\n'));
  const [enabled, setEnabled] = useState(props.channel.enabled);
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const streamIssue = formError instanceof ApiError ? formError.issues.filter((i) => i.field.startsWith('streams')).map((i) => `${i.field} : ${i.message}`).join(' ') || null : null;

  const submit = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    setBusy(true);
    try {
      const list = streams
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      const r = await api.put<{ channel: Channel }>(`/api/admin/channels/${encodeURIComponent(props.channel.edition)}`, { name: name.trim(), streams: list, enabled });
      props.onSaved(r.channel);
      announce(w.channel.saved);
    } catch (err) {
      setFormError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="tv-channel">
      <h2 id="tv-channel">{w.channel.heading}</h2>
      <p>
        <strong>{props.channel.onAir ? w.channel.onAir : w.channel.offAir}</strong>
      </p>
      {!isAdmin ? <p class="hint">{w.channel.adminsOnly}</p> : null}
      <ErrorSummary error={formError} />
      <form onSubmit={submit} noValidate class="narrow-form">
        <TextField label={w.channel.name} value={name} onInput={setName} required disabled={!isAdmin} maxLength={200} error={issueFor(formError, 'name')} />
        <TextArea label={w.channel.streams} value={streams} onInput={setStreams} rows={3} hint={w.channel.streamsHint} disabled={!isAdmin} error={streamIssue} />
        <Checkbox label={w.channel.enabled} checked={enabled} onChange={setEnabled} hint={w.channel.enabledHint} disabled={!isAdmin} />
        {isAdmin ? (
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? t.saving : t.save}
          </button>
        ) : null}
      </form>
    </section>
  );
}

/** Ids typed as "12, 15": null when something else was typed. */
function parseIds(s: string): number[] | null {
  const parts = s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  if (!parts.every((p) => /^\d{1,10}$/.test(p))) return null;
  return parts.map(Number);
}

const optionalNumber = (s: string) => (s.trim() === '' ? null : Number(s.trim()));

function Schedule(props: { edition: string; timeZone: string; shows: Show[]; onShowsChanged: () => void }) {
  const tz = props.timeZone;
  const [day, setDay] = useState(todayIn(tz));
  const [rows, setRows] = useState<Programme[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Programme | null>(null);
  const [formKey, setFormKey] = useState(0);

  const load = () =>
    api
      .get<{ programmes: Programme[] }>(`/api/admin/programmes${query({ edition: props.edition, date: day })}`)
      .then((r) => setRows(r.programmes))
      .catch(setError);
  useEffect(() => {
    setRows(null);
    load();
  }, [props.edition, day]);

  const remove = (p: Programme) =>
    confirmAndRemove({ question: w.schedule.confirmRemove(p.title), remove: () => api.del(`/api/admin/programmes/${p.id}`), done: w.schedule.removed, reload: load, setError });

  return (
    <>
      <ListSection
        id="tv-schedule"
        title={w.schedule.heading}
        before={
          <>
            <div class="toolbar">
              <button type="button" class="btn btn--small" onClick={() => setDay(addDays(day, -1))}>
                {w.schedule.previous}
              </button>
              <TextField label={w.schedule.day} type="date" value={day} onInput={(v) => v && setDay(v)} />
              <button type="button" class="btn btn--small" onClick={() => setDay(addDays(day, 1))}>
                {w.schedule.next}
              </button>
            </div>
            <p class="hint">
              {w.zone(tz)}. {w.schedule.sourceHint}
            </p>
            <ErrorSummary error={error} />
          </>
        }
        rows={rows}
        failed={!!error}
        empty={w.schedule.none}
        columns={w.schedule.columns}
        rowKey={(p) => p.id}
        cells={(p) => (
          <>
            <th scope="row">
              {timeIn(p.startsAt, tz)} – {timeIn(p.endsAt, tz)}
            </th>
            <td class="break">
              <strong>{p.title}</strong>
              {p.episodeTitle ? ` – ${p.episodeTitle}` : ''}
              {p.season !== null || p.episode !== null ? <span class="hint"> ({w.schedule.episodeNumber(p.season, p.episode)})</span> : null}
              {p.videoId !== null ? <span class="hint"> · {w.schedule.replay(p.videoId)}</span> : null}
              {p.articleIds.length ? <span class="hint"> · {w.schedule.articles(p.articleIds.length)}</span> : null}
            </td>
            <td>{w.schedule.source[p.source]}</td>
            <td>
              <button type="button" class="btn btn--small" aria-label={w.schedule.editLabel(p.title)} onClick={() => setEditing(p)}>
                {w.schedule.edit}
              </button>{' '}
              <button type="button" class="btn btn--small btn--danger" aria-label={w.schedule.removeLabel(p.title)} onClick={() => remove(p)}>
                {w.schedule.remove}
              </button>
            </td>
          </>
        )}
      />
      <ProgrammeForm
        key={editing ? `edit-${editing.id}` : `new-${formKey}`}
        edition={props.edition}
        timeZone={tz}
        day={day}
        shows={props.shows}
        programme={editing}
        onDone={() => {
          setEditing(null);
          setFormKey((k) => k + 1);
          load();
          props.onShowsChanged();
        }}
        onCancel={() => setEditing(null)}
      />
    </>
  );
}

function ProgrammeForm(props: { edition: string; timeZone: string; day: string; shows: Show[]; programme: Programme | null; onDone: () => void; onCancel: () => void }) {
  const p = props.programme;
  const tz = props.timeZone;
  const [showId, setShowId] = useState(p?.showId ? String(p.showId) : '');
  const [title, setTitle] = useState(p?.title ?? '');
  const [episodeTitle, setEpisodeTitle] = useState(p?.episodeTitle ?? '');
  const [description, setDescription] = useState(p?.description ?? '');
  const [startsAt, setStartsAt] = useState(p ? isoToZoned(p.startsAt, tz) : `${props.day}T20:00`);
  const [endsAt, setEndsAt] = useState(p ? isoToZoned(p.endsAt, tz) : `${props.day}T20:30`);
  const [season, setSeason] = useState(p?.season != null ? String(p.season) : '');
  const [episode, setEpisode] = useState(p?.episode != null ? String(p.episode) : '');
  const [videoId, setVideoId] = useState(p?.videoId != null ? String(p.videoId) : '');
  const [articleIds, setArticleIds] = useState(p?.articleIds.join(', ') ?? '');
  const [formError, setFormError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    const start = zonedToIso(startsAt, tz);
    const end = zonedToIso(endsAt, tz);
    const ids = parseIds(articleIds);
    const mine: Record<string, string> = {};
    if (!start) mine.startsAt = w.schedule.badTime;
    if (!end) mine.endsAt = w.schedule.badTime;
    if (!ids) mine.articleIds = w.schedule.badNumbers;
    setLocal(mine);
    if (Object.keys(mine).length) return;
    const body: Record<string, unknown> = {
      showId: showId ? Number(showId) : null,
      ...(title.trim() ? { title: title.trim() } : {}),
      episodeTitle: episodeTitle.trim() || null,
      description: description.trim() || null,
      startsAt: start,
      endsAt: end,
      season: optionalNumber(season),
      episode: optionalNumber(episode),
      videoId: optionalNumber(videoId),
      articleIds: ids,
    };
    setBusy(true);
    try {
      if (p) {
        if (!showId) delete body.showId;
        await api.patch(`/api/admin/programmes/${p.id}`, body);
        announce(w.schedule.saved);
      } else {
        if (!showId) delete body.showId;
        await api.post('/api/admin/programmes', { ...body, edition: props.edition });
        announce(w.schedule.added);
      }
      props.onDone();
    } catch (err) {
      setFormError(err);
    } finally {
      setBusy(false);
    }
  };

  const err = (field: string) => local[field] ?? issueFor(formError, field);
  return (
    <section aria-labelledby="tv-programme-form">
      <h3 id="tv-programme-form">{p ? w.schedule.editing(p.title) : w.schedule.add}</h3>
      <ErrorSummary error={formError} />
      <form onSubmit={submit} noValidate class="narrow-form">
        <SelectField label={w.schedule.show} value={showId} onChange={setShowId} placeholder={w.schedule.showNone} options={props.shows.map((s) => ({ value: String(s.id), label: s.title }))} error={err('showId')} />
        <TextField label={w.schedule.titleField} value={title} onInput={setTitle} hint={w.schedule.titleHint} maxLength={300} error={err('title')} />
        <TextField label={w.schedule.episodeTitle} value={episodeTitle} onInput={setEpisodeTitle} maxLength={300} error={err('episodeTitle')} />
        <TextArea label={w.schedule.description} value={description} onInput={setDescription} rows={2} maxLength={5000} error={err('description')} />
        <TextField label={w.schedule.startsAt(tz)} type="datetime-local" value={startsAt} onInput={setStartsAt} required error={err('startsAt')} />
        <TextField label={w.schedule.endsAt(tz)} type="datetime-local" value={endsAt} onInput={setEndsAt} required error={err('endsAt')} />
        <TextField label={w.schedule.season} type="number" value={season} onInput={setSeason} error={err('season')} />
        <TextField label={w.schedule.episode} type="number" value={episode} onInput={setEpisode} error={err('episode')} />
        <TextField label={w.schedule.videoId} type="number" value={videoId} onInput={setVideoId} hint={w.schedule.videoHint} error={err('videoId')} />
        <TextField label={w.schedule.articleIds} value={articleIds} onInput={setArticleIds} hint={w.schedule.articleHint} error={err('articleIds')} />
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {p ? w.schedule.submitEdit : w.schedule.submitAdd}
        </button>{' '}
        {p ? (
          <button type="button" class="btn" onClick={props.onCancel}>
            {w.schedule.cancel}
          </button>
        ) : null}
      </form>
    </section>
  );
}

function Shows(props: { edition: string; shows: Show[] | null; reload: () => void }) {
  const [editing, setEditing] = useState<Show | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [formKey, setFormKey] = useState(0);
  const remove = (s: Show) => confirmAndRemove({ question: w.shows.confirmRemove(s.title), remove: () => api.del(`/api/admin/shows/${s.id}`), done: w.shows.removed, reload: async () => props.reload(), setError });
  return (
    <>
      <ListSection
        id="tv-shows"
        title={w.shows.heading}
        before={<ErrorSummary error={error} />}
        rows={props.shows}
        empty={w.shows.none}
        columns={w.shows.columns}
        rowKey={(s) => s.id}
        cells={(s) => (
          <>
            <th scope="row" class="break">
              {s.title}
            </th>
            <td>{s.slug}</td>
            <td>
              <button type="button" class="btn btn--small" aria-label={w.shows.editLabel(s.title)} onClick={() => setEditing(s)}>
                {w.shows.edit}
              </button>{' '}
              <button type="button" class="btn btn--small btn--danger" aria-label={w.shows.removeLabel(s.title)} onClick={() => remove(s)}>
                {w.shows.remove}
              </button>
            </td>
          </>
        )}
      />
      <ShowForm
        key={editing ? `edit-${editing.id}` : `new-${formKey}`}
        edition={props.edition}
        show={editing}
        onDone={() => {
          setEditing(null);
          setFormKey((k) => k + 1);
          props.reload();
        }}
      />
    </>
  );
}

function ShowForm(props: { edition: string; show: Show | null; onDone: () => void }) {
  const s = props.show;
  const [title, setTitle] = useState(s?.title ?? '');
  const [slug, setSlug] = useState(s?.slug ?? '');
  const [description, setDescription] = useState(s?.description ?? '');
  const [imageId, setImageId] = useState(s?.imageId != null ? String(s.imageId) : '');
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    setBusy(true);
    try {
      const body = { title: title.trim(), ...(slug.trim() ? { slug: slug.trim() } : {}), description: description.trim() || null, imageId: optionalNumber(imageId) };
      if (s) {
        await api.patch(`/api/admin/shows/${s.id}`, body);
        announce(w.shows.saved);
      } else {
        await api.post('/api/admin/shows', { ...body, edition: props.edition });
        announce(w.shows.added);
      }
      props.onDone();
    } catch (err) {
      setFormError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="tv-show-form">
      <h3 id="tv-show-form">{s ? w.shows.editing(s.title) : w.shows.add}</h3>
      <ErrorSummary error={formError} />
      <form onSubmit={submit} noValidate class="narrow-form">
        <TextField label={w.shows.titleField} value={title} onInput={setTitle} required maxLength={300} error={issueFor(formError, 'title')} />
        <TextField label={w.shows.slug} value={slug} onInput={setSlug} hint={w.shows.slugHint} maxLength={120} error={issueFor(formError, 'slug')} />
        <TextArea label={w.shows.description} value={description} onInput={setDescription} rows={2} maxLength={5000} error={issueFor(formError, 'description')} />
        <TextField label={w.shows.imageId} type="number" value={imageId} onInput={setImageId} error={issueFor(formError, 'imageId')} />
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {s ? w.shows.submitEdit : w.shows.submitAdd}
        </button>
      </form>
    </section>
  );
}

function Source(props: { user: User; channel: Channel; onSaved: (c: Channel) => void }) {
  const isAdmin = atLeast(props.user, 'admin');
  const c = props.channel;
  const [url, setUrl] = useState(c.scheduleUrl ?? '');
  const [channelId, setChannelId] = useState(c.scheduleChannel ?? '');
  const [minutes, setMinutes] = useState(String(c.schedulePollMinutes));
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    setBusy(true);
    try {
      const r = await api.put<{ channel: Channel }>(`/api/admin/channels/${encodeURIComponent(c.edition)}`, { scheduleUrl: url.trim() || null, scheduleChannel: channelId.trim() || null, schedulePollMinutes: Number(minutes) });
      props.onSaved(r.channel);
      announce(w.source.saved);
    } catch (err) {
      setFormError(err);
    } finally {
      setBusy(false);
    }
  };
  const importNow = async () => {
    setFormError(null);
    setBusy(true);
    setResult(w.source.importing);
    try {
      const r = await api.post<{ outcome: { ok: boolean; error?: string; result?: { imported: number; replaced: number } }; channel: Channel }>(`/api/admin/channels/${encodeURIComponent(c.edition)}/schedule-import`);
      props.onSaved(r.channel);
      const said = r.outcome.ok ? w.source.imported(r.outcome.result!.imported, r.outcome.result!.replaced) : w.source.failed(r.outcome.error ?? '');
      setResult(said);
      announce(said);
    } catch (err) {
      setResult(null);
      setFormError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="tv-source">
      <h2 id="tv-source">{w.source.heading}</h2>
      <p>{w.source.intro}</p>
      <p>
        {c.schedulePolledAt ? w.source.lastPoll(dateTimeIn(c.schedulePolledAt, c.timeZone)) : w.source.never}{' '}
        {c.schedulePolledAt ? c.scheduleError ? <strong class="field-error">{w.source.lastError(c.scheduleError)}</strong> : w.source.ok : null}
      </p>
      <ErrorSummary error={formError} />
      <form onSubmit={save} noValidate class="narrow-form">
        <TextField label={w.source.url} value={url} onInput={setUrl} hint={w.source.urlHint} disabled={!isAdmin} error={issueFor(formError, 'scheduleUrl')} />
        <TextField label={w.source.channel} value={channelId} onInput={setChannelId} hint={w.source.channelHint} disabled={!isAdmin} error={issueFor(formError, 'scheduleChannel')} />
        <TextField label={w.source.minutes} type="number" value={minutes} onInput={setMinutes} disabled={!isAdmin} error={issueFor(formError, 'schedulePollMinutes')} />
        {isAdmin ? (
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {w.source.save}
          </button>
        ) : null}{' '}
        <button type="button" class="btn" disabled={busy || !c.scheduleUrl} onClick={importNow}>
          {w.source.importNow}
        </button>
      </form>
      {result ? <p role="status">{result}</p> : null}
    </section>
  );
}
