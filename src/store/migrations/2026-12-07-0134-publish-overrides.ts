import type { Kysely } from 'kysely';

// The publishing checks an editor chose to pass over, with the reason (docs/subtitles.md): JSON
// `{ "subtitles": { "reason", "by", "at" } }`. Kept with the article so that a scheduled
// publication, checked again when its time comes, goes out as the editor decided; cleared when
// the article goes back to draft, review or unpublished.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('publish_overrides', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('publish_overrides').execute();
}
