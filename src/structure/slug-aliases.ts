import { decodeSegment, paths } from '../content/paths.ts';
import type { Db } from '../store/db.ts';

/**
 * Where an address under a section's or a static page's former slug has gone:
 * the same address under the current slug (the section page, its feeds, its
 * articles, its later pages), or null. Looked up only when nothing else answered.
 */
export async function findSlugAlias(db: Db, url: string): Promise<string | null> {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q);
  const raw = path.split('/');
  if (raw.length < 3 || raw[0] !== '') return null;
  const segs = raw.slice(1).map((s) => decodeSegment(s));
  if (segs.some((s) => s === null)) return null;
  const [edition, second, third] = segs as string[];
  if (!edition || !second) return null;
  const words = paths.words(edition);
  if (second === words.page && third && raw.length === 4) {
    const hit = await db
      .selectFrom('slug_aliases as a')
      .innerJoin('pages as p', 'p.id', 'a.target_id')
      .select(['p.edition', 'p.slug'])
      .where('a.kind', '=', 'page')
      .where('a.edition', '=', edition)
      .where('a.slug', '=', third)
      .where('p.status', '=', 'published')
      .executeTakeFirst();
    return hit ? paths.page(hit.edition, encodeURIComponent(hit.slug)) + query : null;
  }
  const hit = await db
    .selectFrom('slug_aliases as a')
    .innerJoin('sections as s', 's.id', 'a.target_id')
    .select(['s.edition', 's.slug'])
    .where('a.kind', '=', 'section')
    .where('a.edition', '=', edition)
    .where('a.slug', '=', second)
    .executeTakeFirst();
  if (!hit) return null;
  // The rest of the address is kept as it was sent (still encoded); `/fr/old` becomes `/fr/new/`.
  const rest = raw.slice(3).join('/');
  return paths.section(hit.edition, encodeURIComponent(hit.slug)) + rest + query;
}

/** The former slugs of these sections or pages (they answer 301), by id, in slug order. */
export async function formerSlugs(db: Db, kind: 'section' | 'page', ids: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('slug_aliases').select(['target_id', 'slug']).where('kind', '=', kind).where('target_id', 'in', ids).orderBy('slug').execute();
  for (const r of rows) out.set(r.target_id, [...(out.get(r.target_id) ?? []), r.slug]);
  return out;
}
