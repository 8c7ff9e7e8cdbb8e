import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcMapping, OidcProviderConfig } from '../config.ts';
import type { Db, Executor } from '../db/database.ts';
import { recordAudit } from '../db/audit.ts';
import { AppError } from '../errors.ts';
import { type Grant, systemActor } from '../policy/actor.ts';
import { addGrant, grantsOf, newToken } from './accounts.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** How long a sign-in at a provider may take, from the button to the callback. */
const FLOW_MINUTES = 10;

/** A sign-in the provider's answer did not prove: refused with a Danish reason and no session. */
export class SignInRefused extends AppError {
  constructor(message: string) {
    super(401, 'Log ind mislykkedes', message);
  }
}

/** Tests only: lets the client talk to an `http://127.0.0.1` test provider. Never set from the environment. */
export interface OidcTestOptions {
  allowInsecureHttp?: boolean;
}

/** The configured providers, each discovered once (lazily) per configuration. */
export interface OidcClients {
  providers: readonly OidcProviderConfig[];
  provider(id: string): OidcProviderConfig | undefined;
  configuration(id: string): Promise<client.Configuration>;
}

const cache = new WeakMap<readonly OidcProviderConfig[], OidcClients>();

/** The clients for a provider list (the same object for the same list, so discovery runs once per process). */
export function oidcClients(providers: readonly OidcProviderConfig[], test: OidcTestOptions = {}): OidcClients {
  const known = cache.get(providers);
  if (known) return known;
  const discovered = new Map<string, Promise<client.Configuration>>();
  const clients: OidcClients = {
    providers,
    provider: (id) => providers.find((p) => p.id === id),
    configuration(id) {
      const p = providers.find((x) => x.id === id);
      if (!p) return Promise.reject(new SignInRefused('Den valgte log ind-udbyder findes ikke.'));
      let c = discovered.get(id);
      if (!c) {
        c = client.discovery(new URL(p.issuer), p.clientId, p.clientSecret ? { client_secret: p.clientSecret } : undefined, undefined, {
          ...(test.allowInsecureHttp ? { execute: [client.allowInsecureRequests] } : {}),
        });
        // A failed discovery (the provider was down) is tried again on the next sign-in.
        c.catch(() => discovered.delete(id));
        discovered.set(id, c);
      }
      return c;
    },
  };
  cache.set(providers, clients);
  return clients;
}

/** Where the provider sends the browser back to. */
export const callbackUrl = (publicUrl: string, providerId: string) => `${publicUrl.replace(/\/$/, '')}/login/oidc/${providerId}/callback`;

/**
 * Starts a sign-in: a fresh state, nonce and PKCE verifier stored under the hash of a random flow id (the browser keeps
 * the id in an HttpOnly cookie), and the provider's authorization URL.
 */
export async function startSignIn(
  db: Db,
  clients: OidcClients,
  o: { providerId: string; publicUrl: string; next: string; now: Date },
): Promise<{ url: string; flowId: string }> {
  const p = clients.provider(o.providerId);
  if (!p) throw new SignInRefused('Den valgte log ind-udbyder findes ikke.');
  let config: client.Configuration;
  try {
    config = await clients.configuration(p.id);
  } catch {
    throw new SignInRefused(`${p.label} svarer ikke lige nu. Prøv igen om lidt.`);
  }
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const flowId = newToken();
  await db.deleteFrom('oidc_flow').where('expires_at', '<', o.now).execute();
  await db
    .insertInto('oidc_flow')
    .values({
      id: sha256(flowId),
      provider: p.id,
      state,
      nonce,
      code_verifier: verifier,
      next: o.next,
      expires_at: new Date(o.now.getTime() + FLOW_MINUTES * 60_000),
    })
    .execute();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(o.publicUrl, p.id),
    scope: p.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, flowId };
}

type Claims = Record<string, unknown>;

