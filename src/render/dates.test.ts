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
