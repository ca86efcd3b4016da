import type { Db } from '../store/db.ts';
import type { EditionRow, SectionRow } from '../store/schema.ts';

/**
 * Editions and sections: small, read on every page, changed rarely. The site keeps
 * one in memory and reloads it whenever the content version moves.
 */
export interface Catalog {
  editions: EditionRow[];
  edition(code: string): EditionRow | undefined;
  defaultEdition: EditionRow | undefined;
  sections(edition: string): SectionRow[];
  section(edition: string, slug: string): SectionRow | undefined;
  sectionById(id: number): SectionRow | undefined;
  /** Whether editors pinned stories on the edition's home page (so the home asks which are visible). */
  hasPins(edition: string): boolean;
}

export async function loadCatalog(db: Db): Promise<Catalog> {
  const [editions, sections, pins] = await Promise.all([
    db.selectFrom('editions').selectAll().orderBy('position').orderBy('code').execute(),
    db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute(),
    db.selectFrom('home_slots').select('edition').distinct().execute(),
  ]);
  const pinned = new Set(pins.map((p) => p.edition));
  const byCode = new Map(editions.map((e) => [e.code, e]));
  const byId = new Map(sections.map((s) => [s.id, s]));
  const bySlug = new Map(sections.map((s) => [`${s.edition}/${s.slug}`, s]));
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
  };
}
