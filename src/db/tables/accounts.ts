import type { Generated } from 'kysely';

/** A sign-in at an OpenID Connect provider under way: keyed by the hash of the browser's flow cookie, deleted when used. */
export interface OidcFlowTable {
  id: string;
  provider: string;
  state: string;
  nonce: string;
  code_verifier: string;
  next: Generated<string>;
  created_at: Generated<Date>;
  expires_at: Date;
}

/** A provider's subject (`sub`) linked to a Helhed user. */
export interface UserIdentityTable {
  id: Generated<number>;
  user_id: number;
  provider: string;
  subject: string;
  created_at: Generated<Date>;
  last_login_at: Date | null;
}

/** A user created at first sign-in whom no mapping gave a role: waits for an administrator. */
export interface UserApprovalTable {
  user_id: number;
  provider: string;
  requested_at: Generated<Date>;
}

/** The provider a session came from, and its ID token (the hint for logout at the provider). */
export interface SessionOidcTable {
  session_id: string;
  provider: string;
  id_token: string;
}

export interface AccountTables {
  oidc_flow: OidcFlowTable;
  user_identity: UserIdentityTable;
  user_approval: UserApprovalTable;
  session_oidc: SessionOidcTable;
}
