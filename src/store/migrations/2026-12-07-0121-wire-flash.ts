import type { Kysely } from 'kysely';

// Wire flashes: an ingest item the agency marks most urgent (ninjs urgency 1, an RSS or Atom
// category flash/breaking/urgent/alerte) is kept flagged, so the queue shows it first-class
// and an editor turns it into a breaking-news alert in one click (docs/alerts-and-push.md).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ingest_items').addColumn('flash', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ingest_items').dropColumn('flash').execute();
}
