import pg from 'pg';

export const isCi = () => process.env.CI === 'true' || process.env.CI === '1';

/**
 * The PostgreSQL server tests use: TEST_DATABASE_URL, else the local default — never DATABASE_URL, which may name a
 * production database (the suite creates and drops databases on this server).
 */
export const adminUrl = () => process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs statements on a short-lived admin connection (CREATE/DROP DATABASE cannot run in a pool transaction). */
export async function withDatabase<T>(url: string, fn: (q: (sql: string) => Promise<any[]>) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(async (sql) => (await client.query(sql)).rows);
  } finally {
    await client.end();
  }
}
