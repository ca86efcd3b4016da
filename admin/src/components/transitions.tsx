import { useState } from 'preact/hooks';
import { ApiError, atLeast, type FieldIssue, type User } from '../api.ts';
import { issueText } from '../article-draft.ts';
import { t } from '../i18n.ts';
import type { Status } from '../types.ts';
import { describeError } from '../errors.ts';
import { useUniqueId } from './ui.tsx';
import { ts } from '../i18n-subtitles.ts';
import { TextArea } from './fields.tsx';

/** The publishing checks one may pass over with a reason (docs/subtitles.md), as a refusal's issues name them. */
export type Override = 'subtitles';

/**
 * The override that would let a refused publication through: when every
 * problem of the refusal is one the editor may pass over (all of the same
 * kind), that kind; otherwise null (something must be fixed first).
 */
export function overridableOnly(issues: Array<FieldIssue & { override?: string }>): Override | null {
  if (!issues.length) return null;
  return issues.every((i) => i.override === 'subtitles') ? 'subtitles' : null;
}

type Target = 'in_review' | 'scheduled' | 'published' | 'unpublished' | 'draft';

interface Action {
  to: Target;
  label: string;
  primary?: boolean;
}

/**
 * The moves an article can make from its status, for this user (the server has the last word).
 * `canMove` is false for someone else's article that the role may not move at all (canMove below).
 */
export function actionsFor(status: Status, canPublish: boolean, canMove = true): { actions: Action[]; schedule: boolean } {
  const s = t.transitions;
  if (!canMove && !canPublish) return { actions: [], schedule: false };
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

/** Whether the user may move the article through the workflow at all: below editor, only their own (as the server rules). */
export function canMove(user: User, ownerId: number | null | undefined): boolean {
  if (atLeast(user, 'editor')) return true;
  return ownerId == null || ownerId === user.id;
}

/** How far a time zone is ahead of UTC at an instant, in ms. */
function zoneOffset(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - instant;
}

/**
 * Turns a datetime-local value, read as wall-clock time in the edition's time
 * zone (not the browser's), into ISO 8601 UTC.
 */
export function localToIso(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // Twice, so that a time next to a daylight-saving change lands on the right offset.
  let utc = wall - zoneOffset(timeZone, wall);
  utc = wall - zoneOffset(timeZone, utc);
  return new Date(utc).toISOString();
}

export function TransitionPanel(props: {
  status: Status;
  user: User;
  ownerId: number | null | undefined;
  /** The edition's time zone: a scheduled time is typed in it. */
  timeZone: string;
  disabled: boolean;
  onTransition: (to: Target, at?: string, overrides?: Partial<Record<Override, string>>) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  // A publication refused only for missing subtitles: what was asked, to ask again with a reason.
  const [override, setOverride] = useState<{ kind: Override; to: Target; at?: string } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [at, setAt] = useState('');
  const id = useUniqueId('t');
  const { actions, schedule } = actionsFor(props.status, canPublish(props.user, props.ownerId), canMove(props.user, props.ownerId));

  const run = async (to: Target, when?: string, overrides?: Partial<Record<Override, string>>) => {
    setBusy(true);
    setIssues([]);
    setMessage(null);
    setDetail(null);
    try {
      await props.onTransition(to, when, overrides);
      setOverride(null);
      setReason('');
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 422)) {
        setMessage(t.transitions.failed);
        setIssues(err.issues.length ? err.issues : [{ field: '', message: err.message }]);
        const kind = err.status === 409 ? overridableOnly(err.issues) : null;
        setOverride(kind && (to === 'published' || to === 'scheduled') ? { kind, to, at: when } : null);
      } else {
        const d = describeError(err);
        setMessage(err instanceof ApiError && err.status === 403 ? t.transitions.forbidden : d.message);
        setDetail(d.detail);
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
          {detail ? <p class="sub">{t.serverDetail(detail)}</p> : null}
          {issues.length ? (
            <ul>
              {issues.map((i, n) => (
                <li key={n}>{issueText(i)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {override ? (
        <form
          class="transitions__override"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return setReasonError(ts.override.reasonMissing);
            setReasonError(null);
            void run(override.to, override.at, { [override.kind]: reason.trim() });
          }}
          noValidate
        >
          <p class="transitions__override-title">{ts.override.title}</p>
          <p class="sub">{ts.override.explain}</p>
          <TextArea label={ts.override.reason} hint={ts.override.reasonHint} value={reason} onInput={setReason} rows={2} maxLength={500} required error={reasonError} />
          <button type="submit" class="btn btn--danger" disabled={busy || props.disabled}>
            {override.to === 'scheduled' ? ts.override.schedule : ts.override.publish}
          </button>
        </form>
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
            const iso = localToIso(at, props.timeZone);
            if (!iso) {
              setMessage(t.transitions.needDate);
              setDetail(null);
              setIssues([]);
              return;
            }
            run('scheduled', iso);
          }}
        >
          <label for={id}>{t.transitions.scheduleAt(props.timeZone)}</label>
          <input id={id} type="datetime-local" value={at} onInput={(e) => setAt((e.currentTarget as HTMLInputElement).value)} required />
          <button type="submit" class="btn" disabled={busy || props.disabled}>
            {t.transitions.schedule}
          </button>
        </form>
      ) : null}
    </div>
  );
}
