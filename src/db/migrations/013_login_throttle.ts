import { type Kysely, sql } from 'kysely';

/**
 * Sign-in throttling shared by every app process: failed attempts per (account, address) and per address, counted
 * in the database so that parallel attempts and several processes count together. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE login_throttle (
      key text PRIMARY KEY,
      failures int NOT NULL DEFAULT 0,
      window_start timestamptz NOT NULL DEFAULT now(),
      blocked_until timestamptz
    );
  `.execute(db);
}
