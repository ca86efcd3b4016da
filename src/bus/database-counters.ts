import type { Db } from '../store/db.ts';
import type { Counters } from './counters.ts';

/**
 * Counters in the database (the login_attempts table), seen by every node
 * without Redis. Each hit is one atomic upsert, so parallel hits are all counted.
 */
export function databaseCounters(db: Db): Counters {
  return {
    async hit(key, windowMs, now) {
      const at = now.toISOString();
      const expired = new Date(now.getTime() - windowMs).toISOString();
      const row = await db
        .insertInto('login_attempts')
        .values({ key, failures: 1, window_start: at })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            failures: eb.case().when('login_attempts.window_start', '<=', expired).then(1).else(eb('login_attempts.failures', '+', 1)).end(),
            window_start: eb.case().when('login_attempts.window_start', '<=', expired).then(at).else(eb.ref('login_attempts.window_start')).end(),
          })),
        )
        .returning(['failures', 'window_start'])
        .executeTakeFirstOrThrow();
      return { count: Number(row.failures), endsAt: Date.parse(row.window_start) + windowMs };
    },
    async takeBack(key) {
      await db
        .updateTable('login_attempts')
        .set((eb) => ({ failures: eb('failures', '-', 1) }))
        .where('key', '=', key)
        .where('failures', '>', 0)
        .execute();
    },
    async clear(key) {
      await db.deleteFrom('login_attempts').where('key', '=', key).execute();
    },
  };
}
