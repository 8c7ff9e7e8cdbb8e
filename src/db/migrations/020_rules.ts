import { type Kysely, sql } from 'kysely';

/**
 * The yearly report's milestone plan for the next year (R6: LBF asks for it with the report): milestones with a
 * date, a description and who is responsible, edited with the draft and frozen in the submitted snapshot. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE report ADD COLUMN milestones jsonb NOT NULL DEFAULT '[]'`.execute(db);
}
