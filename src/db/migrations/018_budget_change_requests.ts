import { type Kysely, sql } from 'kysely';

/**
 * R1, R3, R8 — a change request can change the budget's shape after approval: a new frame with its funders, new budget
 * lines and years, a line's amount in a year (kind `budget_change`), so an active plan without a budget can get one
 * and the co-financing pool follows the municipality's share. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE change_request DROP CONSTRAINT change_request_kind_check;
    ALTER TABLE change_request ADD CONSTRAINT change_request_kind_check CHECK (kind IN (
      'activity_content', 'new_activity', 'ended_activity', 'budget_reallocation', 'budget_change', 'strategic_agreement', 'contingency'
    ));
  `.execute(db);
}
