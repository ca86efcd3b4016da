/**
 * Remembers the results of a pure function of a string. Reader pages format
 * the same headlines, dates and image lists on every request; typography's
 * Unicode regular expressions and Intl formatting cost more than the lookup.
 * Bounded: the memory is dropped whole when full.
 */
export function memoize<T>(fn: (s: string) => T, max = 10_000): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = fn(s);
      if (seen.size >= max) seen.clear();
      seen.set(s, v);
    }
    return v;
  };
}
