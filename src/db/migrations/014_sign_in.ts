import { type Kysely, sql } from 'kysely';

/**
 * OpenID Connect sign-in: a pending sign-in's state (consumed once: a replayed state finds no row), the providers'
 * subjects linked to users, users waiting for an administrator's approval, and the provider a session came from
 * (for logout at the provider). Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE oidc_flow (
      id text PRIMARY KEY,
      provider text NOT NULL,
      state text NOT NULL,
      nonce text NOT NULL,
      code_verifier text NOT NULL,
      next text NOT NULL DEFAULT '/',
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE TABLE user_identity (
      id serial PRIMARY KEY,
      user_id int NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      provider text NOT NULL,
      subject text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz,
      UNIQUE (provider, subject)
    );
    CREATE INDEX user_identity_user ON user_identity (user_id);
    CREATE TABLE user_approval (
      user_id int PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
      provider text NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE session_oidc (
      session_id text PRIMARY KEY REFERENCES session(id) ON DELETE CASCADE,
      provider text NOT NULL,
      id_token text NOT NULL
    );
  `.execute(db);
}
