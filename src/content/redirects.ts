import type { Db } from '../store/db.ts';
import { paths } from './paths.ts';

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
  return (path + u.search).slice(0, 2000);
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
