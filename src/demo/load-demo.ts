import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { ensureEdition, ensureSections } from '../content/edition.service.ts';
import { importArticles, type ImportDeps, type ImportedArticle } from '../content/import.service.ts';
import { writeDemoImages, type DemoImageSpec } from './generate-images.ts';

const CONTENT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'content');

/** True when the store holds no article yet. */
export async function isEmpty(deps: Pick<ImportDeps, 'db'>): Promise<boolean> {
  const row = await deps.db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Loads the demo site: two editions, their sections, original articles and
 * pictures drawn on the spot. It goes through the same import as any file.
 */
export async function loadDemo(deps: ImportDeps & { config: Pick<Config, 'siteName' | 'timeZone' | 'defaultEdition' | 'dataDir' | 'maxImageBytes'> }): Promise<ImportedArticle[]> {
  const { db, config } = deps;
  await ensureEdition(db, { code: 'fr', name: config.siteName, timeZone: config.timeZone, isDefault: config.defaultEdition === 'fr' });
  await ensureEdition(db, { code: 'en', name: `${config.siteName} English`, timeZone: 'Europe/London', isDefault: config.defaultEdition === 'en' });
  await ensureSections(db, [
    { edition: 'fr', slug: 'monde', name: 'Monde' },
    { edition: 'fr', slug: 'economie', name: 'Économie' },
    { edition: 'fr', slug: 'culture', name: 'Culture' },
    { edition: 'fr', slug: 'sport', name: 'Sport' },
    { edition: 'fr', slug: 'tv', name: 'TV' },
    { edition: 'en', slug: 'world', name: 'World' },
    { edition: 'en', slug: 'culture', name: 'Culture' },
  ]);
  const specs = JSON.parse(await fs.readFile(path.join(CONTENT_DIR, 'images.json'), 'utf8')) as DemoImageSpec[];
  // Pictures are drawn once into the data folder and reused by later demo loads.
  const work = path.join(config.dataDir, 'demo');
  await writeDemoImages(specs, work);
  const text = await fs.readFile(path.join(CONTENT_DIR, 'articles.json'), 'utf8');
  return importArticles(deps, [{ name: 'demo/articles.json', baseDir: work, text }]);
}
