import { sql, type Kysely } from 'kysely';

// Data for the columns the previous migration added, in batches of articles.
// Nothing here imports domain code: the slug folding below is this
// migration's own, frozen as the content code folded names on this date.

const BATCH = 200;

function fold(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= 80) return s || 'sans-titre';
  const cut = s.slice(0, 80);
  const at = cut.lastIndexOf('-');
  return (at > 40 ? cut.slice(0, at) : cut).replace(/-+$/, '');
}

export async function up(db: Kysely<any>): Promise<void> {
  let after = 0;
  for (;;) {
    const articles: Array<{ id: number; body: string; created_at: string }> = await db
      .selectFrom('articles')
      .select(['id', 'body', 'created_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (articles.length === 0) break;
    after = articles[articles.length - 1].id;
    const ids = articles.map((a) => a.id);
    // No transaction of our own: on PostgreSQL the migrator already runs this one in its
    // transaction (a nested one is refused), and each step can run again with the same result.
    // The last change: the newest saved revision, or the creation for an article never saved since its import.
    const revs: Array<{ article_id: number; at: string | null }> = await db
      .selectFrom('article_revisions')
      .select(['article_id', sql<string>`max(created_at)`.as('at')])
      .where('article_id', 'in', ids)
      .groupBy('article_id')
      .execute();
    const latest = new Map(revs.map((r) => [r.article_id, r.at]));
    for (const a of articles) {
      const at = latest.get(a.id);
      await db.updateTable('articles').set({ changed_at: at && at > a.created_at ? at : a.created_at }).where('id', '=', a.id).execute();
    }
    // The role each article's quotes give their speakers (the first quote naming a role wins).
    const links: Array<{ article_id: number; person_id: number; slug: string }> = await db
      .selectFrom('article_people as t')
      .innerJoin('people as p', 'p.id', 't.person_id')
      .select(['t.article_id', 't.person_id', 'p.slug'])
      .where('t.article_id', 'in', ids)
      .execute();
    const bodies = new Map(articles.map((a) => [a.id, a.body]));
    for (const l of links) {
      let blocks: any[] = [];
      try {
        blocks = JSON.parse(bodies.get(l.article_id) ?? '[]');
      } catch {
        continue;
      }
      const quote = blocks.find((b) => b?.type === 'quote' && typeof b.speaker?.name === 'string' && b.speaker.role && fold(b.speaker.name) === l.slug);
      if (quote) {
        await db.updateTable('article_people').set({ role: String(quote.speaker.role) }).where('article_id', '=', l.article_id).where('person_id', '=', l.person_id).execute();
      }
    }
  }
}

export async function down(): Promise<void> {
  // The columns go with the previous migration's down.
}
