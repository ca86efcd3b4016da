import { Conflict, ValidationFailed } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { ArticleStatus, TranslationMember, TranslationRef } from '../newsroom/api-shapes.ts';
import { isUniqueViolation } from './article.write.ts';

/**
 * Translations: articles telling the same story in other editions form a
 * group, keyed by `articles.translation_group`. A group holds at most one
 * article per edition (a unique index says so too). The key is the id of the
 * article the first link was made to; it stays a plain key if that article
 * leaves the group or is deleted.
 */

async function findTarget(trx: Db, ref: TranslationRef) {
  let q = trx.selectFrom('articles').select(['id', 'edition', 'slug', 'translation_group']);
  q = typeof ref === 'number' ? q.where('id', '=', ref) : q.where('edition', '=', ref.edition).where('slug', '=', ref.slug);
  return q.executeTakeFirst();
}

function describe(ref: TranslationRef): string {
  return typeof ref === 'number' ? `article ${ref}` : `${ref.edition}/${ref.slug}`;
}

/**
 * Makes `article` a translation of `ref` (joining its group), or takes it out
 * of its group when `ref` is null. Runs inside the caller's transaction;
 * refusals name `field`.
 */
export async function setTranslation(trx: Db, article: { id: number; edition: string }, ref: TranslationRef | null, field = 'translationOf'): Promise<void> {
  if (ref === null) {
    await trx.updateTable('articles').set({ translation_group: null }).where('id', '=', article.id).execute();
    return;
  }
  const target = await findTarget(trx, ref);
  if (!target) throw new ValidationFailed([{ field, message: `no article ${describe(ref)}` }]);
  if (target.edition === article.edition) {
    throw new ValidationFailed([{ field, message: `${describe(ref)} is in the same edition (${article.edition}); a translation is in another edition` }]);
  }
  const group = target.translation_group ?? target.id;
  const taken = await trx
    .selectFrom('articles')
    .select('slug')
    .where('translation_group', '=', group)
    .where('edition', '=', article.edition)
    .where('id', '<>', article.id)
    .executeTakeFirst();
  if (taken) throw new ValidationFailed([{ field, message: `${describe(ref)} already has a ${article.edition} translation: ${taken.slug}` }]);
  try {
    if (target.translation_group === null) await trx.updateTable('articles').set({ translation_group: group }).where('id', '=', target.id).execute();
    await trx.updateTable('articles').set({ translation_group: group }).where('id', '=', article.id).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict(`another ${article.edition} translation of ${describe(ref)} was saved at the same time`);
    throw e;
  }
}

/** The other articles of an article's group, whatever their state, by edition. */
export async function translationsOf(db: Db, id: number): Promise<TranslationMember[]> {
  return db
    .selectFrom('articles as a')
    .innerJoin('articles as self', 'self.translation_group', 'a.translation_group')
    .select(['a.id', 'a.edition', 'a.slug', 'a.headline', 'a.status'])
    .where('self.id', '=', id)
    .where('a.id', '<>', id)
    .orderBy('a.edition')
    .$narrowType<{ status: ArticleStatus }>()
    .execute();
}

/**
 * For each article (of `only`, or all) that belongs to a group, the member it names as
 * the one it translates: the group's first article (the one whose id is the
 * key, else the oldest). That article itself names none, so an export
 * imported again rebuilds the same groups.
 */
export async function translationAnchors(db: Db, only?: number[]): Promise<Map<number, { edition: string; slug: string }>> {
  const out = new Map<number, { edition: string; slug: string }>();
  if (only?.length === 0) return out;
  // A whole export reads every grouped article rather than a giant IN list.
  const rows = await db
    .selectFrom('articles as a')
    .innerJoin('articles as m', 'm.translation_group', 'a.translation_group')
    .select(['a.id as article_id', 'a.translation_group as grp', 'm.id', 'm.edition', 'm.slug'])
    .$if(only !== undefined, (q) => q.where('a.id', 'in', only!))
    .execute();
  const byArticle = new Map<number, typeof rows>();
  for (const r of rows) byArticle.set(r.article_id, [...(byArticle.get(r.article_id) ?? []), r]);
  for (const [id, members] of byArticle) {
    if (members.length < 2) continue;
    const anchor = members.find((m) => m.id === m.grp) ?? members.reduce((x, y) => (y.id < x.id ? y : x));
    if (anchor.id !== id) out.set(id, { edition: anchor.edition, slug: anchor.slug });
  }
  return out;
}

/** The published, due translations of an article, with what a link to each needs. */
export async function publishedTranslations(db: Db, id: number, now: string) {
  return db
    .selectFrom('articles as a')
    .innerJoin('articles as self', 'self.translation_group', 'a.translation_group')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .innerJoin('editions as e', 'e.code', 'a.edition')
    .select(['a.edition', 'a.slug', 's.slug as section', 'a.headline', 'e.base_url'])
    .where('self.id', '=', id)
    .where('a.id', '<>', id)
    .where('a.status', '=', 'published')
    .where('a.published_at', '<=', now)
    .orderBy('a.edition')
    .execute();
}
