import { resolve } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  HELHED_DATA_DIR: z.string().default('./data'),
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
});

export type Config = {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  port: number;
  host: string;
  production: boolean;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  mapTileUrl: string | undefined;
  sessionTtlHours: number;
  suppressionThreshold: number;
  uploadLimitBytes: number;
  /** Benchmarks only: serve stored copies of pages as static twins under /__twin/ (never in production). */
  benchTwins: boolean;
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
      : { kind: 'pglite', dataDir: resolve(e.HELHED_DATA_DIR) },
    port: e.PORT,
    host: e.HOST,
    production: e.NODE_ENV === 'production',
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    mapTileUrl: e.MAP_TILE_URL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    suppressionThreshold: e.SUPPRESSION_THRESHOLD,
    uploadLimitBytes: Math.round(e.UPLOAD_LIMIT_MB * 1024 * 1024),
    benchTwins: e.HELHED_BENCH_TWINS === '1' && e.NODE_ENV !== 'production',
  };
}

/** Whether CI asked for a run in which nothing may be skipped. */
export const isCi = (env: NodeJS.ProcessEnv = process.env) => env.CI === 'true' || env.CI === '1';
