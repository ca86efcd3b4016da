import { key, SITE_KEY } from '../cdn/keys.ts';
import { ValidationFailed } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { aliasMergedSlug, namedRow, pageByName, rowsToMerge, rowToUpdate, updateSlug } from '../people/named-records.ts';
import { articleCounts, mergeLinks } from '../people/naming.ts';
import { MergeInput, parseBody, TopicPatch } from '../people/people.schema.ts';
import { indexNames } from '../search/names-index.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';

/**
 * Topics (tags) of one edition, as the newsroom keeps them (docs/people-and-topics.md):
 * renamed (the former address answers 301), merged (articles move to the kept
 * topic), described (shown at the top of the topic page) and featured on the
 * edition's home page.
 */

export interface TopicsDeps {
  db: Db;
  now: () => Date;
}

export interface TopicView {
  id: number;
  edition: string;
  slug: string;
  name: string;
  description: string | null;
  featured: boolean;
  articles: number;
  mergedInto: number | null;
}

const MAX_ARTICLE_KEYS = 500;
type TopicRow = { id: number; edition: string; slug: string; name: string; description: string | null; featured: number; merged_into: number | null };
const COLUMNS = ['id', 'edition', 'slug', 'name', 'description', 'featured', 'merged_into'] as const;

async function views(db: Db, rows: TopicRow[]): Promise<TopicView[]> {
  const counts = await articleCounts(db, 'tag', rows.map((r) => r.id));
  return rows.map((r) => ({ id: r.id, edition: r.edition, slug: r.slug, name: r.name, description: r.description, featured: r.featured === 1, articles: counts.get(r.id) ?? 0, mergedInto: r.merged_into }));
}

/** Topics by name, of one edition when given, featured ones first; merged ones left out. */
export async function listTopics(deps: TopicsDeps, input: { q?: string; edition?: string; featured?: boolean; page: number }) {
  let base = deps.db.selectFrom('tags');
  if (input.edition) base = base.where('edition', '=', input.edition);
  if (input.featured !== undefined) base = base.where('featured', '=', input.featured ? 1 : 0);
  const { rows, ...page } = await pageByName<TopicRow>(base, COLUMNS, { q: input.q, page: input.page, search: ['name'], featuredFirst: true });
  return { ...page, topics: await views(deps.db, rows) };
}

const row = (db: Db, id: number) => namedRow<TopicRow>(db, 'tag', COLUMNS, id);

export async function getTopic(deps: TopicsDeps, id: number): Promise<TopicView> {
  return (await views(deps.db, [await row(deps.db, id)]))[0];
}

/** The pages that show a topic's name beside its own: its articles (their tags), and the whole frame when a menu or the home page links it. */
async function topicKeys(trx: Db, t: TopicRow, framed: boolean): Promise<string[]> {
  const inMenu = await trx.selectFrom('menu_items').select('id').where('kind', '=', 'topic').where('target_id', '=', t.id).executeTakeFirst();
  if (framed || inMenu) return [SITE_KEY];
  const articles = await trx.selectFrom('article_tags').select('article_id').where('tag_id', '=', t.id).execute();
  if (articles.length > MAX_ARTICLE_KEYS) return [SITE_KEY];
  return [key.tag(t.id), key.home(t.edition), ...articles.map((a) => key.article(a.article_id))];
}

/** Renames, describes or features a topic; a new slug keeps the former address answering 301. */
export async function updateTopic(deps: TopicsDeps, id: number, input: unknown, actor: Actor): Promise<TopicView> {
  const patch = parseBody(TopicPatch, input);
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = await rowToUpdate<TopicRow>(trx, 'tag', COLUMNS, id);
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined && patch.name !== before.name) set.name = patch.name;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.featured !== undefined) set.featured = patch.featured ? 1 : 0;
    const slug = await updateSlug(trx, 'tag', before, patch, at);
    if (Object.keys(set).length) await trx.updateTable('tags').set(set).where('id', '=', id).execute();
    if (set.name) await indexNames(trx, 'tag', [id]);
    await audit(trx, deps.now(), actor, 'topic.update', `tag:${id}`, { ...patch, slug: slug !== before.slug ? slug : undefined });
    // A featured topic is drawn on the home page from the catalog: a change to one redraws the frame.
    const framed = set.featured !== undefined || (before.featured === 1 && (set.name !== undefined || set.description !== undefined || slug !== before.slug));
    await bumpContentVersion(trx, set.name !== undefined || slug !== before.slug || framed ? await topicKeys(trx, before, framed) : [key.tag(id)]);
  });
  return getTopic(deps, id);
}

/** Merges topic `id` into `into` (same edition) in one transaction: its articles move, its page answers 301 there. */
export async function mergeTopic(deps: TopicsDeps, id: number, input: unknown, actor: Actor): Promise<TopicView> {
  const { into } = parseBody(MergeInput, input);
  await deps.db.transaction().execute(async (trx) => {
    const { from, kept } = await rowsToMerge<TopicRow>(trx, 'tag', COLUMNS, id, into);
    if (kept.edition !== from.edition) throw new ValidationFailed([{ field: 'into', message: `topic ${into} belongs to the ${kept.edition} edition, not ${from.edition}` }]);
    const framed = from.featured === 1 || !!(await trx.selectFrom('menu_items').select('id').where('kind', '=', 'topic').where('target_id', '=', id).executeTakeFirst());
    // Menus linking the merged topic link the kept one.
    await trx.updateTable('menu_items').set({ target_id: into }).where('kind', '=', 'topic').where('target_id', '=', id).execute();
    await trx
      .updateTable('tags')
      .set({ featured: kept.featured === 1 || from.featured === 1 ? 1 : 0, description: kept.description ?? from.description })
      .where('id', '=', into)
      .execute();
    await trx.updateTable('tags').set({ featured: 0 }).where('id', '=', id).execute();
    const keys = await mergeLinks(trx, 'tag', id, into);
    await aliasMergedSlug(trx, 'tag', from, into, deps.now().toISOString());
    await audit(trx, deps.now(), actor, 'topic.merge', `tag:${into}`, { merged: id, name: from.name });
    await bumpContentVersion(trx, framed ? [SITE_KEY] : [...keys, key.home(from.edition)]);
  });
  return getTopic(deps, into);
}