const claimValues = (claims: Claims, name: string): string[] => {
  const v = claims[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
};

/** The grants a provider's mappings give for these claims (organisation short names or CVR looked up). */
export async function mappedGrants(db: Executor, p: OidcProviderConfig, claims: Claims): Promise<Grant[]> {
  const hits: OidcMapping[] = p.mappings.filter((m) => claimValues(claims, m.claim).includes(m.value));
  const grants: Grant[] = [];
  for (const m of hits) {
    let organisationId: number | null = null;
    const orgName = m.organisation ?? (p.organisationClaim ? claimValues(claims, p.organisationClaim)[0] : undefined);
    if (m.role === 'organisation') {
      if (!orgName) continue;
      const org = await db
        .selectFrom('organisation')
        .select('id')
        .where((eb) => eb.or([eb(eb.fn('lower', ['short_name']), '=', orgName.toLowerCase()), eb('cvr', '=', orgName)]))
        .executeTakeFirst();
      if (!org) continue;
      organisationId = org.id;
    }
    if (m.role === 'municipal' && !m.administration) continue;
    grants.push({ role: m.role, organisationId, administration: m.administration ?? null, planId: null, bodyId: null });
  }
  return grants;
}

const sameGrant = (a: Grant, b: Grant) =>
  a.role === b.role &&
  (a.organisationId ?? null) === (b.organisationId ?? null) &&
  (a.administration ?? null) === (b.administration ?? null) &&
  (a.planId ?? null) === (b.planId ?? null) &&
  (a.bodyId ?? null) === (b.bodyId ?? null);

export interface SignedIn {
  userId: number;
  idToken: string;
  next: string;
  /** The user was created now, or waits for an administrator, with no role. */
  pending: boolean;
}

const expired = 'Log ind-forsøget er udløbet eller allerede brugt. Start forfra.';

/**
 * Finishes a sign-in at the callback: consumes the flow row (a state used once finds nothing the second time), lets
 * openid-client check the answer (state, PKCE, the ID token's signature, issuer, audience, expiry and nonce), requires a
 * verified e-mail address, and finds the user by the provider's subject or that address — or creates one with the
 * mapped grants (none: waiting for an administrator).
 */
export async function finishSignIn(
  db: Db,
  clients: OidcClients,
  o: { providerId: string; flowId: string | undefined; currentUrl: URL; now: Date; allowDemo: boolean; log?: (err: unknown) => void },
): Promise<SignedIn> {
  const p = clients.provider(o.providerId);
  if (!p) throw new SignInRefused('Den valgte log ind-udbyder findes ikke.');
  if (!o.flowId) throw new SignInRefused(expired);
  const flow = await db.deleteFrom('oidc_flow').where('id', '=', sha256(o.flowId)).returningAll().executeTakeFirst();
  if (!flow || flow.provider !== p.id || flow.expires_at < o.now) throw new SignInRefused(expired);
  if (o.currentUrl.searchParams.get('state') !== flow.state) throw new SignInRefused(expired);
  if (o.currentUrl.searchParams.get('error'))
    throw new SignInRefused(`${p.label} afviste log ind (${o.currentUrl.searchParams.get('error')}).`);

  let claims: Claims;
  let idToken: string;
  try {
    const config = await clients.configuration(p.id);
    const tokens = await client.authorizationCodeGrant(config, o.currentUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new Error('no id_token');
    claims = { ...idClaims };
    idToken = tokens.id_token;
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      // The provider may keep e-mail and groups for its userinfo endpoint; the subject must be the ID token's.
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = {
        ...info,
        ...idClaims,
        groups: info.groups ?? idClaims.groups,
        email: info.email ?? idClaims.email,
        email_verified: info.email_verified ?? idClaims.email_verified,
        name: info.name ?? idClaims.name,
      };
    }
  } catch (err) {
    o.log?.(err);
    throw new SignInRefused(`Svaret fra ${p.label} kunne ikke godkendes, så du er ikke logget ind. Prøv igen, eller kontakt support.`);
  }

  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email || claims.email_verified !== true) {
    throw new SignInRefused(`${p.label} oplyste ikke en bekræftet e-mailadresse, så du kan ikke logge ind.`);
  }
  const sub = String(claims.sub);
  const name = (typeof claims.name === 'string' && claims.name.trim()) || email;
  const grants = await mappedGrants(db, p, claims);
  const actor = systemActor(`Log ind via ${p.label}`);

  const userId = await db.transaction().execute(async (trx) => {
    const linked = await trx
      .selectFrom('user_identity')
      .select('user_id')
      .where('provider', '=', p.id)
      .where('subject', '=', sub)
      .executeTakeFirst();
    let id = linked?.user_id;
    if (!id) {
      const byEmail = await trx
        .selectFrom('app_user')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .executeTakeFirst();
      id = byEmail?.id;
      if (!id) {
        const created = await trx
          .insertInto('app_user')
          .values({ email, name, password_hash: null })
          .returning(['id', 'version'])
          .executeTakeFirstOrThrow();
        id = created.id;
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'user',
          entityId: id,
          version: created.version,
          summary: `Oprettede brugeren ${name} ved første log ind via ${p.label}`,
          after: { name, grants },
        });
        if (grants.length === 0) await trx.insertInto('user_approval').values({ user_id: id, provider: p.id }).execute();
      }
      await trx.insertInto('user_identity').values({ user_id: id, provider: p.id, subject: sub, last_login_at: o.now }).execute();
    } else {
      await trx
        .updateTable('user_identity')
        .set({ last_login_at: o.now })
        .where('provider', '=', p.id)
        .where('subject', '=', sub)
        .execute();
    }
    const user = await trx.selectFrom('app_user').select(['id', 'disabled', 'is_demo']).where('id', '=', id).executeTakeFirstOrThrow();
    if (user.disabled || (user.is_demo && !o.allowDemo))
      throw new SignInRefused('Din bruger er spærret i Helhed. Kontakt systemadministratoren.');
    const have = await grantsOf(trx, id);
    const missing = grants.filter((g) => !have.some((h) => sameGrant(g, h)));
    for (const g of missing) await addGrant(trx, id, g);
    if (missing.length) {
      await trx.deleteFrom('user_approval').where('user_id', '=', id).execute();
      await recordAudit(trx, actor, {
        action: 'update',
        entityType: 'user',
        entityId: id,
        summary: `Roller fra ${p.label}`,
        changes: [{ field: 'grants', before: have, after: [...have, ...missing] }],
      });
    }
    return id;
  });
  const pending = !!(await db.selectFrom('user_approval').select('user_id').where('user_id', '=', userId).executeTakeFirst());
  return { userId, idToken, next: flow.next, pending };
}

