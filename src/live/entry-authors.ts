import { slugify } from '../content/slug.ts';
import { indexNames } from '../search/names-index.ts';
import type { Db } from '../store/db.ts';

/**
 * The author row of a name, found by slug or made (and indexed for search), as
 * article bylines are. `known` caches names across the entries of one import.
 */
export async function authorIdOf(trx: Db, name: string, known?: Map<string, number>): Promise<number> {
  const slug = slugify(name);
  const cached = known?.get(slug);
  if (cached !== undefined) return cached;
  const find = () => trx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst();
  let row = await find();
  if (!row) {
    // A name another writer adds at the same moment is taken, not a unique-key failure.
    const made = await trx.insertInto('authors').values({ slug, name }).onConflict((oc) => oc.column('slug').doNothing()).returning('id').executeTakeFirst();
    if (made) await indexNames(trx, 'author', [made.id]);
    row = made ?? (await find())!;
  }
  known?.set(slug, row.id);
  return row.id;
}
