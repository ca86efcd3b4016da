import type { Counters } from './counters.ts';
import type { RedisLink } from './redis-link.ts';

/** Counters in Redis, shared by every node: one round trip per hit (SET NX PX, INCR and PTTL in one MULTI). */
export function redisCounters(link: RedisLink): Counters {
  const k = (key: string) => link.key(`count:${key}`);
  return {
    async hit(key, windowMs, now) {
      const name = k(key);
      const r = await link.commands.multi().set(name, '0', 'PX', windowMs, 'NX').incr(name).pttl(name).exec();
      if (!r) throw new Error('Redis discarded the transaction');
      for (const [err] of r) if (err) throw err;
      const count = Number(r[1][1]);
      const ttl = Number(r[2][1]);
      return { count, endsAt: now.getTime() + (ttl > 0 ? ttl : windowMs) };
    },
    async takeBack(key) {
      // Never below zero, and never a key without its expiry.
      await link.commands.eval("local n = redis.call('GET', KEYS[1]) if n and tonumber(n) > 0 then redis.call('DECR', KEYS[1]) end return 0", 1, k(key));
    },
    async clear(key) {
      await link.commands.del(k(key));
    },
  };
}
