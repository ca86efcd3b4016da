import { type Kysely, sql } from 'kysely';

// Data kept apart from DDL: the counter every content change bumps.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into site_state (key, value) values ('content_version', 1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from site_state where key = 'content_version'`.execute(db);
}
