import { type Kysely, sql } from 'kysely';

/**
 * Indexes found by the national-scale benchmark (docs/benchmarks.md): the secretariat desk reads the last twelve
 * months of meetings across all bodies (R9, R10), and the front page lists the change requests awaiting a decision.
 * Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX meeting_starts_idx ON meeting(starts_at);
    CREATE INDEX change_request_state_idx ON change_request(state, created_at DESC);
  `.execute(db);
}
