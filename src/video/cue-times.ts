/**
 * Cue times as WebVTT writes them and as the cue editor lets them be typed.
 * No imports: the admin app uses the same functions in the browser.
 */

/** 00:01:02.500, as WebVTT writes a time (hours always, so every time has one shape). */
export function formatTime(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  const h = Math.floor(whole / 3_600_000);
  const m = Math.floor((whole % 3_600_000) / 60_000);
  const s = Math.floor((whole % 60_000) / 1000);
  const milli = whole % 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
}

/** A time as the cue editor lets it be typed: 01:02.5, 00:01:02.500, 62.5 (seconds); null when it is none of these. */
export function parseTime(text: string): number | null {
  const m = /^\s*(?:(?:(\d{1,3}):)?(\d{1,2}):)?(\d{1,5})(?:[.,](\d{1,3}))?\s*$/.exec(text);
  if (!m) return null;
  const [, h, min, s, frac] = m;
  if (min !== undefined && (Number(min) > 59 || Number(s) > 59)) return null;
  return Number(h ?? 0) * 3_600_000 + Number(min ?? 0) * 60_000 + Number(s) * 1000 + (frac ? Number(frac.padEnd(3, '0')) : 0);
}
