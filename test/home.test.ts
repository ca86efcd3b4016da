import { afterAll, beforeAll, expect, it } from 'vitest';
import { homeCards } from '../src/content/article.repository.ts';
import { ensureEdition } from '../src/content/edition.service.ts';
import { importArticles } from '../src/content/import.service.ts';
import { localMediaStorage } from '../src/media/storage.ts';
import { migrate, openStore, type Store } from '../src/store/db.ts';
import { forEachDialect, freshDatabase, makeArticle } from './harness.ts';

const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 3_600_000).toISOString();

forEachDialect('home page selection', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;
  let sections: Map<string, number>;

  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    store = openStore(db.database);
    await migrate(store);
    await ensureEdition(store.db, { code: 'fr', name: 'Dépêche', timeZone: 'Europe/Paris' });
    // A busy section (80 recent articles) and a quiet one whose newest is older than all of them.
    const articles = [
      ...Array.from({ length: 3 }, (_, i) => makeArticle({ section: 'culture', headline: `Culture ${i}`, publishedAt: day(i) })),
      ...Array.from({ length: 80 }, (_, i) => makeArticle({ section: 'monde', headline: `Monde ${i}`, publishedAt: day(100 + i) })),
      makeArticle({ section: 'culture', headline: 'Brouillon', status: 'draft', publishedAt: undefined }),
    ];
    await importArticles(
      { db: store.db, media: localMediaStorage(db.dataDir), config: { maxImageBytes: 1e6, publicUrl: 'https://x.example' }, now: () => new Date() },
      [{ name: 'a.json', baseDir: db.dataDir, text: JSON.stringify(articles) }],
    );
    const rows = await store.db.selectFrom('sections').select(['id', 'slug']).execute();
    sections = new Map(rows.map((r) => [r.slug, r.id]));
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  it('takes the newest for the top and fills a quiet section beyond the window of recent articles', async () => {
    const cards = await homeCards(store.db, 'fr', [...sections.values()], '2026-11-25T00:00:00Z');
    const heads = cards.map((c) => c.headline);
    expect(heads.slice(0, 7)).toEqual(['Monde 79', 'Monde 78', 'Monde 77', 'Monde 76', 'Monde 75', 'Monde 74', 'Monde 73']);
    expect(heads.filter((h) => h.startsWith('Monde'))).toHaveLength(11);
    expect(heads.filter((h) => h.startsWith('Culture')).sort()).toEqual(['Culture 0', 'Culture 1', 'Culture 2']);
    expect(heads).not.toContain('Brouillon');
  });

  it('shows nothing published in the future', async () => {
    const cards = await homeCards(store.db, 'fr', [...sections.values()], day(1.5));
    expect(cards.map((c) => c.headline)).toEqual(['Culture 1', 'Culture 0']);
  });
});
