import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors.ts';
import { parseAdminSort } from './newsroom.queries.ts';

describe('parseAdminSort', () => {
  it('reads a shown column, with - for descending, and defaults to the last change, newest first', () => {
    expect(parseAdminSort(undefined)).toEqual({ key: 'changed', desc: true });
    expect(parseAdminSort('')).toEqual({ key: 'changed', desc: true });
    expect(parseAdminSort('headline')).toEqual({ key: 'headline', desc: false });
    expect(parseAdminSort('-published')).toEqual({ key: 'published', desc: true });
  });

  it('refuses anything else naming sort', () => {
    for (const bad of ['id', '--changed', 'changed desc', 'Headline', '-', ['headline', 'status'], 'a.id; drop table articles']) {
      let err: unknown;
      try {
        parseAdminSort(bad);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(bad)).toBeInstanceOf(ValidationFailed);
      expect((err as ValidationFailed).issues.map((i) => i.field)).toEqual(['sort']);
    }
  });
});
