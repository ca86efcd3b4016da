import { searchCards, type SearchCard } from '../content/article.repository.ts';
import type { Db } from '../store/db.ts';
import { articleTranscripts } from '../video/transcripts.ts';
import { analyserFor, fold, type Analyser } from './analyse.ts';
import { articleText } from './article-text.ts';
import { highlight, snippet, type Segment } from './highlight.ts';
import { closestNames } from './closest-names.ts';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './query.ts';
import type { SearchFilters } from './reader-search.params.ts';
import { dayRange } from './search-filters.ts';
import type { NameHit, SearchEngine } from './search.types.ts';

/**
 * What readers find: published articles of one edition visible now, through
 * the engine's 'readers' audience (which never returns a draft, a scheduled or
 * an embargoed article), with their headline and a snippet highlighted, the
 * people and topics whose names match, and, when nothing matches, the closest
 * topics. The page and the Content API both show this; no HTTP here.
 */

export interface ReaderSearchDeps {
  db: Db;
  search: SearchEngine;
  now: () => Date;
}

export const SEARCH_PER_PAGE = 20;
/** People and topics shown above the articles. */
const NAMES_SHOWN = 8;
/** Topics and people offered in the filters, beside the chosen one. */
const FACETS_SHOWN = 30;

export interface SearchHit {
  card: SearchCard;
  headline: Segment[];
  standfirst: Segment[];
  /** A passage of the body, quotes or captions around the matching words; the body's start when they are elsewhere. */
  snippet: Segment[];
}

export type SearchState = 'empty' | 'stopwords' | 'results' | 'none';

export interface Named {
  slug: string;
  name: string;
}

export interface ReaderSearchResult {
  /** The query as answered (cut when too long). */
  q: string;
  cut: boolean;
  /** empty: nothing typed; stopwords: nothing left to search for; none: no article matches. */
  state: SearchState;
  filters: SearchFilters;
  page: number;
  perPage: number;
  total: number;
  totalIsEstimate: boolean;
  hasMore: boolean;
  hits: SearchHit[];
  /** People, topics and authors whose names match. */
  names: NameHit[];
  /** When no article matches: topics whose names are nearest to the words typed. */
  closestTopics: NameHit[];
  /** What the topic and person filters offer: the names of this page's articles and the chosen ones. */
  facets: { topics: Named[]; people: Named[] };
  /** The chosen filters' names, for the page to show. */
  chosen: { section?: Named; topic?: Named; person?: Named };
}

export async function readerSearch(deps: ReaderSearchDeps, input: { edition: string; timeZone: string; q: string; filters: SearchFilters; page: number }): Promise<ReaderSearchResult> {
  const { db } = deps;
  const { edition, filters, page } = input;
  const now = deps.now().toISOString();
  const analyser = analyserFor(edition);
  const parsed = parseQuery(input.q, analyser);
  const base: ReaderSearchResult = {
    q: parsed.text,
    cut: parsed.cut,
    state: 'none',
    filters,
    page,
    perPage: SEARCH_PER_PAGE,
    total: 0,
    totalIsEstimate: false,
    hasMore: false,
    hits: [],
    names: [],
    closestTopics: [],
    facets: { topics: [], people: [] },
    chosen: {},
  };
  const chosen = await resolveFilters(db, edition, filters);
  base.chosen = chosen.named;
  base.facets = { topics: chosen.named.topic ? [chosen.named.topic] : [], people: chosen.named.person ? [chosen.named.person] : [] };
  if (!parsed.text) return { ...base, state: 'empty' };
  if (isEmptyQuery(parsed)) return { ...base, state: 'stopwords' };

  const [answer, names] = await Promise.all([
    chosen.unknown
      ? undefined
      : deps.search.searchArticles(db, {
          q: parsed.text,
          audience: 'readers',
          edition,
          sort: filters.sort,
          sectionId: chosen.ids.section,
          tagId: chosen.ids.topic,
          personId: chosen.ids.person,
          kind: filters.type,
          ...dayRange(filters.from, filters.to, input.timeZone),
          page,
          perPage: SEARCH_PER_PAGE,
          now,
        }),
    deps.search.searchNames(db, { q: parsed.text, edition, audience: 'readers', now, limit: NAMES_SHOWN }),
  ]);
  const query = answer?.query ?? parsed;
  const cards = await searchCards(db, (answer?.hits ?? []).map((h) => h.articleId), now);
  // A word said in a video: the passage comes from its transcript.
  const transcripts = await articleTranscripts(db, cards);
  const hits = cards.map((card) => highlighted(card, query, analyser, transcripts.get(card.id)));
  const total = answer?.total ?? 0;
  const result: ReaderSearchResult = {
    ...base,
    state: total > 0 ? 'results' : 'none',
    total,
    totalIsEstimate: answer?.totalIsEstimate ?? false,
    hasMore: total > page * SEARCH_PER_PAGE,
    hits,
    names,
    facets: await facets(db, cards, names, chosen.named),
  };
  if (total === 0) result.closestTopics = await closestNames(deps, { edition, text: parsed.text, now, analyser });
  return result;
}

