import { bumpContentVersion, type LaterPurge } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { API_LIST_KEY, key, SITE_KEY, SITEMAPS_KEY } from './keys.ts';

/** What of an article decides which responses show it. */
export interface ArticleState {
  id: number;
  edition: string;
  sectionId: number;
  /** Its section is public only while a visible article is in it (content/visibility.ts). */
  sectionImplicit: boolean;
  status: string;
  publishedAt: string | null;
  group: number | null;
  tags: number[];
  authors: number[];
  /** Quoted people and the role each quote gives: a person's page shows the latest. */
  people: Map<number, string | null>;
}

export async function readArticleState(trx: Db, id: number): Promise<ArticleState | null> {
  const a = await trx
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.id', 'a.edition', 'a.section_id', 's.implicit', 'a.status', 'a.published_at', 'a.translation_group'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) return null;
  const [tags, authors, people] = await Promise.all([
    trx.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).execute(),
    trx.selectFrom('article_authors').select('author_id').where('article_id', '=', id).execute(),
    trx.selectFrom('article_people').select(['person_id', 'role']).where('article_id', '=', id).execute(),
  ]);
  return {
    id: a.id,
    edition: a.edition,
    sectionId: a.section_id,
    sectionImplicit: a.implicit === 1,
    status: a.status,
    publishedAt: a.published_at,
    group: a.translation_group,
    tags: tags.map((t) => t.tag_id),
    authors: authors.map((t) => t.author_id),
    people: new Map(people.map((p) => [p.person_id, p.role])),
  };
}

const visible = (s: ArticleState | null, now: string): s is ArticleState => !!s && s.status === 'published' && !!s.publishedAt && s.publishedAt <= now;

/** The lists an article is in while readers see it: its section, tags, authors, people, and its edition's newest. */
function lists(s: ArticleState): string[] {
  return [key.section(s.sectionId), key.home(s.edition), ...s.tags.map(key.tag), ...s.authors.map(key.author), ...[...s.people.keys()].map(key.person)];
}

/** The article itself: its page, and every list and page that names it (its translations' pages name its group). */
function own(s: ArticleState): string[] {
  return [key.article(s.id), key.group(s.group ?? s.id)];
}

/**
 * The keys an article change affects, from its state before and after the
 * write (null: it did not exist, or no longer does). Its own keys always; for
 * a change readers see, the lists whose membership or order changed (a move
 * between sections or a removed tag purges both sides), the sitemaps, the
 * edition's capped lists, and the whole site when an implicit section appears
 * in or leaves the navigation. An embargoed article gets a purge at its time.
 */
export async function articleChangeKeys(trx: Db, before: ArticleState | null, after: ArticleState | null, now: string): Promise<{ keys: string[]; later: LaterPurge[] }> {
  const keys = new Set<string>();
  for (const s of [before, after]) if (s) own(s).forEach((k) => keys.add(k));
  const vb = visible(before, now);
  const va = visible(after, now);
  if (vb || va) {
    keys.add(SITEMAPS_KEY);
    for (const s of [before, after]) if (s) keys.add(key.anyArticle(s.edition));
  }
  const lb = new Set(vb ? lists(before) : []);
  const la = new Set(va ? lists(after) : []);
  const reordered = vb && va && before.publishedAt !== after.publishedAt;
  const changed = [...lb, ...la].filter((k) => reordered || lb.has(k) !== la.has(k));
  // A new role in a quote changes what the person's page says of them.
  if (vb && va) for (const [p, role] of after.people) if (before.people.has(p) && before.people.get(p) !== role) changed.push(key.person(p));
  if (changed.length) {
    changed.forEach((k) => keys.add(k));
    keys.add(API_LIST_KEY);
  }
  if (await navigationChanges(trx, before, vb, after, va, now)) keys.add(SITE_KEY);
  const later: LaterPurge[] = [];
  if (after && after.status === 'published' && after.publishedAt && after.publishedAt > now) {
    later.push({ at: after.publishedAt, keys: [...own(after), ...lists(after), SITEMAPS_KEY, API_LIST_KEY, key.anyArticle(after.edition), ...(after.sectionImplicit ? [SITE_KEY] : [])] });
  }
  return { keys: [...keys], later };
}

/** Whether an implicit section gains its first visible article or loses its last one: every page's navigation changes. */
async function navigationChanges(trx: Db, before: ArticleState | null, vb: boolean, after: ArticleState | null, va: boolean, now: string): Promise<boolean> {
  const sections = new Map<number, boolean>();
  if (before?.sectionImplicit) sections.set(before.sectionId, true);
  if (after?.sectionImplicit) sections.set(after.sectionId, true);
  for (const sectionId of sections.keys()) {
    const inBefore = vb && before!.sectionId === sectionId;
    const inAfter = va && after!.sectionId === sectionId;
    if (inBefore === inAfter) continue;
    const id = (before ?? after)!.id;
    const other = await trx
      .selectFrom('articles')
      .select('id')
      .where('section_id', '=', sectionId)
      .where('status', '=', 'published')
      .where('published_at', '<=', now)
      .where('id', '<>', id)
      .limit(1)
      .executeTakeFirst();
    if (!other) return true;
  }
  return false;
}

/**
 * Follows one article through a write: reads its state now (before the write),
 * and `bump()` reads it again and bumps the content version with the keys the
 * change affects. For a new article, pass null and give its id to bump.
 */
export async function trackArticle(trx: Db, id: number | null, now: string): Promise<{ bump(newId?: number): Promise<void> }> {
  const before = id === null ? null : await readArticleState(trx, id);
  return {
    async bump(newId?: number) {
      const after = await readArticleState(trx, (newId ?? id)!);
      const change = await articleChangeKeys(trx, before, after, now);
      await bumpContentVersion(trx, change.keys, change.later);
    },
  };
}

/** A picture's key, and those of the articles whose lead or social card it is (feeds and the Content API show its address). */
export async function mediaKeys(trx: Db, imageId: number): Promise<string[]> {
  const users = await trx
    .selectFrom('articles')
    .select('id')
    .where((eb) => eb.or([eb('lead_image_id', '=', imageId), eb('social_image_id', '=', imageId)]))
    .execute();
  return [key.media(imageId), ...users.map((u) => key.article(u.id))];
}
