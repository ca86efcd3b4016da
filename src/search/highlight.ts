import type { Analyser } from './analyse.ts';
import type { ParsedQuery } from './query.ts';
import { wantedTerms } from './query.ts';

/**
 * Highlighting, done on the text as written (never on what the engines store),
 * with the same analysis as the index: a word is marked when its term is one the
 * query asks for, or starts with a prefix it asks for. The result is plain
 * segments: the page escapes them and wraps the marked ones in <mark>, so a
 * hostile text stays text.
 */

export interface Segment {
  text: string;
  mark?: true;
}

export interface Highlighted {
  segments: Segment[];
  /** How many words were marked: 0 means the text did not match. */
  marks: number;
}

function matcher(query: ParsedQuery) {
  const parts = wantedTerms(query);
  const exact = new Set(parts.filter((p) => !p.prefix).map((p) => p.terms[0]!));
  const prefixes = parts.filter((p) => p.prefix).map((p) => p.terms[0]!);
  return (term: string) => exact.has(term) || prefixes.some((p) => term.startsWith(p));
}

/** The whole text, its matching words marked (for a headline). */
export function highlight(text: string, query: ParsedQuery, analyser: Analyser): Highlighted {
  return mark(text, 0, text.length, query, analyser);
}

/**
 * A passage of about `words` words around the densest matches of the query in
 * `text`, marked, with "…" where it was cut; the text's start when nothing
 * matches (marks is then 0).
 */
export function snippet(text: string, query: ParsedQuery, analyser: Analyser, words = 30): Highlighted {
  const terms = analyser.terms(text);
  const wanted = matcher(query);
  const all = [...text.matchAll(/\S+/g)];
  if (!all.length) return { segments: [], marks: 0 };
  // The window of `words` words holding the most distinct wanted terms, the earliest on a tie.
  let best = 0;
  let bestScore = -1;
  const hits = terms.filter((t) => wanted(t.term));
  for (const h of hits) {
    const first = all.findIndex((w) => w.index! + w[0].length > h.start);
    const start = Math.max(0, first - 3);
    const endAt = all[Math.min(all.length - 1, start + words - 1)]!;
    const inside = new Set(hits.filter((x) => x.start >= all[start]!.index! && x.end <= endAt.index! + endAt[0].length).map((x) => x.term));
    if (inside.size > bestScore) {
      bestScore = inside.size;
      best = start;
    }
  }
  const last = Math.min(all.length - 1, best + words - 1);
  const from = all[best]!.index!;
  const to = all[last]!.index! + all[last]![0].length;
  const out = mark(text, from, to, query, analyser);
  if (from > 0) out.segments.unshift({ text: '… ' });
  if (to < text.length) out.segments.push({ text: ' …' });
  return out;
}

function mark(text: string, from: number, to: number, query: ParsedQuery, analyser: Analyser): Highlighted {
  const wanted = matcher(query);
  const segments: Segment[] = [];
  let at = from;
  let marks = 0;
  const slice = text.slice(from, to);
  for (const t of analyser.terms(slice)) {
    if (!wanted(t.term)) continue;
    const start = from + t.start;
    const end = from + t.end;
    if (start > at) segments.push({ text: text.slice(at, start) });
    segments.push({ text: text.slice(start, end), mark: true });
    marks++;
    at = end;
  }
  if (at < to) segments.push({ text: text.slice(at, to) });
  return { segments: merge(segments), marks };
}

/** Neighbouring plain segments joined. */
function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out[out.length - 1];
    if (prev && !prev.mark && !s.mark) prev.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
