import type { Kysely } from 'kysely';

// Authors merged like people and topics (docs/people-and-topics.md): the merged one's page answers 301 to the kept one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('authors').addColumn('merged_into', 'integer', (c) => c.references('authors.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('authors').dropColumn('merged_into').execute();
}