/** Notes which provider a new session came from and its ID token (the hint for logout at the provider). */
export async function rememberProviderSession(db: Db, sessionToken: string, providerId: string, idToken: string): Promise<void> {
  await db
    .insertInto('session_oidc')
    .values({ session_id: sha256(sessionToken), provider: providerId, id_token: idToken })
    .execute();
}

/**
 * Where the browser goes after Helhed's session ended, to end the provider's too: the provider's end-session endpoint
 * with the ID token as hint, or null (a local session, a provider without the endpoint).
 */
export async function providerLogoutUrl(
  db: Db,
  clients: OidcClients,
  sessionToken: string,
  postLogoutUrl: string,
): Promise<{ url: string; label: string } | null> {
  const s = await db.selectFrom('session_oidc').selectAll().where('session_id', '=', sha256(sessionToken)).executeTakeFirst();
  if (!s) return null;
  const p = clients.provider(s.provider);
  if (!p) return null;
  try {
    const config = await clients.configuration(p.id);
    if (!config.serverMetadata().end_session_endpoint) return null;
    const url = client.buildEndSessionUrl(config, {
      id_token_hint: s.id_token,
      post_logout_redirect_uri: postLogoutUrl,
      client_id: p.clientId,
    });
    return { url: url.href, label: p.label };
  } catch {
    return null;
  }
}
