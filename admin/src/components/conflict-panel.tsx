import { useEffect, useRef } from 'preact/hooks';
import { fieldLabel, fieldValue, showValue, toInput, type Draft } from '../article-draft.ts';
import { t } from '../i18n.ts';
import { ListTable } from './list-section.tsx';
import type { Change } from '../types.ts';

export interface ConflictState {
  currentVersion: number;
  current: Record<string, any> | null;
  changes: Change[];
}

/**
 * Shown when a save answered 412: someone saved a newer version. Nothing was
 * overwritten; the user's text stays in the form. Lists what changed, theirs
 * against ours, and lets the user take theirs or overwrite them with ours.
 */
export function ConflictPanel(props: { conflict: ConflictState; draft: Draft; busy: boolean; onReload: () => void; onOverwrite: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [props.conflict]);
  const mine = toInput(props.draft) as unknown as Record<string, unknown>;
  return (
    <section class="conflict" role="alert" aria-labelledby="conflict-title" tabIndex={-1} ref={ref}>
      <h2 id="conflict-title">{t.conflict.heading}</h2>
      <p>{t.conflict.intro(props.conflict.currentVersion)}</p>
      <ListTable
        rows={props.conflict.changes}
        tableClass="table conflict__table"
        columns={[t.conflict.field, t.conflict.theirs, t.conflict.yours]}
        rowKey={(c) => c.field}
        cells={(c) => (
          <>
            <th scope="row">{fieldLabel(c.field)}</th>
            <td>{showValue(c.after)}</td>
            <td>{showValue(fieldValue(mine, c.field))}</td>
          </>
        )}
      />
      <div class="form-actions">
        <button type="button" class="btn" onClick={props.onReload} disabled={props.busy}>
          {t.conflict.reloadTheirs}
        </button>
        <button type="button" class="btn btn--danger" onClick={props.onOverwrite} disabled={props.busy}>
          {t.conflict.overwrite}
        </button>
      </div>
    </section>
  );
}
