import type { AlertLevel } from './alert-shape.ts';

/** The words of the alert banner and the push button, per edition language (English otherwise). */
export interface AlertLabels {
  region: string;
  level: Record<AlertLevel, string>;
  dismiss: string;
  feedTitle: (edition: string) => string;
  /** The push opt-in button and its states. */
  pushOn: string;
  pushOff: string;
  pushDenied: string;
  pushUnsupported: string;
  pushDone: string;
  /** Title of a push notification of an alert. */
  pushTitle: Record<AlertLevel, string>;
}

const FR: AlertLabels = {
  region: 'Alertes',
  level: { breaking: 'Alerte', urgent: 'Urgent', info: 'Info' },
  dismiss: 'Masquer cette alerte',
  feedTitle: (e) => `${e} – alertes`,
  pushOn: 'Recevoir les alertes',
  pushOff: 'Ne plus recevoir les alertes',
  pushDenied: 'Les notifications sont bloquées dans votre navigateur.',
  pushUnsupported: 'Votre navigateur ne permet pas les notifications.',
  pushDone: 'Vous recevrez les alertes.',
  pushTitle: { breaking: 'Alerte info', urgent: 'Urgent', info: 'Info' },
};

const EN: AlertLabels = {
  region: 'Alerts',
  level: { breaking: 'Breaking', urgent: 'Urgent', info: 'Info' },
  dismiss: 'Dismiss this alert',
  feedTitle: (e) => `${e} – alerts`,
  pushOn: 'Get breaking news alerts',
  pushOff: 'Stop alerts',
  pushDenied: 'Notifications are blocked in your browser.',
  pushUnsupported: 'Your browser does not support notifications.',
  pushDone: 'You will get alerts.',
  pushTitle: { breaking: 'Breaking news', urgent: 'Urgent', info: 'Info' },
};

export function alertLabels(edition: string): AlertLabels {
  return edition.split('-')[0].toLowerCase() === 'fr' ? FR : EN;
}
