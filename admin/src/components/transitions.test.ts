import { describe, expect, it } from 'vitest';
import { localToIso } from './transitions.tsx';

describe('scheduling time', () => {
  it('reads the typed time in the edition time zone, whatever the browser', () => {
    expect(localToIso('2026-11-25T12:00', 'Europe/Paris')).toBe('2026-11-25T11:00:00.000Z');
    expect(localToIso('2026-07-01T12:00', 'Europe/Paris')).toBe('2026-07-01T10:00:00.000Z');
    expect(localToIso('2026-11-25T12:00', 'America/New_York')).toBe('2026-11-25T17:00:00.000Z');
    expect(localToIso('nonsense', 'Europe/Paris')).toBeNull();
  });
});
