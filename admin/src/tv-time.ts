/**
 * Wall-clock times in an edition's time zone ↔ instants, for the schedule
 * form: a programme at "2026-10-25T20:00" in Europe/Paris is an instant with
 * the offset Paris has then, whatever the zone of the computer in use.
 */

/** How far `timeZone`'s clocks are ahead of UTC at the instant `at` (ms). */
function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((x) => x.type === type)!.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at / 1000) * 1000;
}

/**
 * "2026-10-25T20:00" (a datetime-local value) in `timeZone` → ISO instant, or
 * null when it is not such a value. In the hour that happens twice when the
 * clocks go back, the first one is meant; a time skipped when they go forward
 * moves on by the gap.
 */
export function zonedToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  if (Number.isNaN(wall)) return null;
  // The offsets on either side of any clock change near that time; the earliest instant that reads `local` wins.
  const before = offsetMs(wall - 6 * 3600_000, timeZone);
  const after = offsetMs(wall + 6 * 3600_000, timeZone);
  const fits = [wall - before, wall - after].filter((t) => t + offsetMs(t, timeZone) === wall).sort((a, b) => a - b);
  return new Date(fits[0] ?? wall - before).toISOString();
}

/** An instant → its datetime-local value in `timeZone` ("2026-10-25T20:00"). */
export function isoToZoned(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  return new Date(at + offsetMs(at, timeZone)).toISOString().slice(0, 16);
}

/** Today in `timeZone`, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return isoToZoned(now.toISOString(), timeZone).slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
