import { loadAlertBoard, type AlertBoard } from '../alerts/alerts.repository.ts';
import type { Db } from '../store/db.ts';
import type { EditionRow, SectionRow } from '../store/schema.ts';
import { nextLocalMidnight } from './midnight.ts';
import { paths } from './paths.ts';
import { nextEmbargoEnd, sectionsFirstPublished } from './visibility.ts';
import { isOnAir, parseStreams } from '../tv/channel.service.ts';

/** An edition's live channel as pages need it (src/tv/). */
export interface CatalogChannel {
  name: string;
  /** HLS playlists, the first preferred. */
  streams: string[];
  /** Enabled with a stream: the header shows "DIRECT". */
  onAir: boolean;
}

/** A link of an edition's header or footer menu, resolved to an address. */
export interface MenuLink {
  label: string;
  href: string;
  kind: 'section' | 'page' | 'topic' | 'url';
  /** The section's, page's or topic's id; null for an address. */
  targetId: number | null;
}

/** A published static page, as menus and the footer link to it. */
export interface PageLink {
  id: number;
  slug: string;
  title: string;
  kind: string | null;
  inFooter: boolean;
}

/** A topic featured on the edition's home page. */
export interface FeaturedTopic {
  id: number;
  slug: string;
  name: string;
  description: string | null;
}

/**
 * Editions and sections: small, read on every page, changed rarely. The site keeps
 * one in memory and reloads it whenever the content version moves, and when a
 * section's first article comes out of embargo (`nextReveal`).
 */
export interface Catalog {
  editions: EditionRow[];
  edition(code: string): EditionRow | undefined;
  defaultEdition: EditionRow | undefined;
  /** The sections readers see (see content/visibility.ts). */
  sections(edition: string): SectionRow[];
  /** A section readers see, by slug; undefined for one only a draft, a scheduled or an embargoed article is in. */
  section(edition: string, slug: string): SectionRow | undefined;
  /** Any section, public or not: what an article row points to. */
  sectionById(id: number): SectionRow | undefined;
  /** Whether editors pinned stories on the edition's home page (so the home asks which are visible). */
  hasPins(edition: string): boolean;
  /**
   * When the next embargoed article (published, its time still ahead) becomes visible. No write
   * marks that moment, so the site loads the catalog again then (and empties its page cache):
   * its section, tags, author and people pages appear with it. An edition's next local
   * midnight counts too (src/content/midnight.ts): cards' relative times turn "14:05" into "hier".
   */
  nextReveal: string | null;
  /** Breaking-news alerts shown now, per edition (the banner on every page); an alert's start or expiry counts in nextReveal. */
  alerts: AlertBoard;
  /** The edition's live channel, when it has settings (an admin's change bumps the content version). */
  channel(edition: string): CatalogChannel | undefined;
  /**
   * The header's or the footer's menu. A header without links of its own lists the
   * top-level sections shown in navigation; links whose target readers cannot see are left out.
   */
  menu(edition: string, which: 'header' | 'footer'): MenuLink[];
  /** The edition's published static pages, in their order. */
  pages(edition: string): PageLink[];
  /** The public sections under a section (one level). */
  children(sectionId: number): SectionRow[];
  /** Topics featured on the edition's home page. */
  featuredTopics(edition: string): FeaturedTopic[];
}

