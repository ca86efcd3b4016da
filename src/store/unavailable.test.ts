import { describe, expect, it } from 'vitest';
import { Unavailable } from '../errors.ts';
import { isConnectionFailure, mapStoreError } from './unavailable.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isConnectionFailure', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a terminated backend (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a server still starting (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception (class 08)', withCode('connection failure', '08006')],
    ['no connection slot left (53300)', withCode('sorry, too many clients already', '53300')],
    ['node-pg losing its socket', new Error('Connection terminated unexpectedly')],
    ['the pool waiting too long', new Error('timeout exceeded when trying to connect')],
    ['a client broken earlier', new Error('Client has encountered a connection error and is not queryable')],
    ['SQLite busy past its timeout', withCode('database is locked', 'SQLITE_BUSY')],
    ['every address of a name refusing', new AggregateError([withCode('x', 'ECONNREFUSED'), withCode('y', 'ECONNREFUSED')], '')],
  ])('counts %s', (_what, err) => {
    expect(isConnectionFailure(err)).toBe(true);
    const mapped = mapStoreError(err);
    expect(mapped).toBeInstanceOf(Unavailable);
    expect((mapped as Unavailable).cause).toBe(err);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', withCode('syntax error at or near "selec"', '42601')],
    ['a SQLite constraint', withCode('UNIQUE constraint failed: articles.slug', 'SQLITE_CONSTRAINT_UNIQUE')],
    ['a plain error', new Error('boom')],
    ['something that is not an error', 'ECONNREFUSED'],
  ])('leaves %s as it is', (_what, err) => {
    expect(isConnectionFailure(err)).toBe(false);
    expect(mapStoreError(err)).toBe(err);
  });
});
