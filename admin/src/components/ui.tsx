import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type FieldIssue } from '../api.ts';
import { issueText } from '../article-draft.ts';
import { describeError } from '../errors.ts';
import { t } from '../i18n.ts';

let lastId = 0;
/**
 * An id unique in the document. Preact's useId numbers by tree position, and
 * the editor's node views and the dialogs (portals) are separate trees whose
 * ids can repeat the page's: a <label for> would then name the wrong field.
 */
export function useUniqueId(prefix: string): string {
  const [id] = useState(() => `${prefix}${++lastId}`);
  return id;
}

/** Issues from the server, or a message, as a list that is announced when it appears. */
export function ErrorSummary(props: { error?: unknown; issues?: FieldIssue[]; heading?: string; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const issues = props.issues ?? (props.error instanceof ApiError ? props.error.issues : []);
  const described = props.error ? describeError(props.error) : null;
  const message = described?.message ?? null;
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
            <li key={n}>{issueText(i)}</li>
          ))}
        </ul>
      ) : (
        <>
          <p>{message}</p>
          {described?.detail ? <p class="sub">{t.serverDetail(described.detail)}</p> : null}
        </>
      )}
    </div>
  );
}

/** A refusal as one line: the French sentence, then the server's message as a detail. */
export function errorMessage(err: unknown): string {
  const { message, detail } = describeError(err);
  return detail ? `${message} ${t.serverDetail(detail)}` : message;
}

/** The issue about one field, for showing it next to that field. */
export function issueFor(err: unknown, field: string): string | null {
  if (!(err instanceof ApiError)) return null;
  return err.issues.find((i) => i.field === field)?.message ?? null;
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
