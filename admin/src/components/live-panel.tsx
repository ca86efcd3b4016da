import { useState } from 'preact/hooks';
import { atLeast, type User } from '../api.ts';
import { t } from '../i18n.ts';
import type { LiveState } from '../live-api.ts';
import { BASE } from '../router.ts';
import { Checkbox } from './fields.tsx';
import { ErrorSummary, announce } from './ui.tsx';

/** The live settings as the article's `live` field takes them, from what the article carried. */
export function liveFrom(v: unknown): LiveState | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Partial<LiveState>;
  if (typeof o.startedAt !== 'string') return null;
  return { startedAt: o.startedAt, endedAt: typeof o.endedAt === 'string' ? o.endedAt : null, openPosting: o.openPosting === true, push: o.push === true };
}

/**
 * The article editor's "Direct" panel: make the article a live, let
 * contributors publish, send key points by push, end the live, and open its
 * desk. Each change is saved at once through the editor (its version check).
 */
export function LivePanel(props: {
  live: LiveState | null;
  articleId: number | null;
  user: User;
  timeZone: string;
  disabled: boolean;
  /** Saves the article with this `live` field; true when saved. */
  onChange: (live: LiveState) => Promise<boolean>;
  /** "Terminer le direct": saves pending changes, then ends the live on the server. */
  onEnd: () => Promise<void>;
}) {
  const L = t.live.panel;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const live = props.live;
  const isEditor = atLeast(props.user, 'editor');

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const ok = await fn();
      if (ok !== false) announce(done);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="live-panel" aria-labelledby="live-panel-title">
      <h2 id="live-panel-title">{L.heading}</h2>
      <ErrorSummary error={error} focus={false} />
      {props.articleId === null ? <p class="hint">{L.saveFirst}</p> : null}
      {!live ? (
        <>
          <p class="sub">{L.notLive}</p>
          {isEditor && props.articleId !== null ? (
            <button
              type="button"
              class="btn"
              disabled={busy || props.disabled}
              onClick={() => run(() => props.onChange({ startedAt: new Date().toISOString(), endedAt: null, openPosting: false, push: false }), L.made)}
            >
              {L.make}
            </button>
          ) : null}
        </>
      ) : (
        <>
          <p>
            {live.endedAt ? (
              <span class="badge badge--ended">{L.ended(t.live.formatDateTime(live.endedAt, props.timeZone))}</span>
            ) : (
              <span class="badge badge--live">{L.running(t.live.formatDateTime(live.startedAt, props.timeZone))}</span>
            )}
          </p>
          <p>
            <a class="btn btn--primary" href={`${BASE}/articles/${props.articleId}/direct`}>
              {L.openDesk}
            </a>
          </p>
          {isEditor ? (
            <>
              <Checkbox
                label={L.openPosting}
                hint={L.openPostingHint}
                checked={live.openPosting}
                disabled={busy || props.disabled}
                onChange={(openPosting) => run(() => props.onChange({ ...live, openPosting }), L.saved)}
              />
              <Checkbox label={L.push} hint={L.pushHint} checked={live.push} disabled={busy || props.disabled} onChange={(push) => run(() => props.onChange({ ...live, push }), L.saved)} />
              {live.endedAt ? (
                <button type="button" class="btn btn--small" disabled={busy || props.disabled} onClick={() => run(() => props.onChange({ ...live, endedAt: null }), L.made)}>
                  {L.restart}
                </button>
              ) : (
                <button
                  type="button"
                  class="btn btn--danger btn--small"
                  disabled={busy || props.disabled}
                  onClick={() => {
                    if (confirm(L.confirmEnd)) void run(props.onEnd, L.endedNow);
                  }}
                >
                  {L.end}
                </button>
              )}
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
