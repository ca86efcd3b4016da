import { describe, expect, it } from 'vitest';
import { isCurrent } from './alert-shape.ts';

const at = '2026-12-07T08:00:00.000Z';

describe('whether an alert shows', () => {
  it('shows from its start until its expiry, unless ended', () => {
    expect(isCurrent({ starts_at: '2026-12-07T07:00:00.000Z', expires_at: null, ended_at: null }, at)).toBe(true);
    expect(isCurrent({ starts_at: at, expires_at: '2026-12-07T08:00:00.001Z', ended_at: null }, at)).toBe(true);
    expect(isCurrent({ starts_at: '2026-12-07T08:00:00.001Z', expires_at: null, ended_at: null }, at)).toBe(false);
    expect(isCurrent({ starts_at: '2026-12-07T07:00:00.000Z', expires_at: at, ended_at: null }, at)).toBe(false);
    expect(isCurrent({ starts_at: '2026-12-07T07:00:00.000Z', expires_at: null, ended_at: '2026-12-07T07:30:00.000Z' }, at)).toBe(false);
  });
});
