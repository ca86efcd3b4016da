import { describe, expect, it } from 'vitest';
import { NotFound, ValidationFailed } from '../errors.ts';
import { idNumber, isId, MAX_ID, pathId, plainWhole, queryId, queryNumber } from './ids.ts';

describe('numbers from outside', () => {
  it('reads only plain decimal whole numbers within the range', () => {
    expect(plainWhole('1', 1, 10)).toBe(1);
    expect(plainWhole('0', 0, 10)).toBe(0);
    expect(plainWhole(String(MAX_ID), 1, MAX_ID)).toBe(MAX_ID);
    for (const bad of [String(MAX_ID + 1), '9999999999', '99999999999', '-1', '1.5', '1e3', '0x10', '+1', '01', ' 1', '1 ', '', 'NaN', '１', undefined, ['1', '2'], 1])
      expect(plainWhole(bad, 1, MAX_ID), String(bad)).toBeNull();
  });

  it('refuses a path id with 404 and a query id with 422 naming the parameter', () => {
    expect(pathId('42', 'article')).toBe(42);
    expect(() => pathId('2147483648', 'article')).toThrow(NotFound);
    expect(queryId(undefined, 'source')).toBeUndefined();
    const err = (() => {
      try {
        queryId('1e3', 'source');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ValidationFailed);
    expect((err as ValidationFailed).issues[0].field).toBe('source');
    expect(() => queryId(undefined, 'from', { required: true })).toThrow(/^from: required/);
  });

  it('gives the fallback for an absent count and refuses one out of range', () => {
    expect(queryNumber(undefined, 'limit', { min: 1, max: 500, fallback: 100 })).toBe(100);
    expect(queryNumber('500', 'limit', { min: 1, max: 500, fallback: 100 })).toBe(500);
    expect(() => queryNumber('501', 'limit', { min: 1, max: 500, fallback: 100 })).toThrow(/^limit: expected a whole number from 1 to 500$/);
  });

  it('bounds body ids alike', () => {
    expect(isId(MAX_ID)).toBe(true);
    expect(isId(MAX_ID + 1)).toBe(false);
    expect(isId(1.5)).toBe(false);
    expect(isId('1')).toBe(false);
    expect(idNumber().safeParse(MAX_ID + 1).success).toBe(false);
    expect(idNumber().safeParse(0).success).toBe(false);
  });
});
