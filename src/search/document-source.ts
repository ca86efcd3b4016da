import type { Db } from '../store/db.ts';
import { articleTranscripts } from '../video/transcripts.ts';
import type { ArticleSource, NamedRef } from './document.ts';

/**
 * The rows documents are built from, for a batch of article ids: five
 * statements whatever the batch's size (the article rows, their tags, people
 * and authors, and which came from the wire queue). Ids no longer in the
 * articles table are simply absent.
 */
export async function readArticleSources(db: Db, ids: number[]): Promise<ArticleSource[]> {
  if (!ids.length) return [];
  const [rows, tags, people, authors, adopted] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'edition', 'status', 'section_id', 'owner_id', 'headline', 'standfirst', 'body', 'lead', 'seo_title', 'seo_description', 'source_name', 'published_at', 'scheduled_at', 'created_at'])
      .where('id', 'in', ids)
      .execute(),
    db.selectFrom('article_tags as l').innerJoin('tags as n', 'n.id', 'l.tag_id').select(['l.article_id', 'n.id', 'n.name']).where('l.article_id', 'in', ids).orderBy('l.position').execute(),
    db.selectFrom('article_people as l').innerJoin('people as n', 'n.id', 'l.person_id').select(['l.article_id', 'n.id', 'n.name']).where('l.article_id', 'in', ids).execute(),
    db.selectFrom('article_authors as l').innerJoin('authors as n', 'n.id', 'l.author_id').select(['l.article_id', 'n.id', 'n.name']).where('l.article_id', 'in', ids).orderBy('l.position').execute(),
    db.selectFrom('ingest_items').select('adopted_article_id').where('adopted_article_id', 'in', ids).execute(),
  ]);
  const byArticle = (links: Array<{ article_id: number; id: number; name: string }>) => {
    const m = new Map<number, NamedRef[]>();
    for (const l of links) {
      const list = m.get(l.article_id) ?? [];
      list.push({ id: l.id, name: l.name });
      m.set(l.article_id, list);
    }
    return m;
  };
  const [t, p, a] = [byArticle(tags), byArticle(people), byArticle(authors)];
  const wire = new Set(adopted.map((r) => r.adopted_article_id));
  const transcripts = await articleTranscripts(db, rows);
  return rows.map((r) => ({ ...r, tags: t.get(r.id) ?? [], people: p.get(r.id) ?? [], authors: a.get(r.id) ?? [], adopted: wire.has(r.id), transcripts: transcripts.get(r.id) ?? [] }));
}
