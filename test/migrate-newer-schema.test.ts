import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, openStore, type Store } from '../src/store/db.ts';
import { forEachDialect, freshDatabase } from './harness.ts';

forEachDialect('migrations during a rolling upgrade', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    store = openStore(db.database);
    await migrate(store);
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('starts an older release on a schema a newer one has migrated, without touching it', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01-0001-from-a-newer-release', '2099-01-01T00:00:00.000Z')`.execute(store.db);
    expect(await migrate(store)).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration where name = '2099-01-01-0001-from-a-newer-release'`.execute(store.db);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('refuses a schema that is newer and yet lacks a migration this release needs', async () => {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1 offset 1`.execute(store.db);
    await sql`delete from kysely_migration where name = ${rows[0]!.name}`.execute(store.db);
    await expect(migrate(store)).rejects.toThrow(/does not know \(2099-01-01-0001-from-a-newer-release\) but lacks some it needs/);
  });
});
