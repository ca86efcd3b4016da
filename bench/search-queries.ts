/**
 * The queries the search benchmark sends, drawn from the archive generator's
 * word lists (archive-words.ts), by class. The generator writes from a few
 * hundred words, so even its rarest word is in thousands of articles of the
 * million-article archive: "rare" here is a person's name from the tail of the
 * people list (none at 1,000 articles) and a word the archive never uses.
 */

export type QueryClass = 'single word' | 'two words' | 'phrase' | 'filtered' | 'date sort';

export interface BenchQuery {
  cls: QueryClass;
  /** What the query stands for, for the report. */
  label: string;
  edition: 'fr' | 'en';
  q: string;
  section?: string;
  from?: string;
  to?: string;
  sort?: 'date';
}

export const QUERIES: BenchQuery[] = [
  // In about half the French articles (a connector, a subject, a caption, a heading).
  { cls: 'single word', label: 'common', edition: 'fr', q: 'conseil' },
  // One headline object in twenty.
  { cls: 'single word', label: 'medium', edition: 'fr', q: 'tramway' },
  { cls: 'single word', label: 'medium, English', edition: 'en', q: 'harvest' },
  // A surname of the people list's tail: quotes' speakers and people of a few thousand articles at 1M.
  { cls: 'single word', label: 'rare', edition: 'fr', q: 'Texier' },
  { cls: 'single word', label: 'absent', edition: 'fr', q: 'zeppelin' },
  // Always together (one headline object), two words of it.
  { cls: 'two words', label: 'together', edition: 'fr', q: 'budget rectificatif' },
  // Each in one headline of twenty or thirty, together in one of six hundred.
  { cls: 'two words', label: 'seldom together', edition: 'fr', q: 'tramway Dakar' },
  // Two words each in about half the articles.
  { cls: 'two words', label: 'both common', edition: 'fr', q: 'conseil chantier' },
  { cls: 'two words', label: 'English', edition: 'en', q: 'night bus' },
  { cls: 'phrase', label: 'with a stop word', edition: 'fr', q: '"plan de rénovation"' },
  // Its first word is in half the articles, the phrase in one headline of twenty-four.
  { cls: 'phrase', label: 'common word', edition: 'fr', q: '"conseil régional"' },
  { cls: 'phrase', label: 'English', edition: 'en', q: '"district heating"' },
  { cls: 'filtered', label: 'common word, one section', edition: 'fr', q: 'conseil', section: 'sport' },
  { cls: 'filtered', label: 'medium word, one month', edition: 'fr', q: 'tramway', from: '2019-03-01', to: '2019-03-31' },
  { cls: 'filtered', label: 'section and a year', edition: 'fr', q: 'budget', section: 'economie', from: '2020-01-01', to: '2020-12-31' },
  { cls: 'filtered', label: 'English, one section', edition: 'en', q: 'harvest', section: 'business' },
  { cls: 'date sort', label: 'common word, newest first', edition: 'fr', q: 'conseil', sort: 'date' },
];

export const CLASSES: QueryClass[] = ['single word', 'two words', 'phrase', 'filtered', 'date sort'];

/** The Content API's search URL for a query (path and query string). */
export function apiPath(b: BenchQuery): string {
  const p = new URLSearchParams({ q: b.q, edition: b.edition });
  for (const k of ['section', 'from', 'to', 'sort'] as const) if (b[k]) p.set(k, b[k]!);
  return `/api/content/search?${p}`;
}

/** How the report names a query. */
export function describe(b: BenchQuery): string {
  const f = [b.section && `section=${b.section}`, b.from && `${b.from}…${b.to}`, b.sort && `sort=${b.sort}`].filter(Boolean).join(', ');
  return `\`${b.q}\` (${b.edition}${f ? `, ${f}` : ''})`;
}
