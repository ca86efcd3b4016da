import { sql } from 'kysely';
import { slugify } from '../src/content/slug.ts';
import { ensureEdition } from '../src/content/edition.service.ts';
import type { StoredBlock, StoredLead } from '../src/content/blocks.ts';
import { renderDemoImage, type DemoImageSpec } from '../src/demo/generate-images.ts';
import { IMAGE_DEFAULTS } from '../src/config.ts';
import { imageCodec } from '../src/media/images.ts';
import { uploadImage } from '../src/media/media.service.ts';
import type { MediaStorage } from '../src/media/storage.ts';
import { SYSTEM } from '../src/newsroom/roles.ts';
import { rowsPerStatement, slices } from '../src/store/batches.ts';
import { bumpContentVersion } from '../src/store/content-version.ts';
import { migrate, type Store } from '../src/store/db.ts';
import { EN, FIRST_NAMES, FR, LAST_NAMES, type Words } from './archive-words.ts';

/**
 * Fills an empty store with a generated archive: two editions (fr, en), ten
 * sections each, tags, people and authors in proportion to the article count,
 * bodies of typed blocks, fifteen years of dates, some translations. Rows are
 * written in multi-row statements (src/store/batches.ts), a transaction per
 * chunk of articles. Every column the app derives on write is set here as the
 * app's own writes would set it: see `derived` below and docs/benchmarks.md.
 */

export interface ArchiveOptions {
  articles: number;
  /** The moment the archive ends (the newest articles are just before it). */
  now?: Date;
  seed?: number;
  /**
   * Days the archive covers, up to `now` (default fifteen years). A small archive given the
   * span a large one would fill in as many articles publishes at the large one's rate
   * (1,000,000 over fifteen years is about 183 a day: 1,000 articles over 5.5 days), so the two
   * differ by the archive's length, not by how much is published each month.
   */
  spanDays?: number;
  /** Where the few shared pictures are stored. */
  media: MediaStorage;
  /** Called after each chunk with the articles written so far. */
  progress?: (done: number, total: number) => void;
}

export interface ArchiveSummary {
  articles: number;
  tags: number;
  people: number;
  authors: number;
  images: number;
  /** Sections by edition, in order: [slug, name]. */
  sections: Record<string, Array<[string, string]>>;
}

const CHUNK = 5000;
const YEARS = 15;

