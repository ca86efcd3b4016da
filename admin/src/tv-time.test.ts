import { describe, expect, it } from 'vitest';
import { addDays, isoToZoned, todayIn, zonedToIso } from './tv-time.ts';

describe('schedule times in the edition’s zone', () => {
  it('reads a wall-clock time with the offset the zone has then', () => {
    expect(zonedToIso('2026-10-25T20:00', 'Europe/Paris')).toBe('2026-10-25T19:00:00.000Z');
    expect(zonedToIso('2026-07-14T20:00', 'Europe/Paris')).toBe('2026-07-14T18:00:00.000Z');
    expect(zonedToIso('2026-07-14T20:00', 'America/New_York')).toBe('2026-07-15T00:00:00.000Z');
    expect(zonedToIso('demain', 'Europe/Paris')).toBeNull();
  });

  it('takes the first of a repeated hour, and moves a skipped one on by the gap', () => {
    expect(zonedToIso('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedToIso('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
    expect(isoToZoned('2026-03-29T01:30:00.000Z', 'Europe/Paris')).toBe('2026-03-29T03:30');
  });

  it('writes an instant back as the zone’s wall clock, and counts days', () => {
    expect(isoToZoned('2026-10-25T01:30:00.000Z', 'Europe/Paris')).toBe('2026-10-25T02:30');
    expect(todayIn('Europe/Paris', new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
  });
});