function highlighted(card: SearchCard, query: ParsedQuery, analyser: Analyser, transcripts?: string[]): SearchHit {
  const text = articleText({ headline: card.headline, standfirst: card.standfirst, body: card.body, lead: card.lead, transcripts });
  const passages = [text.body, text.quotes, text.captions, text.transcript].filter(Boolean).map((t) => snippet(t, query, analyser));
  const best = passages.find((p) => p.marks > 0) ?? passages[0];
  return {
    card,
    headline: highlight(card.headline, query, analyser).segments,
    standfirst: card.standfirst ? highlight(card.standfirst, query, analyser).segments : [],
    snippet: best?.segments ?? [],
  };
}

/** The filters' slugs as ids; `unknown` when one names nothing, which no article can match. */
async function resolveFilters(db: Db, edition: string, f: SearchFilters) {
  const ids: { section?: number; topic?: number; person?: number } = {};
  const named: ReaderSearchResult['chosen'] = {};
  let unknown = false;
  const [section, topic, person] = await Promise.all([
    f.section ? db.selectFrom('sections').select(['id', 'slug', 'name']).where('edition', '=', edition).where('slug', '=', f.section).executeTakeFirst() : undefined,
    f.topic ? db.selectFrom('tags').select(['id', 'slug', 'name']).where('edition', '=', edition).where('slug', '=', f.topic).executeTakeFirst() : undefined,
    f.person ? db.selectFrom('people').select(['id', 'slug', 'name']).where('slug', '=', f.person).executeTakeFirst() : undefined,
  ]);
  for (const [k, row, asked] of [['section', section, f.section], ['topic', topic, f.topic], ['person', person, f.person]] as const) {
    if (!asked) continue;
    if (!row) unknown = true;
    else {
      ids[k] = row.id;
      named[k] = { slug: row.slug, name: row.name };
    }
  }
  return { ids, named, unknown };
}

/** The topics and people of the shown articles, the matching names and the chosen ones: what the filters offer. */
async function facets(db: Db, cards: SearchCard[], names: NameHit[], chosen: ReaderSearchResult['chosen']): Promise<ReaderSearchResult['facets']> {
  const ids = cards.map((c) => c.id);
  const [tags, people] = ids.length
    ? await Promise.all([
        db.selectFrom('article_tags as l').innerJoin('tags as t', 't.id', 'l.tag_id').select(['t.slug', 't.name']).where('l.article_id', 'in', ids).execute(),
        db.selectFrom('article_people as l').innerJoin('people as p', 'p.id', 'l.person_id').select(['p.slug', 'p.name']).where('l.article_id', 'in', ids).execute(),
      ])
    : [[], []];
  const list = (rows: Named[], kind: NameHit['kind'], pick?: Named) => {
    const by = new Map<string, Named>();
    for (const r of [...(pick ? [pick] : []), ...names.filter((n) => n.kind === kind), ...rows]) if (!by.has(r.slug)) by.set(r.slug, { slug: r.slug, name: r.name });
    const rest = [...by.values()].filter((n) => n.slug !== pick?.slug).sort((a, b) => fold(a.name).localeCompare(fold(b.name)));
    return [...(pick ? [pick] : []), ...rest.slice(0, FACETS_SHOWN)];
  };
  return { topics: list(tags, 'tag', chosen.topic), people: list(people, 'person', chosen.person) };
}
