import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ErrorSummary, announce, issueFor, useUniqueId } from '../components/ui.tsx';
import type { Identity } from './identity.tsx';

const path = (code: string) => `/api/admin/editions/${encodeURIComponent(code)}/identity`;

/** A file field sent as multipart/form-data under `field`; the server's refusal is shown beside it. */
export function UploadForm(props: { edition: string; field: 'logo' | 'icon'; label: string; hint: string; accept: string; submit: string; saved: string; onSaved: (i: Identity) => void }) {
  const id = useUniqueId('file');
  const [file, setFile] = useState<File | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = issueFor(err, props.field);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setErr(null);
    setBusy(true);
    try {
      const form = new FormData();
      form.append(props.field, file, file.name);
      const r = await api.put<{ identity: Identity }>(`${path(props.edition)}/${props.field}`, form);
      props.onSaved(r.identity);
      announce(props.saved);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      {!fieldError ? <ErrorSummary error={err} /> : null}
      <div class={`field${fieldError ? ' field--error' : ''}`}>
        <label for={id}>{props.label}</label>
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
        <input
          id={id}
          type="file"
          accept={props.accept}
          aria-describedby={`${id}-hint${fieldError ? ` ${id}-error` : ''}`}
          aria-invalid={fieldError ? 'true' : undefined}
          onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
        />
        {fieldError ? (
          <p class="field-error" id={`${id}-error`} role="alert">
            {fieldError}
          </p>
        ) : null}
      </div>
      <button type="submit" class="btn btn--primary" disabled={busy || !file}>
        {props.submit}
      </button>
    </form>
  );
}

export async function removePart(edition: string, part: 'logo' | 'icon', onSaved: (i: Identity) => void, message: string, setErr: (e: unknown) => void) {
  try {
    const r = await api.del(`${path(edition)}/${part}`).then(() => api.get<{ identity: Identity }>(path(edition)));
    onSaved(r.identity);
    announce(message);
  } catch (e) {
    setErr(e);
  }
}