export async function loadCatalog(db: Db, now: Date): Promise<Catalog> {
  const at = now.toISOString();
  const [editions, all, pins, firstPublished, channelRows, menuRows, pageRows, featured] = await Promise.all([
    db.selectFrom('editions').selectAll().orderBy('position').orderBy('code').execute(),
    db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute(),
    db.selectFrom('home_slots').select('edition').distinct().execute(),
    sectionsFirstPublished(db),
    db.selectFrom('channels').select(['edition', 'name', 'streams', 'enabled']).execute(),
    db.selectFrom('menu_items').selectAll().orderBy('edition').orderBy('menu').orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('pages')
      .select(['id', 'edition', 'slug', 'title', 'kind', 'in_footer'])
      .where('status', '=', 'published')
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('tags')
      .select(['id', 'edition', 'slug', 'name', 'description'])
      .where('featured', '=', 1)
      .where('merged_into', 'is', null)
      .orderBy('name')
      .execute(),
  ]);
  const alerts = await loadAlertBoard(db, now);
  const next = await nextEmbargoEnd(db, editions.map((e) => e.code), at);
  // A section made by naming it in an article is public once a visible article is in it.
  const sections = all.filter((s) => s.implicit === 0 || (firstPublished.get(s.id) ?? '\uffff') <= at);
  const pinned = new Set(pins.map((p) => p.edition));
  const byCode = new Map(editions.map((e) => [e.code, e]));
  const byId = new Map(all.map((s) => [s.id, s]));
  const bySlug = new Map(sections.map((s) => [`${s.edition}/${s.slug}`, s]));
  const channels = new Map(channelRows.map((c) => [c.edition, { name: c.name, streams: parseStreams(c.streams), onAir: isOnAir(c) }]));
  const byEdition = new Map<string, SectionRow[]>();
  for (const s of sections) byEdition.set(s.edition, [...(byEdition.get(s.edition) ?? []), s]);
  const pagesBy = new Map<string, PageLink[]>();
  const pageById = new Map<number, PageLink & { edition: string }>();
  for (const p of pageRows) {
    const link = { id: p.id, slug: p.slug, title: p.title, kind: p.kind, inFooter: p.in_footer === 1 };
    pagesBy.set(p.edition, [...(pagesBy.get(p.edition) ?? []), link]);
    pageById.set(p.id, { ...link, edition: p.edition });
  }
  const publicIds = new Set(sections.map((s) => s.id));
  const childrenOf = new Map<number, SectionRow[]>();
  for (const s of sections) if (s.parent_id !== null) childrenOf.set(s.parent_id, [...(childrenOf.get(s.parent_id) ?? []), s]);
  const featuredBy = new Map<string, FeaturedTopic[]>();
  for (const t of featured) featuredBy.set(t.edition, [...(featuredBy.get(t.edition) ?? []), { id: t.id, slug: t.slug, name: t.name, description: t.description }]);
  const topicIds = new Set(menuRows.filter((m) => m.kind === 'topic' && m.target_id !== null).map((m) => m.target_id!));
  const topics = topicIds.size
    ? new Map(
        (await db.selectFrom('tags').select(['id', 'edition', 'slug', 'name']).where('id', 'in', [...topicIds]).execute()).map((t) => [t.id, t]),
      )
    : new Map<number, { id: number; edition: string; slug: string; name: string }>();
  const menus = new Map<string, MenuLink[]>();
  for (const m of menuRows) {
    let link: MenuLink | null = null;
    if (m.kind === 'section' && m.target_id !== null && publicIds.has(m.target_id)) {
      const s = byId.get(m.target_id)!;
      link = { kind: 'section', targetId: s.id, label: m.label || s.name, href: paths.section(s.edition, s.slug) };
    } else if (m.kind === 'page' && m.target_id !== null && pageById.has(m.target_id)) {
      const p = pageById.get(m.target_id)!;
      link = { kind: 'page', targetId: p.id, label: m.label || p.title, href: paths.page(p.edition, p.slug) };
    } else if (m.kind === 'topic' && m.target_id !== null && topics.has(m.target_id)) {
      const t = topics.get(m.target_id)!;
      link = { kind: 'topic', targetId: t.id, label: m.label || t.name, href: paths.tag(t.edition, t.slug) };
    } else if (m.kind === 'url' && m.url) {
      link = { kind: 'url', targetId: null, label: m.label || m.url, href: m.url };
    }
    if (!link) continue;
    const key = `${m.edition}\0${m.menu}`;
    menus.set(key, [...(menus.get(key) ?? []), link]);
  }
  const defaultHeader = (edition: string): MenuLink[] =>
    (byEdition.get(edition) ?? [])
      .filter((s) => s.in_nav === 1 && s.parent_id === null)
      .map((s) => ({ kind: 'section', targetId: s.id, label: s.name, href: paths.section(s.edition, s.slug) }));
  return {
    editions,
    edition: (code) => byCode.get(code),
    defaultEdition: editions.find((e) => e.is_default === 1) ?? editions[0],
    sections: (edition) => byEdition.get(edition) ?? [],
    section: (edition, slug) => bySlug.get(`${edition}/${slug}`),
    sectionById: (id) => byId.get(id),
    hasPins: (edition) => pinned.has(edition),
    // Each edition's next local midnight: relative times ("14:05", "hier") change meaning then.
    nextReveal: editions.map((e) => nextLocalMidnight(e.time_zone, now).toISOString()).reduce<string | null>((a, b) => earliest(a, b), earliest(next, alerts.nextChange)),
    alerts,
    channel: (edition) => channels.get(edition),
    menu: (edition, which) => menus.get(`${edition}\0${which}`) ?? (which === 'header' ? defaultHeader(edition) : []),
    pages: (edition) => pagesBy.get(edition) ?? [],
    children: (id) => childrenOf.get(id) ?? [],
    featuredTopics: (edition) => featuredBy.get(edition) ?? [],
  };
}

function earliest(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a < b ? a : b;
}
