import fs from 'node:fs/promises';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import os from 'node:os';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { paths } from '../src/content/paths.ts';
import { sql } from 'kysely';
import sharp from 'sharp';

/**
 * What the design's screenshots and its audit share: a site on the demo
 * content with a fixed clock, the pages of every kind, the widths, and the
 * comparison of a screenshot with its stored baseline.
 */

/** The clock of the demo site: the morning after its newest French article, so lists show "08:00" and "hier". */
export const DESIGN_NOW = new Date('2026-11-24T09:00:00Z');

export const WIDTHS = [390, 768, 1280, 1600] as const;

export const BASELINE_DIR = path.join(import.meta.dirname, 'baselines', 'design');

export interface DesignSite {
  app: App;
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the demo site at DESIGN_NOW on a fresh SQLite store, configured as
 * the tests' harness does (no background passes, quiet). It does not use the
 * harness itself, so that the audit script can run it outside Vitest.
 */
export async function startDesignSite(): Promise<DesignSite> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-design-'));
  const base = loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DEMO_CONTENT: 'true', LOG_LEVEL: 'silent', PUBLIC_URL: 'https://news.example' });
  const config = {
    ...base,
    database: { kind: 'sqlite' as const, file: path.join(dataDir, 'depeche.db') },
    backgroundImages: false,
    contentPollMs: 100,
    schedulerMs: 0,
    webhooksMs: 0,
    ingestMs: 0,
    searchBackfillMs: 0,
    statisticsMs: 0,
    contentApiRateLimit: 0,
    adminApiRateLimit: 0,
    cdn: { ...base.cdn, purgeMs: 0 },
    video: { ...base.video, jobsMs: 0 },
  };
  const app = await buildApp(config, { now: () => new Date(DESIGN_NOW) });
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.server.address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface PageKind {
  name: string;
  path: string;
  /** Compared with a stored screenshot; the others (a listing like one already shot, another edition's home) get axe and html-validate only, to keep the baselines few. */
  screenshot?: boolean;
}

/** One page of each kind the design covers, found in the demo site's store. */
export async function designPages(site: DesignSite): Promise<PageKind[]> {
  const db = site.app.store.db;
  const article = await db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.slug', 's.slug as section'])
    .where('a.edition', '=', 'fr')
    .where('a.status', '=', 'published')
    .where('a.live_started_at', 'is', null)
    .where('a.lead_image_id', 'is not', null)
    .orderBy('a.published_at', 'desc')
    .executeTakeFirstOrThrow();
  const tag = await db
    .selectFrom('tags as t')
    .innerJoin('article_tags as x', 'x.tag_id', 't.id')
    .select(['t.slug', db.fn.countAll<number>().as('n')])
    .where('t.edition', '=', 'fr')
    .groupBy('t.slug')
    .orderBy('n', 'desc')
    .orderBy('t.slug')
    .executeTakeFirstOrThrow();
  const author = await db
    .selectFrom('authors as u')
    .innerJoin('article_authors as x', 'x.author_id', 'u.id')
    .select(['u.slug', db.fn.countAll<number>().as('n')])
    .groupBy('u.slug')
    .orderBy('n', 'desc')
    .orderBy('u.slug')
    .executeTakeFirstOrThrow();
  // The Arabic edition's newest article, with a picture when one has it: the right-to-left article page.
  const arabic = await db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.slug', 's.slug as section'])
    .where('a.edition', '=', 'ar')
    .where('a.status', '=', 'published')
    .where('a.live_started_at', 'is', null)
    .orderBy(sql`a.lead_image_id is null`)
    .orderBy('a.published_at', 'desc')
    .executeTakeFirstOrThrow();
  const person = await db
    .selectFrom('people as p')
    .innerJoin('article_people as x', 'x.person_id', 'p.id')
    .select(['p.slug', db.fn.countAll<number>().as('n')])
    .where('p.merged_into', 'is', null)
    .groupBy('p.slug')
    .orderBy('n', 'desc')
    .orderBy('p.slug')
    .executeTakeFirst();
  const page = await db.selectFrom('pages').select(['slug']).where('edition', '=', 'fr').where('status', '=', 'published').orderBy('position').executeTakeFirst();
  return [
    { name: 'home', path: '/fr/', screenshot: true },
    { name: 'section', path: '/fr/monde/', screenshot: true },
    { name: 'article', path: `/fr/${article.section}/${article.slug}`, screenshot: true },
    { name: 'topic', path: `/fr/sujet/${tag.slug}`, screenshot: true },
    { name: 'author', path: `/fr/auteur/${author.slug}` },
    { name: 'search', path: '/fr/recherche?q=sommet', screenshot: true },
    { name: 'english-home', path: '/en/' },
    { name: 'arabic-home', path: '/ar/', screenshot: true },
    { name: 'arabic-article', path: `/ar/${encodeURIComponent(arabic.section)}/${encodeURIComponent(arabic.slug)}`, screenshot: true },
    ...(person ? [{ name: 'person', path: paths.person('fr', person.slug) }] : []),
    ...(page ? [{ name: 'static-page', path: paths.page('fr', page.slug) }] : []),
  ];
}

export interface Comparison {
  /** Pixels that differ beyond anti-aliasing. */
  differing: number;
  total: number;
  /** Set when the sizes differ (a page grew or shrank): the comparison is then a failure by itself. */
  sizeChanged?: string;
}

/**
 * Compares a screenshot with its baseline. Anti-aliased pixels are not
 * counted (pixelmatch tells them apart), and a small colour distance is
 * tolerated, so font smoothing does not fail a run; a moved block does.
 * The difference image is written next to the baseline for a person to look at.
 */
export async function compareWithBaseline(name: string, shot: Buffer): Promise<Comparison> {
  const file = path.join(BASELINE_DIR, `${name}.png`);
  const diffFile = path.join(BASELINE_DIR, '..', 'diffs', `${name}.diff.png`);
  const actual = PNG.sync.read(shot);
  if (process.env.UPDATE_BASELINE === '1') {
    await fs.mkdir(BASELINE_DIR, { recursive: true });
    // Stored losslessly with the smallest encoding (adaptive filtering): the same pixels in about half the bytes.
    await fs.writeFile(file, await sharp(shot).png({ compressionLevel: 9, adaptiveFiltering: true, effort: 10 }).toBuffer());
    return { differing: 0, total: actual.width * actual.height };
  }
  const expected = PNG.sync.read(await fs.readFile(file));
  if (expected.width !== actual.width || expected.height !== actual.height) {
    await fs.mkdir(path.dirname(diffFile), { recursive: true });
    await fs.writeFile(diffFile.replace('.diff.png', '.actual.png'), shot);
    return { differing: Infinity, total: expected.width * expected.height, sizeChanged: `${expected.width}×${expected.height} → ${actual.width}×${actual.height}` };
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold: 0.1, includeAA: false });
  if (differing > 0) {
    await fs.mkdir(path.dirname(diffFile), { recursive: true });
    await fs.writeFile(diffFile, PNG.sync.write(diff));
  }
  return { differing, total: actual.width * actual.height };
}
