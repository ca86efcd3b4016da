import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { Checkbox, SelectField, TextField } from '../components/fields.tsx';
import { ErrorSummary, PageHeading, announce } from '../components/ui.tsx';
import { forgetEditions } from '../data.ts';
import { editionWords } from '../i18n-editions.ts';
import { pick } from '../lang.ts';

/** An edition as the Admin API shows it (src/content/edition.service.ts ApiEdition). */
interface ApiEdition {
  code: string;
  name: string;
  language: string;
  dir: 'ltr' | 'rtl';
  numbering: string | null;
  timeZone: string;
  baseUrl: string;
  position: number;
  isDefault: boolean;
}

const w = editionWords;

/** Every time zone the browser knows, for the field's suggestions. */
const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

interface Form {
  code: string;
  name: string;
  language: string;
  timeZone: string;
  dir: '' | 'ltr' | 'rtl';
  numbering: string;
  baseUrl: string;
  position: string;
  isDefault: boolean;
}

const EMPTY: Form = { code: '', name: '', language: '', timeZone: '', dir: '', numbering: '', baseUrl: '', position: '', isDefault: false };

function formOf(e: ApiEdition): Form {
  return { code: e.code, name: e.name, language: e.language === e.code ? '' : e.language, timeZone: e.timeZone, dir: e.dir, numbering: e.numbering ?? '', baseUrl: e.baseUrl, position: String(e.position), isDefault: e.isDefault };
}

/** The body the API takes: a new edition's direction left out follows its language. */
function bodyOf(f: Form, creating: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { name: f.name.trim(), timeZone: f.timeZone.trim(), language: f.language.trim(), numbering: f.numbering || null, baseUrl: f.baseUrl.trim() };
  if (creating) body.code = f.code.trim();
  if (f.dir) body.dir = f.dir;
  if (f.position.trim()) body.position = /^\d+$/.test(f.position.trim()) ? Number(f.position.trim()) : f.position;
  if (f.isDefault) body.isDefault = true;
  return body;
}

/** The server's refusal of one field, in the screen's words. */
function fieldError(err: unknown, field: string): string | null {
  if (!(err instanceof ApiError)) return null;
  if (field === 'code' && err.status === 409) return w().issues.code;
  return err.issues.some((i) => i.field === field) ? (w().issues[field] ?? null) : null;
}

