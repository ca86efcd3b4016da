import { sql } from 'kysely';
import { key, SITE_KEY } from '../cdn/keys.ts';
import { slugify } from '../content/slug.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { indexNames } from '../search/names-index.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { lowerContains } from '../store/like.ts';
import { articleCounts, mergeLinks, moveSlug } from './naming.ts';
import { AuthorPatch, jsonList, MergeInput, parseBody } from './people.schema.ts';
import type { PeopleDeps } from './people.service.ts';
import { PER_PAGE } from './people.service.ts';
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
  const q = (input.q ?? '').trim();
  let base = deps.db.selectFrom('authors').where('merged_into', 'is', null);
  if (q) base = base.where((eb) => lowerContains(eb.ref('name'), q));
  const [rows, count] = await Promise.all([
    base
      .select([...COLUMNS])
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .limit(PER_PAGE + 1)
      .offset((input.page - 1) * PER_PAGE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { page: input.page, perPage: PER_PAGE, total: Number(count.n), hasMore: rows.length > PER_PAGE, authors: await views(deps, rows.slice(0, PER_PAGE)) };
}

async function row(db: Db, id: number): Promise<AuthorRow> {
  const r = await db.selectFrom('authors').select([...COLUMNS]).where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFound(`no author ${id}`);
  return r;
}

export async function getAuthor(deps: PeopleDeps, id: number): Promise<AuthorView> {
  return (await views(deps, [await row(deps.db, id)]))[0];
}

/** Changes an author's profile; a new name or slug keeps the former address answering 301. */
export async function updateAuthor(deps: PeopleDeps, id: number, input: unknown, actor: Actor): Promise<AuthorView> {
  const patch = parseBody(AuthorPatch, input);
  await checkPhoto(deps.db, patch.photoImageId);
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = await row(trx, id);
    if (before.merged_into !== null) throw new Conflict(`author ${id} was merged into ${before.merged_into}: change that one`);
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined && patch.name !== before.name) set.name = patch.name;
    if (patch.bio !== undefined) set.bio = patch.bio;
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.photoImageId !== undefined) set.photo_image_id = patch.photoImageId;
    if (patch.social !== undefined) set.social = JSON.stringify(patch.social);
    const slug = patch.slug ?? (set.name ? slugify(set.name as string) : before.slug);
    if (slug !== before.slug) {
      const taken = await trx.selectFrom('authors').select('id').where('slug', '=', slug).where('id', '!=', id).executeTakeFirst();
      if (taken) throw new ValidationFailed([{ field: patch.slug !== undefined ? 'slug' : 'name', message: `the address ${slug} is another author's (#${taken.id}): choose another` }]);
      await moveSlug(trx, 'author', '', id, before.slug, slug, at);
    }
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
  if (into === id) throw new ValidationFailed([{ field: 'into', message: 'an author cannot be merged into themselves' }]);
  await deps.db.transaction().execute(async (trx) => {
    const from = await row(trx, id);
    const kept = await row(trx, into).catch(() => {
      throw new ValidationFailed([{ field: 'into', message: `no author ${into}` }]);
    });
    if (from.merged_into !== null) throw new Conflict(`author ${id} was already merged into ${from.merged_into}`);
    if (kept.merged_into !== null) throw new ValidationFailed([{ field: 'into', message: `author ${into} was merged into ${kept.merged_into}: merge into that one` }]);
    const social = jsonList(kept.social).length ? kept.social : from.social;
    await trx
      .updateTable('authors')
      .set({ bio: kept.bio ?? from.bio, role: kept.role ?? from.role, photo_image_id: kept.photo_image_id ?? from.photo_image_id, social })
      .where('id', '=', into)
      .execute();
    const keys = await mergeLinks(trx, 'author', id, into);
    await trx.deleteFrom('slug_aliases').where('kind', '=', 'author').where('edition', '=', '').where('slug', '=', from.slug).execute();
    await trx.insertInto('slug_aliases').values({ kind: 'author', edition: '', slug: from.slug, target_id: into, created_at: deps.now().toISOString() }).execute();
    await audit(trx, deps.now(), actor, 'author.merge', `author:${into}`, { merged: id, name: from.name });
    await bumpContentVersion(trx, keys);
  });
  return getAuthor(deps, into);
}
