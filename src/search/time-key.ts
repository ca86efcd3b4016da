/**
 * An article's place in the index: its time key, floor(epoch seconds) * 2^20 +
 * (article id mod 2^20), where the time is coalesce(published_at, scheduled_at,
 * created_at). Newest first is the order of the key, so date order, "published
 * before now" and date ranges are ranges of the index on both databases. 2^20
 * (not more) keeps every key an exact JavaScript number until the year 2242, so
 * neither driver ever rounds one. Two articles on the same key (same second, ids
 * 2^20 apart) are told apart by stepping one down to a free key.
 */

export const KEY_SHIFT = 20;
const PER_SECOND = 2 ** KEY_SHIFT;

export const MIN_KEY = Number.MIN_SAFE_INTEGER;
export const MAX_KEY = Number.MAX_SAFE_INTEGER;

function seconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** The key an article would have at that time. */
export function timeKey(iso: string, articleId: number): number {
  return seconds(iso) * PER_SECOND + (articleId % PER_SECOND);
}

/** The lowest key of that second: a lower bound "from". */
export function firstKeyAt(iso: string): number {
  return seconds(iso) * PER_SECOND;
}

/** The highest key of that second: an upper bound "to" or "now". */
export function lastKeyAt(iso: string): number {
  return seconds(iso) * PER_SECOND + PER_SECOND - 1;
}

/** The time (epoch seconds) a key stands for. */
export function keySeconds(key: number): number {
  return Math.floor(key / PER_SECOND);
}
