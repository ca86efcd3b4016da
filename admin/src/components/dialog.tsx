import type { ComponentChildren } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n.ts';
import { useUniqueId } from './ui.tsx';

/**
 * A modal dialog on the native <dialog>: focus is kept inside, Escape closes it,
 * and focus returns to what opened it. Every way of closing goes through the
 * native close, then `onClose`, which may move focus elsewhere (the editor).
 */
export function Dialog(props: { title: string; open: boolean; onClose: () => void; children: ComponentChildren; wide?: boolean; describedBy?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useUniqueId('d');
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
