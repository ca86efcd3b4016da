import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors.ts';
import { dayRange, readListParams } from './article-list.params.ts';

describe('article list parameters', () => {
  it('reads the filters of a search', () => {
    expect(readListParams({ q: 'chantier', status: 'draft', owner: '7', topic: 'urbanisme', person: 'martine-roux', type: 'video', from: '2026-03-01', to: '2026-03-31' }, 2)).toMatchObject({
      q: 'chantier',
      status: 'draft',
      owner: 7,
      topic: 'urbanisme',
      person: 'martine-roux',
      type: 'video',
      from: '2026-03-01',
      to: '2026-03-31',
      page: 2,
    });
  });

  it('names every parameter it cannot use, at once', () => {
    let err: unknown;
    try {
      readListParams({ status: 'gone', owner: 'me', type: 'podcast', from: '2026-02-30', topic: 'Not A Slug', q: ['a', 'b'] }, undefined);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationFailed);
    expect((err as ValidationFailed).issues.map((i) => i.field).sort()).toEqual(['from', 'owner', 'q', 'status', 'topic', 'type']);
  });

  it('turns days into instants in the time zone given, both days whole', () => {
    expect(dayRange('2026-03-29', '2026-03-29', 'Europe/Paris')).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T21:59:59.999Z' });
    expect(dayRange(undefined, '2026-01-01', 'UTC')).toEqual({ to: '2026-01-01T23:59:59.999Z' });
  });
});
