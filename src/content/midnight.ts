/**
 * Local midnights: the instants at which an edition's day changes in its time
 * zone. Relative times on pages ("14:05" today, "hier" yesterday; src/render/dates.ts)
 * change meaning then, so the catalog reloads (Catalog.nextReveal) and the CDN
 * copies of the edition's pages are purged (src/cdn/purge.worker.ts) at each one.
 */

function wallClock(fmt: Intl.DateTimeFormat, at: number): { day: number; wall: number } {
  const p = Object.fromEntries(fmt.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const day = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day));
  return { day, wall: day + ((Number(p.hour) % 24) * 3600 + Number(p.minute) * 60 + Number(p.second)) * 1000 };
}

/**
 * The first instant of the local day `days` after the current one in `timeZone`
 * (0: the start of today, 1: the next midnight). A day whose 00:00 a
 * daylight-saving change skips starts at the first instant that exists.
 */
export function localDayStart(timeZone: string, now: Date, days: number): Date {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    numberingSystem: 'latn',
  });
  const t = Math.floor(now.getTime() / 1000) * 1000;
  const here = wallClock(fmt, t);
  const target = here.day + days * 86_400_000;
  // The offset now, and the offset near the target (a daylight-saving change in between moves it).
  const first = target - (here.wall - t);
  const there = wallClock(fmt, first);
  const candidates = [first, target - (there.wall - first)].sort((a, b) => a - b);
  for (const c of candidates) if (wallClock(fmt, c).day === target) return new Date(c);
  // No candidate lands on the target day at its 00:00 (the zone skipped it): take the later one, which is in it.
  return new Date(candidates[1]);
}

/** The next instant, after `now`, at which the local day changes in `timeZone`. */
export function nextLocalMidnight(timeZone: string, now: Date): Date {
  const next = localDayStart(timeZone, now, 1);
  return next.getTime() > now.getTime() ? next : new Date(now.getTime() + 1000);
}
