import { sql, type Kysely } from 'kysely';

// Data for the previous migration: the listing columns of existing links and the
// month counts of existing articles, in batches of articles and one section at a time.

const BATCH = 5000;

export async function up(db: Kysely<any>): Promise<void> {
  let after = 0;
  for (;;) {
    const ids: number[] = (await db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute()).map((r: { id: number }) => r.id);
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    for (const table of ['article_tags', 'article_authors', 'article_people']) {
      await sql`update ${sql.table(table)} set
          edition = (select a.edition from articles a where a.id = ${sql.ref(`${table}.article_id`)}),
          listed_at = (select case when a.status = 'published' then a.published_at end from articles a where a.id = ${sql.ref(`${table}.article_id`)})
        where article_id >= ${ids[0]} and article_id <= ${after}`.execute(db);
    }
  }
  const sections: Array<{ id: number }> = await db.selectFrom('sections').select('id').execute();
  for (const s of sections) {
    await sql`insert into archive_months (section_id, edition, month, articles, listed, lastmod)
      select a.section_id, a.edition, substr(a.published_at, 1, 7), count(*),
             sum(case when a.canonical_url is null then 1 else 0 end),
             max(case when a.updated_at > a.published_at then a.updated_at else a.published_at end)
        from articles a
       where a.section_id = ${s.id} and a.status = 'published' and a.published_at is not null
       group by a.section_id, a.edition, substr(a.published_at, 1, 7)`.execute(db);
  }
}

export async function down(): Promise<void> {
  // The columns and the table go with the previous migration's down.
}
