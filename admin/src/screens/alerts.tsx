import { useEffect, useState } from 'preact/hooks';
import { api, atLeast, type User } from '../api.ts';
import { Checkbox, SelectField, TextArea, TextField } from '../components/fields.tsx';
import { ListSection } from '../components/list-section.tsx';
import { confirmAndRemove } from '../components/removal.ts';
import { ErrorSummary, PageHeading, announce, issueFor } from '../components/ui.tsx';
import { useEditions } from '../data.ts';
import { t } from '../i18n.ts';

type Level = 'breaking' | 'urgent' | 'info';
const LEVELS: Level[] = ['breaking', 'urgent', 'info'];
/** How long a new alert shows, in minutes; 0: until it is ended. */
const DURATIONS = [30, 60, 120, 360, 1440, 0];
const DEFAULT_DURATION = 120;

export interface Alert {
  id: number;
  text: string;
  url: string | null;
  level: Level;
  editions: string[];
  startsAt: string;
  expiresAt: string | null;
  endedAt: string | null;
  createdBy: string;
  current: boolean;
}

/** Breaking-news alerts: the current ones with "Terminer", and a form to publish one (editors). */
export function AlertsScreen(props: { user: User }) {
  const w = t.alerts;
  const editions = useEditions();
  const isEditor = atLeast(props.user, 'editor');
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [level, setLevel] = useState<Level>('breaking');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [duration, setDuration] = useState(String(DEFAULT_DURATION));
  const [busy, setBusy] = useState(false);
  const picked = chosen ?? editions.map((e) => e.code);

  const load = () =>
    api
      .get<{ alerts: Alert[] }>('/api/admin/alerts')
      .then((r) => setAlerts(r.alerts))
      .catch(setError);
  useEffect(() => {
    load();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    setBusy(true);
    try {
      const minutes = Number(duration);
      const expiresAt = minutes ? new Date(Date.now() + minutes * 60_000).toISOString() : null;
      await api.post('/api/admin/alerts', { text: text.trim(), url: url.trim() || null, level, editions: picked, expiresAt });
      announce(w.published);
      setText('');
      setUrl('');
      await load();
    } catch (err) {
      setFormError(err);
    } finally {
      setBusy(false);
    }
  };

  const end = (a: Alert) =>
    confirmAndRemove({ question: w.confirmEnd(a.text), remove: () => api.del(`/api/admin/alerts/${a.id}`), done: w.ended, reload: load, setError });

  const when = (a: Alert) => (a.endedAt ? w.endedAt(t.formatDate(a.endedAt)) : a.expiresAt ? w.until(t.formatDate(a.expiresAt)) : w.noExpiry);

  return (
    <>
      <PageHeading title={w.title} />
      <p>{w.intro}</p>
      <ErrorSummary error={error} />
      {isEditor ? (
        <section aria-labelledby="alerts-create">
          <h2 id="alerts-create">{w.create}</h2>
          <ErrorSummary error={formError} />
          <form onSubmit={submit} noValidate class="narrow-form">
            <TextArea label={w.text} value={text} onInput={setText} required rows={2} maxLength={280} hint={w.textHint} error={issueFor(formError, 'text')} />
            <TextField label={w.url} value={url} onInput={setUrl} hint={w.urlHint} autoComplete="off" error={issueFor(formError, 'url')} />
            <SelectField label={w.level} value={level} onChange={(v) => setLevel(v as Level)} options={LEVELS.map((l) => ({ value: l, label: w.levels[l] }))} error={issueFor(formError, 'level')} />
            <fieldset class="field">
              <legend>{w.editions}</legend>
              {editions.map((e) => (
                <Checkbox key={e.code} label={`${e.name} (${e.code})`} checked={picked.includes(e.code)} onChange={(on) => setChosen(on ? [...picked, e.code] : picked.filter((c) => c !== e.code))} />
              ))}
              {issueFor(formError, 'editions') ? <p class="field-error">{issueFor(formError, 'editions')}</p> : null}
            </fieldset>
            <SelectField label={w.duration} value={duration} onChange={setDuration} options={DURATIONS.map((m) => ({ value: String(m), label: w.durations(m) }))} error={issueFor(formError, 'expiresAt')} />
            <button type="submit" class="btn btn--primary" disabled={busy}>
              {w.submit}
            </button>
          </form>
        </section>
      ) : null}
      <ListSection
        id="alerts-list"
        title={w.list}
        rows={alerts}
        failed={!!error}
        empty={w.none}
        columns={[w.text, w.level, w.editions, w.state, w.actions]}
        rowKey={(a) => a.id}
        cells={(a) => (
          <>
            <th scope="row" class="break">
              {a.text}
              {a.url ? (
                <>
                  {' '}
                  <span class="hint">({a.url})</span>
                </>
              ) : null}
            </th>
            <td>{w.levels[a.level]}</td>
            <td>{a.editions.join(', ')}</td>
            <td>
              {a.current ? <strong>{w.current}</strong> : w.past} · {when(a)}
            </td>
            <td>
              {a.current && isEditor ? (
                <button type="button" class="btn btn--small btn--danger" aria-label={w.endLabel(a.text)} onClick={() => end(a)}>
                  {w.end}
                </button>
              ) : null}
            </td>
          </>
        )}
      />
    </>
  );
}

/** Makes an alert of a wire flash in one click (the wire queue's button), showing for the default time. */
export function alertFromFlash(itemId: number): Promise<unknown> {
  return api.post('/api/admin/alerts', { fromIngestItem: itemId, expiresAt: new Date(Date.now() + DEFAULT_DURATION * 60_000).toISOString() });
}
