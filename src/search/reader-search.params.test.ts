import { describe, expect, it } from 'vitest';
import { endOfDay, isDay, readSearchParams, searchQueryString, startOfDay } from './reader-search.params.ts';

describe('search parameters', () => {
  it('reads every filter and leaves defaults out', () => {
    const r = readSearchParams({ q: 'syrie', sort: 'date', section: 'monde', topic: 'diplomatie', person: 'martine-roussel', type: 'video', from: '2026-11-01', to: '2026-11-30', page: '3' });
    expect(r).toEqual({
      q: 'syrie',
      filters: { sort: 'date', section: 'monde', topic: 'diplomatie', person: 'martine-roussel', type: 'video', from: '2026-11-01', to: '2026-11-30' },
      page: 3,
      issues: [],
    });
    expect(readSearchParams({ section: '', type: '' })).toEqual({ q: '', filters: { sort: 'relevance' }, page: 1, issues: [] });
  });

  it('names each parameter it cannot use', () => {
    const r = readSearchParams({ q: ['a', 'b'], sort: 'best', section: 'Mon de', type: 'poem', from: '2026-02-30', to: 'hier', page: '0' });
    expect(r.issues.map((i) => i.field)).toEqual(['q', 'sort', 'section', 'type', 'from', 'to', 'page']);
    expect(readSearchParams({ from: '2026-11-30', to: '2026-11-01' }).issues).toEqual([{ field: 'to', message: 'expected a day on or after from' }]);
  });

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

  it('writes a stable query string with only what is set', () => {
    expect(searchQueryString('a b', { sort: 'relevance' })).toBe('?q=a+b');
    expect(searchQueryString('a', { sort: 'date', section: 'tv', to: '2026-11-30' }, 2)).toBe('?q=a&sort=date&section=tv&to=2026-11-30&page=2');
    expect(searchQueryString('', { sort: 'relevance' })).toBe('');
  });
});
