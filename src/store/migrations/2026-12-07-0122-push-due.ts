import type { Kysely } from 'kysely';

// Web push jobs get a due time: an alert that starts later is pushed when it starts, not when
// it is written. `alert_id` ties an alert's job to its alert, so a job whose alert was ended or
// has expired before it fell due is dropped unsent (docs/alerts-and-push.md).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('push_jobs').addColumn('due_at', 'varchar(30)').execute();
  await db.schema.alterTable('push_jobs').addColumn('alert_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('push_jobs').dropColumn('alert_id').execute();
  await db.schema.alterTable('push_jobs').dropColumn('due_at').execute();
}
