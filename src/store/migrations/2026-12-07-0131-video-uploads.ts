import type { Kysely } from 'kysely';

// The tus upload a video came from (docs/video.md): a client whose final PATCH answer was lost
// finds its video by the upload's id (GET /api/admin/videos/uploads/<uploadId>/video).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('videos').addColumn('upload_id', 'varchar(64)').execute();
  await db.schema.createIndex('videos_upload').on('videos').column('upload_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('videos_upload').execute();
  await db.schema.alterTable('videos').dropColumn('upload_id').execute();
}
