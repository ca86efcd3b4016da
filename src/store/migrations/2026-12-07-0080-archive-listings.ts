import { sql, type Kysely } from 'kysely';

// Listings that do not grow with the archive.
// - article_tags / article_authors / article_people carry their article's edition and
//   `listed_at`: its publication time while it is published, null otherwise. A tag,
//   author or person page then reads one index range, newest first, instead of
//   collecting every article of the name and sorting them.
// - archive_months counts published articles per section and month of publication
//   (`articles`; `listed` leaves out syndicated copy with a canonical URL elsewhere)
//   with the newest publication or update among them. Sitemaps and deep section pages
//   read these few rows instead of counting the archive.
// Both are kept by triggers, so every write (API, import, scheduler, CLI, SQL) keeps them.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

const LINKS = [
  ['article_tags', 'tag_id'],
  ['article_authors', 'author_id'],
  ['article_people', 'person_id'],
] as const;

const run = (db: Kysely<any>, text: string) => sql.raw(text).execute(db);

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  for (const [table, column] of LINKS) {
    await db.schema.alterTable(table).addColumn('edition', 'varchar(35)').execute();
    await db.schema.alterTable(table).addColumn('listed_at', 'varchar(30)').execute();
    // Tags belong to one edition; authors and people are listed per edition.
    const columns = table === 'article_tags' ? [column, 'listed_at', 'article_id'] : [column, 'edition', 'listed_at', 'article_id'];
    await db.schema.createIndex(`${table}_listing`).on(table).columns(columns).execute();
  }
  // The new indexes start with the same column.
  await db.schema.dropIndex('article_tags_tag').execute();
  await db.schema.dropIndex('article_authors_author').execute();
  await db.schema.dropIndex('article_people_person').execute();

  await db.schema
    .createTable('archive_months')
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('edition', 'varchar(35)', (c) => c.notNull())
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('articles', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lastmod', 'varchar(30)')
    .addPrimaryKeyConstraint('archive_months_pk', ['section_id', 'month'])
    .execute();
  await db.schema.createIndex('archive_months_edition').on('archive_months').columns(['edition', 'month']).execute();

  const lastmod = (r: string) => `case when ${r}.updated_at > ${r}.published_at then ${r}.updated_at else ${r}.published_at end`;
  const listedAt = (r: string) => `case when ${r}.status = 'published' then ${r}.published_at end`;
  const count = (r: string, sign: string, keepLastmod: string) =>
    `insert into archive_months ${pg ? 'as m ' : ''}(section_id, edition, month, articles, listed, lastmod)
       values (${r}.section_id, ${r}.edition, substr(${r}.published_at, 1, 7), ${sign}1, case when ${r}.canonical_url is null then ${sign}1 else 0 end, ${sign === '+' ? lastmod(r) : 'null'})
       on conflict (section_id, month) do update set articles = ${pg ? 'm.' : ''}articles + excluded.articles, listed = ${pg ? 'm.' : ''}listed + excluded.listed, lastmod = ${keepLastmod}`;

  if (pg) {
    await run(
      db,
      `create function article_link_listed() returns trigger language plpgsql as $$
       begin
         select a.edition, ${listedAt('a')} into new.edition, new.listed_at from articles a where a.id = new.article_id;
         return new;
       end $$`,
    );
    for (const [table] of LINKS) await run(db, `create trigger ${table}_listed before insert on ${table} for each row execute function article_link_listed()`);
    const keep = 'greatest(m.lastmod, excluded.lastmod)';
    await run(
      db,
      `create function articles_listing() returns trigger language plpgsql as $$
       begin
         if tg_op in ('UPDATE', 'DELETE') and old.status = 'published' and old.published_at is not null then
           ${count('old', '-', 'm.lastmod')};
         end if;
         if tg_op in ('INSERT', 'UPDATE') and new.status = 'published' and new.published_at is not null then
           ${count('new', '+', keep)};
         end if;
         if tg_op = 'UPDATE' and (old.status is distinct from new.status or old.published_at is distinct from new.published_at or old.edition is distinct from new.edition) then
           ${LINKS.map(([t]) => `update ${t} set edition = new.edition, listed_at = ${listedAt('new')} where article_id = new.id`).join(';\n')};
         end if;
         return null;
       end $$`,
    );
    await run(db, 'create trigger articles_listing after insert or update or delete on articles for each row execute function articles_listing()');
    return;
  }

  for (const [table, column] of LINKS) {
    await run(
      db,
      `create trigger ${table}_listed after insert on ${table} begin
         update ${table} set edition = (select a.edition from articles a where a.id = new.article_id),
                             listed_at = (select ${listedAt('a')} from articles a where a.id = new.article_id)
          where article_id = new.article_id and ${column} = new.${column};
       end`,
    );
  }
  // SQLite's max() of a null is null: the empty string stands for "none yet".
  const keep = "nullif(max(coalesce(lastmod, ''), coalesce(excluded.lastmod, '')), '')";
  await run(db, `create trigger articles_listing_insert after insert on articles when new.status = 'published' and new.published_at is not null begin ${count('new', '+', keep)}; end`);
  await run(db, `create trigger articles_listing_delete after delete on articles when old.status = 'published' and old.published_at is not null begin ${count('old', '-', 'lastmod')}; end`);
  // An update takes the article out of its old month and puts it in its new one (both may be the same).
  await run(
    db,
    `create trigger articles_listing_update_new after update on articles when new.status = 'published' and new.published_at is not null begin
       ${count('new', '+', keep)};
     end`,
  );
  await run(
    db,
    `create trigger articles_listing_update_old after update on articles when old.status = 'published' and old.published_at is not null begin
       ${count('old', '-', 'lastmod')};
     end`,
  );
  await run(
    db,
    `create trigger articles_listing_links after update of status, published_at, edition on articles
       when old.status is not new.status or old.published_at is not new.published_at or old.edition is not new.edition begin
       ${LINKS.map(([t]) => `update ${t} set edition = new.edition, listed_at = ${listedAt('new')} where article_id = new.id`).join(';\n')};
     end`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  if (pg) {
    await run(db, 'drop trigger articles_listing on articles');
    for (const [table] of LINKS) await run(db, `drop trigger ${table}_listed on ${table}`);
    await run(db, 'drop function articles_listing()');
    await run(db, 'drop function article_link_listed()');
  } else {
    for (const t of ['articles_listing_insert', 'articles_listing_delete', 'articles_listing_update_new', 'articles_listing_update_old', 'articles_listing_links', ...LINKS.map(([t]) => `${t}_listed`)]) {
      await run(db, `drop trigger ${t}`);
    }
  }
  await db.schema.dropTable('archive_months').execute();
  for (const [table, column] of LINKS) {
    await db.schema.dropIndex(`${table}_listing`).execute();
    await db.schema.createIndex(`${table}_${column.replace('_id', '')}`).on(table).column(column).execute();
    await db.schema.alterTable(table).dropColumn('listed_at').execute();
    await db.schema.alterTable(table).dropColumn('edition').execute();
  }
}
