import { sql } from 'kysely';
import type { Db } from '../store/db.ts';

/**
 * What sitemaps list: published articles visible at `now`, by edition and by
 * month of publication (UTC). Times are ISO 8601 strings, so a month is a
 * prefix and its bounds compare as text in both databases.
 */
export interface MonthCount {
  edition: string;
  /** `yyyy-mm` */
  month: string;
  count: number;
  /** The newest publication or update among them. */
  lastmod: string;
}

export interface SitemapArticle {
  slug: string;
  section: string;
  lastmod: string;
  /** Shared with its translations; null when it has none. */
  translation_group: number | null;
}

/** A published article of a translation group, for hreflang links. */
export interface TranslationLink {
  translation_group: number;
  edition: string;
  slug: string;
  section: string;
}

export interface NewsArticle {
  slug: string;
  section: string;
  headline: string;
  published_at: string;
}

const lastmod = sql<string>`max(case when a.updated_at > a.published_at then a.updated_at else a.published_at end)`;
const monthOf = sql<string>`substr(a.published_at, 1, 7)`;

function visible(db: Db, now: string) {
  return db.selectFrom('articles as a').where('a.status', '=', 'published').where('a.published_at', '<=', now);
}

/** What article sitemaps list: visible articles that are their own canonical page (syndicated copy naming its original is left to the original's site). */
function listed(db: Db, now: string) {
  return visible(db, now).where('a.canonical_url', 'is', null);
}

/**
 * Every month with articles, per edition, oldest first. Past months come from
 * archive_months (a row per section and month, kept on write); the current
 * month, which may hold articles still under embargo, is counted live (one month
 * of the index at most).
 */
export async function monthCounts(db: Db, now: string): Promise<MonthCount[]> {
  const current = now.slice(0, 7);
  const [past, live] = await Promise.all([
    db
      .selectFrom('archive_months')
      .select(['edition', 'month', (eb) => eb.fn.sum<number>('listed').as('n'), (eb) => eb.fn.max('lastmod').as('lastmod')])
      .where('month', '<', current)
      .groupBy(['edition', 'month'])
      .having((eb) => eb.fn.sum('listed'), '>', 0)
      .execute(),
    listed(db, now)
      .select(['a.edition', (eb) => eb.fn.countAll().as('n'), lastmod.as('lastmod')])
      .where('a.published_at', '>=', current)
      .groupBy('a.edition')
      .execute(),
  ]);
  const rows = [
    ...past.map((r) => ({ edition: r.edition, month: r.month, count: Number(r.n), lastmod: r.lastmod as string })),
    ...live.filter((r) => Number(r.n) > 0).map((r) => ({ edition: r.edition, month: current, count: Number(r.n), lastmod: r.lastmod })),
  ];
  return rows.sort((x, y) => (x.edition === y.edition ? (x.month < y.month ? -1 : 1) : x.edition < y.edition ? -1 : 1));
}

/** The month after `yyyy-mm`. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** One part of a month's articles, oldest first, so that a part, once full, keeps its articles. */
export async function monthArticles(db: Db, edition: string, month: string, now: string, limit: number, offset: number): Promise<SitemapArticle[]> {
  return listed(db, now)
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.slug', 's.slug as section', 'a.translation_group', sql<string>`case when a.updated_at > a.published_at then a.updated_at else a.published_at end`.as('lastmod')])
    .where('a.edition', '=', edition)
    .where('a.published_at', '>=', month)
    .where('a.published_at', '<', nextMonth(month))
    .orderBy('a.published_at')
    .orderBy('a.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The published members of translation groups, read in chunks so that a full sitemap part never makes one huge IN list. */
export async function translationLinks(db: Db, groups: number[], now: string): Promise<TranslationLink[]> {
  const out: TranslationLink[] = [];
  for (let i = 0; i < groups.length; i += 500) {
    const rows = await listed(db, now)
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .select(['a.translation_group', 'a.edition', 'a.slug', 's.slug as section'])
      .where('a.translation_group', 'in', groups.slice(i, i + 500))
      .orderBy('a.edition')
      .$narrowType<{ translation_group: number }>()
      .execute();
    out.push(...rows);
  }
  return out;
}

/** The newest publication or update per section of an edition: past months from archive_months, the current one live. */
export async function sectionLastmods(db: Db, edition: string, now: string): Promise<Map<number, string>> {
  const current = now.slice(0, 7);
  const [past, live] = await Promise.all([
    db
      .selectFrom('archive_months')
      .select(['section_id', (eb) => eb.fn.max('lastmod').as('lastmod')])
      .where('edition', '=', edition)
      .where('month', '<', current)
      .where('articles', '>', 0)
      .groupBy('section_id')
      .execute(),
    visible(db, now).select(['a.section_id', lastmod.as('lastmod')]).where('a.edition', '=', edition).where('a.published_at', '>=', current).groupBy('a.section_id').execute(),
  ]);
  const out = new Map<number, string>();
  for (const r of [...past, ...live]) {
    const at = r.lastmod as string | null;
    if (at && (!out.has(r.section_id) || at > out.get(r.section_id)!)) out.set(r.section_id, at);
  }
  return out;
}

/** Articles published after `since`, newest first: the news sitemap's (Google reads at most 1,000). */
export async function recentArticles(db: Db, edition: string, since: string, now: string, limit = 1000): Promise<NewsArticle[]> {
  return listed(db, now)
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.slug', 's.slug as section', 'a.headline', 'a.published_at'])
    .where('a.edition', '=', edition)
    .where('a.published_at', '>', since)
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .$narrowType<{ published_at: string }>()
    .execute();
}
