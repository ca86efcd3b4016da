/** Dates as the edition's readers write them, in the edition's time zone and with its numerals. */
export interface DateFormatter {
  /** "20 novembre 2026 à 10:30 UTC+1": a time always says its zone, for readers elsewhere. */
  long(iso: string): string;
  /** "20 nov. 2026" */
  short(iso: string): string;
  /**
   * How a list says when news came, seen at `now`: the time ("14:05") the same
   * day in the edition's zone, "hier" the day before, the short date earlier.
   */
  relative(iso: string, now: string): string;
}

/** The calendar day of an instant in a zone, as YYYY-MM-DD. */
function dayIn(zone: Intl.DateTimeFormat, d: Date): string {
  const p = Object.fromEntries(zone.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** The day before a YYYY-MM-DD day (calendar arithmetic, so a daylight-saving change does not move it). */
function dayBefore(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function dateFormatter(language: string, timeZone: string, numbering?: string | null): DateFormatter {
  const nu = numbering ? { numberingSystem: numbering } : {};
  const long = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone, ...nu });
  const short = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone, ...nu });
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone, ...nu });
  // Latin digits and a fixed order, only to compare days.
  const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone, numberingSystem: 'latn' });
  const yesterday = new Intl.RelativeTimeFormat(language, { numeric: 'auto', ...nu }).format(-1, 'day');
  return {
    long: (iso) => long.format(new Date(iso)),
    short: (iso) => short.format(new Date(iso)),
    relative(iso, now) {
      const at = new Date(iso);
      const then = dayIn(day, at);
      const today = dayIn(day, new Date(now));
      if (then === today) return time.format(at);
      if (then === dayBefore(today)) return yesterday;
      return short.format(at);
    },
  };
}
