import { fold, normaliseWord, type Analyser } from './analyse.ts';

/**
 * What a reader or an editor types, parsed once for every engine:
 * - words, each required (`syrie negociations`); a word made of words (`Jean-Jaurès`) as a phrase;
 * - "a phrase in quotes", its words in that order;
 * - `-word` or `-"a phrase"`, excluded;
 * - in prefix mode (suggestions as one types), the last word is a prefix.
 * Anything else typed is plain text: no character ever reaches an engine as syntax.
 */

/** A query is cut at this many characters, at a word's end: a pasted page is still answered. */
export const MAX_QUERY_LENGTH = 200;
/** And at this many required or excluded parts. */
const MAX_PARTS = 12;

export interface QueryPart {
  /** One term, or the terms of a phrase in order. */
  terms: string[];
  /** The last word of a prefix query: matches every term that starts with it. */
  prefix?: boolean;
}

export interface ParsedQuery {
  /** The query as answered (after cutting). */
  text: string;
  must: QueryPart[];
  not: QueryPart[];
  /** True when the query was longer than MAX_QUERY_LENGTH and was cut. */
  cut: boolean;
}

/** True when nothing is left to search for: empty, or stop words only. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.must.length === 0;
}

/** Every term the query asks for, for highlighting. */
export function wantedTerms(q: ParsedQuery): QueryPart[] {
  return q.must.flatMap((p) => p.terms.map((term, i) => ({ terms: [term], prefix: p.prefix && i === p.terms.length - 1 })));
}

