import { inLanguage, type Catalogue } from '../render/catalogue.ts';
/** The words of the live channel's page, the schedule and show pages, per edition language (English for languages without their own). */
export interface TvLabels {
  /** The live page's title. */
  live: string;
  watchLive: (channel: string) => string;
  offAir: string;
  now: string;
  next: string;
  /** Nothing announced now / next. */
  nothingNow: string;
  todaySchedule: string;
  fullSchedule: string;
  /** The schedule page's title for one day. */
  scheduleOf: (day: string) => string;
  schedule: string;
  days: string;
  previousDay: string;
  nextDay: string;
  today: string;
  noProgrammes: string;
  /** The time zone every time of the page is in. */
  timesIn: (zone: string) => string;
  /** A programme that started the day before and is still running at midnight. */
  startedBefore: (time: string) => string;
  /** A programme that runs past midnight into the next day. */
  endsNextDay: (time: string) => string;
  onNow: string;
  badDateTitle: string;
  badDateText: string;
  upcoming: string;
  past: string;
  noEpisodes: string;
  episodeNumber: (season: number | null, episode: number | null) => string;
  replay: string;
  aboutIt: string;
  showPage: string;
}

const fr: TvLabels = {
  live: 'Direct',
  watchLive: (c) => `Regarder ${c} en direct`,
  offAir: 'La chaîne n’est pas diffusée en direct sur le site pour le moment.',
  now: 'En ce moment',
  next: 'À suivre',
  nothingNow: 'Aucun programme annoncé.',
  todaySchedule: 'Le programme du jour',
  fullSchedule: 'Toute la grille des programmes',
  scheduleOf: (d) => `Programmes du ${d}`,
  schedule: 'Programmes',
  days: 'Jours',
  previousDay: 'Jour précédent',
  nextDay: 'Jour suivant',
  today: 'Aujourd’hui',
  noProgrammes: 'Aucun programme n’est annoncé pour ce jour.',
  timesIn: (z) => `Horaires à l’heure de ${z}`,
  startedBefore: (t) => `a commencé la veille à ${t}`,
  endsNextDay: (t) => `se poursuit le lendemain jusqu’à ${t}`,
  onNow: 'En cours',
  badDateTitle: 'Date invalide',
  badDateText: 'La date demandée n’existe pas. Utilisez le format AAAA-MM-JJ, par exemple 2026-10-25.',
  upcoming: 'Prochaines diffusions',
  past: 'Diffusions passées',
  noEpisodes: 'Aucune diffusion pour le moment.',
  episodeNumber: (s, e) => [s !== null ? `saison ${s}` : '', e !== null ? `épisode ${e}` : ''].filter(Boolean).join(', '),
  replay: 'Voir le replay',
  aboutIt: 'À lire',
  showPage: 'Toutes les diffusions de l’émission',
};

const en: TvLabels = {
  live: 'Live',
  watchLive: (c) => `Watch ${c} live`,
  offAir: 'The channel is not streaming on the site at the moment.',
  now: 'On now',
  next: 'Up next',
  nothingNow: 'Nothing announced.',
  todaySchedule: 'Today’s schedule',
  fullSchedule: 'The full schedule',
  scheduleOf: (d) => `Schedule for ${d}`,
  schedule: 'Schedule',
  days: 'Days',
  previousDay: 'Previous day',
  nextDay: 'Next day',
  today: 'Today',
  noProgrammes: 'No programme is announced for this day.',
  timesIn: (z) => `Times in ${z} time`,
  startedBefore: (t) => `started the day before at ${t}`,
  endsNextDay: (t) => `continues the next day until ${t}`,
  onNow: 'On now',
  badDateTitle: 'Invalid date',
  badDateText: 'The date asked for does not exist. Use the form YYYY-MM-DD, for example 2026-10-25.',
  upcoming: 'Coming up',
  past: 'Past broadcasts',
  noEpisodes: 'No broadcast yet.',
  episodeNumber: (s, e) => [s !== null ? `season ${s}` : '', e !== null ? `episode ${e}` : ''].filter(Boolean).join(', '),
  replay: 'Watch the replay',
  aboutIt: 'Read more',
  showPage: 'Every broadcast of the show',
};

