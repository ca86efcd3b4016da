import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { t } from '../i18n.ts';
import { ts } from '../i18n-subtitles.ts';
import { addRow, cuesFromRows, LANGUAGE_TAG, removeRow, rowsFromCues, splitRow, subtitleErrorLines, type Cue, type CueRow } from '../subtitles.ts';
import { TextField } from './fields.tsx';
import { announce, useUniqueId } from './ui.tsx';

/** A language's subtitles as GET /api/admin/videos/{id}/subtitles lists them (docs/subtitles.md). */
interface Subtitles {
  language: string;
  label: string;
  cues: number;
  url: string | null;
  updatedAt: string;
}

/** The largest file the server takes. */
const MAX_BYTES = 2 * 1024 * 1024;

const sameLanguage = (a: string, b: string) => a.toLowerCase().split('-')[0] === b.toLowerCase().split('-')[0];

/**
 * A video's subtitles: the languages it has (with their number of cues), a
 * .vtt file to send for a language, and a simple cue editor (a table of
 * start, end and text). The server's refusals are shown in French with the
 * line (of a file) or the cue they name. The video editor shows it.
 */
export function SubtitlesPanel(props: { videoId: number; language: string }) {
  const [list, setList] = useState<Subtitles[] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState<{ language: string; label: string; rows: CueRow[] } | null>(null);
  const [newLanguage, setNewLanguage] = useState(props.language);
  const [newLabel, setNewLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useUniqueId('subs');
  const base = `/api/admin/videos/${props.videoId}/subtitles`;

  const load = async () => {
    try {
      setList((await api.get<{ subtitles: Subtitles[] }>(base)).subtitles);
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
    }
  };
  useEffect(() => {
    setList(null);
    setEditing(null);
    setNewLanguage(props.language);
    void load();
  }, [props.videoId]);

  const failed = (err: unknown) => {
    if (err instanceof ApiError) setErrors(subtitleErrorLines(err.body));
    else setErrors([err instanceof Error ? err.message : String(err)]);
  };

  const labelOf = (language: string) => list?.find((s) => s.language === language)?.label ?? language;

  const send = async (language: string, body: { vtt?: string; cues?: Cue[]; label?: string }) => {
    setBusy(true);
    setErrors([]);
    try {
      const { subtitles } = await api.put<{ subtitles: Subtitles }>(`${base}/${encodeURIComponent(language)}`, body);
      await load();
      return subtitles;
    } catch (err) {
      failed(err);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const upload = async (file: File) => {
    const language = newLanguage.trim();
    if (!LANGUAGE_TAG.test(language)) return setErrors([ts.panel.languageInvalid]);
    if (file.size > MAX_BYTES) return setErrors([ts.panel.fileTooLarge]);
    const saved = await send(language, { vtt: await file.text(), ...(newLabel.trim() ? { label: newLabel.trim() } : {}) });
    if (saved) announce(ts.panel.uploaded(saved.label, saved.cues));
  };

  const edit = async (language: string) => {
    setErrors([]);
    try {
      const { subtitles } = await api.get<{ subtitles: Subtitles & { cueList: Cue[] } }>(`${base}/${encodeURIComponent(language)}`);
      setEditing({ language, label: subtitles.label, rows: rowsFromCues(subtitles.cueList) });
    } catch (err) {
      failed(err);
    }
  };

  const startNew = () => {
    const language = newLanguage.trim();
    if (!LANGUAGE_TAG.test(language)) return setErrors([ts.panel.languageInvalid]);
    if (list?.some((s) => s.language === language)) return void edit(language);
    setErrors([]);
    setEditing({ language, label: newLabel.trim() || language, rows: addRow([]) });
  };

  const remove = async (s: Subtitles) => {
    if (!confirm(ts.panel.removeConfirm(s.label))) return;
    setBusy(true);
    try {
      await api.del(`${base}/${encodeURIComponent(s.language)}`);
      if (editing?.language === s.language) setEditing(null);
      await load();
      announce(ts.panel.removed(s.label));
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };

  const hasOwn = list?.some((s) => s.cues > 0 && sameLanguage(s.language, props.language)) ?? true;

  return (
    <section class="subtitles-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{ts.panel.heading}</h2>
      <p class="sub">{ts.panel.intro}</p>
      {!hasOwn ? <p class="warn">{ts.panel.missingOwn(props.language)}</p> : null}
      {errors.length ? (
        <div class="error-summary" role="alert">
          <p class="error-summary__title">{ts.errors.title}</p>
          <ul>
            {errors.map((e, n) => (
              <li key={n}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {list === null ? (
        <p class="sub">{ts.video.loading}</p>
      ) : list.length === 0 ? (
        <p class="sub">{ts.panel.none}</p>
      ) : (
        <table class="table subtitles-panel__list">
          <caption class="visually-hidden">{ts.panel.languages}</caption>
          <thead>
            <tr>
              <th scope="col">{ts.panel.language}</th>
              <th scope="col">{ts.panel.cues}</th>
              <th scope="col">{ts.panel.updated}</th>
              <th scope="col">
                <span class="visually-hidden">{ts.panel.edit}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.language}>
                <th scope="row">
                  {s.label} <span class="sub">({s.language})</span>
                  {sameLanguage(s.language, props.language) ? <span class="tag">{ts.panel.own(props.language)}</span> : null}
                </th>
                <td>{ts.panel.cueCount(s.cues)}</td>
                <td>{t.formatDate(s.updatedAt)}</td>
                <td class="actions">
                  {s.url ? (
                    <a class="btn btn--small btn--quiet" href={s.url} target="_blank" rel="noopener">
                      {ts.panel.open}
                    </a>
                  ) : null}
                  <button type="button" class="btn btn--small" aria-label={ts.panel.editLabel(s.label)} disabled={busy} onClick={() => edit(s.language)}>
                    {ts.panel.edit}
                  </button>
                  <button type="button" class="btn btn--small btn--quiet" aria-label={ts.panel.removeLabel(s.label)} disabled={busy} onClick={() => remove(s)}>
                    {ts.panel.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <fieldset class="subtitles-panel__add">
        <legend>{ts.panel.add}</legend>
        <TextField label={ts.panel.language} hint={ts.panel.languageHint} value={newLanguage} onInput={setNewLanguage} autoComplete="off" spellcheck={false} maxLength={35} />
        <TextField label={ts.panel.label} hint={ts.panel.labelHint} value={newLabel} onInput={setNewLabel} autoComplete="off" maxLength={100} />
        <div class="field">
          <label for={`${id}-file`}>{ts.panel.upload}</label>
          <p class="hint">{ts.panel.uploadHint}</p>
          <input
            id={`${id}-file`}
            type="file"
            accept=".vtt,text/vtt"
            disabled={busy}
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              if (file) void upload(file).finally(() => (input.value = ''));
            }}
          />
        </div>
        <button type="button" class="btn btn--small" disabled={busy} onClick={startNew}>
          {ts.editor.addCue}
        </button>
      </fieldset>

      {editing ? (
        <CueEditor
          key={editing.language}
          label={labelOf(editing.language) === editing.language ? editing.label : labelOf(editing.language)}
          rows={editing.rows}
          busy={busy}
          onChange={(rows) => setEditing({ ...editing, rows })}
          onClose={() => setEditing(null)}
          onSave={async (cues) => {
            const saved = await send(editing.language, { cues, ...(list?.some((s) => s.language === editing.language) || editing.label === editing.language ? {} : { label: editing.label }) });
            if (saved) {
              announce(ts.editor.saved(saved.label));
              await edit(editing.language);
            }
          }}
        />
      ) : null}
    </section>
  );
}

/** The cues of one language as a table: start, end and text per row; add, remove and split rows. */
function CueEditor(props: { label: string; rows: CueRow[]; busy: boolean; onChange: (rows: CueRow[]) => void; onSave: (cues: Cue[]) => Promise<void>; onClose: () => void }) {
  const [rowErrors, setRowErrors] = useState<Array<{ row: number; message: string }>>([]);
  const e = ts.editor;
  const id = useUniqueId('cues');
  const set = (i: number, k: keyof CueRow) => (ev: Event) => props.onChange(props.rows.map((r, n) => (n === i ? { ...r, [k]: (ev.currentTarget as HTMLInputElement).value } : r)));
  const save = async (ev: Event) => {
    ev.preventDefault();
    const r = cuesFromRows(props.rows);
    if (!r.ok) return setRowErrors(r.errors);
    setRowErrors([]);
    await props.onSave(r.cues);
  };
  const errorsOf = (i: number) => rowErrors.filter((x) => x.row === i).map((x) => x.message);
  return (
    <form class="cue-editor" onSubmit={save} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{e.heading(props.label)}</h3>
      <p class="hint" id={`${id}-hint`}>
        {e.timeHint}
      </p>
      {rowErrors.length ? (
        <div class="error-summary" role="alert">
          <p class="error-summary__title">{ts.errors.title}</p>
          <ul>
            {rowErrors.map((x, n) => (
              <li key={n}>{x.row >= 0 ? ts.errors.cue(x.row + 1, x.message) : x.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <table class="table cue-editor__table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{e.start}</th>
            <th scope="col">{e.end}</th>
            <th scope="col">{e.text}</th>
            <th scope="col">
              <span class="visually-hidden">{e.remove}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => {
            const errs = errorsOf(i);
            const invalid = errs.length > 0 ? true : undefined;
            return (
              <tr key={i} class={invalid ? 'cue-editor__row--error' : undefined}>
                <th scope="row">{i + 1}</th>
                <td>
                  <input type="text" inputMode="decimal" class="cue-editor__time" aria-label={`${e.row(i + 1)}, ${e.start}`} aria-describedby={`${id}-hint`} aria-invalid={invalid} value={r.start} onInput={set(i, 'start')} />
                </td>
                <td>
                  <input type="text" inputMode="decimal" class="cue-editor__time" aria-label={`${e.row(i + 1)}, ${e.end}`} aria-describedby={`${id}-hint`} aria-invalid={invalid} value={r.end} onInput={set(i, 'end')} />
                </td>
                <td>
                  <textarea rows={2} aria-label={`${e.row(i + 1)}, ${e.text}`} aria-invalid={invalid} value={r.text} onInput={set(i, 'text')} />
                  {errs.map((m, n) => (
                    <p key={n} class="field-error">
                      {m}
                    </p>
                  ))}
                </td>
                <td class="actions">
                  <button type="button" class="btn btn--small btn--quiet" aria-label={e.splitCue(i + 1)} onClick={() => props.onChange(splitRow(props.rows, i))}>
                    {e.split}
                  </button>
                  <button type="button" class="btn btn--small btn--quiet" aria-label={e.removeCue(i + 1)} onClick={() => props.onChange(removeRow(props.rows, i))}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="form-actions">
        <button type="button" class="btn btn--small" onClick={() => props.onChange(addRow(props.rows))}>
          {e.addCue}
        </button>
        <button type="submit" class="btn btn--primary" disabled={props.busy}>
          {e.save}
        </button>
        <button type="button" class="btn btn--quiet" onClick={props.onClose}>
          {e.cancel}
        </button>
      </div>
    </form>
  );
}
