/**
 * Counters in fixed windows, for rate limits and sign-in throttling: in Redis
 * when several nodes share it, otherwise in the database or in the process.
 */
export interface Counters {
  /** Counts one hit under `key` (a new window of `windowMs` if the last one ended); answers the count and when the window ends (ms since the epoch). */
  hit(key: string, windowMs: number, now: Date): Promise<{ count: number; endsAt: number }>;
  /** Gives back one hit counted under `key`. */
  takeBack(key: string): Promise<void>;
  /** Forgets `key`. */
  clear(key: string): Promise<void>;
}

/** Counters kept in this process: exact on one node; with several, each node counts its own share. */
export function memoryCounters(maxKeys = 100_000): Counters {
  const windows = new Map<string, { count: number; endsAt: number }>();
  const sweep = (now: number) => {
    for (const [k, w] of windows) if (w.endsAt <= now) windows.delete(k);
    // Still full of live windows (a flood of addresses): the oldest go first.
    for (const k of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(k);
    }
  };
  return {
    async hit(key, windowMs, now) {
      const t = now.getTime();
      let w = windows.get(key);
      if (!w || w.endsAt <= t) {
        if (windows.size >= maxKeys) sweep(t);
        windows.delete(key);
        windows.set(key, (w = { count: 0, endsAt: t + windowMs }));
      }
      w.count++;
      return { count: w.count, endsAt: w.endsAt };
    },
    async takeBack(key) {
      const w = windows.get(key);
      if (w && w.count > 0) w.count--;
    },
    async clear(key) {
      windows.delete(key);
    },
  };
}

/**
 * Redis counters while Redis answers, the fallback's while it does not: a
 * limit is counted per node through an outage rather than failing requests.
 */
export function fallbackCounters(primary: Counters, fallback: Counters, isUp: () => boolean): Counters {
  const pick = async <T>(f: (c: Counters) => Promise<T>): Promise<T> => {
    if (isUp()) {
      try {
        return await f(primary);
      } catch {
        // Redis went away meanwhile; its link reports the outage.
      }
    }
    return f(fallback);
  };
  return {
    hit: (key, windowMs, now) => pick((c) => c.hit(key, windowMs, now)),
    takeBack: (key) => pick((c) => c.takeBack(key)),
    clear: (key) => pick((c) => c.clear(key)),
  };
}
