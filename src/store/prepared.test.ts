import { describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect } from 'kysely';
import Database from 'better-sqlite3';
import { param, preparedQuery } from './prepared.ts';

describe('preparedQuery', () => {
  const sqlite = new Database(':memory:');
  sqlite.exec("create table t (id integer primary key, name text); insert into t (name) values ('a'), ('b'), ('c')");
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  let builds = 0;
  const byName = preparedQuery<{ name: string; limit: number }, { id: number }>((d) => {
    builds++;
    return (d as any).selectFrom('t').select('id').where('name', '>=', param('name')).orderBy('id').limit(param('limit'));
  });

  it('binds fresh values on every call and builds once', async () => {
    expect(await byName(db as any, { name: 'b', limit: 5 })).toEqual([{ id: 2 }, { id: 3 }]);
    expect(await byName(db as any, { name: 'a', limit: 1 })).toEqual([{ id: 1 }]);
    expect(builds).toBe(1);
  });
  it('names a missing value', async () => {
    await expect(byName(db as any, { name: 'a' } as any)).rejects.toThrow('no value for limit');
  });
  it('compiles each shape once', async () => {
    let shapes = 0;
    const inList = preparedQuery<Record<string, number>, { id: number }>((d, n) => {
      shapes++;
      return (d as any).selectFrom('t').select('id').where('id', 'in', Array.from({ length: n }, (_, i) => param<number>(`id${i}`))).orderBy('id');
    });
    expect(await inList(db as any, { id0: 3, id1: 1 }, 2)).toEqual([{ id: 1 }, { id: 3 }]);
    expect(await inList(db as any, { id0: 2, id1: 3 }, 2)).toEqual([{ id: 2 }, { id: 3 }]);
    expect(await inList(db as any, { id0: 2 }, 1)).toEqual([{ id: 2 }]);
    expect(shapes).toBe(2);
  });
});