/** Editions (admins): the list, and a form to add one or change one. */
export function EditionsScreen() {
  const [list, setList] = useState<ApiEdition[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<ApiEdition | null>(null);
  const load = () =>
    api
      .get<{ editions: ApiEdition[] }>('/api/admin/editions')
      .then((r) => setList(r.editions))
      .catch(setError);
  useEffect(() => {
    void load();
  }, []);
  const t = w();
  return (
    <>
      <PageHeading title={t.title} />
      <p>{t.intro}</p>
      <ErrorSummary error={error} />
      <section aria-labelledby="editions-list">
        <h2 id="editions-list">{t.list}</h2>
        {list && list.length === 0 ? <p>{t.none}</p> : null}
        {list && list.length ? (
          <table class="table">
            <caption class="visually-hidden">{t.caption}</caption>
            <thead>
              <tr>
                {Object.values(t.columns).map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.code}>
                  <th scope="row">
                    <code>{e.code}</code> {e.isDefault ? <span class="badge">{t.isDefault}</span> : null}
                  </th>
                  <td>
                    <bdi>{e.name}</bdi>
                  </td>
                  <td>{e.language}</td>
                  <td>{t.dirs[e.dir] ?? e.dir}</td>
                  <td>{e.timeZone}</td>
                  <td>{e.numbering ?? t.ownNumbering}</td>
                  <td class="break">{e.baseUrl || `/${e.code}/`}</td>
                  <td>
                    <button type="button" class="btn btn--small" aria-label={t.editLabel(e.code)} onClick={() => setEditing(e)}>
                      {t.edit}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {editing ? (
        <EditionForm
          key={`edit-${editing.code}`}
          edition={editing}
          onDone={(e) => {
            setEditing(null);
            announce(t.saved(e.code));
            void load();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <EditionForm
          key="new"
          edition={null}
          onDone={(e) => {
            announce(t.created(e.code));
            void load();
          }}
        />
      )}
    </>
  );
}

function EditionForm(props: { edition: ApiEdition | null; onDone: (e: ApiEdition) => void; onCancel?: () => void }) {
  const creating = props.edition === null;
  const [form, setForm] = useState<Form>(props.edition ? formOf(props.edition) : EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(k: K) => (v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const t = w();
  const headingId = creating ? 'edition-new' : 'edition-edit';
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = creating
        ? await api.post<{ edition: ApiEdition }>('/api/admin/editions', bodyOf(form, true))
        : await api.patch<{ edition: ApiEdition }>(`/api/admin/editions/${encodeURIComponent(props.edition!.code)}`, bodyOf(form, false));
      forgetEditions();
      if (creating) setForm(EMPTY);
      props.onDone(r.edition);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const issues = error instanceof ApiError ? (error.status === 409 ? [{ field: 'code', message: t.exists(form.code.trim()) }] : error.issues.map((i) => ({ field: i.field, message: t.issues[i.field] ?? i.message }))) : undefined;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{creating ? t.add : t.editing(props.edition!.code)}</h2>
      <ErrorSummary error={issues?.length ? undefined : error} issues={issues?.length ? issues : undefined} />
      <form onSubmit={submit} noValidate>
        {creating ? <TextField label={t.fields.code} hint={t.fields.codeHint} name="code" required value={form.code} onInput={set('code')} error={fieldError(error, 'code')} spellcheck={false} maxLength={35} /> : null}
        <TextField label={t.fields.name} hint={t.fields.nameHint} name="name" required value={form.name} onInput={set('name')} error={fieldError(error, 'name')} maxLength={100} />
        <TextField label={t.fields.timeZone} hint={t.fields.timeZoneHint} name="timeZone" required value={form.timeZone} onInput={set('timeZone')} error={fieldError(error, 'timeZone')} list="edition-zones" spellcheck={false} />
        <datalist id="edition-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <TextField label={t.fields.language} hint={t.fields.languageHint} name="language" value={form.language} onInput={set('language')} error={fieldError(error, 'language')} spellcheck={false} maxLength={35} />
        <SelectField
          label={t.fields.dir}
          name="dir"
          value={form.dir}
          onChange={(v) => set('dir')(v as Form['dir'])}
          error={fieldError(error, 'dir')}
          options={[
            { value: '', label: t.fields.dirAuto },
            { value: 'ltr', label: t.dirs.ltr },
            { value: 'rtl', label: t.dirs.rtl },
          ]}
        />
        <SelectField
          label={t.fields.numbering}
          name="numbering"
          value={form.numbering}
          onChange={set('numbering')}
          error={fieldError(error, 'numbering')}
          options={[...new Set(['', 'latn', 'arab', 'arabext', form.numbering])].map((v) => ({ value: v, label: t.fields.numberingOptions[v] ?? v }))}
        />
        <TextField label={t.fields.baseUrl} hint={t.fields.baseUrlHint} name="baseUrl" type="url" value={form.baseUrl} onInput={set('baseUrl')} error={fieldError(error, 'baseUrl')} spellcheck={false} />
        <TextField label={t.fields.position} hint={t.fields.positionHint} name="position" type="number" value={form.position} onInput={set('position')} error={fieldError(error, 'position')} />
        {props.edition?.isDefault ? null : <Checkbox label={t.fields.isDefault} hint={t.fields.isDefaultHint} checked={form.isDefault} onChange={set('isDefault')} />}
        <div class="actions">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {creating ? t.create : t.save}
          </button>
          {props.onCancel ? (
            <button type="button" class="btn btn--quiet" onClick={props.onCancel}>
              {t.cancel}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