/** A small deterministic random source (mulberry32), so two runs make the same archive. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function generateArchive(store: Store, opts: ArchiveOptions): Promise<ArchiveSummary> {
  const { db, dialect } = store;
  const total = Math.max(1, Math.floor(opts.articles));
  const now = opts.now ?? new Date();
  const rnd = random(opts.seed ?? 20261207);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  // Popular names are used far more than the rest, as in a real archive: a few huge tags, a long tail.
  const skewed = (n: number) => Math.min(n - 1, Math.floor(n * Math.pow(rnd(), 2.2)));

  await migrate(store);
  if (await db.selectFrom('articles').select('id').limit(1).executeTakeFirst()) {
    throw new Error('the store already holds articles: generate into an empty database');
  }
  if (dialect === 'sqlite') {
    // Bulk load: no fsync per transaction, a large page cache. The journal stays WAL.
    for (const p of ['synchronous = OFF', 'cache_size = -262144', 'temp_store = MEMORY']) await sql.raw(`pragma ${p}`).execute(db);
  }

  // Editions and sections, as an editor sets them up (not implicit).
  await ensureEdition(db, { code: 'fr', name: 'Dépêche', timeZone: 'Europe/Paris', isDefault: true });
  await ensureEdition(db, { code: 'en', name: 'Dépêche English', timeZone: 'Europe/London', isDefault: false });
  const words: Record<string, Words> = { fr: FR, en: EN };
  const sectionIds: Record<string, number[]> = { fr: [], en: [] };
  for (const edition of ['fr', 'en']) {
    for (const [i, [slug, name]] of words[edition].sections.entries()) {
      const row = await db
        .insertInto('sections')
        .values({ edition, slug, name, position: i + 1, in_nav: i < 7 ? 1 : 0, implicit: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      sectionIds[edition].push(row.id);
    }
  }

  // A few shared pictures, stored through the media library like any upload.
  const deps = { db, media: opts.media, now: () => now, images: imageCodec({ ...IMAGE_DEFAULTS, maxImageBytes: 25 * 1024 * 1024 }) };
  const specs: DemoImageSpec[] = [
    { file: 'a.jpg', width: 1600, height: 900, palette: ['#0b1f3a', '#1e5aa8', '#f2c14e'], motif: 'studio', seed: 9101 },
    { file: 'b.jpg', width: 1600, height: 900, palette: ['#1d3557', '#a8dadc', '#f1faee'], motif: 'skyline', seed: 9102 },
    { file: 'c.jpg', width: 1600, height: 900, palette: ['#7f4f24', '#c97c3a', '#5a7d3a'], motif: 'fields', seed: 9103 },
    { file: 'd.jpg', width: 1200, height: 800, palette: ['#0f3d1e', '#2d9b4e', '#f5f5f5'], motif: 'stadium', seed: 9104 },
    { file: 'e.jpg', width: 1600, height: 900, palette: ['#f4a259', '#1b4965', '#e63946'], motif: 'waves', seed: 9105 },
    { file: 'f.jpg', width: 1600, height: 1000, palette: ['#2b2b2b', '#8c8c8c', '#e0ddd5'], motif: 'crowd', seed: 9106 },
  ];
  const imageIds: number[] = [];
  for (const [i, spec] of specs.entries()) {
    const { media } = await uploadImage(deps, { filename: `archive-${spec.file}`, data: await renderDemoImage(spec) }, SYSTEM, {
      alt: `Illustration ${i + 1}`,
      credit: 'Dépêche',
    });
    imageIds.push(media.id);
  }

  // Names: tags per edition, people and authors shared. Their counts grow with the archive.
  const tagCount = Math.max(40, Math.round(total / 250)); // 4,000 at 1M, split between the editions
  const peopleCount = Math.max(30, Math.round(total / 50)); // 20,000 at 1M
  const authorCount = Math.max(10, Math.round(total / 5000)); // 200 at 1M
  const tagIds: Record<string, number[]> = { fr: [], en: [] };
  let nextId = 1;
  const tagRows: Array<{ id: number; edition: string; slug: string; name: string }> = [];
  for (const edition of ['fr', 'en']) {
    const w = words[edition];
    const seen = new Set<string>();
    const want = Math.round(tagCount * (edition === 'fr' ? 0.65 : 0.35));
    for (let k = 0; tagIds[edition].length < want; k++) {
      // Topics alone first, then topic and place: "Énergie", …, "Énergie à Lyon", …
      const topic = w.topics[k % w.topics.length];
      const round = Math.floor(k / w.topics.length);
      const name = round === 0 ? topic : round <= w.places.length ? `${topic} ${w.places[round - 1]}` : `${topic} ${w.places[(round - 1) % w.places.length]} ${Math.floor((round - 1) / w.places.length) + 1}`;
      const slug = slugify(name);
      if (seen.has(slug)) continue;
      seen.add(slug);
      tagRows.push({ id: nextId, edition, slug, name });
      tagIds[edition].push(nextId++);
    }
  }
  const personRows: Array<{ id: number; slug: string; name: string; role: string | null }> = [];
  const personRole: string[] = [];
  const seenPeople = new Set<string>();
  for (let k = 0; personRows.length < peopleCount; k++) {
    const first = FIRST_NAMES[k % FIRST_NAMES.length];
    const last = LAST_NAMES[Math.floor(k / FIRST_NAMES.length) % LAST_NAMES.length];
    const extra = Math.floor(k / (FIRST_NAMES.length * LAST_NAMES.length));
    const name = extra === 0 ? `${first} ${last}` : `${first} ${last}-${LAST_NAMES[(extra - 1) % LAST_NAMES.length]}${extra > LAST_NAMES.length ? ` ${Math.ceil(extra / LAST_NAMES.length)}` : ''}`;
    const slug = slugify(name);
    if (seenPeople.has(slug)) continue;
    seenPeople.add(slug);
    const role = FR.roles[k % FR.roles.length];
    personRows.push({ id: personRows.length + 1, slug, name, role: null });
    personRole.push(role);
  }
  const authorRows: Array<{ id: number; slug: string; name: string }> = [];
  for (let k = 0; authorRows.length < authorCount; k++) {
    const name = `${FIRST_NAMES[(k * 7) % FIRST_NAMES.length]} ${LAST_NAMES[(k * 11 + 3) % LAST_NAMES.length]}${k >= FIRST_NAMES.length ? ` ${Math.floor(k / FIRST_NAMES.length) + 1}` : ''}`;
    if (authorRows.some((a) => a.slug === slugify(name))) continue;
    authorRows.push({ id: authorRows.length + 1, slug: slugify(name), name });
  }
  // people.role is the newsroom's suggestion: the last role a quote gave (set once the articles are written).
  const personQuoted = new Uint8Array(personRows.length);

  await db.transaction().execute(async (trx) => {
    for (const s of slices(tagRows, rowsPerStatement(4))) await trx.insertInto('tags').values(s).execute();
    for (const s of slices(personRows, rowsPerStatement(4))) await trx.insertInto('people').values(s).execute();
    for (const s of slices(authorRows, rowsPerStatement(3))) await trx.insertInto('authors').values(s).execute();
  });

  // Articles, oldest first, spread over fifteen years (or `spanDays`) up to `now`.
  const span = (opts.spanDays ?? YEARS * 365.25) * 86_400_000;
  // A few days of jitter around each article's place, less on a short span.
  const jitter = Math.min(4 * 86_400_000, span / 10);
  const start = now.getTime() - span;
  const slugsSeen: Record<string, Set<string>> = { fr: new Set(), en: new Set() };
  let id = 0;
  let pendingTranslation: { group: number; at: number; sectionIndex: number } | null = null;
  while (id < total) {
    const count = Math.min(CHUNK, total - id);
    const articles: any[] = [];
    const articleTags: Array<{ article_id: number; tag_id: number; position: number }> = [];
    const articleAuthors: Array<{ article_id: number; author_id: number; position: number }> = [];
    const articlePeople: Array<{ article_id: number; person_id: number; role: string | null }> = [];
    for (let k = 0; k < count; k++) {
      const articleId = ++id;
      let edition: string;
      let at: number;
      let group: number | null = null;
      let sectionIndex: number;
      if (pendingTranslation) {
        // The English version of the story just written, an hour later.
        edition = 'en';
        at = pendingTranslation.at + 3_600_000;
        group = pendingTranslation.group;
        sectionIndex = pendingTranslation.sectionIndex;
        pendingTranslation = null;
      } else {
        edition = rnd() < 0.7 ? 'fr' : 'en';
        // Time grows with the id, with a few days of jitter; a few are re-dated far from their neighbours.
        at = start + (articleId / total) * span + (rnd() - 0.5) * jitter;
        if (rnd() < 0.01) at = start + rnd() * span;
        sectionIndex = skewed(10);
        if (edition === 'fr' && rnd() < 0.04 && id < total) {
          group = articleId;
          pendingTranslation = { group, at, sectionIndex };
        }
      }
      at = Math.min(at, now.getTime() - 60_000);
      const w = words[edition];
      // Most are published; some drafts, some in review, a few withdrawn, a handful embargoed (published with a later time) or scheduled.
      const r = rnd();
      const status = group !== null ? 'published' : r < 0.012 ? 'draft' : r < 0.015 ? 'in_review' : r < 0.02 ? 'unpublished' : r < 0.0205 ? 'scheduled' : 'published';
      if (status === 'published' && group === null && rnd() < 0.0005) at = now.getTime() + (1 + rnd() * 30) * 86_400_000;
      // Only a published or withdrawn article has a publication time: the workflow sets it when it publishes.
      const publishedAt = status === 'published' || status === 'unpublished' ? new Date(at).toISOString() : null;
      const scheduledAt = status === 'scheduled' ? new Date(now.getTime() + (1 + rnd() * 20) * 86_400_000).toISOString() : null;
      const createdAt = new Date(at - (10 + rnd() * 600) * 60_000).toISOString();
      const updatedAt = rnd() < 0.2 && status === 'published' ? new Date(Math.min(at + rnd() * 3 * 86_400_000, now.getTime() - 1000)).toISOString() : null;

      const headline = `${pick(w.subjects)} ${pick(w.verbs)} ${pick(w.objects)} ${pick(w.places)}`;
      let slug = slugify(headline);
      // Cut where the headline's slug is cut, so that no hyphen is doubled: the slug must be one the app accepts.
      if (slugsSeen[edition].has(slug)) slug = `${slugify(headline, 70)}-${articleId}`;
      slugsSeen[edition].add(slug);

      const sentence = () => `${pick(w.openers)}, ${pick(w.connectors)}.`;
      const paragraph = () => ({ type: 'paragraph', text: `${sentence()} ${sentence()} ${pick(w.closers)}` }) as StoredBlock;
      const body: StoredBlock[] = [paragraph(), paragraph()];
      const quoted = new Map<number, string | null>();
      const quotes = rnd() < 0.6 ? 1 + Math.floor(rnd() * 2) : 0;
      for (let q = 0; q < quotes; q++) {
        const p = skewed(personRows.length);
        const role = edition === 'fr' ? personRole[p] : EN.roles[FR.roles.indexOf(personRole[p])];
        body.push({ type: 'quote', text: pick(w.quotes), speaker: { name: personRows[p].name, role } } as StoredBlock);
        if (!quoted.has(p + 1)) quoted.set(p + 1, role);
      }
      body.push({ type: 'heading', text: pick(w.headings) } as StoredBlock, paragraph());
      let lead: StoredLead | null = null;
      if (rnd() < 0.5) lead = { imageId: pick(imageIds), alt: pick(w.captions), credit: w.credit };
      if (rnd() < 0.2) body.push({ type: 'figure', imageId: pick(imageIds), alt: pick(w.captions), caption: pick(w.captions) } as StoredBlock);
      body.push(paragraph());

      articles.push({
        id: articleId,
        edition,
        section_id: sectionIds[edition][sectionIndex],
        slug,
        headline,
        standfirst: `${sentence()} ${pick(w.closers)}`,
        status,
        published_at: publishedAt,
        updated_at: updatedAt,
        created_at: createdAt,
        lead: lead ? JSON.stringify(lead) : null,
        lead_image_id: lead?.imageId ?? null,
        scheduled_at: scheduledAt,
        body: JSON.stringify(body),
        translation_group: group,
        // derived: the newsroom's list is ordered by the last save or transition.
        changed_at: updatedAt ?? publishedAt ?? createdAt,
      });
      const tags = new Set<number>();
      const want = 2 + Math.floor(rnd() * 4);
      for (let t = 0; t < want; t++) tags.add(tagIds[edition][skewed(tagIds[edition].length)]);
      [...tags].forEach((tag_id, position) => articleTags.push({ article_id: articleId, tag_id, position }));
      const authors = new Set<number>([1 + skewed(authorRows.length)]);
      if (rnd() < 0.15) authors.add(1 + Math.floor(rnd() * authorRows.length));
      [...authors].forEach((author_id, position) => articleAuthors.push({ article_id: articleId, author_id, position }));
      // derived: article_people.role is the first role the article's quotes give the person.
      for (const [person_id, role] of quoted) {
        articlePeople.push({ article_id: articleId, person_id, role });
        personQuoted[person_id - 1] = 1;
      }
    }
    await db.transaction().execute(async (trx) => {
      for (const s of slices(articles, rowsPerStatement(Object.keys(articles[0]).length))) await trx.insertInto('articles').values(s).execute();
      for (const s of slices(articleTags, rowsPerStatement(3))) await trx.insertInto('article_tags').values(s).execute();
      for (const s of slices(articleAuthors, rowsPerStatement(3))) await trx.insertInto('article_authors').values(s).execute();
      for (const s of slices(articlePeople, rowsPerStatement(3))) await trx.insertInto('article_people').values(s).execute();
    });
    opts.progress?.(id, total);
  }

  await db.transaction().execute(async (trx) => {
    // derived: people.role, the last role given (each generated person always gets the same one).
    const quoted = personRows.filter((p) => personQuoted[p.id - 1]).map((p) => p.id);
    for (const role of new Set(personRole)) {
      const ids = quoted.filter((pid) => personRole[pid - 1] === role);
      for (const s of slices(ids, rowsPerStatement(1))) await trx.updateTable('people').set({ role }).where('id', 'in', s).execute();
    }
    await bumpContentVersion(trx);
  });
  if (dialect === 'postgres') {
    // Ids were given explicitly: the sequences continue after them.
    for (const t of ['tags', 'people', 'authors', 'articles']) {
      await sql.raw(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`).execute(db);
    }
    // The visibility map, as autovacuum would leave it after a while: index-only scans (a section
    // page's skip) then read no table pages. Only the archive's tables: the database may hold others.
    await sql`vacuum (analyze) articles, article_tags, article_authors, article_people`.execute(db);
    await sql`analyze`.execute(db);
  } else {
    await sql`analyze`.execute(db);
    await sql`pragma optimize`.execute(db);
    await sql`pragma synchronous = NORMAL`.execute(db);
  }
  return {
    articles: total,
    tags: tagRows.length,
    people: personRows.length,
    authors: authorRows.length,
    images: imageIds.length,
    sections: { fr: FR.sections, en: EN.sections },
  };
}
