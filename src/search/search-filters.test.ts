import { describe, expect, it } from 'vitest';
import { dayRange, endOfDay, isDay, startOfDay } from './search-filters.ts';

describe('search days', () => {
  it('knows real days', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
  });

  it('turns days into instants in the edition’s time zone, across clock changes', () => {
    expect(startOfDay('2026-11-20', 'Europe/Paris')).toBe('2026-11-19T23:00:00.000Z');
    expect(endOfDay('2026-11-20', 'Europe/Paris')).toBe('2026-11-20T22:59:59.999Z');
    expect(startOfDay('2026-07-01', 'Europe/Paris')).toBe('2026-06-30T22:00:00.000Z');
    // The day the clocks go back: 25 hours long.
    expect(startOfDay('2026-10-25', 'Europe/Paris')).toBe('2026-10-24T22:00:00.000Z');
    expect(endOfDay('2026-10-25', 'Europe/Paris')).toBe('2026-10-25T22:59:59.999Z');
    expect(startOfDay('2026-11-20', 'America/New_York')).toBe('2026-11-20T05:00:00.000Z');
    expect(startOfDay('2026-11-20', 'UTC')).toBe('2026-11-20T00:00:00.000Z');
  });

  it('turns days into instants in the time zone given, both days whole', () => {
    expect(dayRange('2026-03-29', '2026-03-29', 'Europe/Paris')).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T21:59:59.999Z' });
    expect(dayRange(undefined, '2026-01-01', 'UTC')).toEqual({ to: '2026-01-01T23:59:59.999Z' });
  });
});
