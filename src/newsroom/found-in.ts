import { analyserFor } from '../search/analyse.ts';
import { articleText, TEXT_FIELDS, type TextField } from '../search/article-text.ts';
import { highlight, snippet, type Segment } from '../search/highlight.ts';
import { isEmptyQuery, parseQuery } from '../search/query.ts';
import type { Db } from '../store/db.ts';
import { articleTranscripts } from '../video/transcripts.ts';

/**
 * Where the words of a newsroom search were found in each article of a page:
 * the fields (in TEXT_FIELDS order) whose text matches, each with its passage,
 * the words marked. Segments are plain text: the admin escapes them.
 */

export interface FoundIn {
  field: TextField;
  segments: Segment[];
}

/** Words of a passage around the matches. */
const PASSAGE_WORDS = 24;

/** The query as the newsroom's search reads it: the last word a prefix, as in the list's search box. */
export function newsroomQuery(q: string, edition: string) {
  return parseQuery(q, analyserFor(edition), { prefix: true });
}

/** `found` of each article (by id); an article the query does not visibly match gets []. */
export async function foundIn(db: Db, ids: number[], q: string): Promise<Map<number, FoundIn[]>> {
  const out = new Map<number, FoundIn[]>();
  if (!ids.length) return out;
  const [rows, tags, people, authors] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'edition', 'headline', 'standfirst', 'body', 'lead', 'seo_title', 'seo_description', 'source_name'])
      .where('id', 'in', ids)
      .execute(),
    db.selectFrom('article_tags as x').innerJoin('tags as n', 'n.id', 'x.tag_id').select(['x.article_id', 'n.name']).where('x.article_id', 'in', ids).orderBy('x.position').execute(),
    db.selectFrom('article_people as x').innerJoin('people as n', 'n.id', 'x.person_id').select(['x.article_id', 'n.name']).where('x.article_id', 'in', ids).execute(),
    db.selectFrom('article_authors as x').innerJoin('authors as n', 'n.id', 'x.author_id').select(['x.article_id', 'n.name']).where('x.article_id', 'in', ids).orderBy('x.position').execute(),
  ]);
  const names = (list: Array<{ article_id: number; name: string }>, id: number) => list.filter((x) => x.article_id === id).map((x) => x.name);
  const transcripts = await articleTranscripts(db, rows);
  for (const r of rows) {
    const analyser = analyserFor(r.edition);
    const query = newsroomQuery(q, r.edition);
    const found: FoundIn[] = [];
    out.set(r.id, found);
    if (isEmptyQuery(query)) continue;
    const text = articleText({ ...r, tags: names(tags, r.id), people: names(people, r.id), authors: names(authors, r.id), transcripts: transcripts.get(r.id) });
    for (const field of TEXT_FIELDS) {
      const value = text[field];
      if (!value) continue;
      const h = field === 'headline' ? highlight(value, query, analyser) : snippet(value, query, analyser, PASSAGE_WORDS);
      if (h.marks > 0) found.push({ field, segments: h.segments });
    }
  }
  return out;
}
