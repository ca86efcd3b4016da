import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import { entryFromWire, runningLives, type RunningLive } from '../live-api.ts';
import { BASE } from '../router.ts';
import { Dialog } from './dialog.tsx';
import { ErrorSummary, Spinner, announce, useUniqueId } from './ui.tsx';

/**
 * "Ajouter au direct…" on a wire item: choose one of the running lives, and the
 * item becomes an entry of it, keeping its source (POST …/entries/from-wire).
 */
export function AddToLive(props: { itemId: number; title: string; disabled?: boolean }) {
  const L = t.live.wire;
  const [open, setOpen] = useState(false);
  const [lives, setLives] = useState<RunningLive[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ id: number; headline: string } | null>(null);
  const name = useUniqueId('live');

  useEffect(() => {
    if (!open) return;
    setLives(null);
    setError(null);
    runningLives().then(
      (l) => {
        setLives(l);
        setChosen(l[0]?.id ?? null);
      },
      (err) => {
        setError(err);
        setLives([]);
      },
    );
  }, [open]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const live = lives?.find((l) => l.id === chosen);
    if (!live) return;
    setBusy(true);
    setError(null);
    try {
      await entryFromWire(live.id, props.itemId);
      setDone({ id: live.id, headline: live.headline });
      announce(L.added(live.headline));
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" class="btn btn--small" aria-label={L.addLabel(props.title)} disabled={props.disabled} onClick={() => setOpen(true)}>
        {L.add}
      </button>
      {done ? (
        <>
          {' '}
          <a href={`${BASE}/articles/${done.id}/direct`}>{L.openDesk}</a>
        </>
      ) : null}
      <Dialog title={L.dialog} open={open} onClose={() => setOpen(false)}>
        <p>{props.title}</p>
        <ErrorSummary error={error} focus={false} />
        {lives === null ? <Spinner label={L.loading} /> : null}
        {lives && !lives.length && !error ? <p class="empty">{L.none}</p> : null}
        {lives && lives.length ? (
          <form onSubmit={submit}>
            <fieldset>
              <legend>{L.choose}</legend>
              {lives.map((l) => (
                <div class="field field--check" key={l.id}>
                  <input id={`${name}-${l.id}`} type="radio" name={name} value={String(l.id)} checked={chosen === l.id} onChange={() => setChosen(l.id)} />
                  <label for={`${name}-${l.id}`}>
                    {l.headline} <span class="sub">({l.edition})</span>
                  </label>
                </div>
              ))}
            </fieldset>
            <div class="form-actions">
              <button type="submit" class="btn btn--primary" disabled={busy || chosen === null}>
                {L.submit}
              </button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </>
  );
}
