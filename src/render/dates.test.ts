import { describe, expect, it } from 'vitest';
import { dateFormatter } from './dates.ts';

describe('dateFormatter', () => {
  it('formats in French in the edition time zone, and names the zone', () => {
    const d = dateFormatter('fr', 'Europe/Paris');
    // 09:30 UTC is 10:30 in Paris in November.
    expect(d.long('2026-11-20T09:30:00Z')).toBe('20 novembre 2026 à 10:30 UTC+1');
    // Summer time moves the zone with it.
    expect(d.long('2026-07-14T08:00:00Z')).toBe('14 juillet 2026 à 10:00 UTC+2');
    expect(d.short('2026-11-20T23:30:00Z')).toBe('21 nov. 2026');
  });
  it('formats in English in another zone', () => {
    const d = dateFormatter('en', 'America/New_York');
    expect(d.long('2026-11-20T09:30:00Z')).toBe('November 20, 2026 at 4:30 AM EST');
  });
});

describe('relative times in lists', () => {
  const now = '2026-12-07T13:30:00Z'; // 14:30 in Paris
  it('gives the time today, "hier" yesterday and the date before, in the edition zone', () => {
    const d = dateFormatter('fr', 'Europe/Paris');
    expect(d.relative('2026-12-07T13:05:00Z', now)).toBe('14:05');
    // 23:30 UTC on the 6th is already the 7th in Paris: today.
    expect(d.relative('2026-12-06T23:30:00Z', now)).toBe('00:30');
    expect(d.relative('2026-12-06T08:00:00Z', now)).toBe('hier');
    expect(d.relative('2026-12-05T08:00:00Z', now)).toBe('5 déc. 2026');
  });
  it('speaks each language and writes the edition numerals', () => {
    expect(dateFormatter('en', 'Europe/London').relative('2026-12-06T08:00:00Z', now)).toBe('yesterday');
    expect(dateFormatter('es', 'Europe/Madrid').relative('2026-12-06T08:00:00Z', now)).toBe('ayer');
    const ar = dateFormatter('ar', 'Asia/Beirut', 'arab');
    expect(ar.relative('2026-12-07T12:05:00Z', now)).toMatch(/٠٢:٠٥|٢:٠٥/);
    expect(dateFormatter('ar', 'Asia/Beirut', 'latn').relative('2026-12-07T12:05:00Z', now)).toMatch(/02:05|2:05/);
  });
  it('counts the day before across a daylight-saving change', () => {
    const d = dateFormatter('fr', 'Europe/Paris');
    // Summer time ended on 25 October 2026: the 24th is still "hier" on the 25th.
    expect(d.relative('2026-10-24T10:00:00Z', '2026-10-25T10:00:00Z')).toBe('hier');
  });
});
