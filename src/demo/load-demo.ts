import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { ensureEdition, ensureSections } from '../content/edition.service.ts';
import { importArticles, type ImportDeps, type ImportedArticle } from '../content/import.service.ts';
import { loadDemoStructure } from './demo-structure.ts';
import { writeDemoImages, type DemoImageSpec } from './generate-images.ts';
import { addDemoVideo, ffmpegMissing, importDemoSchedule, importDemoTvArticle, type DemoConfig } from './demo-tv.ts';

const CONTENT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'content');

/** True when the store holds no article yet. */
export async function isEmpty(deps: Pick<ImportDeps, 'db'>): Promise<boolean> {
  const row = await deps.db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** What the demo loaded. */
export interface DemoLoaded {
  articles: ImportedArticle[];
  /** The demo video, its transcode queued; null without one (`noVideo` says why). */
  video: { id: number; slug: string } | null;
  noVideo: string | null;
  /** Programmes of the demo schedule (today and tomorrow). */
  programmes: number;
}

/**
 * Loads the demo site: three editions, their sections, original articles and
 * pictures drawn on the spot, static pages in the footer, a header menu,
 * a featured topic and the authors' profiles, the TV channel's schedule for today and
 * tomorrow, and, where ffmpeg is installed, a short video (docs/demo.md).
 * Everything goes through the same import and services as the newsroom's own
 * content; nothing waits for the video's transcode.
 */
export async function loadDemo(
  deps: ImportDeps & { config: Pick<Config, 'siteName' | 'timeZone' | 'defaultEdition' | 'dataDir' | 'maxImageBytes'> & DemoConfig },
  opts: { video?: boolean } = {},
): Promise<DemoLoaded> {
  const { db, config } = deps;
  await ensureEdition(db, { code: 'fr', name: config.siteName, timeZone: config.timeZone, isDefault: config.defaultEdition === 'fr' });
  await ensureEdition(db, { code: 'en', name: `${config.siteName} English`, timeZone: 'Europe/London', isDefault: config.defaultEdition === 'en' });
  // A right-to-left edition, its dates in Arabic-Indic digits (docs/editions.md).
  await ensureEdition(db, { code: 'ar', name: `${config.siteName} بالعربية`, timeZone: 'Asia/Beirut', numbering: 'arab' });
  await ensureSections(db, [
    { edition: 'fr', slug: 'monde', name: 'Monde' },
    { edition: 'fr', slug: 'economie', name: 'Économie' },
    { edition: 'fr', slug: 'culture', name: 'Culture' },
    { edition: 'fr', slug: 'sport', name: 'Sport' },
    { edition: 'fr', slug: 'tv', name: 'TV' },
    { edition: 'en', slug: 'world', name: 'World' },
    { edition: 'en', slug: 'culture', name: 'Culture' },
    { edition: 'ar', slug: 'العالم', name: 'العالم' },
    { edition: 'ar', slug: 'اقتصاد', name: 'اقتصاد' },
    { edition: 'ar', slug: 'ثقافة', name: 'ثقافة' },
  ]);
  const specs = JSON.parse(await fs.readFile(path.join(CONTENT_DIR, 'images.json'), 'utf8')) as DemoImageSpec[];
  // Pictures are drawn once into the data folder and reused by later demo loads.
  const work = path.join(config.dataDir, 'demo');
  await writeDemoImages(specs, work);
  const text = await fs.readFile(path.join(CONTENT_DIR, 'articles.json'), 'utf8');
  const articles = await importArticles(deps, [{ name: 'demo/articles.json', baseDir: work, text }]);
  const arabic = await fs.readFile(path.join(CONTENT_DIR, 'articles-ar.json'), 'utf8');
  articles.push(...(await importArticles(deps, [{ name: 'demo/articles-ar.json', baseDir: work, text: arabic }])));
  // Static pages, menus, a featured topic and profiles, once the articles have made the topics, people and authors.
  await loadDemoStructure(db, CONTENT_DIR, deps.now());
  const programmes = await importDemoSchedule(deps, CONTENT_DIR, 'fr');
  let video: DemoLoaded['video'] = null;
  // Asked for without a video (`depeche demo --no-video`): nothing to explain.
  let noVideo = opts.video === false ? null : await ffmpegMissing(config.video);
  if (opts.video !== false && !noVideo) {
    try {
      video = await addDemoVideo(deps, CONTENT_DIR, work);
      articles.push(...(await importDemoTvArticle(deps, CONTENT_DIR, work, video.id)));
    } catch (e) {
      // The rest of the demo stands without its video.
      noVideo = `the demo video could not be made: ${(e as Error).message}`;
    }
  }
  return { articles, video, noVideo, programmes };
}
