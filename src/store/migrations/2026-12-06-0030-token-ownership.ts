import type { Kysely } from 'kysely';

// An API token is an identity of its own: what it creates belongs to it, not to
// the admin who made the token. Articles and pictures a token makes record it here
// (their owner_id / uploaded_by, which name people, stay null).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('owner_token_id', 'integer', (c) => c.references('api_tokens.id')).execute();
  await db.schema.alterTable('images').addColumn('uploaded_by_token', 'integer', (c) => c.references('api_tokens.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('images').dropColumn('uploaded_by_token').execute();
  await db.schema.alterTable('articles').dropColumn('owner_token_id').execute();
}
