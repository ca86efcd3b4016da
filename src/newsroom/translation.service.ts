import { z } from 'zod';
import { fieldIssues } from '../content/article.schema.ts';
import { slugify } from '../content/slug.ts';
import { Forbidden, NotFound, ValidationFailed } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { diffArticles, type Change } from './article-diff.ts';
import { createArticle, getArticle, type ApiArticle, type ArticleDeps } from './articles.service.ts';
import { audit } from './audit.ts';
import { atLeast, owns, type Actor } from './roles.ts';

/**
 * "Traduire en…": a draft in another edition made from an article, linked to
 * it (same translation group) and to the version it was made from, so that the
 * newsroom is told when the source changes afterwards, with what changed.
 */

/** Where the translation stands against its source: `changed` when the source's content moved since. */
export interface TranslationSource {
  id: number;
  edition: string;
  headline: string;
  /** The source's version the translation was made from (or last marked up to date with). */
  translatedVersion: number;
  currentVersion: number;
  changed: boolean;
  /** What changed in the source since translatedVersion, field by field (content only). */
  changes: Change[];
}

const Input = z.strictObject({
  edition: z.string({ error: 'required' }).min(1, 'required').max(35),
  section: z.string().min(1).max(100).optional(),
});

/** Workflow fields move without the text changing: a publication alone does not call for a new translation. */
const NOT_CONTENT = new Set(['status', 'publishedAt', 'scheduledAt', 'live', 'slug', 'section']);

async function snapshotOf(db: Db, id: number, version: number): Promise<Record<string, any> | null> {
  const r = await db.selectFrom('article_revisions').select('snapshot').where('article_id', '=', id).where('version', '=', version).executeTakeFirst();
  return r ? JSON.parse(r.snapshot) : null;
}

/** The source of a translation made here, and what changed in it since; null for an article made otherwise. */
export async function translationSource(deps: ArticleDeps, id: number): Promise<TranslationSource | null> {
  const row = await deps.db
    .selectFrom('articles as a')
    .innerJoin('articles as s', 's.id', 'a.translated_from')
    .select(['s.id', 's.edition', 's.headline', 's.version', 'a.translated_version'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const translatedVersion = row.translated_version ?? row.version;
  let changes: Change[] = [];
  if (row.version > translatedVersion) {
    const [before, now] = await Promise.all([snapshotOf(deps.db, row.id, translatedVersion), snapshotOf(deps.db, row.id, row.version)]);
    const current = now ?? (await getArticle(deps, row.id));
    // Without the old revision (deleted or never kept) the change is known, not its content.
    changes = before ? diffArticles(before, current).filter((c) => !NOT_CONTENT.has(c.field)) : [{ field: 'version', before: translatedVersion, after: row.version }];
  }
  return { id: row.id, edition: row.edition, headline: row.headline, translatedVersion, currentVersion: row.version, changed: changes.length > 0, changes };
}

/**
 * Creates the draft translation of `sourceId` in `input.edition`: headline,
 * standfirst, lead and blocks copied to be translated (pictures shared, their
 * captions kept), section matched by slug unless one is chosen.
 */
export async function createTranslation(deps: ArticleDeps, sourceId: number, value: unknown, actor: Actor): Promise<ApiArticle> {
  const r = Input.safeParse(value ?? {});
  if (!r.success) throw new ValidationFailed(fieldIssues(r.error));
  const input = r.data;
  const source = await getArticle(deps, sourceId);
  if (input.edition === source.edition) throw new ValidationFailed([{ field: 'edition', message: 'a translation is in another edition' }]);
  const edition = await deps.db.selectFrom('editions').select('code').where('code', '=', input.edition).executeTakeFirst();
  if (!edition) throw new ValidationFailed([{ field: 'edition', message: `unknown edition "${input.edition}"` }]);
  const already = source.translations.find((m) => m.edition === input.edition);
  if (already) throw new ValidationFailed([{ field: 'edition', message: `the article already has a ${input.edition} translation: article ${already.id}` }]);
  const section = input.section ?? source.section;
  const found = await deps.db.selectFrom('sections').select('id').where('edition', '=', input.edition).where('slug', '=', section).executeTakeFirst();
  if (!found) throw new ValidationFailed([{ field: 'section', message: `no section "${section}" in edition ${input.edition}; choose one` }]);
  const slug = await freeSlug(deps.db, input.edition, source.slug ?? slugify(source.headline));

  // The read-only and workflow parts stay with the source; tags are per edition and written anew.
  const { id: _i, version: _v, status: _s, scheduledAt: _a, ownerId: _o, ownerTokenId: _ot, path: _p, url: _u, translations: _t, translationSource: _ts, live: _l, publishedAt: _pa, updatedAt: _ua, canonicalUrl: _c, tags: _tags, translationOf: _to, ...content } = source as ApiArticle & Record<string, unknown>;
  return createArticle(deps, { ...content, edition: input.edition, section, slug, translationOf: source.id }, actor, async (trx, id) => {
    // The version translated must stay readable for the later diff: keep it if only an import made it.
    if (!(await snapshotOf(trx, source.id, source.version))) {
      await trx.insertInto('article_revisions').values({ article_id: source.id, version: source.version, snapshot: JSON.stringify(source), user_id: null, created_at: deps.now().toISOString() }).execute();
    }
    await trx.updateTable('articles').set({ translated_from: source.id, translated_version: source.version }).where('id', '=', id).execute();
    await audit(trx, deps.now(), actor, 'article.translate', `article:${id}`, { from: source.id, version: source.version });
  });
}

/** The source's slug, or the first free one after it in the edition (slug-2, slug-3…). */
async function freeSlug(db: Db, edition: string, slug: string): Promise<string> {
  const taken = new Set(
    (await db.selectFrom('articles').select('slug').where('edition', '=', edition).where('slug', 'like', `${slug}%`).execute()).map((r) => r.slug),
  );
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

/** "Marquer comme à jour": the translation now follows the source's current version. */
export async function markTranslationUpToDate(deps: ArticleDeps, id: number, actor: Actor): Promise<TranslationSource> {
  const row = await deps.db.selectFrom('articles').select(['translated_from', 'owner_id', 'owner_token_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(`no article ${id}`);
  if (!atLeast(actor, 'editor') && !owns(actor, { userId: row.owner_id, tokenId: row.owner_token_id })) throw new Forbidden('you may not edit this article');
  if (row.translated_from === null) throw new NotFound(`article ${id} was not made as a translation`);
  await deps.db.transaction().execute(async (trx) => {
    const src = await trx.selectFrom('articles').select('version').where('id', '=', row.translated_from!).executeTakeFirst();
    if (!src) throw new NotFound(`the source of article ${id} no longer exists`);
    await trx.updateTable('articles').set({ translated_version: src.version }).where('id', '=', id).execute();
    await audit(trx, deps.now(), actor, 'article.translation_checked', `article:${id}`, { version: src.version });
  });
  return (await translationSource(deps, id))!;
}
