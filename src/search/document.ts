import type { ArticleRow } from '../store/schema.ts';
import { analyserFor } from './analyse.ts';
import { articleText, type ArticleText } from './article-text.ts';
import type { WeightedTerms } from './query.ts';
import type { ArticleKind } from './search.types.ts';

/**
 * An article as the index holds it: its analysed terms in three weighted
 * columns, and facet terms (edition, status, section, tags, people, authors,
 * kind, owner) that filters match exactly and that weigh nothing in relevance.
 * Pure: the rows are read by document-source.ts, written by index-writer.ts.
 */

/** Where a field's terms go: title weighs most (A), then lead (B), then body (C). */
export type Column = 'title' | 'lead' | 'body';

const COLUMN_OF: Record<Exclude<keyof ArticleText, 'video'>, Column> = {
  headline: 'title',
  standfirst: 'lead',
  seo: 'lead',
  tags: 'lead',
  people: 'lead',
  authors: 'lead',
  body: 'body',
  quotes: 'body',
  speakers: 'body',
  captions: 'body',
  source: 'body',
  transcript: 'body',
};

export const WEIGHT_OF: Record<Column, 'A' | 'B' | 'C'> = { title: 'A', lead: 'B', body: 'C' };

export interface NamedRef {
  id: number;
  name: string;
}

/** What one document is built from: the article's row, its names, and whether it came from the wire queue. */
export type ArticleSource = Pick<
  ArticleRow,
  'id' | 'edition' | 'status' | 'section_id' | 'owner_id' | 'headline' | 'standfirst' | 'body' | 'lead' | 'seo_title' | 'seo_description' | 'source_name' | 'published_at' | 'scheduled_at' | 'created_at'
> & {
  tags: NamedRef[];
  people: NamedRef[];
  authors: NamedRef[];
  adopted: boolean;
  /** The transcripts of the videos it shows; read by readArticleSources and indexSources. */
  transcripts?: string[];
};

export interface SearchDocument {
  articleId: number;
  edition: string;
  status: string;
  sectionId: number;
  kind: ArticleKind;
  /** The time its key is made of: coalesce(published_at, scheduled_at, created_at). */
  time: string;
  /** Analysed fields in the order written; a term's position in its field is its index + 1. */
  fields: Array<{ column: Column; terms: string[] }>;
  facets: string[];
}

/** A facet term: a prefix and a value reduced to letters and digits, which FTS5 and tsquery both keep whole. */
export function facet(name: 'ed' | 'st' | 'sec' | 'tag' | 'per' | 'aut' | 'kind' | 'own', value: string | number): string {
  return `z${name}${String(value).toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

/**
 * Wire copy: an article adopted from the wire queue, or one that names its source
 * and has no byline (agency copy as an import or a ninjs file brings it).
 */
export function kindOf(a: Pick<ArticleSource, 'adopted' | 'source_name' | 'authors'>, text: Pick<ArticleText, 'video'>): ArticleKind {
  if (text.video) return 'video';
  if (a.adopted || (a.source_name && a.authors.length === 0)) return 'wire';
  return 'article';
}

export function buildDocument(a: ArticleSource): SearchDocument {
  const text = articleText({
    headline: a.headline,
    standfirst: a.standfirst,
    body: a.body,
    lead: a.lead,
    seo_title: a.seo_title,
    seo_description: a.seo_description,
    source_name: a.source_name,
    tags: a.tags.map((t) => t.name),
    people: a.people.map((p) => p.name),
    authors: a.authors.map((p) => p.name),
    transcripts: a.transcripts,
  });
  const analyser = analyserFor(a.edition);
  const fields: SearchDocument['fields'] = [];
  for (const [field, column] of Object.entries(COLUMN_OF) as Array<[keyof typeof COLUMN_OF, Column]>) {
    const terms = analyser.termList(text[field]);
    if (terms.length) fields.push({ column, terms });
  }
  const kind = kindOf(a, text);
  const facets = [facet('ed', a.edition), facet('st', a.status), facet('sec', a.section_id), facet('kind', kind)];
  if (a.owner_id !== null) facets.push(facet('own', a.owner_id));
  for (const t of a.tags) facets.push(facet('tag', t.id));
  for (const p of a.people) facets.push(facet('per', p.id));
  for (const p of a.authors) facets.push(facet('aut', p.id));
  return {
    articleId: a.id,
    edition: a.edition,
    status: a.status,
    sectionId: a.section_id,
    kind,
    time: a.published_at ?? a.scheduled_at ?? a.created_at,
    fields,
    facets,
  };
}

/** A column's text for FTS5: the analysed terms in order, which its tokenizer splits again as they are. */
export function columnText(d: SearchDocument, column: Column | 'facets'): string {
  if (column === 'facets') return d.facets.join(' ');
  let out = '';
  for (const f of d.fields) {
    if (f.column !== column) continue;
    out += out ? ` ${f.terms.join(' ')}` : f.terms.join(' ');
  }
  return out;
}

/** The fields as tsVectorText takes them: facets last, weight D. */
export function weightedFields(d: SearchDocument): WeightedTerms[] {
  const positioned = (terms: string[]) => terms.map((term, i) => ({ term, position: i + 1 }));
  return [...d.fields.map((f) => ({ weight: WEIGHT_OF[f.column], terms: positioned(f.terms) })), { weight: 'D' as const, terms: positioned(d.facets) }];
}
