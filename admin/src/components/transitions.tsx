import { useState } from 'preact/hooks';
import { ApiError, atLeast, type FieldIssue, type User } from '../api.ts';
import { issueText } from '../article-draft.ts';
import { t } from '../i18n.ts';
import type { Status } from '../types.ts';
import { errorMessage, useUniqueId } from './ui.tsx';

type Target = 'in_review' | 'scheduled' | 'published' | 'unpublished' | 'draft';

interface Action {
  to: Target;
  label: string;
  primary?: boolean;
}

/** The moves an article can make from its status, for this user (the server has the last word). */
export function actionsFor(status: Status, canPublish: boolean): { actions: Action[]; schedule: boolean } {
  const s = t.transitions;
  switch (status) {
    case 'draft':
      return { actions: [{ to: 'in_review', label: s.to_in_review, primary: !canPublish }, ...(canPublish ? [{ to: 'published' as const, label: s.to_published, primary: true }] : [])], schedule: canPublish };
    case 'in_review':
      return { actions: [...(canPublish ? [{ to: 'published' as const, label: s.to_published, primary: true }] : []), { to: 'draft', label: s.to_draft }], schedule: canPublish };
    case 'scheduled':
      return { actions: canPublish ? [{ to: 'published', label: s.publishNow, primary: true }, { to: 'draft', label: s.cancelSchedule }] : [], schedule: false };
    case 'published':
      return { actions: canPublish ? [{ to: 'unpublished', label: s.to_unpublished }] : [], schedule: false };
    case 'unpublished':
      return { actions: [...(canPublish ? [{ to: 'published' as const, label: s.republish, primary: true }] : []), { to: 'draft', label: s.to_draft }], schedule: false };
    default:
      return { actions: [], schedule: false };
  }
}

export function canPublish(user: User, ownerId: number | null | undefined): boolean {
  if (atLeast(user, 'editor')) return true;
  return user.role === 'author' && (ownerId == null || ownerId === user.id);
}

/** Turns a datetime-local value (the browser's time zone) into ISO 8601 UTC. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function TransitionPanel(props: {
  status: Status;
  user: User;
  ownerId: number | null | undefined;
  disabled: boolean;
  onTransition: (to: Target, at?: string) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [at, setAt] = useState('');
  const id = useUniqueId('t');
  const { actions, schedule } = actionsFor(props.status, canPublish(props.user, props.ownerId));

  const run = async (to: Target, when?: string) => {
    setBusy(true);
    setIssues([]);
    setMessage(null);
    try {
      await props.onTransition(to, when);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 422)) {
        setMessage(t.transitions.failed);
        setIssues(err.issues.length ? err.issues : [{ field: '', message: err.message }]);
      } else if (err instanceof ApiError && err.status === 403) {
        setMessage(t.transitions.forbidden);
      } else {
        setMessage(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="transitions">
      {message ? (
        <div class="error-summary" role="alert">
          <p class="error-summary__title">{message}</p>
          {issues.length ? (
            <ul>
              {issues.map((i, n) => (
                <li key={n}>{issueText(i)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {actions.length ? (
        <div class="transitions__buttons">
          {actions.map((a) => (
            <button key={a.to + a.label} type="button" class={`btn${a.primary ? ' btn--primary' : ''}`} disabled={busy || props.disabled} onClick={() => run(a.to)}>
              {a.label}
            </button>
          ))}
        </div>
      ) : null}
      {schedule ? (
        <form
          class="schedule"
          onSubmit={(e) => {
            e.preventDefault();
            const iso = localToIso(at);
            if (!iso) {
              setMessage(t.transitions.needDate);
              setIssues([]);
              return;
            }
            run('scheduled', iso);
          }}
        >
          <label for={id}>{t.transitions.scheduleAt}</label>
          <input id={id} type="datetime-local" value={at} onInput={(e) => setAt((e.currentTarget as HTMLInputElement).value)} required />
          <button type="submit" class="btn" disabled={busy || props.disabled}>
            {t.transitions.schedule}
          </button>
        </form>
      ) : null}
    </div>
  );
}
