import { key, SITE_KEY } from '../cdn/keys.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { indexNames } from '../search/names-index.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { aliasMergedSlug, namedRow, pageByName, rowsToMerge, rowToUpdate, updateSlug } from './named-records.ts';
import { articleCounts, mergeLinks } from './naming.ts';
import { AuthorPatch, jsonList, MergeInput, parseBody } from './people.schema.ts';
import type { PeopleDeps } from './people.service.ts';
import { checkPhoto, photoViews, type PhotoView } from './photos.ts';

/**
 * The newsroom's authors as readers meet them on their page: a photo, a job,
 * a short biography and links to their other pages (docs/people-and-topics.md).
 */

export interface SocialLinkView {
  network: string;
  url: string;
}

export interface AuthorView {
  id: number;
  slug: string;
  name: string;
  bio: string | null;
  role: string | null;
  photo: PhotoView | null;
  social: SocialLinkView[];
  articles: number;
  mergedInto: number | null;
}

type AuthorRow = { id: number; slug: string; name: string; bio: string | null; role: string | null; photo_image_id: number | null; social: string; merged_into: number | null };
const COLUMNS = ['id', 'slug', 'name', 'bio', 'role', 'photo_image_id', 'social', 'merged_into'] as const;

/** More bylines than this to redraw: the whole site is purged rather than each article. */
const MAX_ARTICLE_KEYS = 500;

async function views(deps: PeopleDeps, rows: AuthorRow[]): Promise<AuthorView[]> {
  const [photos, counts] = await Promise.all([photoViews(deps.db, rows.map((r) => r.photo_image_id), deps.mediaUrl), articleCounts(deps.db, 'author', rows.map((r) => r.id))]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    bio: r.bio,
    role: r.role,
    photo: r.photo_image_id !== null ? (photos.get(r.photo_image_id) ?? null) : null,
    social: jsonList<SocialLinkView>(r.social),
    articles: counts.get(r.id) ?? 0,
    mergedInto: r.merged_into,
  }));
}

export async function listAuthors(deps: PeopleDeps, input: { q?: string; page: number }) {
  const { rows, ...page } = await pageByName<AuthorRow>(deps.db.selectFrom('authors'), COLUMNS, { ...input, search: ['name'] });
  return { ...page, authors: await views(deps, rows) };
}

const row = (db: Db, id: number) => namedRow<AuthorRow>(db, 'author', COLUMNS, id);

export async function getAuthor(deps: PeopleDeps, id: number): Promise<AuthorView> {
  return (await views(deps, [await row(deps.db, id)]))[0];
}

/** Changes an author's profile; a new name or slug keeps the former address answering 301. */
export async function updateAuthor(deps: PeopleDeps, id: number, input: unknown, actor: Actor): Promise<AuthorView> {
  const patch = parseBody(AuthorPatch, input);
  await checkPhoto(deps.db, patch.photoImageId);
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = await rowToUpdate<AuthorRow>(trx, 'author', COLUMNS, id);
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined && patch.name !== before.name) set.name = patch.name;
    if (patch.bio !== undefined) set.bio = patch.bio;
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.photoImageId !== undefined) set.photo_image_id = patch.photoImageId;
    if (patch.social !== undefined) set.social = JSON.stringify(patch.social);
    const slug = await updateSlug(trx, 'author', before, patch, at);
    if (Object.keys(set).length) await trx.updateTable('authors').set(set).where('id', '=', id).execute();
    if (set.name) await indexNames(trx, 'author', [id]);
    await audit(trx, deps.now(), actor, 'author.update', `author:${id}`, { ...patch, slug: slug !== before.slug ? slug : undefined });
    // A byline shows the name (and the article page the photo): a new name or photo redraws their articles.
    let keys = [key.author(id)];
    if (set.name !== undefined || set.photo_image_id !== undefined || slug !== before.slug) {
      const articles = await trx.selectFrom('article_authors').select('article_id').where('author_id', '=', id).execute();
      keys = articles.length > MAX_ARTICLE_KEYS ? [SITE_KEY] : [...keys, ...articles.map((a) => key.article(a.article_id))];
    }
    await bumpContentVersion(trx, keys);
  });
  return getAuthor(deps, id);
}

/**
 * Merges author `id` into `into` in one transaction: bylines move (an article signed
 * by both keeps one), the kept author takes the other's bio, role, photo and links
 * where they have none, and the merged one's page answers 301 to the kept one's.
 */
export async function mergeAuthor(deps: PeopleDeps, id: number, input: unknown, actor: Actor): Promise<AuthorView> {
  const { into } = parseBody(MergeInput, input);
  await deps.db.transaction().execute(async (trx) => {
    const { from, kept } = await rowsToMerge<AuthorRow>(trx, 'author', COLUMNS, id, into);
    const social = jsonList(kept.social).length ? kept.social : from.social;
    await trx
      .updateTable('authors')
      .set({ bio: kept.bio ?? from.bio, role: kept.role ?? from.role, photo_image_id: kept.photo_image_id ?? from.photo_image_id, social })
      .where('id', '=', into)
      .execute();
    const keys = await mergeLinks(trx, 'author', id, into);
    await aliasMergedSlug(trx, 'author', from, into, deps.now().toISOString());
    await audit(trx, deps.now(), actor, 'author.merge', `author:${into}`, { merged: id, name: from.name });
    await bumpContentVersion(trx, keys);
  });
  return getAuthor(deps, into);
}
