import { loadAlertBoard, type AlertBoard } from '../alerts/alerts.repository.ts';
import type { Db } from '../store/db.ts';
import type { EditionRow, SectionRow } from '../store/schema.ts';
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
   * its section, tags, author and people pages appear with it.
   */
  nextReveal: string | null;
  /** Breaking-news alerts shown now, per edition (the banner on every page); an alert's start or expiry counts in nextReveal. */
  alerts: AlertBoard;
  /** The edition's live channel, when it has settings (an admin's change bumps the content version). */
  channel(edition: string): CatalogChannel | undefined;
}

export async function loadCatalog(db: Db, now: Date): Promise<Catalog> {
  const at = now.toISOString();
  const [editions, all, pins, firstPublished, channelRows] = await Promise.all([
    db.selectFrom('editions').selectAll().orderBy('position').orderBy('code').execute(),
    db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute(),
    db.selectFrom('home_slots').select('edition').distinct().execute(),
    sectionsFirstPublished(db),
    db.selectFrom('channels').select(['edition', 'name', 'streams', 'enabled']).execute(),
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
  return {
    editions,
    edition: (code) => byCode.get(code),
    defaultEdition: editions.find((e) => e.is_default === 1) ?? editions[0],
    sections: (edition) => byEdition.get(edition) ?? [],
    section: (edition, slug) => bySlug.get(`${edition}/${slug}`),
    sectionById: (id) => byId.get(id),
    hasPins: (edition) => pinned.has(edition),
    nextReveal: earliest(next, alerts.nextChange),
    alerts,
    channel: (edition) => channels.get(edition),
  };
}

function earliest(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a < b ? a : b;
}
