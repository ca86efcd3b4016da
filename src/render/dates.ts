/** Dates as the edition's readers write them, in the edition's time zone. */
export interface DateFormatter {
  /** "20 novembre 2026 à 10:30 UTC+1": a time always says its zone, for readers elsewhere. */
  long(iso: string): string;
  /** "20 nov. 2026" */
  short(iso: string): string;
}

export function dateFormatter(language: string, timeZone: string): DateFormatter {
  const long = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone });
  const short = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone });
  return {
    long: (iso) => long.format(new Date(iso)),
    short: (iso) => short.format(new Date(iso)),
  };
}
