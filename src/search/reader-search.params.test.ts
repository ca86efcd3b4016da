import { describe, expect, it } from 'vitest';
import { readSearchParams, searchQueryString } from './reader-search.params.ts';

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

  it('writes a stable query string with only what is set', () => {
    expect(searchQueryString('a b', { sort: 'relevance' })).toBe('?q=a+b');
    expect(searchQueryString('a', { sort: 'date', section: 'tv', to: '2026-11-30' }, 2)).toBe('?q=a&sort=date&section=tv&to=2026-11-30&page=2');
    expect(searchQueryString('', { sort: 'relevance' })).toBe('');
  });
});
