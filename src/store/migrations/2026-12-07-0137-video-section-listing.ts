import type { Kysely } from 'kysely';

// A section's videos (its page's row of newest videos, /fr/videos?section=<slug>) are read newest
// first by section, as section pages read articles: without this index a section with few videos
// among many of its edition was found by walking the whole edition's listing.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('videos_section_listing').on('videos').columns(['section_id', 'status', 'published_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('videos_section_listing').execute();
}
