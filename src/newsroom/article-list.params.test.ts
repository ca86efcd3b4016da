import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors.ts';
import { readListParams } from './article-list.params.ts';

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
});
