import { alertLabels } from '../alerts/alert-labels.ts';
import type { EditionContext } from '../render/context.ts';

/**
 * The reader's opt-in to web push for this edition: a button in the footer,
 * which public/alerts.js shows only where the browser can subscribe. Nothing
 * asks for permission until the reader presses it (never a pop-up on arrival).
 */
export function PushButton({ ctx }: { ctx: EditionContext }) {
  const w = alertLabels(ctx.language);
  return (
    <p class="push-optin" hidden data-edition={ctx.edition.code} data-push-choice="alerts" data-on={w.pushOn} data-off={w.pushOff} data-denied={w.pushDenied} data-unsupported={w.pushUnsupported} data-done={w.pushDone}>
      <button type="button" class="push-button" aria-pressed="false">
        {w.pushOn}
      </button>{' '}
      <span class="push-status" role="status"></span>
    </p>
  );
}
