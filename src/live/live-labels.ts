import { inLanguage, type Catalogue } from '../render/catalogue.ts';
/** The words of a live page, per edition language (English for languages without their own). */
export interface LiveLabels {
  /** The label of a running live, on its page and on cards. */
  live: string;
  keyPoints: string;
  /** The flag on one key-point entry. */
  keyPoint: string;
  pinned: string;
  entries: string;
  newestFirst: string;
  oldestFirst: string;
  /** The link to the next page of entries (older ones when newest first). */
  earlier: string;
  later: string;
  /** The link back to the first page of entries. */
  latest: string;
  /** The button that shows entries that arrived while the reader was reading. */
  newEntries: (n: number) => string;
  corrected: string;
  permalink: string;
  /** The skip link of an entry's own address. */
  goToEntry: string;
  ended: string;
  /** The live's feed, for feed readers. */
  feedTitle: (headline: string) => string;
  entryBy: string;
  /** The button of a live whose key points go out by web push: following means every such live of the edition. */
  follow: string;
  unfollow: string;
  followDone: string;
}

const fr: LiveLabels = {
  live: 'EN DIRECT',
  keyPoints: 'Les points clés',
  keyPoint: 'Point clé',
  pinned: 'À la une du direct',
  entries: 'Le fil du direct',
  newestFirst: 'Plus récentes d’abord',
  oldestFirst: 'Plus anciennes d’abord',
  earlier: 'Entrées précédentes',
  later: 'Entrées suivantes',
  latest: 'Revenir aux dernières entrées',
  newEntries: (n) => (n === 1 ? '1 nouvelle entrée' : `${n} nouvelles entrées`),
  corrected: 'Correction :',
  permalink: 'Lien vers cette entrée',
  goToEntry: 'Aller à l’entrée partagée',
  ended: 'Ce direct est terminé.',
  feedTitle: (h) => `${h} – en direct`,
  entryBy: 'Par',
  follow: 'Suivre ce direct',
  unfollow: 'Ne plus suivre les directs',
  followDone: 'Vous recevrez en notification les points clés de ce direct et des autres directs de la rédaction.',
};

const en: LiveLabels = {
  live: 'LIVE',
  keyPoints: 'Key points',
  keyPoint: 'Key point',
  pinned: 'Pinned',
  entries: 'Live updates',
  newestFirst: 'Newest first',
  oldestFirst: 'Oldest first',
  earlier: 'Earlier entries',
  later: 'Later entries',
  latest: 'Back to the latest entries',
  newEntries: (n) => (n === 1 ? '1 new entry' : `${n} new entries`),
  corrected: 'Correction:',
  permalink: 'Link to this entry',
  goToEntry: 'Go to the shared entry',
  ended: 'This live coverage has ended.',
  feedTitle: (h) => `${h} – live`,
  entryBy: 'By',
  follow: 'Follow this live',
  unfollow: 'Stop following lives',
  followDone: 'You will get the key points of this live and of our other lives as notifications.',
};

const es: LiveLabels = {
  live: 'EN DIRECTO',
  keyPoints: 'Lo esencial',
  keyPoint: 'Punto clave',
  pinned: 'Destacado del directo',
  entries: 'El hilo del directo',
  newestFirst: 'Las más recientes primero',
  oldestFirst: 'Las más antiguas primero',
  earlier: 'Entradas anteriores',
  later: 'Entradas siguientes',
  latest: 'Volver a las últimas entradas',
  newEntries: (n) => (n === 1 ? '1 nueva entrada' : `${n} nuevas entradas`),
  corrected: 'Corrección:',
  permalink: 'Enlace a esta entrada',
  goToEntry: 'Ir a la entrada compartida',
  ended: 'Este directo ha terminado.',
  feedTitle: (h) => `${h} – en directo`,
  entryBy: 'Por',
  follow: 'Seguir este directo',
  unfollow: 'Dejar de seguir los directos',
  followDone: 'Recibirá como notificación los puntos clave de este directo y de los demás directos de la redacción.',
};

const ar: LiveLabels = {
  live: 'مباشر',
  keyPoints: 'أبرز النقاط',
  keyPoint: 'نقطة أساسية',
  pinned: 'مثبّت',
  entries: 'التغطية المباشرة',
  newestFirst: 'الأحدث أولًا',
  oldestFirst: 'الأقدم أولًا',
  earlier: 'التحديثات السابقة',
  later: 'التحديثات اللاحقة',
  latest: 'العودة إلى آخر التحديثات',
  newEntries: (n) => (n === 1 ? 'تحديث جديد' : n === 2 ? 'تحديثان جديدان' : `${n.toLocaleString('ar')} تحديثات جديدة`),
  corrected: 'تصحيح:',
  permalink: 'رابط هذا التحديث',
  goToEntry: 'الانتقال إلى التحديث المُشارَك',
  ended: 'انتهت هذه التغطية المباشرة.',
  feedTitle: (h) => `${h} – مباشر`,
  entryBy: 'بقلم',
  follow: 'متابعة هذه التغطية',
  unfollow: 'إيقاف متابعة التغطيات المباشرة',
  followDone: 'ستصلك إشعارات بأبرز نقاط هذه التغطية وغيرها من التغطيات المباشرة.',
};

/** Every language of the live pages (src/render/catalogue.test.ts checks each has every key). */
export const catalogue: Catalogue<LiveLabels> = { fr, en, es, ar };

export function liveLabelsFor(language: string): LiveLabels {
  return inLanguage(catalogue, language);
}
