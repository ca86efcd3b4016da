import { type CreateTableBuilder, type Kysely, SqliteAdapter } from 'kysely';

// Live coverage and breaking news (docs/live.md).
//
// - articles.live_*: an article with live_started_at is a live; live_ended_at is set when it ends
//   (coverageEndTime). live_open_posting: contributors publish their entries themselves. live_push:
//   its key points are sent to readers who follow lives by web push.
// - live_entries: the entries of a live, each its own record with its own version, so that
//   reporters posting into one live never conflict. Drafts are private.
// - live_events: what readers' pages are told (an entry published, updated or deleted), in order;
//   its id is the event stream's event id, which a reconnecting page sends back as Last-Event-ID.
// - alerts: breaking-news banners, per edition, with an expiry.
// - push_subscriptions / push_jobs: web push (Web Push protocol, VAPID); a job sends one message
//   to every matching subscription, a batch at a time, resuming from its cursor after a crash.
// - site_secrets: values the site generates once and keeps (the VAPID key pair).

function serialId(t: CreateTableBuilder<any, any>, sqlite: boolean) {
  return sqlite ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement().notNull()) : t.addColumn('id', 'serial', (c) => c.primaryKey());
}

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema.alterTable('articles').addColumn('live_started_at', 'varchar(30)').execute();
  await db.schema.alterTable('articles').addColumn('live_ended_at', 'varchar(30)').execute();
  await db.schema.alterTable('articles').addColumn('live_open_posting', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('articles').addColumn('live_push', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await serialId(db.schema.createTable('live_entries'), sqlite)
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull()) // draft | published
    .addColumn('posted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('author_id', 'integer') // authors.id, or null for a wire entry or an unsigned one
    .addColumn('source_name', 'text') // the wire source, for an entry made from a wire item
    .addColumn('source_url', 'text')
    .addColumn('body', 'text', (c) => c.notNull()) // JSON: StoredBlock[]
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('key_point', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('correction', 'text') // set: the entry was corrected, and this is the public note
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('owner_id', 'integer')
    .addColumn('owner_token_id', 'integer')
    .addColumn('ingest_item_id', 'integer')
    .addColumn('article_draft_id', 'integer') // the full article made from this entry
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)') // the last edit of a published entry that readers see
    .execute();
  await db.schema.createIndex('live_entries_page').on('live_entries').columns(['article_id', 'status', 'posted_at', 'id']).execute();

  await serialId(db.schema.createTable('live_events'), sqlite)
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // published | updated | deleted
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_events_article').on('live_events').columns(['article_id', 'id']).execute();

  await serialId(db.schema.createTable('alerts'), sqlite)
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('level', 'varchar(16)', (c) => c.notNull()) // breaking | urgent | info
    .addColumn('editions', 'text', (c) => c.notNull()) // JSON: edition codes
    .addColumn('starts_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)')
    .addColumn('ended_at', 'varchar(30)')
    .addColumn('ingest_item_id', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_current').on('alerts').columns(['ended_at', 'starts_at']).execute();

  await serialId(db.schema.createTable('push_subscriptions'), sqlite)
    .addColumn('endpoint', 'text', (c) => c.notNull().unique())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('edition', 'varchar(35)', (c) => c.notNull())
    .addColumn('alerts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('lives', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_sent_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('push_subscriptions_edition').on('push_subscriptions').columns(['edition', 'id']).execute();

  await serialId(db.schema.createTable('push_jobs'), sqlite)
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // alert | entry
    .addColumn('edition', 'varchar(35)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull()) // JSON: the notification
    .addColumn('status', 'varchar(16)', (c) => c.notNull()) // pending | done
    .addColumn('cursor', 'integer', (c) => c.notNull().defaultTo(0)) // the last subscription id sent to
    .addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('push_jobs_due').on('push_jobs').columns(['status', 'id']).execute();

  await db.schema
    .createTable('site_secrets')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey().notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['site_secrets', 'push_jobs', 'push_subscriptions', 'alerts', 'live_events', 'live_entries']) await db.schema.dropTable(t).execute();
  for (const c of ['live_push', 'live_open_posting', 'live_ended_at', 'live_started_at']) await db.schema.alterTable('articles').dropColumn(c).execute();
}