const es: TvLabels = {
  live: 'Directo',
  watchLive: (c) => `Ver ${c} en directo`,
  offAir: 'La cadena no se emite en directo en el sitio en este momento.',
  now: 'Ahora',
  next: 'A continuación',
  nothingNow: 'Ningún programa anunciado.',
  todaySchedule: 'La programación de hoy',
  fullSchedule: 'Toda la programación',
  scheduleOf: (d) => `Programación del ${d}`,
  schedule: 'Programación',
  days: 'Días',
  previousDay: 'Día anterior',
  nextDay: 'Día siguiente',
  today: 'Hoy',
  noProgrammes: 'No hay ningún programa anunciado para este día.',
  timesIn: (z) => `Horarios en la hora de ${z}`,
  startedBefore: (t) => `empezó el día anterior a las ${t}`,
  endsNextDay: (t) => `continúa al día siguiente hasta las ${t}`,
  onNow: 'En emisión',
  badDateTitle: 'Fecha no válida',
  badDateText: 'La fecha solicitada no existe. Use el formato AAAA-MM-DD, por ejemplo 2026-10-25.',
  upcoming: 'Próximas emisiones',
  past: 'Emisiones anteriores',
  noEpisodes: 'Todavía no hay emisiones.',
  episodeNumber: (s, e) => [s !== null ? `temporada ${s}` : '', e !== null ? `episodio ${e}` : ''].filter(Boolean).join(', '),
  replay: 'Ver de nuevo',
  aboutIt: 'Para leer',
  showPage: 'Todas las emisiones del programa',
};

const ar: TvLabels = {
  live: 'مباشر',
  watchLive: (c) => `شاهد ${c} مباشرة`,
  offAir: 'القناة لا تُبث مباشرة على الموقع حاليًا.',
  now: 'الآن',
  next: 'التالي',
  nothingNow: 'لا يوجد برنامج معلن.',
  todaySchedule: 'برامج اليوم',
  fullSchedule: 'دليل البرامج كاملًا',
  scheduleOf: (d) => `برامج ${d}`,
  schedule: 'البرامج',
  days: 'الأيام',
  previousDay: 'اليوم السابق',
  nextDay: 'اليوم التالي',
  today: 'اليوم',
  noProgrammes: 'لا توجد برامج معلنة لهذا اليوم.',
  timesIn: (z) => `المواعيد بتوقيت ${z}`,
  startedBefore: (t) => `بدأ في اليوم السابق الساعة ${t}`,
  endsNextDay: (t) => `يستمر حتى الساعة ${t} من اليوم التالي`,
  onNow: 'يُعرض الآن',
  badDateTitle: 'تاريخ غير صالح',
  badDateText: 'التاريخ المطلوب غير موجود. استخدم الصيغة YYYY-MM-DD، مثل 2026-10-25.',
  upcoming: 'العروض المقبلة',
  past: 'العروض السابقة',
  noEpisodes: 'لا توجد عروض حتى الآن.',
  episodeNumber: (s, e) => [s !== null ? `الموسم ${s}` : '', e !== null ? `الحلقة ${e}` : ''].filter(Boolean).join('، '),
  replay: 'إعادة المشاهدة',
  aboutIt: 'للقراءة',
  showPage: 'كل حلقات البرنامج',
};

/** Every language of the channel, schedule and show pages (src/render/catalogue.test.ts checks each has every key). */
export const catalogue: Catalogue<TvLabels> = { fr, en, es, ar };

export function tvLabelsFor(language: string): TvLabels {
  return inLanguage(catalogue, language);
}
