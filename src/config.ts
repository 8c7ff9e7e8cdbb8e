import { resolve } from 'node:path';
import { z } from 'zod';
import { administrations, roles } from './policy/actor.ts';

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  HELHED_DATA_DIR: z.string().default('./data'),
  /** The embedded database's buffer pool (PostgreSQL's shared_buffers); PGlite's own default is 128MB. */
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, 'PGLITE_SHARED_BUFFERS: et tal med kB, MB eller GB, fx 16MB')
    .default('16MB'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Helhed <helhed@localhost>'),
  PUBLIC_URL: z.string().url().optional(),
  MAP_TILE_URL: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).default(5),
  UPLOAD_LIMIT_MB: z.coerce.number().positive().default(20),
  HELHED_BENCH_TWINS: z.enum(['0', '1']).default('0'),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  OIDC_PROVIDERS: z.string().optional(),
  LOCAL_LOGIN: z.enum(['0', '1']).default('1'),
});

/** One grant a provider's claim gives: when the claim (a string or a list, e.g. `groups`) holds `value`. */
const oidcMapping = z.object({
  claim: z.string().min(1).default('groups'),
  value: z.string().min(1),
  role: z.enum(roles),
  administration: z.enum(administrations).optional(),
  /** A housing organisation's short name (for the organisation role), when the claim names one organisation. */
  organisation: z.string().min(1).optional(),
});

/** An OpenID Connect provider (the municipality's, a housing organisation's): `OIDC_PROVIDERS` is a JSON list of these. */
const oidcProvider = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'id: små bogstaver, tal og bindestreg'),
  label: z.string().min(1),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().optional(),
  scopes: z.string().default('openid email profile'),
  mappings: z.array(oidcMapping).default([]),
  /** A claim naming the user's housing organisation (short name or CVR): gives organisation grants their organisation. */
  organisationClaim: z.string().optional(),
});
export type OidcProviderConfig = z.infer<typeof oidcProvider>;
export type OidcMapping = z.infer<typeof oidcMapping>;

function parseProviders(json: string | undefined): OidcProviderConfig[] {
  if (!json) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('Ugyldig konfiguration:\n  OIDC_PROVIDERS: skal være en JSON-liste');
  }
  const parsed = z.array(oidcProvider).safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  OIDC_PROVIDERS.${i.path.join('.')}: ${i.message}`);
    throw new Error(`Ugyldig konfiguration:\n${lines.join('\n')}`);
  }
  const ids = parsed.data.map((p) => p.id);
  if (new Set(ids).size !== ids.length) throw new Error('Ugyldig konfiguration:\n  OIDC_PROVIDERS: to udbydere har samme id');
  return parsed.data;
}

export type Config = {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string; sharedBuffers?: string };
  port: number;
  host: string;
  production: boolean;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  /** Helhed is reached over HTTPS (`PUBLIC_URL` is https://…): every cookie is Secure and HSTS is sent. */
  https: boolean;
  /** Trust the `X-Forwarded-*` headers of the proxy in front (`TRUST_PROXY=1`); otherwise they are ignored. */
  trustProxy: boolean;
  mapTileUrl: string | undefined;
  sessionTtlHours: number;
  suppressionThreshold: number;
  uploadLimitBytes: number;
  /** Benchmarks only: serve stored copies of pages as static twins under /__twin/ (never in production). */
  benchTwins: boolean;
  /** OpenID Connect providers (`OIDC_PROVIDERS`, a JSON list) and whether local passwords are accepted (`LOCAL_LOGIN`). */
  oidc: { providers: OidcProviderConfig[]; localLogin: boolean };
};

/** Reads the environment once; the only module that touches `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (DATABASE_URL= in a shell or .env file).
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Ugyldig konfiguration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(e.HELHED_DATA_DIR), sharedBuffers: e.PGLITE_SHARED_BUFFERS },
    port: e.PORT,
    host: e.HOST,
    production: e.NODE_ENV === 'production',
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    https: (e.PUBLIC_URL ?? '').startsWith('https://'),
    trustProxy: e.TRUST_PROXY === '1',
    mapTileUrl: e.MAP_TILE_URL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    suppressionThreshold: e.SUPPRESSION_THRESHOLD,
    uploadLimitBytes: Math.round(e.UPLOAD_LIMIT_MB * 1024 * 1024),
    benchTwins: e.HELHED_BENCH_TWINS === '1' && e.NODE_ENV !== 'production',
    oidc: { providers: parseProviders(e.OIDC_PROVIDERS), localLogin: e.LOCAL_LOGIN === '1' },
  };
}

/** Whether CI asked for a run in which nothing may be skipped. */
export const isCi = (env: NodeJS.ProcessEnv = process.env) => env.CI === 'true' || env.CI === '1';
