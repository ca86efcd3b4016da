import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stopwords as arStop } from '@orama/stopwords/arabic';
import { stopwords as deStop } from '@orama/stopwords/german';
import { stopwords as enStop } from '@orama/stopwords/english';
import { stopwords as esStop } from '@orama/stopwords/spanish';
import { stopwords as frStop } from '@orama/stopwords/french';
import { stopwords as itStop } from '@orama/stopwords/italian';
import { stopwords as ptStop } from '@orama/stopwords/portuguese';

/**
 * Text analysis for search, the same for documents and queries on both
 * databases: words are cut at anything that is not a letter or a digit
 * (apostrophes included, so French elisions fall away as stop words), lower-cased,
 * stop words dropped, stemmed by the language's Snowball stemmer, then folded
 * (accents removed), so that "négociations", "negociation" and "Négociation"
 * are one term. Arabic is normalised before stemming: diacritics and tatweel
 * removed, alef forms made plain alef, alef maqsura made ya, ta marbuta made ha.
 *
 * A language without a stemmer here is folded only; STEMMED_LANGUAGES says which
 * are stemmed. The engines never see raw text: they index and match these terms.
 */

type Stem = (word: string) => string;

const LANGUAGES: Record<string, { stem: Stem; stop: readonly string[] }> = {
  fr: { stem: french, stop: frStop },
  en: { stem: english, stop: enStop },
  es: { stem: spanish, stop: esStop },
  ar: { stem: arabic, stop: arStop },
  de: { stem: german, stop: deStop },
  it: { stem: italian, stop: itStop },
  pt: { stem: portuguese, stop: ptStop },
};

/** The languages whose words are stemmed; any other is matched on folded whole words. */
export const STEMMED_LANGUAGES = Object.freeze(Object.keys(LANGUAGES));

/** French elided articles and pronouns (l', d', qu'…), dropped even when a list lacks them. */
const ELISIONS = ['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu'];

/** A word is at most this long in the index: a longer run of letters is no word a reader types. */
const MAX_TERM_LENGTH = 60;
const MEMO_LIMIT = 50_000;

export interface Term {
  /** The analysed term: what the index stores and the query matches. */
  term: string;
  /** 1-based, counting kept words only (stop words take no place: "accord de paix" is the phrase accord paix). */
  position: number;
  /** Where the word is in the text given, for highlighting. */
  start: number;
  end: number;
}

export interface Analyser {
  readonly language: string;
  readonly stems: boolean;
  /** The terms of a text, in order. */
  terms(text: string): Term[];
  /** The term of one word, or null for a stop word or no word. */
  term(word: string): string | null;
  /** The terms of a text, in order, without offsets: what the index is written from (the i-th has position i + 1). */
  termList(text: string): string[];
}

/** The language part of an edition code: "fr-CA" → "fr". */
export function languageOf(edition: string): string {
  return String(edition).toLowerCase().split(/[-_]/)[0] ?? '';
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/u;
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/** Lower case, Arabic letter forms made one: before stop words and stemming. */
export function normaliseWord(word: string): string {
  let w = word.normalize('NFC').toLowerCase();
  if (/[\u0600-\u06FF]/.test(w)) {
    w = w.replace(ARABIC_MARKS, '').replace(/[أإآٱ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه');
  }
  return w;
}

/** Accents and other marks removed, ligatures spelled out: after stemming. */
export function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/ı/g, 'i');
}

const analysers = new Map<string, Analyser>();

/** The analyser of an edition's language (made once per language, then shared). */
export function analyserFor(edition: string): Analyser {
  const language = languageOf(edition);
  let a = analysers.get(language);
  if (!a) {
    a = makeAnalyser(language);
    analysers.set(language, a);
  }
  return a;
}

function makeAnalyser(language: string): Analyser {
  const lang = LANGUAGES[language];
  const stop = new Set<string>();
  for (const w of [...(lang?.stop ?? []), ...(language === 'fr' ? ELISIONS : [])]) {
    if (!w) continue;
    const n = normaliseWord(w);
    stop.add(n);
    stop.add(fold(n));
  }
  // Stemming is the costly step and news text repeats its words: remember the last ones.
  let memo = new Map<string, string | null>();
  const term = (word: string): string | null => {
    // A word as written is looked up first: indexing a whole archive meets the same few thousand words again and again.
    const seen = memo.get(word);
    if (seen !== undefined) return seen;
    const n = normaliseWord(word);
    const known = memo.get(n);
    if (known !== undefined) {
      memo.set(word, known);
      return known;
    }
    let t: string | null;
    if (stop.has(n) || stop.has(fold(n))) t = null;
    else {
      // Digits are kept as written: "2026" is a term, not something to stem.
      const stemmed = lang && !/^\p{N}+$/u.test(n) ? lang.stem(n) : n;
      t = fold(stemmed || n).slice(0, MAX_TERM_LENGTH) || null;
    }
    if (memo.size >= MEMO_LIMIT) memo = new Map();
    memo.set(n, t);
    memo.set(word, t);
    return t;
  };
  return {
    language,
    stems: Boolean(lang),
    term: (word) => {
      const m = String(word).match(WORD);
      return m && m.length === 1 ? term(m[0]) : null;
    },
    terms(text) {
      const out: Term[] = [];
      let position = 0;
      for (const m of String(text ?? '').matchAll(WORD)) {
        const t = term(m[0]);
        if (t === null) continue;
        out.push({ term: t, position: ++position, start: m.index!, end: m.index! + m[0].length });
      }
      return out;
    },
    termList(text) {
      const out: string[] = [];
      for (const w of String(text ?? '').split(NOT_WORD)) {
        if (!w) continue;
        const t = term(w);
        if (t !== null) out.push(t);
      }
      return out;
    },
  };
}
