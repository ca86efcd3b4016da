import type { Kysely } from 'kysely';

// Several worker processes take pictures to encode from the same table. A claim
// names its worker and lasts until avif_locked_until: a worker that dies
// mid-encode leaves the picture to another once that time has passed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('images').addColumn('avif_claimed_by', 'varchar(64)').execute();
  await db.schema.alterTable('images').addColumn('avif_locked_until', 'varchar(30)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('images').dropColumn('avif_locked_until').execute();
  await db.schema.alterTable('images').dropColumn('avif_claimed_by').execute();
}
