import { describe, expect, it } from 'vitest';
import { localDayStart, nextLocalMidnight } from './midnight.ts';

describe('local midnights', () => {
  it('finds the next midnight in the zone, across a daylight-saving change too', () => {
    expect(nextLocalMidnight('Europe/Paris', new Date('2026-12-07T14:00:00Z')).toISOString()).toBe('2026-12-07T23:00:00.000Z');
    expect(nextLocalMidnight('Europe/Paris', new Date('2026-12-07T23:00:00Z')).toISOString()).toBe('2026-12-08T23:00:00.000Z');
    expect(nextLocalMidnight('Europe/Paris', new Date('2026-07-01T21:59:59Z')).toISOString()).toBe('2026-07-01T22:00:00.000Z');
    expect(nextLocalMidnight('UTC', new Date('2026-12-31T23:59:59.500Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    // Paris moves to summer time on 29 March 2026 at 02:00: the next midnight is at +02:00.
    expect(nextLocalMidnight('Europe/Paris', new Date('2026-03-29T10:00:00Z')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(nextLocalMidnight('Asia/Tokyo', new Date('2026-12-07T14:59:00Z')).toISOString()).toBe('2026-12-07T15:00:00.000Z');
    expect(nextLocalMidnight('America/New_York', new Date('2026-12-07T03:00:00Z')).toISOString()).toBe('2026-12-07T05:00:00.000Z');
  });

  it('finds the start of today', () => {
    expect(localDayStart('Europe/Paris', new Date('2026-12-07T14:00:00Z'), 0).toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(localDayStart('Europe/Paris', new Date('2026-12-06T23:00:00Z'), 0).toISOString()).toBe('2026-12-06T23:00:00.000Z');
  });

  it('starts a day whose midnight is skipped at its first instant (Santiago moves from 00:00 to 01:00)', () => {
    // Chile moved to summer time on 7 September 2025 at 00:00 local (04:00Z), jumping to 01:00.
    const start = nextLocalMidnight('America/Santiago', new Date('2025-09-06T12:00:00Z'));
    expect(start.toISOString()).toBe('2025-09-07T04:00:00.000Z');
  });
});