export function parseQuery(raw: string, analyser: Analyser, options: { prefix?: boolean } = {}): ParsedQuery {
  let text = String(raw ?? '').replace(/\s+/g, ' ').trim();
  let cut = false;
  if (text.length > MAX_QUERY_LENGTH) {
    const at = text.lastIndexOf(' ', MAX_QUERY_LENGTH);
    text = text.slice(0, at > MAX_QUERY_LENGTH / 2 ? at : MAX_QUERY_LENGTH);
    cut = true;
  }
  const must: QueryPart[] = [];
  const not: QueryPart[] = [];
  const seen = new Set<string>();
  // A quoted phrase (typographic quotes too), or a run of anything but spaces and quotes.
  const PART = /(-?)(?:["“”«»]\s*([^"“”«»]*?)\s*(?:["“”«»]|$)|([^\s"“”«»]+))/g;
  let last: { part: QueryPart; word: string; trailing: boolean } | undefined;
  for (const m of text.matchAll(PART)) {
    const negative = m[1] === '-';
    const phrase = m[2] !== undefined;
    const body = phrase ? m[2]! : m[3]!;
    const terms = analyser.terms(body).map((t) => t.term);
    const ends = m.index! + m[0].length === text.length;
    if (!terms.length) {
      // A stop word alone ("la") adds nothing, but as the last word of a prefix query it may be a word being typed.
      if (options.prefix && ends && !phrase && !negative && /^[\p{L}\p{N}]{2,}$/u.test(body)) {
        const part = { terms: [prefixTerm(body, analyser)], prefix: true };
        if (part.terms[0]) must.push(part);
      }
      continue;
    }
    const key = `${negative ? '-' : ''}${terms.join(' ')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Words not in quotes are separate requirements; a phrase is one, and so is a word made of
    // words ("Jean-Jaurès", "week-end", "O'Neill"): "-week-end" must not exclude every "end".
    // Not the word being typed in prefix mode, whose last part becomes a prefix below.
    const whole = phrase || (terms.length > 1 && !(options.prefix && ends && !negative));
    const parts = whole ? [{ terms }] : terms.map((t) => ({ terms: [t] }));
    (negative ? not : must).push(...parts);
    if (!negative && !whole) last = { part: parts[parts.length - 1]!, word: body, trailing: ends };
  }
  if (options.prefix && last?.trailing) {
    const words = last.word.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
    last.part.terms = [prefixTerm(words[words.length - 1] ?? '', analyser) || last.part.terms[0]!];
    last.part.prefix = true;
  }
  return { text, must: must.slice(0, MAX_PARTS), not: not.slice(0, MAX_PARTS), cut };
}

/**
 * Endings a word being typed may still get. The stem of a complete word can be
 * shorter than the part already typed ("négociati" is on its way to "négociations",
 * whose term is "negoci"), so the prefix is cut to what the possible words share.
 */
const ENDINGS = ['ee', 'ees', 'ers', 'ed', 'ing', 'ions', 'ations', 'ents', 'ement', 'ants', 'ique', 'ite', 'ness', 'ly', 'al', 'ity', 'y', 'ous'];
/** The endings and what is left of each once its first letters are typed ("ing", "ng", "g"). */
const COMPLETIONS = [...new Set(ENDINGS.flatMap((e) => [...e].map((_, i) => e.slice(i))))];

/** A typed word is never cut shorter than this for its prefix, so it does not match half the index. */
const MIN_PREFIX = 3;

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/**
 * A word being typed, as a prefix of indexed terms: what the folded word and the
 * terms of the words it may become have in common ("négociati" → "negoci",
 * "runni" → "run"), never more than a few letters shorter than what was typed.
 */
function prefixTerm(word: string, analyser: Analyser): string {
  const folded = fold(normaliseWord(word));
  const floor = Math.max(Math.min(MIN_PREFIX, folded.length), folded.length - 5);
  // The word's own term, as far as it agrees with what was typed; all of it when the stemmer rewrote the word's start (Arabic).
  const own = analyser.term(word);
  const agreed = own ? commonPrefix(folded, own) : folded;
  let prefix = !own || agreed.length >= floor ? agreed : own.length < folded.length ? own : folded;
  for (const ending of COMPLETIONS) {
    const term = analyser.term(`${folded}${ending}`);
    if (!term) continue;
    const shared = commonPrefix(prefix, term);
    if (shared.length >= floor) prefix = shared;
  }
  return prefix;
}

/** An FTS5 string for a term: quoted, so nothing typed is read as FTS5 syntax. */
function fts5String(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

function fts5Part(p: QueryPart): string {
  return p.prefix ? `${fts5String(p.terms[0]!)}*` : fts5String(p.terms.join(' '));
}

/**
 * The FTS5 MATCH expression of a parsed query, limited to `columns` when given,
 * and-ed with `also` (facet terms such as an edition, written by the engine).
 */
export function fts5Match(q: ParsedQuery, columns?: string[], also: string[] = []): string {
  const scope = (expr: string) => (columns?.length ? `{${columns.join(' ')}} : (${expr})` : `(${expr})`);
  const must = q.must.map(fts5Part).join(' AND ');
  let expr = scope(must);
  if (also.length) expr = `${expr} AND ${also.join(' AND ')}`;
  for (const p of q.not) expr = `(${expr}) NOT ${scope(fts5Part(p))}`;
  return expr;
}

/** A tsquery literal (for `::tsquery`): lexemes quoted, so PostgreSQL parses and stems nothing. */
export function tsQueryText(q: ParsedQuery, also: string[] = []): string {
  const lexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  const part = (p: QueryPart) => (p.prefix ? `${lexeme(p.terms[0]!)}:*` : p.terms.length > 1 ? `(${p.terms.map(lexeme).join(' <-> ')})` : lexeme(p.terms[0]!));
  return [...q.must.map(part), ...also.map(lexeme), ...q.not.map((p) => `!${part(p)}`)].join(' & ');
}

/** A weighted field of a document, for tsVectorText. */
export interface WeightedTerms {
  weight: 'A' | 'B' | 'C' | 'D';
  terms: Array<{ term: string; position: number }>;
}

/** PostgreSQL keeps positions up to 16383 and 256 of them per lexeme. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;

/**
 * A tsvector literal (for `::tsvector`) of already analysed fields: positions run
 * on across fields with a gap, so a phrase never spans two fields. PostgreSQL's
 * own parser never sees the text: both engines index the very same terms.
 */
export function tsVectorText(fields: WeightedTerms[]): string {
  const positions = new Map<string, string[]>();
  let offset = 0;
  for (const f of fields) {
    let lastPosition = 0;
    for (const t of f.terms) {
      lastPosition = t.position;
      const at = Math.min(offset + t.position, MAX_POSITION);
      const list = positions.get(t.term) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${at}${f.weight === 'D' ? '' : f.weight}`);
      positions.set(t.term, list);
    }
    offset += lastPosition + 10;
  }
  return [...positions].map(([term, at]) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${at.join(',')}`).join(' ');
}
