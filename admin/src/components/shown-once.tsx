import { useEffect, useRef } from 'preact/hooks';
import { announce } from './ui.tsx';

/**
 * A secret the server shows once (an API token, a webhook secret): focused when
 * it appears so screen readers reach it, with a copy button. Without clipboard
 * permission the value stays selectable text.
 */
export function ShownOnce(props: { id: string; heading: string; value: string; copyLabel: string; copiedMessage: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [props.value]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      announce(props.copiedMessage);
    } catch {
      // No clipboard permission: the value is selectable text.
    }
  };
  return (
    <div class="token-shown" tabIndex={-1} ref={ref} role="region" aria-labelledby={props.id}>
      <p id={props.id}>
        <strong>{props.heading}</strong>
      </p>
      <p>
        <code class="token-value">{props.value}</code>
      </p>
      <button type="button" class="btn" onClick={copy}>
        {props.copyLabel}
      </button>
    </div>
  );
}
