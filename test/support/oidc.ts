import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** A free port on the loopback interface (taken and released at once). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const listen = async (server: Server, port = 0) => {
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
};

export interface PersonClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  /** Any other claim (a housing organisation …). */
  [claim: string]: unknown;
}

/** How the next ID token is forged: extra or replaced claims (`aud` of another client, an `exp` in the past …). */
export type Forge = Record<string, unknown>;

export interface FakeProvider {
  issuer: string;
  clientId: string;
  /** Acts as the provider's login: returns the callback URL for an authorization URL Helhed sent the browser to. */
  authorize(authUrl: URL, person: PersonClaims, forge?: Forge): URL;
  /** How many times the token endpoint answered. */
  tokenCalls: number;
  close(): Promise<void>;
}

/**
 * An OpenID provider whose keys the test controls (node:http and jose): discovery, JWKS, token and userinfo endpoints.
 * It checks PKCE at the token endpoint and signs whatever ID token the test asks for — for the forged cases.
 */
export async function startFakeProvider(clientId = 'helhed'): Promise<FakeProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; nonce: string; person: PersonClaims; forge: Forge }>();
  const access = new Map<string, PersonClaims>();
  let issuer = '';
  const fake: FakeProvider = {
    issuer: '',
    clientId,
    tokenCalls: 0,
    authorize(authUrl, person, forge = {}) {
      const code = randomBytes(16).toString('base64url');
      codes.set(code, {
        challenge: authUrl.searchParams.get('code_challenge') ?? '',
        nonce: authUrl.searchParams.get('nonce') ?? '',
        person,
        forge,
      });
      const cb = new URL(authUrl.searchParams.get('redirect_uri') ?? '');
      cb.searchParams.set('code', code);
      cb.searchParams.set('state', authUrl.searchParams.get('state') ?? '');
      return cb;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/token' && req.method === 'POST') {
      fake.tokenCalls++;
      let body = '';
      for await (const chunk of req) body += chunk;
      const p = new URLSearchParams(body);
      const entry = codes.get(p.get('code') ?? '');
      codes.delete(p.get('code') ?? '');
      const verifier = p.get('code_verifier') ?? '';
      if (!entry || createHash('sha256').update(verifier).digest('base64url') !== entry.challenge)
        return json(res, 400, { error: 'invalid_grant' });
      const now = Math.floor(Date.now() / 1000);
      const claims = { ...entry.person, nonce: entry.nonce, iss: issuer, aud: clientId, iat: now, exp: now + 300, ...entry.forge };
      const idToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' }).sign(privateKey);
      const accessToken = randomBytes(16).toString('base64url');
      access.set(accessToken, entry.person);
      return json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    if (url.pathname === '/userinfo') {
      const person = access.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      return person ? json(res, 200, person) : json(res, 401, { error: 'invalid_token' });
    }
    json(res, 404, { error: 'not_found' });
  });
  const port = await listen(server);
  issuer = `http://127.0.0.1:${port}`;
  fake.issuer = issuer;
  return fake;
}

/** Helhed's `OIDC_PROVIDERS` for one provider. */
export const providersEnv = (p: {
  id: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  mappings?: unknown[];
  organisationClaim?: string;
}) => JSON.stringify([{ scopes: 'openid email profile groups', mappings: [], ...p }]);

export interface RealProvider {
  issuer: string;
  /** Every end-session request the provider finished. */
  endSessions: number;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (`oidc-provider`) on loopback, with its dev interaction pages (any login; the password is
 * ignored). Accounts: `login` names the subject; `people` gives their claims.
 */
export async function startRealProvider(o: {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutUri: string;
  people: Record<string, Omit<PersonClaims, 'sub'>>;
}): Promise<RealProvider> {
  const { default: Provider } = await import('oidc-provider');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const issuer = `http://127.0.0.1:${o.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: o.clientId,
        client_secret: o.clientSecret,
        redirect_uris: [o.redirectUri],
        post_logout_redirect_uris: [o.postLogoutUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['helhed-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    conformIdTokenClaims: false,
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx: unknown, sub: string) {
      const person = o.people[sub] ?? { email: `${sub}@example.test`, email_verified: true, name: sub };
      return { accountId: sub, claims: async () => ({ sub, ...person }) };
    },
  });
  const real: RealProvider = { issuer, endSessions: 0, close: async () => {} };
  provider.on('end_session.success', () => {
    real.endSessions++;
  });
  const server = createServer(provider.callback());
  await listen(server, o.port);
  real.close = () => new Promise<void>((r) => server.close(() => r()));
  return real;
}
