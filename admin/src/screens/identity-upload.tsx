import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ErrorSummary, announce, issueFor, useUniqueId } from '../components/ui.tsx';
import { identityWords } from '../i18n-identity.ts';
import { pick } from '../lang.ts';
import type { Identity } from './identity.tsx';

/** The server's refusal of a logo or icon file, said in the admin's language when it is one of the known ones. */
export function uploadIssue(message: string | null): string | null {
  if (!message) return null;
  const r = identityWords().refusals;
  if (message.startsWith('expected an SVG or PNG')) return r.notSvgOrPng;
  if (message.includes('<!ENTITY>')) return r.entities;
  const small = /is (\d+) × (\d+) pixels; icons need/.exec(message);
  if (small) return r.tooSmall(small[1], small[2]);
  const holds = /^the SVG holds (.*); remove it/.exec(message);
  if (!holds) return message;
  const what: string[] = [];
  if (/\ba script\b/.test(holds[1])) what.push(r.script);
  for (const m of holds[1].matchAll(/an event handler \(([^)]+)\)/g)) what.push(r.handler(m[1]));
  if (holds[1].includes('foreignObject')) what.push(r.foreignObject);
  if (holds[1].includes('embedded document')) what.push(r.embedded);
  for (const m of holds[1].matchAll(/a reference to another file \(([^)]+)\)/g)) what.push(r.reference(m[1]));
  if (holds[1].includes('style that loads')) what.push(r.style);
  return what.length ? r.svgHolds(what) : message;
}

const path = (code: string) => `/api/admin/editions/${encodeURIComponent(code)}/identity`;

/** A file field sent as multipart/form-data under `field`; the server's refusal is shown beside it. */
export function UploadForm(props: { edition: string; field: 'logo' | 'icon'; label: string; hint: string; accept: string; submit: string; saved: string; onSaved: (i: Identity) => void }) {
  const id = useUniqueId('file');
  const [file, setFile] = useState<File | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = uploadIssue(issueFor(err, props.field));
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

