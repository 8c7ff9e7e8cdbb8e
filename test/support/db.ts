import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { describe, inject } from 'vitest';
import { type Db, kyselyOverPglite, kyselyOverPostgres, pgliteExtensions } from '../../src/db/database.ts';
import { withDatabase } from './env.ts';

export type Backend = 'pglite' | 'postgres';
export const backend = (): Backend => (process.env.HELHED_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite');

export interface TestDatabase {
  kind: Backend;
  db: Db;
  /** PostgreSQL only: the test database's address, for a second pool (a second app process). */
  url?: string;
  close(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated database with the reference data (and with `demo` the demo data set), cloned from this run's template. */
export async function openTestDatabase(o: { demo?: boolean } = {}): Promise<TestDatabase> {
  if (backend() === 'pglite') {
    const blob = new Blob([readFileSync(inject(o.demo ? 'pgliteDemoTemplate' : 'pgliteTemplate'))]);
    const pglite = await PGlite.create({ loadDataDir: blob, extensions: pgliteExtensions });
    const db = kyselyOverPglite(pglite);
    return {
      kind: 'pglite',
      db,
      async close() {
        await db.destroy();
        await pglite.close();
      },
    };
  }
  const pgInfo = inject('postgres');
  if ('unavailable' in pgInfo) throw new Error(pgInfo.unavailable);
  const name = `helhed_t_${process.ppid}_${process.pid}_${counter++}`;
  // The template belongs to the vitest main process; its pid names it.
  await withDatabase(pgInfo.adminUrl, (q) => q(`CREATE DATABASE ${name} TEMPLATE ${o.demo ? pgInfo.demoTemplate : pgInfo.template}`));
  const u = new URL(pgInfo.adminUrl);
  u.pathname = `/${name}`;
  const db = kyselyOverPostgres(u.toString(), 5);
  return {
    kind: 'postgres',
    db,
    url: u.toString(),
    async close() {
      await db.destroy();
      await withDatabase(pgInfo.adminUrl, (q) => q(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Why the current backend can't run here, or null. Outside CI a missing PostgreSQL is a visible skip. */
export function unavailable(): string | null {
  if (backend() !== 'postgres') return null;
  const info = inject('postgres');
  return 'unavailable' in info ? info.unavailable : null;
}

/**
 * `describe` for database suites: runs on the project's backend, and is skipped — with the reason in
 * its name — only when PostgreSQL is missing outside CI (global setup fails the run under CI=true).
 */
export function describeDb(name: string, fn: () => void): void {
  const reason = unavailable();
  if (reason) describe.skip(`${name} [${backend()}] — sprunget over: ${reason}`, fn);
  else describe(`${name} [${backend()}]`, fn);
}
