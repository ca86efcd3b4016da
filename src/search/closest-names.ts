import type { Db } from '../store/db.ts';
import { fold, normaliseWord, type Analyser } from './analyse.ts';
import type { NameHit, SearchEngine } from './search.types.ts';

/**
 * The topics to suggest when a query finds nothing: tags of the edition (that
 * a visible article uses) sharing the first letters of a word typed, ranked by
 * how few letters separate that word from the nearest word of the name. A
 * misspelt "negotiasion" still begins like "Négociations"; a word sharing no
 * beginning with any name suggests nothing rather than something unrelated.
 */

const PREFIX = 4;
const SHOWN = 5;
/** At most this share of a word's letters may differ. */
const MAX_DISTANCE = 0.5;
const WORDS_TRIED = 4;

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

const plain = (w: string) => fold(normaliseWord(w));

/** How near a name is to a word: the share of letters that differ from its nearest word, 0 the same. */
export function nearness(word: string, name: string): number {
  let best = 1;
  for (const part of name.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const w = plain(part);
    best = Math.min(best, editDistance(word, w) / Math.max(word.length, w.length));
  }
  return best;
}

export async function closestNames(
  deps: { db: Db; search: SearchEngine },
  input: { edition: string; text: string; now: string; analyser: Analyser },
): Promise<NameHit[]> {
  // The words that count (stop words left out), as typed, folded.
  const words = [...new Set(input.analyser.terms(input.text).map((t) => plain(input.text.slice(t.start, t.end))))].filter((w) => w.length >= 3).slice(0, WORDS_TRIED);
  const found = new Map<string, { hit: NameHit; d: number }>();
  for (const word of words) {
    const hits = await deps.search.searchNames(deps.db, { q: word.slice(0, PREFIX), edition: input.edition, audience: 'readers', now: input.now, limit: 20, prefix: true });
    for (const hit of hits) {
      if (hit.kind !== 'tag') continue;
      const d = nearness(word, hit.name);
      const seen = found.get(hit.slug);
      if (d <= MAX_DISTANCE && (!seen || d < seen.d)) found.set(hit.slug, { hit, d });
    }
  }
  return [...found.values()].sort((a, b) => a.d - b.d || a.hit.name.localeCompare(b.hit.name)).slice(0, SHOWN).map((x) => x.hit);
}
