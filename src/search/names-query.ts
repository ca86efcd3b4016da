import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.ts';
import { analyserFor, fold, normaliseWord } from './analyse.ts';
import type { NamesPlan } from './sql-engine.ts';
import type { NameHit } from './search.types.ts';

/**
 * Names are indexed folded and unstemmed (names-index.ts); a query finds them
 * word by word, each word by a prefix: its stem in the edition's language (so
 * "négociations" finds a tag "Négociation") or the folded word as typed (so
 * "Marti" finds "Martine" while one types). Stop words and excluded words
 * (`-word`) are left out.
 */
export function namesPlan(input: { q: string; edition: string; audience: 'readers' | 'newsroom'; now: string; limit: number }): NamesPlan {
  const text = String(input.q ?? '').slice(0, 200).replace(/(^|\s)-\S+/g, ' ');
  const parts: string[][] = [];
  for (const t of analyserFor(input.edition).terms(text)) {
    const typed = fold(normaliseWord(text.slice(t.start, t.end)));
    parts.push([...new Set([t.term, typed])]);
    if (parts.length >= 8) break;
  }
  return { parts, edition: input.edition, readers: input.audience === 'readers', now: input.now, limit: Math.max(1, Math.min(50, Math.floor(input.limit) || 5)) };
}

/**
 * The names matching, with their slugs, in one statement: a tag of the edition, a
 * person or an author; for readers only a name a visible article of the edition
 * uses (the rule of content/visibility.ts, by the links' listing columns).
 */
export async function namesFrom(db: Db, plan: NamesPlan, from: RawBuilder<unknown>, match: RawBuilder<unknown>): Promise<NameHit[]> {
  if (!plan.parts.length) return [];
  const visible = plan.readers
    ? sql`and ((n.kind = 'tag' and exists (select 1 from article_tags v where v.tag_id = n.ref_id and v.listed_at <= ${plan.now}))
        or (n.kind = 'person' and exists (select 1 from article_people v where v.person_id = n.ref_id and v.edition = ${plan.edition} and v.listed_at <= ${plan.now}))
        or (n.kind = 'author' and exists (select 1 from article_authors v where v.author_id = n.ref_id and v.edition = ${plan.edition} and v.listed_at <= ${plan.now})))`
    : sql``;
  const { rows } = await sql<NameHit>`
    select n.kind, n.ref_id as id, coalesce(t.slug, pe.slug, au.slug) as slug, coalesce(t.name, pe.name, au.name) as name
    from ${from}
    left join tags t on n.kind = 'tag' and t.id = n.ref_id
    left join people pe on n.kind = 'person' and pe.id = n.ref_id
    left join authors au on n.kind = 'author' and au.id = n.ref_id
    where ${match} and (n.edition is null or n.edition = ${plan.edition}) ${visible}
    order by length(coalesce(t.name, pe.name, au.name)), coalesce(t.name, pe.name, au.name), n.id
    limit ${plan.limit}`.execute(db);
  return rows.filter((r) => r.slug !== null).map((r) => ({ kind: r.kind, id: Number(r.id), slug: r.slug, name: r.name }));
}
