import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, openStore, type Store } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { forEachDialect, freshDatabase } from '../harness.ts';

/**
 * The data migration behind items 13 and 19 on a site that already has content:
 * quotes get their role per article from the article bodies, and articles their
 * last change from their newest revision (or their creation).
 */

forEachDialect('reader visibility migration on existing content', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabase(dialect);
    drop = fresh.drop;
    store = openStore(fresh.database);
    const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0].s : undefined;
    // The schema as it was before these migrations.
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '2026-12-06-0040'));
    const { error } = await new Migrator({ db: store.db as any, provider: { getMigrations: async () => before }, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
    if (error) throw error;
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  it('fills each quote’s role from its own article and each article’s last change, and leaves existing sections public', async () => {
    const db = store.db as any;
    await db.insertInto('editions').values({ code: 'fr', name: 'Site', base_url: '', time_zone: 'Europe/Paris', is_default: 1, position: 0 }).execute();
    const section = await db.insertInto('sections').values({ edition: 'fr', slug: 'tv', name: 'TV', position: 1, in_nav: 1 }).returning('id').executeTakeFirstOrThrow();
    const quote = (name: string, role?: string) => ({ type: 'quote', text: 'Une phrase.', speaker: { name, ...(role ? { role } : {}) } });
    const article = async (slug: string, status: string, body: unknown[]) =>
      (
        await db
          .insertInto('articles')
          .values({ edition: 'fr', section_id: section.id, slug, headline: slug, status, published_at: status === 'published' ? '2026-11-20T09:00:00.000Z' : null, created_at: '2026-11-19T08:00:00.000Z', body: JSON.stringify(body) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const person = (await db.insertInto('people').values({ slug: 'helene-leger', name: 'Hélène Léger', role: 'escroc condamnée' }).returning('id').executeTakeFirstOrThrow()).id;
    const other = (await db.insertInto('people').values({ slug: 'paul-roi', name: 'Paul Roi', role: null }).returning('id').executeTakeFirstOrThrow()).id;
    const published = await article('publie', 'published', [{ type: 'paragraph', text: 'x' }, quote('HÉLÈNE  Léger', 'ministre'), quote('Paul Roi')]);
    const draft = await article('brouillon', 'draft', [quote('Hélène Léger', 'escroc condamnée')]);
    await db.insertInto('article_people').values([{ article_id: published, person_id: person }, { article_id: published, person_id: other }, { article_id: draft, person_id: person }]).execute();
    await db.insertInto('article_revisions').values({ article_id: draft, version: 2, snapshot: '{}', user_id: null, created_at: '2026-11-24T10:00:00.000Z' }).execute();

    await migrate(store);

    const roles = await db.selectFrom('article_people').select(['article_id', 'person_id', 'role']).orderBy('article_id').orderBy('person_id').execute();
    expect(roles).toEqual([
      { article_id: published, person_id: person, role: 'ministre' },
      { article_id: published, person_id: other, role: null },
      { article_id: draft, person_id: person, role: 'escroc condamnée' },
    ]);
    const changed = await db.selectFrom('articles').select(['id', 'changed_at']).orderBy('id').execute();
    expect(changed).toEqual([
      { id: published, changed_at: '2026-11-19T08:00:00.000Z' },
      { id: draft, changed_at: '2026-11-24T10:00:00.000Z' },
    ]);
    // Sections that existed stay public as they were.
    expect((await db.selectFrom('sections').select('implicit').executeTakeFirstOrThrow()).implicit).toBe(0);
  });
});
