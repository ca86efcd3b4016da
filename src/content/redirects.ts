import { sql } from 'kysely';
import { lowerContains } from '../store/like.ts';
import { Conflict, NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { ApiRedirect, ArticleStatus } from '../newsroom/api-shapes.ts';
import type { Actor } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { isId, plainWhole, MAX_ID } from '../store/ids.ts';
import { FEED_FILES } from '../feeds/feed-paths.ts';
import { decodeSegment, paths } from './paths.ts';

/**
 * Former addresses of articles on the site this one replaced (a WordPress
 * permalink such as `/2024/05/12/slug/`, `/?p=12`, a Ghost `/slug/`): each
 * answers with a 301 to where the article lives now. Only the path and query
 * are kept, so the redirect works whatever the domain was.
 */

const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$/;

/** The key a former address is stored and looked up under: path without its trailing slash, and the query as given. */
export function redirectKey(address: string): string | null {
  let u: URL;
  try {
    u = new URL(address, 'http://localhost');
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // Tracking parameters added by newsletters and social networks are not part of the address.
  for (const k of [...u.searchParams.keys()]) if (TRACKING.test(k)) u.searchParams.delete(k);
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : u.pathname;
  const key = (path + u.search).slice(0, 2000);
  // An address carrying U+0000 is never looked up (the site answers it 404 first): nothing to store.
  return /%00/i.test(key) ? null : key;
}

/** Records former addresses of articles; an address already recorded now leads to the new article. */
export async function addRedirects(trx: Db, rows: Array<{ address: string; articleId: number }>, now: Date): Promise<number> {
  let added = 0;
  for (const r of rows) {
    const key = redirectKey(r.address);
    // The site's own article paths are never shadowed by a former address.
    if (!key || key === '/') continue;
    await trx
      .insertInto('redirects')
      .values({ path: key, article_id: r.articleId, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('path').doUpdateSet({ article_id: r.articleId }))
      .execute();
    added++;
  }
  return added;
}

/**
 * Where a requested URL that matched no page has gone: the current path of a
 * published article, or null. Tries the path with its query, then without.
 */
export async function findRedirect(db: Db, url: string, now: string): Promise<string | null> {
  const key = redirectKey(url);
  if (!key) return null;
  const q = key.indexOf('?');
  const keys = q < 0 ? [key] : [key, key.slice(0, q)];
  const rows = await db
    .selectFrom('redirects as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['r.path', 'a.edition', 'a.slug', 's.slug as section'])
    .where('r.path', 'in', keys)
    .where('a.status', '=', 'published')
    .where('a.published_at', '<=', now)
    .execute();
  const hit = rows.find((r) => r.path === key) ?? rows[0];
  return hit ? paths.article(hit.edition, hit.section, hit.slug) : null;
}

// ------------------------------------------------------------ newsroom management

export interface RedirectDeps {
  db: Db;
  now: () => Date;
}


const PER_PAGE = 50;
/** First path segments the site routes itself (admin app, APIs, media, assets, sitemaps, oEmbed): a request there never reaches the redirects. */
const OWN_PREFIXES = ['admin', 'api', 'media', 'assets', 'healthz', 'sitemap.xml', 'sitemaps', 'robots.txt', 'oembed'];

function redirectQuery(db: Db) {
  return db
    .selectFrom('redirects as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['r.path', 'r.article_id', 'r.created_at', 'a.edition', 'a.headline', 'a.status', 'a.published_at', 'a.slug', 's.slug as section']);
}

type RedirectRow = Awaited<ReturnType<ReturnType<typeof redirectQuery>['execute']>>[number];

function present(r: RedirectRow, now: string): ApiRedirect {
  return {
    path: r.path,
    articleId: r.article_id,
    edition: r.edition,
    headline: r.headline,
    status: r.status as ArticleStatus,
    articlePath: paths.article(r.edition, r.section, r.slug),
    live: r.status === 'published' && r.published_at !== null && r.published_at <= now,
    createdAt: r.created_at,
  };
}

/** Stored redirects, newest first; `q` matches part of the former address (a full URL is reduced to its key first). */
export async function listRedirects(deps: RedirectDeps, input: { q?: string; page?: number }) {
  const page = Number.isInteger(input.page) && input.page! > 0 ? input.page! : 1;
  const raw = (input.q ?? '').trim();
  const needle = /^https?:\/\//i.test(raw) ? (redirectKey(raw) ?? raw) : raw;
  // `%`, `_` and `\` in an address are searched for as themselves.
  const filter = lowerContains(sql.ref('r.path'), needle);
  const base = needle ? redirectQuery(deps.db).where(filter) : redirectQuery(deps.db);
  const [rows, count] = await Promise.all([
    base
      .orderBy('r.created_at', 'desc')
      .orderBy('r.path')
      .limit(PER_PAGE + 1)
      .offset((page - 1) * PER_PAGE)
      .execute(),
    (needle ? deps.db.selectFrom('redirects as r').where(filter) : deps.db.selectFrom('redirects as r')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const now = deps.now().toISOString();
  return { page, perPage: PER_PAGE, total: Number(count.n), hasMore: rows.length > PER_PAGE, redirects: rows.slice(0, PER_PAGE).map((r) => present(r, now)) };
}


/**
 * Why a former address may not be stored, or null. The reader answers its own
 * pages first and looks at redirects only when nothing matched, so a redirect
 * on a live address would never be used, and would silently take the page
 * over (pages past the last of a section, an article while unpublished).
 */
async function refusal(db: Db, key: string): Promise<string | null> {
  const q = key.indexOf('?');
  const path = q < 0 ? key : key.slice(0, q);
  if (path === '/') {
    const params = new URLSearchParams(q < 0 ? '' : key.slice(q + 1));
    // Only WordPress's plain permalinks on the home page lead elsewhere; the reader serves the home page for anything else.
    if (params.has('p') || params.has('page_id')) return null;
    return 'the home page cannot be redirected: the site answers it itself (only /?p=… and /?page_id=… addresses of the former site can lead to an article)';
  }
  // A malformed escape is no page of this site: kept as it is.
  const segs = path.split('/').slice(1).map((s) => decodeSegment(s) ?? s);
  if (OWN_PREFIXES.includes(segs[0])) return `${path} belongs to the site itself (/${segs[0]}): a redirect there would never be used`;
  const edition = await db.selectFrom('editions').select('code').where('code', '=', segs[0]).executeTakeFirst();
  if (!edition) return null;
  if (Object.values(FEED_FILES).includes(segs.at(-1)!)) return `${path} is one of the ${edition.code} edition's feeds: a redirect there would never be used`;
  const live = 'the site answers it itself, so a redirect there would never be used, and would take the page over if it went away';
  if (segs.length === 1) return `${path} is the front page of the ${edition.code} edition: ${live}`;
  const words = paths.words(edition.code);
  if (segs[1] === words.topic || segs[1] === words.person || segs[1] === words.author) {
    return `${path} is among the ${edition.code} edition's topic, person and author pages (/${edition.code}/${segs[1]}/…): ${live}`;
  }
  const section = await db.selectFrom('sections').select(['id', 'name']).where('edition', '=', edition.code).where('slug', '=', segs[1]).executeTakeFirst();
  if (!section) return null;
  if (segs.length === 2) return `${path} is the page of the section ${section.name}: ${live}`;
  if (segs.length !== 3) return null;
  const article = await db.selectFrom('articles').select(['id', 'headline']).where('section_id', '=', section.id).where('edition', '=', edition.code).where('slug', '=', segs[2]).executeTakeFirst();
  if (!article) return null;
  return `${path} is the current address of the article «${article.headline}» (#${article.id}): ${live}`;
}

function parseCreate(value: unknown): { from: string | null; articleId: number | null; replace: boolean; issues: FieldIssue[] } {
  const v = (value ?? {}) as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  let from: string | null = null;
  if (typeof v.from !== 'string' || !v.from.trim()) issues.push({ field: 'from', message: 'required: the former address, a path such as /2024/05/12/slug or a full URL of the former site' });
  else {
    from = redirectKey(v.from.trim());
    if (!from && /%00/i.test(v.from)) issues.push({ field: 'from', message: 'contains %00 (U+0000): the site answers such addresses 404 before any redirect' });
    else if (!from) issues.push({ field: 'from', message: 'not a web address: give a path such as /2024/05/12/slug or an http(s) URL' });
  }
  const articleId = typeof v.articleId === 'string' ? plainWhole(v.articleId, 1, MAX_ID) : isId(v.articleId) ? v.articleId : null;
  if (articleId === null)
    issues.push({ field: 'articleId', message: v.articleId === undefined ? 'required: the id of the article the address leads to' : `expected an article id, a whole number from 1 to ${MAX_ID}` });
  if (v.replace !== undefined && typeof v.replace !== 'boolean') issues.push({ field: 'replace', message: 'expected true or false' });
  return { from, articleId, replace: v.replace === true, issues };
}

/**
 * Stores a former address leading to an article. An address already stored is
 * a Conflict unless `replace` is true. Pages cached as 404 for that address are
 * dropped through the content version.
 */
export async function createRedirect(deps: RedirectDeps, value: unknown, actor: Actor): Promise<{ redirect: ApiRedirect; replaced: boolean }> {
  const input = parseCreate(value);
  const issues = [...input.issues];
  if (input.from) {
    const why = await refusal(deps.db, input.from);
    if (why) issues.push({ field: 'from', message: why });
  }
  if (input.articleId !== null && !(await deps.db.selectFrom('articles').select('id').where('id', '=', input.articleId).executeTakeFirst())) {
    issues.push({ field: 'articleId', message: `no article ${input.articleId}` });
  }
  if (issues.length) throw new ValidationFailed(issues);
  const key = input.from!;
  const articleId = input.articleId!;
  const at = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await redirectQuery(trx).where('r.path', '=', key).executeTakeFirst();
    if (before && !input.replace) {
      const message = `${key} already leads to the article «${before.headline}» (#${before.article_id}); send replace: true to point it at article ${articleId}`;
      throw new Conflict(message, [{ field: 'from', message }]);
    }
    if (before) await trx.updateTable('redirects').set({ article_id: articleId, created_at: at.toISOString() }).where('path', '=', key).execute();
    else {
      // Another request may have stored the address since the look-up: that is the same clash, not a crash.
      const r = await trx.insertInto('redirects').values({ path: key, article_id: articleId, created_at: at.toISOString() }).onConflict((oc) => oc.column('path').doNothing()).executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Conflict(`${key} was stored meanwhile; send replace: true to point it at article ${articleId}`, [{ field: 'from', message: `${key} already leads to another article` }]);
    }
    await audit(trx, at, actor, before ? 'redirect.replace' : 'redirect.create', `article:${articleId}`, {
      path: key,
      ...(before ? { previousArticleId: before.article_id } : {}),
    });
    // Only 404s and redirects change (purged by every change).
    await bumpContentVersion(trx, []);
    const row = await redirectQuery(trx).where('r.path', '=', key).executeTakeFirstOrThrow();
    return { redirect: present(row, at.toISOString()), replaced: !!before };
  });
}

/** Removes a stored former address (given as stored, or as a full URL); it answers 404 again. */
export async function deleteRedirect(deps: RedirectDeps, address: string, actor: Actor): Promise<void> {
  const key = redirectKey(address.trim());
  if (!address.trim() || !key) throw new ValidationFailed([{ field: 'path', message: 'required: the former address to remove, as listed' }]);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('redirects').select(['path', 'article_id']).where('path', '=', key).executeTakeFirst();
    if (!row) throw new NotFound(`no redirect from ${key}`);
    await trx.deleteFrom('redirects').where('path', '=', key).execute();
    await audit(trx, deps.now(), actor, 'redirect.delete', `article:${row.article_id}`, { path: key });
    // Only 404s and redirects change (purged by every change).
    await bumpContentVersion(trx, []);
  });
}
