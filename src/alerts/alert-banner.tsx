import type { EditionContext } from '../render/context.ts';
import { alertLabels } from './alert-labels.ts';
import type { PublicAlert } from './alert-shape.ts';

/** Where readers' pages ask for the current alerts (public/alerts.js). */
export const alertsApiPath = (edition: string) => `/api/content/alerts?edition=${encodeURIComponent(edition)}`;

/**
 * The breaking-news banner at the top of every reader page, rendered with the
 * page from the alerts the site keeps in memory (so it reads without
 * JavaScript, within the page cache's lifetime). alerts.js keeps it current on
 * a cached page: it replaces the list with the endpoint's answer every few
 * seconds. The region is always there, empty when there is no alert, so that
 * screen readers announce an alert added later (aria-live polite).
 */
export function AlertBanner({ ctx }: { ctx: EditionContext }) {
  const code = ctx.edition.code;
  const words = alertLabels(code);
  const alerts: PublicAlert[] = ctx.catalog.alerts?.current(code) ?? [];
  return (
    <section
      class="site-alerts"
      id="site-alerts"
      aria-label={words.region}
      aria-live="polite"
      data-alerts={alertsApiPath(code)}
      data-dismiss={words.dismiss}
      data-levels={JSON.stringify(words.level)}
    >
      {alerts.map((a) => (
        <AlertItem alert={a} label={words.level[a.level]} href={a.url ? ctx.abs(a.url) : null} t={ctx.t} />
      ))}
    </section>
  );
}

function AlertItem({ alert, label, href, t }: { alert: PublicAlert; label: string; href: string | null; t: (s: string) => string }) {
  return (
    <p class={`site-alert site-alert-${alert.level}`} data-alert-id={alert.id}>
      <strong class="site-alert-level">{label}</strong> {href ? <a href={href}>{t(alert.text)}</a> : <span>{t(alert.text)}</span>}
    </p>
  );
}
