import { inLanguage, type Catalogue } from '../render/catalogue.ts';
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

const ES: AlertLabels = {
  region: 'Alertas',
  level: { breaking: 'Última hora', urgent: 'Urgente', info: 'Info' },
  dismiss: 'Ocultar esta alerta',
  feedTitle: (e) => `${e} – alertas`,
  pushOn: 'Recibir las alertas',
  pushOff: 'Dejar de recibir las alertas',
  pushDenied: 'Las notificaciones están bloqueadas en su navegador.',
  pushUnsupported: 'Su navegador no admite notificaciones.',
  pushDone: 'Recibirá las alertas.',
  pushTitle: { breaking: 'Última hora', urgent: 'Urgente', info: 'Info' },
};

const AR: AlertLabels = {
  region: 'تنبيهات',
  level: { breaking: 'عاجل', urgent: 'هام', info: 'خبر' },
  dismiss: 'إخفاء هذا التنبيه',
  feedTitle: (e) => `${e} – تنبيهات`,
  pushOn: 'تلقي التنبيهات',
  pushOff: 'إيقاف التنبيهات',
  pushDenied: 'الإشعارات محظورة في متصفحك.',
  pushUnsupported: 'متصفحك لا يدعم الإشعارات.',
  pushDone: 'ستصلك التنبيهات.',
  pushTitle: { breaking: 'خبر عاجل', urgent: 'هام', info: 'خبر' },
};

/** Every language of the alert banner and push (src/render/catalogue.test.ts checks each has every key). */
export const catalogue: Catalogue<AlertLabels> = { fr: FR, en: EN, es: ES, ar: AR };

export function alertLabels(language: string): AlertLabels {
  return inLanguage(catalogue, language);
}
