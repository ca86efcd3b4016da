import type { ComponentChildren, JSX, RefObject } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type FieldIssue } from '../api.ts';
import { t } from '../i18n.ts';

/** Form fields with their label, hint and error tied together by ids, as screen readers need. */

interface FieldBase {
  label: string;
  hint?: ComponentChildren;
  error?: string | null;
  required?: boolean;
  id?: string;
  name?: string;
  disabled?: boolean;
}

function useFieldIds(props: FieldBase) {
  const auto = useId();
  const id = props.id ?? `f${auto}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function FieldFrame(props: FieldBase & { ids: ReturnType<typeof useFieldIds>; children: ComponentChildren; class?: string }) {
  return (
    <div class={`field${props.error ? ' field--error' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <div class="label-line">
        <label for={props.ids.id}>{props.label}</label>
        {/* Screen readers say "required" from the attribute; the word is for the eye. */}
        {props.required ? (
          <span class="req" aria-hidden="true">
            {t.required}
          </span>
        ) : null}
      </div>
      {props.hint ? (
        <p class="hint" id={props.ids.hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.error ? (
        <p class="field-error" id={props.ids.errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(
  props: FieldBase & {
    value: string;
    onInput: (v: string) => void;
    type?: string;
    autoComplete?: string;
    inputRef?: RefObject<HTMLInputElement>;
    list?: string;
    class?: string;
    spellcheck?: boolean;
    maxLength?: number;
  },
) {
  const ids = useFieldIds(props);
  return (
    <FieldFrame {...props} ids={ids}>
      <input
        id={ids.id}
        name={props.name}
        ref={props.inputRef}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        autoComplete={props.autoComplete}
        list={props.list}
        spellcheck={props.spellcheck}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={ids.describedBy}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldBase & { value: string; onInput: (v: string) => void; rows?: number; maxLength?: number; class?: string }) {
  const ids = useFieldIds(props);
  return (
    <FieldFrame {...props} ids={ids}>
      <textarea
        id={ids.id}
        name={props.name}
        rows={props.rows ?? 3}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={ids.describedBy}
        onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldBase & { value: string; onChange: (v: string) => void; options: Array<{ value: string; label: string }>; placeholder?: string; class?: string },
) {
  const ids = useFieldIds(props);
  return (
    <FieldFrame {...props} ids={ids}>
      <select
        id={ids.id}
        name={props.name}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={ids.describedBy}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Checkbox(props: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; disabled?: boolean }) {
  const id = `c${useId()}`;
  return (
    <div class="field field--check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** Issues from the server, or a message, as a list that is announced when it appears. */
export function ErrorSummary(props: { error?: unknown; issues?: FieldIssue[]; heading?: string; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const issues = props.issues ?? (props.error instanceof ApiError ? props.error.issues : []);
  const message = props.error ? errorMessage(props.error) : null;
  useEffect(() => {
    if (props.focus !== false && (issues.length || message)) ref.current?.focus();
  }, [props.error, props.issues]);
  if (!issues.length && !message) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p class="error-summary__title">{props.heading ?? t.errorsHeading}</p>
      {issues.length ? (
        <ul>
          {issues.map((i, n) => (
            <li key={n}>{i.field ? `${i.field} : ${i.message}` : i.message}</li>
          ))}
        </ul>
      ) : (
        <p>{message}</p>
      )}
    </div>
  );
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.status === 0 ? t.networkError : err.message || err.code;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The issue about one field, for showing it next to that field. */
export function issueFor(err: unknown, field: string): string | null {
  if (!(err instanceof ApiError)) return null;
  return err.issues.find((i) => i.field === field)?.message ?? null;
}

/**
 * A modal dialog on the native <dialog>: focus is kept inside, Escape closes it,
 * and focus returns to what opened it. Every way of closing goes through the
 * native close, then `onClose`, which may move focus elsewhere (the editor).
 */
export function Dialog(props: { title: string; open: boolean; onClose: () => void; children: ComponentChildren; wide?: boolean; describedBy?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `d${useId()}`;
  const opener = useRef<Element | null>(null);
  const handled = useRef(true);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  /** Once per opening: focus back to the opener, then the owner's onClose (which may move focus on). */
  const finish = () => {
    if (handled.current) return;
    handled.current = true;
    const o = opener.current;
    opener.current = null;
    if (o instanceof HTMLElement && o.isConnected) o.focus();
    onClose.current();
  };
  // A layout effect, so that closing and what follows happen before the next key press is handled.
  useLayoutEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) {
      opener.current = document.activeElement;
      handled.current = false;
      d.showModal();
    } else if (!props.open && d.open) {
      d.close();
      finish();
    }
  }, [props.open]);
  useEffect(
    () => () => {
      // Unmounted while open: give focus back all the same.
      if (!handled.current && opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    },
    [],
  );
  // In <body>, so that a dialog's form is never nested in the page's form.
  return createPortal(
    <dialog ref={ref} class={`dialog${props.wide ? ' dialog--wide' : ''}`} aria-labelledby={titleId} aria-describedby={props.describedBy} onClose={finish}>
      <div class="dialog__head">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="btn btn--quiet" onClick={() => ref.current?.close()}>
          {t.close}
        </button>
      </div>
      {props.open ? <div class="dialog__body">{props.children}</div> : null}
    </dialog>,
    document.body,
  );
}

/** The page's own title: set document.title and give the heading focus, so a route change is announced. */
export function PageHeading(props: { title: string; children?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t.pageTitle(props.title);
  }, [props.title]);
  useEffect(() => {
    // Focus only after a navigation inside the app, not on the first load.
    if (navigated) ref.current?.focus();
  }, []);
  return (
    <div class="page-head">
      <h1 ref={ref} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </div>
  );
}

let navigated = false;
export function markNavigated(): void {
  navigated = true;
}

// ----------------------------------------------------------------- announcements

type Announce = (message: string) => void;
let announcer: Announce = () => {};

/** Says something in the polite live region of the layout. */
export function announce(message: string): void {
  announcer(message);
}

export function LiveRegion() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    announcer = (m) => {
      // Cleared first so the same message twice is announced twice.
      setMessage('');
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(m), 50);
    };
    return () => {
      announcer = () => {};
      clearTimeout(timer);
    };
  }, []);
  return (
    <div class="live visually-hidden" role="status" aria-live="polite">
      {message}
    </div>
  );
}

export function Spinner(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      {props.label ?? t.loading}
    </p>
  );
}

export type ButtonProps = JSX.HTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'quiet' | 'danger' };
export function Button({ variant, class: cls, type, ...rest }: ButtonProps & { type?: 'button' | 'submit' }) {
  return <button type={type ?? 'button'} class={`btn${variant ? ` btn--${variant}` : ''}${cls ? ` ${cls}` : ''}`} {...rest} />;
}
